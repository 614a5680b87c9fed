// Workers (issue #4): how fast worker processes drain a full queue. N signed "issue created" webhooks
// go through the real server (`node dist/src/server-main.js`) into its intake, in front of a paused
// queue; then 1 or 2 worker processes (`node dist/workers/main.js`, default settings) start, the queue
// is resumed, and the clock runs while their relays move the deliveries into the queue and they drain
// it, until every comment has reached the Linear stub. Baseline in the same run: the same jobs, filled
// the same way and moved into the queue before the clock starts (bare workers have no relay), taken by
// bare BullMQ Workers that do nothing.
//   npm run bench:workers [-- --jobs 3000 --processes 1,2 | --quick]
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { pino } from 'pino';
import { IntakeRelay } from '../../src/queue/intake-relay.js';
import { closeRedis, createWorkerConnection } from '../../src/queue/redis-connection.js';
import { intakeKeys } from '../../src/queue/ticket-intake.js';
import { TICKET_EVENTS_QUEUE } from '../../src/queue/ticket-job.js';
import { TicketQueue } from '../../src/queue/ticket-queue.js';
import { JOB_RETRY } from '../../workers/ticket-worker.js';
import {
  BARE_SCRIPT, benchDir, createdTicketDelivery, deliveryPoster, ensureBuilt, freePort, issueIdFor, issueIdPrefix, markdownTable, mb,
  measureCpu, numberOption, numbersOption, removeDir, sampleRss, sendClosedLoop, SERVER_SCRIPT, startNodeProcess, startPrivateRedis,
  startStubProcess, ticketlintEnv, until, WORKER_SCRIPT, probeMachineLines, type RunningNode, type StubProcess,
} from './bench-stack.js';

type Pipeline = 'ticketlint' | 'bare';

interface DrainResult {
  readonly pipeline: Pipeline;
  readonly processes: number;
  readonly jobs: number;
  readonly seconds: number;
  readonly comments: number;
  readonly failed: number;
  /** Requests the stub received while the workers drained the queue (about; the stub reports every 10 ms). */
  readonly stubCalls: number;
  /** CPU milliseconds per job spent by the worker processes (together), the stub and Redis while draining. */
  readonly cpuMsPerJob: { workers: number; stub: number; redis: number };
  readonly workerPeakKb: number | null;
}

const FILL_IN_FLIGHT = 32;

async function drainOnce(pipeline: Pipeline, processes: number, jobs: number, run: number, stub: StubProcess, root: string): Promise<DrainResult> {
  const dir = join(root, `${pipeline}-${processes}`);
  mkdirSync(dir);
  const redis = await startPrivateRedis(dir);
  const queue = new Queue(TICKET_EVENTS_QUEUE, { connection: { url: redis.url } });
  await queue.pause();
  await stub.seed(run, 0, jobs);
  const env = (port: number) => ticketlintEnv({ redisUrl: redis.url, linearUrl: stub.url, port });

  const server = await startNodeProcess('the ticketlint server', [SERVER_SCRIPT], env(await freePort()), join(dir, 'server.log'));
  const poster = deliveryPoster(`${server.url}/webhooks/linear`);
  const refused = await sendClosedLoop(jobs, FILL_IN_FLIGHT, (n) => poster.post(createdTicketDelivery(run, n)));
  poster.close();
  await server.stop();
  if (refused.size > 0) throw new Error(`the server refused deliveries while filling the queue: ${JSON.stringify([...refused])}`);
  const taken = await redis.client().xlen(intakeKeys().stream);
  if (taken !== jobs) throw new Error(`expected ${jobs} deliveries in the intake, found ${taken}`);
  if (pipeline === 'bare') await moveIntoQueue(redis.url, jobs);

  const comments = new Set<string>();
  const ours = issueIdPrefix(run);
  const unsubscribe = stub.onWrite((write) => { if (write.op === 'createComment' && write.issueId.startsWith(ours)) comments.add(write.issueId); });
  const workers: RunningNode[] = [];
  for (let i = 0; i < processes; i++) {
    const port = await freePort();
    workers.push(pipeline === 'ticketlint'
      ? await startNodeProcess(`ticketlint worker ${i + 1}`, [WORKER_SCRIPT], env(port), join(dir, `worker-${i + 1}.log`))
      : await startNodeProcess(`bare worker ${i + 1}`, [BARE_SCRIPT, 'worker-noop'], { PORT: String(port), REDIS_URL: redis.url }, join(dir, `worker-${i + 1}.log`)));
  }
  const rss = sampleRss(Object.fromEntries(workers.map((w, i) => [`worker ${i + 1}`, w.pid])));
  const callsBefore = stub.totals.calls;
  const cpu = measureCpu({ stub: stub.pid, redis: redis.process.pid, ...Object.fromEntries(workers.map((w, i) => [`w${i}`, w.pid])) });
  const start = process.hrtime.bigint();
  await queue.resume();
  await until('the queue is drained', async () => {
    if (pipeline === 'ticketlint' && comments.size < jobs) return false;
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return Object.values(counts).every((n) => n === 0);
  }, 600_000);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const memory = rss.stop();
  unsubscribe();
  const stubCalls = stub.totals.calls - callsBefore;
  const cpuSeconds = cpu();
  const workerCpu = workers.reduce((sum, _w, i) => sum + (cpuSeconds[`w${i}`] ?? 0), 0);
  const { failed = 0 } = await queue.getJobCounts('failed');
  await Promise.all(workers.map((w) => w.stop()));
  await queue.close();
  await redis.stop();
  const missing = Array.from({ length: jobs }, (_, n) => issueIdFor(run, n)).filter((id) => pipeline === 'ticketlint' && !comments.has(id)).length;
  if (missing > 0) throw new Error(`${missing} tickets got no comment`);
  return {
    pipeline, processes, jobs, seconds, comments: comments.size, failed, stubCalls,
    cpuMsPerJob: { workers: (1000 * workerCpu) / jobs, stub: (1000 * (cpuSeconds.stub ?? NaN)) / jobs, redis: (1000 * (cpuSeconds.redis ?? NaN)) / jobs },
    workerPeakKb: Math.max(...Object.values(memory).map((m) => m.peakKb ?? 0)),
  };
}

/** What a ticketlint worker's relay does first, done here for the bare workers, which have none. */
async function moveIntoQueue(redisUrl: string, jobs: number): Promise<void> {
  const connection = createWorkerConnection(redisUrl);
  const queue = new TicketQueue({ connection, jobOptions: JOB_RETRY });
  try {
    const moved = await new IntakeRelay({ connection, queue, log: pino({ level: 'silent' }) }).moveAvailable();
    if (moved !== jobs) throw new Error(`expected to move ${jobs} deliveries into the queue, moved ${moved}`);
  } finally {
    await queue.close();
    await closeRedis(connection);
  }
}

function cpuCells(r: DrainResult): string {
  return [r.cpuMsPerJob.workers, r.cpuMsPerJob.stub, r.cpuMsPerJob.redis].map((ms) => ms.toFixed(2)).join(' / ');
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  const jobs = numberOption(argv, 'jobs', quick ? 200 : 3000);
  const processCounts = numbersOption(argv, 'processes', [1, 2]);
  ensureBuilt();
  const root = benchDir('workers');
  const stub = await startStubProcess(join(root, 'stub.log'));
  const machine = await probeMachineLines(root);
  const results: DrainResult[] = [];
  let run = 1;
  try {
    for (const processes of processCounts) {
      for (const pipeline of ['bare', 'ticketlint'] as const) {
        process.stderr.write(`${pipeline}, ${processes} worker process(es), ${jobs} jobs ...\n`);
        const result = await drainOnce(pipeline, processes, jobs, run++, stub, root);
        process.stderr.write(`  ${(result.jobs / result.seconds).toFixed(0)} jobs/s\n`);
        results.push(result);
      }
    }
  } finally {
    await stub.stop();
  }
  const rate = (r: DrainResult): number => r.jobs / r.seconds;
  const rows = processCounts.flatMap((processes) => {
    const bare = results.find((r) => r.pipeline === 'bare' && r.processes === processes)!;
    const ticketlint = results.find((r) => r.pipeline === 'ticketlint' && r.processes === processes)!;
    return [
      [processes, 'bare (no-op)', jobs, bare.seconds.toFixed(2), rate(bare).toFixed(0), '–', bare.failed, cpuCells(bare), mb(bare.workerPeakKb), ''],
      [processes, 'ticketlint', jobs, ticketlint.seconds.toFixed(2), rate(ticketlint).toFixed(0), ticketlint.comments, ticketlint.failed, cpuCells(ticketlint), mb(ticketlint.workerPeakKb),
        `${((100 * rate(ticketlint)) / rate(bare)).toFixed(0)} %`],
    ];
  });
  console.log(`## Workers: ${jobs} queued ticket-created jobs drained (until every comment is at the Linear stub)\n`);
  console.log(machine);
  console.log('- ticketlint: `node dist/workers/main.js` per process, default settings (WORKER_CONCURRENCY 5 per process, EVENT_WINDOW_MS 2000)');
  console.log('- bare: a BullMQ Worker per process (concurrency 5) whose job does nothing, on the same jobs filled the same way\n');
  console.log(markdownTable(['worker processes', 'pipeline', 'jobs', 'seconds', 'tickets/s', 'comments', 'failed', 'CPU ms per job: workers / stub / redis', 'peak RSS per worker MB', 'ticketlint / bare (tickets/s)'], rows));
  const calls = results.filter((r) => r.pipeline === 'ticketlint').map((r) => (r.stubCalls / r.jobs).toFixed(1));
  console.log(`\nLinear API calls per ticket (ticketlint, at the stub): ${calls.join(', ')}`);
  removeDir(root);
}

await main();
