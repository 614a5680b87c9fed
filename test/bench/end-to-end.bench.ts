// End to end (issue #4): signed Linear "issue created" webhooks at a steady rate, open loop (each sent
// on its schedule, whatever the answers to earlier ones), through the real processes users run
// (`node dist/src/server-main.js`, `node dist/workers/main.js`, default settings) to the comment
// arriving at the Linear stub. Next to it, measured in the same run, the bare pipeline (express
// route + queue.add, a BullMQ Worker posting one request to the stub) at the same rates: the floor.
//   npm run bench:e2e [-- --seconds 60 --warmup 10 --rates 100,500 | --quick]
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import {
  BARE_SCRIPT, benchDir, createdTicketDelivery, ensureBuilt, freePort, markdownTable, mb, numberOption, numbersOption, removeDir,
  sampleRss, SERVER_SCRIPT, spreadOf, startNodeProcess, startPrivateRedis, startStubProcess, tally, ticketlintEnv,
  WORKER_SCRIPT, probeMachineLines, type PrivateRedis, type RunningNode, type StubProcess,
} from './bench-stack.js';
import { p99ByWindow, runOpenLoop, warmUp } from './open-loop.js';
import { TICKET_EVENTS_QUEUE } from '../../src/queue/ticket-job.js';

type Pipeline = 'ticketlint' | 'bare';

interface RunResult {
  readonly pipeline: Pipeline;
  readonly rate: number;
  readonly webhooks: number;
  readonly sentPerSecond: number;
  /** Answers other than 200, by status or error code. */
  readonly notOk: string;
  /** From the last send to the last comment. */
  readonly drainSeconds: number;
  readonly over100ms: number;
  /** p99 (ms) of the tickets sent in each 10 s of the run. */
  readonly p99ByWindow: number[];
  readonly comments: ReturnType<typeof tally>;
  /** updateComment calls on this run's tickets: none expected, each ticket is new. */
  readonly updates: number;
  readonly latencyMs: ReturnType<typeof spreadOf>;
  readonly senderLagMs: number;
  readonly rss: Record<string, { peakKb: number | null; firstKb: number | null }>;
  readonly failedJobs: number;
  readonly handledAs: string;
}

async function startPipeline(pipeline: Pipeline, redis: PrivateRedis, stub: StubProcess, dir: string): Promise<{ server: RunningNode; worker: RunningNode }> {
  const [serverPort, workerPort] = [await freePort(), await freePort()];
  if (pipeline === 'ticketlint') {
    const env = (port: number) => ticketlintEnv({ redisUrl: redis.url, linearUrl: stub.url, port });
    const worker = await startNodeProcess('the ticketlint worker', [WORKER_SCRIPT], env(workerPort), join(dir, 'worker.log'));
    const server = await startNodeProcess('the ticketlint server', [SERVER_SCRIPT], env(serverPort), join(dir, 'server.log'));
    return { server, worker };
  }
  const env = (port: number) => ({ PORT: String(port), REDIS_URL: redis.url, LINEAR_API_URL: stub.url });
  const worker = await startNodeProcess('the bare worker', [BARE_SCRIPT, 'worker-post'], env(workerPort), join(dir, 'bare-worker.log'));
  const server = await startNodeProcess('the bare server', [BARE_SCRIPT, 'server'], env(serverPort), join(dir, 'bare-server.log'));
  return { server, worker };
}

/** What the finished event jobs returned: how many were reviewed at once and how many were left to a later review. */
async function handledAs(queue: Queue): Promise<string> {
  const jobs = await queue.getJobs(['completed'], 0, 999);
  const actions = new Map<string, number>();
  for (const job of jobs) {
    const action = String((job.returnvalue as { action?: unknown } | null)?.action ?? 'none');
    actions.set(action, (actions.get(action) ?? 0) + 1);
  }
  return [...actions].map(([action, n]) => `${action} ${n}`).join(', ');
}

async function runOnce(pipeline: Pipeline, rate: number, seconds: number, warmupSeconds: number, run: number, stub: StubProcess, root: string): Promise<RunResult> {
  const dir = join(root, `${pipeline}-${rate}`);
  mkdirSync(dir);
  const redis = await startPrivateRedis(dir);
  const total = Math.round(rate * seconds);
  const warmupTotal = Math.round(rate * warmupSeconds);
  await stub.seed(run, 0, total + warmupTotal);
  const { server, worker } = await startPipeline(pipeline, redis, stub, dir);
  if (warmupTotal > 0) await warmUp({ url: `${server.url}/webhooks/linear`, stub, run, from: total, count: warmupTotal, rate, deliveryOf: createdTicketDelivery });
  const rss = sampleRss({ server: server.pid, worker: worker.pid });
  const loop = await runOpenLoop({ url: `${server.url}/webhooks/linear`, stub, run, total, rate, deliveryOf: createdTicketDelivery });
  const memory = rss.stop();
  const queue = new Queue(TICKET_EVENTS_QUEUE, { connection: { url: redis.url } });
  const failedJobs = (await queue.getJobCounts('failed')).failed ?? 0;
  const handled = pipeline === 'ticketlint' ? await handledAs(queue) : 'n/a';
  await queue.close();
  await Promise.all([server.stop(), worker.stop()]);
  await redis.stop();
  const { latencies } = loop;
  return {
    pipeline, rate, webhooks: total, sentPerSecond: loop.sentPerSecond, notOk: loop.notOk, senderLagMs: loop.senderLagMs, failedJobs, handledAs: handled,
    comments: tally(loop.ids, loop.created), updates: loop.updates, latencyMs: spreadOf(latencies.map((l) => l.ms)), rss: memory, drainSeconds: loop.drainSeconds,
    over100ms: latencies.filter((l) => l.ms > 100).length / Math.max(1, latencies.length),
    p99ByWindow: p99ByWindow(latencies, 10_000),
  };
}

function row(r: RunResult): (string | number)[] {
  const c = r.comments;
  return [
    r.pipeline, r.rate, r.webhooks, r.sentPerSecond.toFixed(0), r.notOk,
    `${c.once}${c.none ? `, ${c.none} with none` : ''}${c.more ? `, ${c.more} with 2+` : ''}${r.updates ? `, ${r.updates} edits` : ''}`,
    r.latencyMs.p50.toFixed(0), r.latencyMs.p99.toFixed(0), r.latencyMs.max.toFixed(0), `${(100 * r.over100ms).toFixed(1)} %`, r.drainSeconds.toFixed(1), r.senderLagMs.toFixed(0),
    `${mb(r.rss.server?.firstKb ?? null)} → ${mb(r.rss.server?.peakKb ?? null)}`, `${mb(r.rss.worker?.firstKb ?? null)} → ${mb(r.rss.worker?.peakKb ?? null)}`,
  ];
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  const seconds = numberOption(argv, 'seconds', quick ? 3 : 60);
  const warmupSeconds = numberOption(argv, 'warmup', quick ? 1 : 10);
  const rates = numbersOption(argv, 'rates', quick ? [50] : [100, 500]);
  ensureBuilt();
  const root = benchDir('e2e');
  const stub = await startStubProcess(join(root, 'stub.log'));
  const machine = await probeMachineLines(root);
  const results: RunResult[] = [];
  let run = 1;
  try {
    for (const rate of rates) {
      for (const pipeline of ['bare', 'ticketlint'] as const) {
        process.stderr.write(`${pipeline} at ${rate}/s for ${seconds} s ...\n`);
        const result = await runOnce(pipeline, rate, seconds, warmupSeconds, run++, stub, root);
        process.stderr.write(`  ${row(result).join(' | ')}\n`);
        results.push(result);
      }
    }
  } finally {
    await stub.stop();
  }
  const failures = results.filter((r) => r.comments.once !== r.webhooks || r.comments.unexpected || r.updates || r.failedJobs || r.notOk !== '0');
  console.log(`## End to end: signed webhook sent → comment at the Linear stub (${seconds} s per rate, open loop, after ${warmupSeconds} s of warm-up at the same rate, not counted)\n`);
  console.log(machine);
  console.log('- ticketlint: `node dist/src/server-main.js` + `node dist/workers/main.js`, default settings (WORKER_CONCURRENCY 5, EVENT_WINDOW_MS 2000, LOG_LEVEL info to a file)');
  console.log('- bare: an express route doing queue.add on a bare BullMQ queue + a BullMQ Worker (concurrency 5) posting one request to the stub\n');
  console.log(markdownTable(
    ['pipeline', 'rate /s', 'webhooks', 'sent /s', 'non-200', 'tickets with exactly one comment', 'p50 ms', 'p99 ms', 'max ms', 'over 100 ms', 'last send → last comment s', 'sender lag max ms', 'server RSS MB start → peak', 'worker RSS MB start → peak'],
    results.map(row),
  ));
  console.log('\np99 (ms) of the tickets sent in each 10 s of the run:\n');
  for (const r of results) console.log(`- ${r.pipeline} at ${r.rate}/s: ${r.p99ByWindow.map((p) => p.toFixed(0)).join(', ')}`);
  console.log('');
  for (const r of results.filter((x) => x.pipeline === 'ticketlint')) console.log(`ticketlint at ${r.rate}/s, what the last 1,000 event jobs returned: ${r.handledAs}; failed jobs: ${r.failedJobs}`);
  if (failures.length > 0) {
    console.log(`\nNOT EVERY WEBHOOK GOT EXACTLY ONE COMMENT (or a delivery was refused, or a job failed); logs kept in ${root}`);
    process.exitCode = 1;
  } else {
    removeDir(root);
  }
}

await main();
