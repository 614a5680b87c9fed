import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import type { ProcessBasics, RunningPart } from '../../src/config/process-lifecycle.js';
import { closeRedis, createProducerConnection } from '../../src/queue/redis-connection.js';
import { TicketQueueAdmin } from '../../src/queue/ticket-queue-admin.js';
import { startServerPart, type RunningServer } from '../../src/server-main.js';
import { startWorkerPart } from '../../workers/main.js';
import { PrivateRedis } from '../faults/private-redis.js';
import { freePort, until } from '../faults/spawned-process.js';
import { deleteKeysUnder } from '../redis-prefix.js';
import { basicsFor } from '../server/server-harness.js';
import { fixture, linearDelivery, post } from '../server/signed-delivery.js';
import { type LinearStub, seedFixtureIssue, startLinearStub } from '../stubs/linear-stub.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const SECRET = 'lin_wh_apart_5d1e';
const ISSUE_ID = '0b6f9a52-5c3e-4d8a-8f21-7e4a1d9c3b60';
const TEAM_ID = 'a3e4b9d2-1f60-4e57-b0c8-6d2f1a9e8c44';
const stamp = `${process.pid}-${Date.now().toString(36)}`;
/** TICKETLINT_PREFIX of the two deployments sharing the test Redis. */
const STAGING = `tl-test-staging-${stamp}`;
const PRODUCTION = `tl-test-production-${stamp}`;

/** JSON log lines written by a process part, kept for assertions. */
function logLines(): { log: pino.Logger; lines: () => Record<string, unknown>[] } {
  const text: string[] = [];
  const sink = new Writable({ write(chunk: Buffer, _enc, done) { text.push(chunk.toString('utf8')); done(); } });
  return { log: pino({ level: 'info' }, sink), lines: () => text.join('').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const env = (prefix: string, more: Record<string, string> = {}): Record<string, string> => ({
  REDIS_URL, TICKETLINT_PREFIX: prefix, LINEAR_WEBHOOK_SECRET: SECRET, LINEAR_API_KEY: 'lin_api_apart', EVENT_WINDOW_MS: '0', ...more,
});

describe('two deployments on one Redis, told apart by TICKETLINT_PREFIX', () => {
  let linear: LinearStub;
  let redis: Redis;
  const running: RunningPart[] = [];
  const start = async <T extends RunningPart>(part: Promise<T>): Promise<T> => { const p = await part; running.push(p); return p; };

  beforeAll(async () => {
    linear = await startLinearStub();
    seedFixtureIssue(linear, { issueId: ISSUE_ID, teamId: TEAM_ID }, 'Add bulk archive for saved filters');
    redis = new Redis(REDIS_URL);
  });

  afterEach(async () => {
    for (const part of running.splice(0).reverse()) await part.stop();
    await deleteKeysUnder(redis, STAGING);
    await deleteKeysUnder(redis, PRODUCTION);
  });

  afterAll(async () => {
    await redis.quit();
    await linear.close();
  });

  function admin(prefix: string): { admin: TicketQueueAdmin; close: () => Promise<void> } {
    const connection = createProducerConnection(REDIS_URL);
    const a = new TicketQueueAdmin({ connection, prefix });
    return { admin: a, close: async () => { await a.close(); await closeRedis(connection); } };
  }

  it("keeps each deployment's deliveries, jobs and keys to itself", async () => {
    const staging = basicsFor(env(STAGING, { LINEAR_API_URL: linear.url }));
    const production = basicsFor(env(PRODUCTION, { LINEAR_API_URL: linear.url }));
    const server = await start<RunningServer>(startServerPart(production, { port: 0 }));
    await start(startWorkerPart(staging));
    const [stagingQueue, productionQueue] = [admin(STAGING), admin(PRODUCTION)];
    try {
      expect((await post(`${server.url}/webhooks/linear`, linearDelivery(fixture('linear', 'issue-created'), SECRET))).status).toBe(200);
      // The staging worker runs all along; it must never see production's delivery.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await productionQueue.admin.intakeBacklog()).toBe(1);
      expect(await stagingQueue.admin.counts()).toEqual({ waiting: 0, delayed: 0, active: 0, failed: 0 });
      expect(linear.calls).toHaveLength(0);
      const serverMetrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(serverMetrics).toMatch(/^ticketlint_intake_backlog 1$/m);
      expect(serverMetrics).toMatch(/^ticketlint_oldest_waiting_seconds\{queue="intake"\} (1\.\d+|[2-9])/m);
      expect(serverMetrics).toMatch(/^ticketlint_queue_jobs\{queue="ticketlint-events",state="waiting"\} 0$/m);
      expect(serverMetrics).toMatch(/^ticketlint_redis_up 1$/m);
      await start(startWorkerPart(production));
      await until('the production worker has handled its job', async () => (await redis.keys(`${PRODUCTION}:ticketlint-events:completed`)).length > 0);
      expect(await redis.keys(`${STAGING}:*`)).not.toEqual(expect.arrayContaining([expect.stringContaining('completed')]));
      expect((await redis.keys(`${PRODUCTION}:ticket-state:*`)).length).toBe(1);
    } finally {
      await stagingQueue.close();
      await productionQueue.close();
    }
  });

  it('sets aside, without failing or retrying it, a job for a workspace the worker has no credentials for; says so once a minute; brings it back on retry', async () => {
    const server = await start<RunningServer>(startServerPart(basicsFor(env(STAGING)), { port: 0 }));
    const { log, lines } = logLines();
    // A worker with Jira only: the Linear deliveries are another deployment's business.
    const jiraOnly: ProcessBasics = basicsFor({
      REDIS_URL, TICKETLINT_PREFIX: STAGING, EVENT_WINDOW_MS: '0',
      JIRA_BASE_URL: 'https://acme.atlassian.net', JIRA_EMAIL: 'bot@acme.test', JIRA_API_TOKEN: 't', JIRA_WEBHOOK_SECRET: 'j',
    }, log);
    await start(startWorkerPart(jiraOnly));
    const queue = admin(STAGING);
    try {
      for (let i = 0; i < 3; i++) await post(`${server.url}/webhooks/linear`, linearDelivery(fixture('linear', 'issue-created'), SECRET, { now: Date.now() + i }));
      await until('the three jobs are parked', async () => (await queue.admin.parked()).length === 3);
      expect(await queue.admin.counts()).toMatchObject({ waiting: 0, active: 0, failed: 0, delayed: 3 });
      const parkedLines = lines().filter((l) => String(l.msg).startsWith('Sets jobs aside'));
      expect(parkedLines).toHaveLength(1);
      expect(parkedLines[0]).toMatchObject({ level: 40, provider: 'linear', workspace: 'f0e9d8c7-b6a5-4321-8fed-cba987654321', retryInMinutes: 60 });
      expect(JSON.stringify(lines())).not.toMatch(/"stack"|"err"/);
      expect(await jiraOnly.registry.getSingleMetricAsString('ticketlint_jobs_parked_total')).toMatch(/provider="linear",reason="no_credentials"} 3$/m);

      const [first] = await queue.admin.parked();
      expect(await queue.admin.retry(first!.id)).toBe('promoted');
      // Taken again at once, and set aside again: still no failure, and no second line within the minute.
      await until('the promoted job is parked again', async () => (await queue.admin.show(first!.id))?.state === 'parked' && (await queue.admin.parked()).length === 3);
      expect(await jiraOnly.registry.getSingleMetricAsString('ticketlint_jobs_parked_total')).toMatch(/} 4$/m);
      expect(lines().filter((l) => String(l.msg).startsWith('Sets jobs aside'))).toHaveLength(1);
      expect((await queue.admin.counts()).failed).toBe(0);
    } finally {
      await queue.close();
    }
  });
});

describe("a worker's /metrics and /readyz", () => {
  const prefix = `tl-test-worker-ops-${stamp}`;

  it('shows the queue gauges while Redis answers', async () => {
    const port = await freePort();
    const basics = basicsFor(env(prefix));
    const worker = await startWorkerPart(basics, { opsPort: port });
    try {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      for (const state of ['waiting', 'delayed', 'active', 'failed']) expect(text).toMatch(new RegExp(`^ticketlint_queue_jobs\\{queue="ticketlint-events",state="${state}"\\} 0$`, 'm'));
      expect(text).toMatch(/^ticketlint_intake_backlog 0$/m);
      expect(text).toMatch(/^ticketlint_oldest_waiting_seconds\{queue="ticketlint-events"\} 0$/m);
      expect(text).toMatch(/^ticketlint_oldest_waiting_seconds\{queue="intake"\} 0$/m);
      expect(text).toMatch(/^ticketlint_redis_up 1$/m);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    } finally {
      await worker.stop();
    }
  });

  it('fails /readyz (the compose healthcheck) and reads Redis down while it cannot reach Redis, and recovers with it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ticketlint-worker-redis-'));
    const privateRedis = new PrivateRedis(await freePort(), dir);
    await privateRedis.start();
    const port = await freePort();
    const worker = await startWorkerPart(basicsFor(env(prefix, { REDIS_URL: privateRedis.url })), { opsPort: port });
    const readyz = () => fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status);
    const metrics = () => fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text());
    try {
      expect(await readyz()).toBe(200);
      await privateRedis.shutdown();
      await until('/readyz fails', async () => (await readyz()) === 503);
      const text = await metrics();
      expect(text).toMatch(/^ticketlint_redis_up 0$/m);
      expect(text).toMatch(/^ticketlint_queue_jobs\{queue="ticketlint-events",state="waiting"\} Nan$/m);
      await privateRedis.start();
      await until('/readyz answers again', async () => (await readyz()) === 200);
      expect(await metrics()).toMatch(/^ticketlint_redis_up 1$/m);
    } finally {
      await worker.stop();
      await privateRedis.shutdown();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

});
