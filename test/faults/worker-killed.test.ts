import { Queue } from 'bullmq';
import { TICKET_EVENTS_QUEUE } from '../../src/queue/ticket-job.js';
import { startServerPart, type RunningServer } from '../../src/server-main.js';
import { basicsFor, uniquePrefix } from '../server/server-harness.js';
import { fixture, linearDelivery, post } from '../server/signed-delivery.js';
import type { RecordedCall } from '../stubs/http-stub.js';
import { startLinearStub, type LinearStub } from '../stubs/linear-stub.js';
import { ensureBuilt, spawnNode, until, type SpawnedProcess } from './spawned-process.js';
import { deleteKeysUnderOn } from '../redis-prefix.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const SECRET = 'lin_wh_killed_worker';
const ISSUE_ID = '2f8a6c14-9b3e-4d71-a5c2-8e0f7b1d3a96';
const TEAM_ID = 'c7d1e5a9-0b4f-4e28-96a3-5f2b8d0c1e47';
/** Locks last 1 s and stalled jobs are looked for every second, instead of BullMQ's 30 s. */
const STALLED_JOB_CHECK_MS = 1000;

describe('a worker process killed with SIGKILL in the middle of a job', () => {
  const prefix = uniquePrefix('faults-killed');
  let linear: LinearStub;
  let server: RunningServer;
  let inspector: Queue;
  const workers: SpawnedProcess[] = [];

  beforeAll(async () => {
    ensureBuilt();
    linear = await startLinearStub();
    linear.state.teams.set(TEAM_ID, { id: TEAM_ID, key: 'WH', name: 'Warehouse' });
    linear.state.issues.set(ISSUE_ID, {
      id: ISSUE_ID, identifier: 'WH-12', title: 'Add a pick list export', description: null, teamId: TEAM_ID,
      creatorId: null, labelIds: [], createdAt: '2025-06-03T07:45:10.220Z',
    });
    server = await startServerPart(basicsFor({ LINEAR_API_KEY: 'lin_api_killed', LINEAR_WEBHOOK_SECRET: SECRET, LINEAR_API_URL: linear.url, REDIS_URL }), { prefix, port: 0 });
    inspector = new Queue(TICKET_EVENTS_QUEUE, { prefix, connection: { url: REDIS_URL } });
  }, 120_000);

  afterAll(async () => {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    await server.stop();
    await inspector.close();
    await deleteKeysUnderOn(REDIS_URL, prefix);
    await linear.close();
  });

  /** A real worker process: dist's startWorkerPart under runProcess, as `npm run worker` runs it, with short stalled-job checks. */
  async function startWorker(): Promise<SpawnedProcess> {
    const script = [
      "import { runProcess } from './dist/src/config/process-lifecycle.js';",
      "import { startWorkerPart } from './dist/workers/main.js';",
      `void runProcess('ticket worker', (basics) => startWorkerPart(basics, { prefix: ${JSON.stringify(prefix)}, stalledJobCheckMs: ${STALLED_JOB_CHECK_MS} }));`,
    ].join('\n');
    const worker = spawnNode(['--input-type=module', '-e', script], {
      REDIS_URL, LINEAR_API_KEY: 'lin_api_killed', LINEAR_WEBHOOK_SECRET: SECRET, LINEAR_API_URL: linear.url, EVENT_WINDOW_MS: '0', ALLOW_VOLATILE_REDIS: '1',
    });
    workers.push(worker);
    await until('the worker takes jobs', () => worker.output().includes('The ticket worker takes jobs'));
    return worker;
  }

  const commentWrites = (): RecordedCall[] => linear.calls.filter((call) => call.operation === 'createComment');

  it('has its job taken over by another worker, and the ticket still gets exactly one comment', async () => {
    const first = await startWorker();
    // The first comment write hangs (the API never answers it in time, and never stores it).
    linear.fail({ times: 1, delayMs: 60_000, matches: (call) => call.operation === 'createComment', response: { status: 503 } });
    const payload = fixture('linear', 'issue-created');
    const delivery = linearDelivery({ ...payload, data: { ...(payload.data as object), id: ISSUE_ID, identifier: 'WH-12', teamId: TEAM_ID, title: 'Add a pick list export', description: null, labels: [], labelIds: [] } }, SECRET);
    expect((await post(`${server.url}/webhooks/linear`, delivery)).status).toBe(200);
    await until('the first worker is in the middle of writing the comment', () => commentWrites().length === 1);

    const second = await startWorker();
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();

    await until('the job completes', async () => (await inspector.getJobCounts('completed')).completed === 1, 20_000);
    expect(await inspector.getJobCounts('waiting', 'active', 'delayed', 'failed')).toEqual({ waiting: 0, active: 0, delayed: 0, failed: 0 });
    expect(second.output()).toContain('"msg":"Handles the ticket event"');
    expect(first.output()).not.toContain('"msg":"Handles the ticket event"');
    expect(commentWrites()).toHaveLength(2);
    expect(linear.state.comments).toHaveLength(1);
    expect(linear.state.comments[0]!.body).toMatch(/pick list export/);
  }, 60_000);
});
