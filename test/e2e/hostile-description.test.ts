import { ensureBuilt, freePort, spawnNode, until, type SpawnedProcess } from '../faults/spawned-process.js';
import { deleteKeysUnderOn } from '../redis-prefix.js';
import { uniquePrefix } from '../server/server-harness.js';
import { fixture, linearDelivery, post } from '../server/signed-delivery.js';
import { startLinearStub, type LinearStub } from '../stubs/linear-stub.js';

/*
 * A ticket's own text must never freeze the bot (issue 13). One signed 400 KB Linear webhook holding
 * 200,000 tabs and an `x` blocked `npm start`'s event loop for up to 39 s: /healthz stopped answering,
 * the webhook server in the same process missed Linear's 5 s timeout, and the job lost its lock. Here
 * the server and a worker run in one spawned process, as `npm start` runs them, and /healthz is asked
 * every 20 ms from before the hostile webhooks arrive until their comments are written: every answer
 * comes within 100 ms. An ordinary ticket goes first, unprobed: the first review after a start also
 * pays for first uses (zod compiling its parsers, the first HTTP client), which is not the text's doing.
 */
const REDIS_URL = 'redis://127.0.0.1:6379';
const SECRET = 'lin_wh_hostile_description';
const TEAM_ID = '2b7e4f19-8c3a-4d65-9e01-6f4a2c8b7d35';
const HEALTH_BOUND_MS = 100;

const prefix = uniquePrefix('hostile-description');
let linear: LinearStub;
let app: SpawnedProcess | undefined;

const HOSTILE = {
  '200,000 tabs and an x': '\t'.repeat(200_000) + 'x',
  '100,000 [': '['.repeat(100_000),
};

beforeAll(async () => {
  ensureBuilt();
  linear = await startLinearStub();
  linear.state.teams.set(TEAM_ID, { id: TEAM_ID, key: 'OPS', name: 'Operations' });
});

afterAll(async () => {
  app?.child.kill('SIGKILL');
  await linear.close();
  await deleteKeysUnderOn(REDIS_URL, prefix);
});

/** Asks /healthz every 20 ms until stopped; the slowest answer and how many answered. */
function probeHealth(url: string): { stop(): Promise<{ slowestMs: number; answered: number; failed: number }> } {
  let running = true;
  let slowestMs = 0;
  let answered = 0;
  let failed = 0;
  const loop = (async () => {
    while (running) {
      const start = performance.now();
      const ok = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.ok, () => false);
      slowestMs = Math.max(slowestMs, performance.now() - start);
      if (ok) answered += 1;
      else failed += 1;
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return { async stop() { running = false; await loop; return { slowestMs, answered, failed }; } };
}

it('keeps /healthz answering within 100 ms while npm start takes and reviews 400 KB of hostile descriptions', async () => {
  const port = await freePort();
  const script = [
    "import { runProcess } from './dist/src/config/process-lifecycle.js';",
    "import { startServerPart } from './dist/src/server-main.js';",
    "import { startWorkerPart } from './dist/workers/main.js';",
    // As src/main.ts, under a key prefix of the test's own on the shared Redis.
    `const prefix = ${JSON.stringify(prefix)};`,
    "void runProcess('ticketlint process', async (basics) => {",
    '  const worker = await startWorkerPart(basics, { prefix });',
    '  const server = await startServerPart(basics, { prefix });',
    '  return { async stop() { server.stopAccepting(); await worker.stop(); await server.stop(); } };',
    '});',
  ].join('\n');
  app = spawnNode(['--input-type=module', '-e', script], {
    PORT: String(port), REDIS_URL, ALLOW_VOLATILE_REDIS: '1', LINEAR_API_KEY: 'lin_api_hostile', LINEAR_WEBHOOK_SECRET: SECRET, LINEAR_API_URL: linear.url,
    EVENT_WINDOW_MS: '0', LOG_LEVEL: 'warn',
  });
  const url = `http://127.0.0.1:${port}`;
  await until('the process answers /healthz', () => fetch(`${url}/healthz`).then((r) => r.ok, () => false));

  const ticket = (i: number, description: string) => {
    const id = `7c41d0e2-5b8f-4a3c-9d16-0e2f8a4b6c${String(i).padStart(2, '0')}`;
    const issue = { id, identifier: `OPS-${i + 1}`, title: 'Add CSV export', description, teamId: TEAM_ID, creatorId: null, labelIds: [], createdAt: '2025-07-01T08:00:00.000Z' };
    linear.state.issues.set(id, issue);
    const payload = fixture('linear', 'issue-created');
    return linearDelivery({ ...payload, data: { ...(payload.data as object), ...issue, labels: [] } }, SECRET);
  };
  expect((await post(`${url}/webhooks/linear`, ticket(99, 'We need it.'))).status).toBe(200);
  await until('the ordinary ticket has its comment', () => linear.state.comments.length === 1, 30_000);

  const deliveries = Object.values(HOSTILE).map((description, i) => ticket(i, description));
  expect(Buffer.byteLength(deliveries[0]!.body)).toBeGreaterThan(400_000);

  const probe = probeHealth(url);
  await new Promise((r) => setTimeout(r, 200));
  const answers = await Promise.all(deliveries.map((delivery) => post(`${url}/webhooks/linear`, delivery)));
  await until('both hostile tickets have their comment', () => linear.state.comments.length === 1 + deliveries.length, 30_000);
  await new Promise((r) => setTimeout(r, 200));
  const health = await probe.stop();

  expect(answers.map((a) => a.status)).toEqual([200, 200]);
  expect(health.failed).toBe(0);
  expect(health.answered).toBeGreaterThan(5);
  expect(health.slowestMs).toBeLessThan(HEALTH_BOUND_MS);
}, 60_000);
