import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { UsageError, type CliIo } from './cli-io.js';

/** The text of FILE (relative to the CLI's cwd), or of standard input for `-`. */
export async function readInputText(file: string, io: CliIo): Promise<string> {
  if (file === '-') {
    if ((io.stdin as Readable & { isTTY?: boolean }).isTTY) {
      throw new UsageError('standard input is a terminal: pipe tickets in, or give a FILE or --title (see --help)');
    }
    return readStream(io.stdin);
  }
  try {
    return await readFile(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new UsageError(`cannot read ${file}: ${why}`);
  }
}

async function readStream(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
