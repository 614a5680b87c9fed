import { request } from 'node:http';
import { Queue } from 'bullmq';
import { intakeBacklog } from '../queue/intake-backlog.js';
import { Redis } from 'ioredis';
import { TICKET_EVENTS_QUEUE } from '../../src/queue/ticket-job.js';
import { fixture, linearDelivery, post } from '../server/signed-delivery.js';
import type { RecordedCall } from '../stubs/http-stub.js';
import { startLinearStub, type LinearStub } from '../stubs/linear-stub.js';
import { ensureBuilt, freePort, spawnNode, until, type SpawnedProcess } from './spawned-process.js';

/** Redis database 13, and a prefix of its own (TICKETLINT_PREFIX) for `npm start`'s keys. */
const PREFIX = `tl-test-drain-${process.pid}`;
const REDIS_URL = 'redis://127.0.0.1:6379/13';
const SECRET = 'lin_wh_sigterm_drain';
const TEAM_ID = '9e3b7a21-4c6d-4f08-b1e5-7a2c9d4f6b83';
const TICKETS = 4;
/** How long the tracker takes to answer each comment write: the jobs are still in flight when SIGTERM arrives. */
const SLOW_WRITE_MS = 2500;

const issueId = (n: number): string => `5d1c8e7b-2a4f-4b93-8c06-1e9f3a7b5d${String(n).padStart(2, '0')}`;

async function clearQueue(): Promise<void> {
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${PREFIX}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
}

/**
 * Sends a POST's headers and the first half of its body now (`sent` resolves once they are written to the
 * socket); `finish` sends the rest and resolves with the status.
 */
function halfSentPost(url: string, body: string, headers: Record<string, string>): { sent: Promise<void>; finish(): Promise<number> } {
  const half = Math.floor(body.length / 2);
  let settle: (status: number) => void;
  let fail: (error: Error) => void;
  const status = new Promise<number>((resolve, reject) => { settle = resolve; fail = reject; });
  const req = request(url, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
    res.resume();
    settle(res.statusCode ?? 0);
  });
  req.on('error', (error) => fail(error));
  req.flushHeaders();
  const sent = new Promise<void>((resolve) => req.write(body.slice(0, half), () => resolve()));
  return { sent, finish: () => { req.end(body.slice(half)); return status; } };
}

describe('npm start receiving SIGTERM while it has work in flight', () => {
  let linear: LinearStub;
  let inspector: Queue;
  let app: SpawnedProcess;

  beforeAll(async () => {
    ensureBuilt();
    await clearQueue();
    linear = await startLinearStub();
    linear.state.teams.set(TEAM_ID, { id: TEAM_ID, key: 'FIN', name: 'Finance' });
    for (let n = 1; n <= TICKETS + 1; n += 1) {
      linear.state.issues.set(issueId(n), {
        id: issueId(n), identifier: `FIN-${n}`, title: `Add a ledger export number ${n}`, description: null, teamId: TEAM_ID,
        creatorId: null, labelIds: [], createdAt: '2025-07-01T08:00:00.000Z',
      });
    }
    inspector = new Queue(TICKET_EVENTS_QUEUE, { prefix: PREFIX, connection: { url: REDIS_URL } });
  }, 120_000);

  afterAll(async () => {
    app?.child.kill('SIGKILL');
    await inspector.close();
    await clearQueue();
    await linear.close();
  });

  function ticketCreated(n: number): Record<string, unknown> {
    const payload = fixture('linear', 'issue-created');
    return { ...payload, data: { ...(payload.data as object), id: issueId(n), identifier: `FIN-${n}`, teamId: TEAM_ID, title: `Add a ledger export number ${n}`, description: null, labels: [], labelIds: [] } };
  }

  const commentWrites = (): RecordedCall[] => linear.calls.filter((call) => call.operation === 'createComment');

  it('finishes the jobs in flight and the request in flight, answers new requests 503 while it drains, and exits 0', async () => {
    const port = await freePort();
    app = spawnNode(['dist/src/main.js'], {
      PORT: String(port), REDIS_URL, LINEAR_API_KEY: 'lin_api_drain', LINEAR_WEBHOOK_SECRET: SECRET, LINEAR_API_URL: linear.url,
      EVENT_WINDOW_MS: '0', WORKER_CONCURRENCY: '5', TICKETLINT_PREFIX: PREFIX, ALLOW_VOLATILE_REDIS: '1',
    });
    const url = `http://127.0.0.1:${port}`;
    await until('the process answers /healthz', () => fetch(`${url}/healthz`).then((r) => r.ok, () => false));
    linear.fail({ times: TICKETS, delayMs: SLOW_WRITE_MS, matches: (call) => call.operation === 'createComment' });

    const answers = await Promise.all(Array.from({ length: TICKETS }, (_, i) => post(`${url}/webhooks/linear`, linearDelivery(ticketCreated(i + 1), SECRET))));
    expect(answers.map((a) => a.status)).toEqual(Array<number>(TICKETS).fill(200));
    await until('every job is writing its comment', () => commentWrites().length === TICKETS);
    const late = linearDelivery(ticketCreated(TICKETS + 1), SECRET);
    const arriving = halfSentPost(`${url}/webhooks/linear`, late.body, late.headers);
    await arriving.sent;
    // Setup, not an assertion: give the server a moment to parse the headers, so the request is in flight.
    await new Promise((r) => setTimeout(r, 200));

    app.child.kill('SIGTERM');
    await until('the process starts its drain', () => app.output().includes('drains and stops'));
    expect(linear.state.comments).toHaveLength(0);
    // A new request while the jobs drain gets 503, so its sender retries it later.
    const fresh = await post(`${url}/webhooks/linear`, linearDelivery(ticketCreated(2), SECRET)).then((a) => a.status, () => 'refused');
    expect(fresh).toBe(503);
    // The request that was in flight is answered normally, and only once its job is stored.
    expect(await arriving.finish()).toBe(200);

    expect(await app.exited).toBe(0);
    expect(app.output()).toContain('"msg":"The ticketlint process has stopped"');
    const commentsOn = (n: number): number => linear.state.comments.filter((c) => c.issueId === issueId(n)).length;
    expect(Array.from({ length: TICKETS }, (_, i) => commentsOn(i + 1))).toEqual(Array<number>(TICKETS).fill(1));
    const counts = await inspector.getJobCounts('completed', 'waiting', 'active', 'delayed', 'failed');
    // The late delivery was either moved and taken before the worker closed, or waits in Redis (as a job,
    // or in the intake) for the next start: never lost.
    expect(counts.completed! + counts.waiting! + await intakeBacklog(inspector)).toBe(TICKETS + 1);
    expect({ active: counts.active, delayed: counts.delayed, failed: counts.failed }).toEqual({ active: 0, delayed: 0, failed: 0 });
    expect(linear.state.comments).toHaveLength(counts.completed!);
  }, 60_000);
});
