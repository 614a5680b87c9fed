import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { intakeBacklog } from '../queue/intake-backlog.js';
import { DEFAULT_PREFIX } from '../../src/config/environment.js';
import type { RunningPart } from '../../src/config/process-lifecycle.js';
import { TICKET_EVENTS_QUEUE } from '../../src/queue/ticket-job.js';
import { startServerPart, type RunningServer } from '../../src/server-main.js';
import { startWorkerPart } from '../../workers/main.js';
import { basicsFor } from '../server/server-harness.js';
import { fixture, linearDelivery, post, type Delivery } from '../server/signed-delivery.js';
import { startLinearStub, type LinearStub } from '../stubs/linear-stub.js';
import { PrivateRedis } from './private-redis.js';
import { freePort, until } from './spawned-process.js';

const SECRET = 'lin_wh_redis_restart';
const TEAM_ID = '4a8e2c61-7d3b-4f95-b0a7-c2e9f1d5b836';
const TICKETS = 40;
const SENDERS = 4;

const issueId = (n: number): string => `8b3f1d6e-5c2a-4e79-a4d8-0f6c2b9e7a${String(n).padStart(2, '0')}`;


describe('Redis restarted while webhooks arrive', () => {
  let dir: string;
  let redis: PrivateRedis;
  let linear: LinearStub;
  let server: RunningServer;
  let worker: RunningPart;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ticketlint-faults-redis-'));
    redis = new PrivateRedis(await freePort(), dir);
    await redis.start();
    linear = await startLinearStub();
    linear.state.teams.set(TEAM_ID, { id: TEAM_ID, key: 'HR', name: 'People' });
    for (let n = 1; n <= TICKETS; n += 1) {
      linear.state.issues.set(issueId(n), {
        id: issueId(n), identifier: `HR-${n}`, title: `Add a payroll export number ${n}`, description: null, teamId: TEAM_ID,
        creatorId: null, labelIds: [], createdAt: '2025-08-04T09:30:00.000Z',
      });
    }
    const basics = basicsFor({
      LINEAR_API_KEY: 'lin_api_restart', LINEAR_WEBHOOK_SECRET: SECRET, LINEAR_API_URL: linear.url, REDIS_URL: redis.url,
      EVENT_WINDOW_MS: '0', WORKER_CONCURRENCY: '5',
    });
    // A job whose completion Redis lost is taken again after a second instead of BullMQ's 30 s.
    worker = await startWorkerPart(basics, { stalledJobCheckMs: 1000 });
    server = await startServerPart(basics, { port: 0 });
  }, 30_000);

  afterAll(async () => {
    await server.stop();
    await worker.stop();
    await linear.close();
    redis.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  function delivery(n: number): Delivery {
    const payload = fixture('linear', 'issue-created');
    return linearDelivery({ ...payload, data: { ...(payload.data as object), id: issueId(n), identifier: `HR-${n}`, teamId: TEAM_ID, title: `Add a payroll export number ${n}`, description: null, labels: [], labelIds: [] } }, SECRET);
  }

  /** Delivers as a tracker does: the same body and delivery id again after any answer other than 2xx. Returns the answers. */
  async function deliverUntilAccepted(n: number): Promise<(number | 'refused')[]> {
    const sent = delivery(n);
    const answers: (number | 'refused')[] = [];
    for (const end = Date.now() + 30_000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
      const status = await post(`${server.url}/webhooks/linear`, sent).then((a) => a.status, () => 'refused' as const);
      answers.push(status);
      if (typeof status === 'number' && status >= 200 && status < 300) return answers;
    }
    throw new Error(`delivery ${n} was never accepted: ${answers.join(', ')}`);
  }

  it('processes every delivery exactly once: one comment per ticket, whether it was accepted at once or after 5xx', async () => {
    const answers = new Map<number, (number | 'refused')[]>();
    let next = 1;
    const sender = async (): Promise<void> => {
      for (let n = next++; n <= TICKETS; n = next++) answers.set(n, await deliverUntilAccepted(n));
    };
    const restart = async (): Promise<void> => {
      await until('a quarter of the tickets are accepted', () => answers.size >= TICKETS / 4);
      await redis.shutdown();
      // Down long enough for some deliveries to be refused, as a real restart would be.
      await until('a delivery is refused while Redis is down', () => [...answers.values()].some((a) => a.some((s) => s !== 200)) || next > TICKETS, 10_000).catch(() => undefined);
      await redis.start();
    };
    await Promise.all([...Array.from({ length: SENDERS }, sender), restart()]);

    const refusedFirst = [...answers.values()].filter((a) => a[0] !== 200).length;
    expect(answers.size).toBe(TICKETS);
    const commentsOn = (n: number): number => linear.state.comments.filter((c) => c.issueId === issueId(n)).length;
    await until('every ticket has its comment', () => Array.from({ length: TICKETS }, (_, i) => commentsOn(i + 1)).every((c) => c >= 1), 30_000);
    const inspector = new Queue(TICKET_EVENTS_QUEUE, { prefix: DEFAULT_PREFIX, connection: { url: redis.url } });
    try {
      await until('the queue is settled', async () => {
        if (await intakeBacklog(inspector)) return false;
        const counts = await inspector.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        return !counts.waiting && !counts.active && !counts.delayed && !counts.prioritized;
      }, 30_000);
      expect(await inspector.getJobCounts('completed', 'failed')).toEqual({ completed: TICKETS, failed: 0 });
    } finally {
      await inspector.close();
    }
    expect(Array.from({ length: TICKETS }, (_, i) => commentsOn(i + 1))).toEqual(Array<number>(TICKETS).fill(1));
    expect(refusedFirst).toBeGreaterThan(0);
  }, 90_000);
});
