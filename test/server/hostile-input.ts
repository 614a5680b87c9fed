import { request } from 'node:http';
import fc from 'fast-check';
import type { TestServer } from './server-harness.js';

/**
 * How the hostile-input properties run. The seed is fixed so CI runs the same cases every time and a
 * failure reproduces; set HOSTILE_SEED=<n> to explore other cases (fast-check prints the seed and the
 * shrunk counterexample of a failure) and HOSTILE_RUNS=<n> to run more of them.
 */
export const HOSTILE_SEED = Number(process.env.HOSTILE_SEED ?? 4_2025);
export const HOSTILE_RUNS = Number(process.env.HOSTILE_RUNS ?? 60);

export function runs(numRuns = HOSTILE_RUNS): fc.Parameters<unknown> {
  return { seed: HOSTILE_SEED, numRuns };
}

export interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
}

/**
 * POSTs exactly these bytes and headers (fetch would add a content type and a length). `chunks` are
 * written one by one without Content-Length, so the request goes out chunked. The answer counts as soon
 * as it arrives: a server that refuses a body early may close the socket while we still write.
 */
export function sendRaw(url: string, headers: Record<string, string>, chunks: readonly Buffer[]): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(url, { method: 'POST', headers }, (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(parts).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

/** The checks after every hostile request: the process still answers, and the queue holds `jobs` jobs. */
export async function expectServerUpWithJobs(test: TestServer, jobs: number): Promise<void> {
  const health = await fetch(`${test.server.url}/healthz`);
  if (health.status !== 200) throw new Error(`/healthz answered ${health.status}`);
  const queued = (await test.jobs()).length;
  if (queued !== jobs) throw new Error(`the queue holds ${queued} jobs, expected ${jobs}`);
}

/** Content types a broken or hostile client might send, the right one among them. */
export const contentTypes: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constantFrom(undefined, 'application/json', 'application/json; charset=utf-8', 'text/plain', 'text/html',
    'application/x-www-form-urlencoded', 'multipart/form-data; boundary=xyz', 'application/octet-stream', 'application/xml', '*/*', ''),
  fc.string({ maxLength: 60 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
);

/** Byte sequences that are not UTF-8: lone continuation bytes, overlong forms, surrogates, truncated sequences. */
export const invalidUtf8: fc.Arbitrary<Buffer> = fc.tuple(
  fc.string({ maxLength: 40 }),
  fc.constantFrom([0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82], [0xff], [0xfe, 0xff, 0x00]),
  fc.string({ maxLength: 40 }),
).map(([before, bad, after]) => Buffer.concat([Buffer.from(`{"title":"${before.replace(/["\\]/g, '')}`), Buffer.from(bad), Buffer.from(`${after.replace(/["\\]/g, '')}"}`)]));

/** JSON nested `depth` deep, arrays or objects. */
export function nested(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** Bodies that are not what a tracker sends: random bytes, random text, random JSON, broken JSON. */
export const hostileBodies: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes)),
  fc.string({ unit: 'binary', maxLength: 512 }).map((text) => Buffer.from(text)),
  fc.json({ maxDepth: 4 }).map((text) => Buffer.from(text)),
  fc.json({ maxDepth: 3 }).map((text) => Buffer.from(text.slice(0, Math.max(0, text.length - 1)))),
  invalidUtf8,
  fc.tuple(fc.integer({ min: 1_000, max: 100_000 }), fc.constantFrom<'array' | 'object'>('array', 'object'))
    .map(([depth, kind]) => Buffer.from(nested(depth, kind))),
);
