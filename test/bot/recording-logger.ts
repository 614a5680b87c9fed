import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';

/** A real pino logger at debug level whose lines are kept, parsed, for the test to read. */
export function recordingLogger(): { log: Logger; entries: Record<string, unknown>[] } {
  const entries: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) entries.push(JSON.parse(line));
      done();
    },
  });
  return { log: pino({ level: 'debug' }, sink), entries };
}
