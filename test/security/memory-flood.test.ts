import { readFileSync } from 'node:fs';
import { ensureBuilt, freePort, spawnNode, until, type SpawnedProcess } from '../faults/spawned-process.js';
import { deleteKeysUnderOn } from '../redis-prefix.js';
import { LINEAR_SECRET, uniquePrefix } from '../server/server-harness.js';
import { fixture, linearDelivery, post } from '../server/signed-delivery.js';
import { postHead, rawExchange, type RawExchange } from './raw-http.js';

/*
 * Memory without the secret (issue 13): each connection that sent most of a 1 MiB body and stopped kept
 * it in memory, with no cap on connections; 1,500 of them took the server to 1.64 GB. Here 2,000 such
 * uploads hit a server process running on its default settings (MAX_CONNECTIONS, MAX_BODY_BYTES_IN_FLIGHT):
 * its RSS, read from /proc, stays under 300 MB, and real signed webhooks are still answered 200.
 */
const UPLOADS = 2000;
const DECLARED = 1_000_000;
const SENT = 900_000;
const BATCH = 100;
const REDIS_URL = 'redis://127.0.0.1:6379';

const prefix = uniquePrefix('memory-flood');
let server: SpawnedProcess | undefined;
const uploads: RawExchange[] = [];

afterAll(async () => {
  for (const upload of uploads) upload.socket.destroy();
  server?.child.kill('SIGKILL');
  await deleteKeysUnderOn(REDIS_URL, prefix);
});

/** The resident set of process `pid` in MB, from /proc. */
function rssMegabytes(pid: number): number {
  const kilobytes = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kilobytes) / 1024;
}

/** Resolves once the upload is stuck: all its bytes handed to the kernel, or the server answered or closed it. */
function settled(upload: RawExchange): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 10_000);
    const done = (): void => { clearTimeout(timer); resolve(); };
    upload.socket.once('close', done);
    upload.socket.once('data', done);
    upload.socket.write('', done);
  });
}

it('keeps the server under 300 MB of RSS through 2,000 stalled uploads of most of 1 MiB, and still answers real webhooks', async () => {
  ensureBuilt();
  const port = await freePort();
  const script = [
    "import { runProcess } from './dist/src/config/process-lifecycle.js';",
    "import { startServerPart } from './dist/src/server-main.js';",
    `void runProcess('webhook server', (basics) => startServerPart(basics, { prefix: ${JSON.stringify(prefix)} }));`,
  ].join('\n');
  server = spawnNode(['--input-type=module', '-e', script], {
    PORT: String(port), REDIS_URL, ALLOW_VOLATILE_REDIS: '1', LINEAR_API_KEY: 'lin_api_flood', LINEAR_WEBHOOK_SECRET: LINEAR_SECRET, LOG_LEVEL: 'error',
  });
  const url = `http://127.0.0.1:${port}`;
  await until('the server answers /healthz', () => fetch(`${url}/healthz`).then((r) => r.ok, () => false));
  const pid = server.child.pid!;
  const atRest = rssMegabytes(pid);

  const upload = Buffer.concat([Buffer.from(postHead('/webhooks/linear', DECLARED)), Buffer.alloc(SENT, '{')]);
  for (let sent = 0; sent < UPLOADS; sent += BATCH) {
    const batch = Array.from({ length: BATCH }, () => rawExchange(url, upload));
    uploads.push(...batch);
    await Promise.all(batch.map(settled));
  }
  const flooded = rssMegabytes(pid);

  const answers = await Promise.all(Array.from({ length: 5 }, () => post(`${url}/webhooks/linear`, linearDelivery(fixture('linear', 'issue-created'), LINEAR_SECRET))));
  expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
  // Measured here: about 80 MB at rest, 140 MB flooded; without the caps, 1.3 GB.
  expect(atRest).toBeLessThan(300);
  expect(flooded).toBeLessThan(300);
  expect(rssMegabytes(pid)).toBeLessThan(300);
}, 120_000);
