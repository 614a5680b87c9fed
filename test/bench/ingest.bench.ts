/**
 * `npm run bench:ingest`: how many signed webhooks per second the ticketlint server takes (verified,
 * parsed and durably queued before it answers), next to a bare express app reading the same bodies on
 * the same routes and answering at once (bare-express.ts) and a naive express.json + queue.add route
 * (bare-pipeline.ts), measured in the same run, turn about, with
 * autocannon at 50 connections. Every request carries a new delivery id and a new ticket, signed as
 * Linear and Jira sign theirs. After each ticketlint run the private Redis must hold exactly one job per
 * 2xx answer: a figure for answers that were not stored would be no figure at all.
 *
 * The ratio to bare express is the median of each round's own ratio (the two measured one after the
 * other), which moves less on a shared machine than a ratio of medians.
 *
 * Flags: --seconds N (per run, default 8), --rounds N (default 4), --connections N (default 50),
 * --json, --quick (a smoke run: 2 s, one round).
 */
import { join } from 'node:path';
import { Queue } from 'bullmq';
import autocannon from 'autocannon';
import { intakeKeys } from '../../src/queue/ticket-intake.js';
import { TICKET_EVENTS_QUEUE } from '../../src/queue/ticket-job.js';
import { fixture, jiraDelivery, type Delivery } from '../server/signed-delivery.js';
import {
  benchDir, createdTicketDelivery, freePort, machineLines, measureCpu, numberOption, removeDir, sleep, startNodeProcess, BARE_SCRIPT, startPrivateRedis, SERVER_SCRIPT, type PrivateRedis, type RunningNode,
} from './bench-stack.js';

const LINEAR_SECRET = 'lin_wh_bench_secret';
const JIRA_SECRET = 'jira-bench-secret';
const TARGET_RATIO = 0.9;
const TARGET_P99_MS = 25;
const BARE_EXPRESS_SCRIPT = 'dist/test/bench/bare-express.js';
const IN_FLIGHT_SETTLE_MS = 1000;

type Provider = 'linear' | 'jira';
/**
 * bare express: reads the body and answers (the baseline); naive queue.add: express.json and one
 * BullMQ add per request, no verification, no parsing, no dedupe (bare-pipeline.ts), which shows what
 * the queue alone costs here; ticketlint: the server as users run it.
 */
type Target = 'bare express' | 'naive queue.add' | 'ticketlint';
const TARGETS: readonly Target[] = ['bare express', 'naive queue.add', 'ticketlint'];

interface RunResult {
  readonly target: Target;
  readonly round: number;
  readonly provider: Provider;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly ok: number;
  readonly notOk: number;
  /** CPU time the answering process spent per request, in µs: steadier than req/s on a shared machine. */
  readonly cpuUsPerRequest: number;
  /** CPU time Redis spent per request, in µs (0 for bare express, which does not use it). */
  readonly redisCpuUsPerRequest: number;
  /** Jobs the run left in Redis (the servers that queue): `ok`, plus at most one per connection cut off at the end. */
  readonly jobsStored?: number;
}

interface Options {
  readonly seconds: number;
  readonly rounds: number;
  readonly connections: number;
  readonly json: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const quick = argv.includes('--quick');
  return {
    seconds: numberOption(argv, 'seconds', quick ? 2 : 8),
    rounds: numberOption(argv, 'rounds', quick ? 1 : 4),
    connections: numberOption(argv, 'connections', 50),
    json: argv.includes('--json'),
  };
}

/** Loads started so far: each load's tickets and delivery ids are its own. */
let loadsStarted = 0;

/** A new signed delivery for every request: a new ticket id, a new delivery id, a fresh timestamp. */
function deliveryMaker(provider: Provider): () => Delivery {
  let n = 0;
  const run = ++loadsStarted;
  if (provider === 'linear') return () => createdTicketDelivery(run, n++, LINEAR_SECRET);
  const payload = fixture('jira', 'issue-created');
  const issue = payload.issue as Record<string, unknown>;
  return () => {
    n++;
    return jiraDelivery({ ...payload, issue: { ...issue, id: String(100_000 + n), key: `SHOP-${n}` } }, JIRA_SECRET, { deliveryId: `d-${run}-${n}` });
  };
}

/**
 * autocannon's run, then a pause for the requests it left in flight: the server still stores those,
 * and they must not land in the next run's count.
 */
async function load(url: string, provider: Provider, seconds: number, connections: number): Promise<autocannon.Result> {
  const result = await loadOnce(url, provider, seconds, connections);
  await sleep(IN_FLIGHT_SETTLE_MS);
  return result;
}

async function loadOnce(url: string, provider: Provider, seconds: number, connections: number): Promise<autocannon.Result> {
  const next = deliveryMaker(provider);
  return autocannon({
    url,
    connections,
    duration: seconds,
    requests: [{
      method: 'POST',
      path: `/webhooks/${provider}`,
      setupRequest: (request) => {
        const delivery = next();
        return { ...request, headers: delivery.headers, body: delivery.body };
      },
    }],
  });
}

/** Deliveries stored: jobs in the ticket queue (the naive route's), and entries in the intake (ticketlint's; no relay runs here). */
async function jobsIn(redis: PrivateRedis): Promise<number> {
  const queue = new Queue(TICKET_EVENTS_QUEUE, { connection: redis.client() });
  try {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed');
    const intake = await redis.client().xlen(intakeKeys().stream);
    return Object.values(counts).reduce((sum, n) => sum + n, intake);
  } finally {
    await queue.close();
  }
}

interface CpuUse { readonly processUs: number; readonly redisUs: number }

/** Runs `work` and returns its result with the CPU time the answering process and Redis spent meanwhile. */
async function withCpuUse<T>(pid: number, redisPid: number, work: () => Promise<T>): Promise<[T, CpuUse]> {
  const cpuSince = measureCpu({ process: pid, redis: redisPid });
  const result = await work();
  const spent = cpuSince();
  return [result, { processUs: spent.process! * 1e6, redisUs: spent.redis! * 1e6 }];
}

function summarise(target: Target, provider: Provider, round: number, result: autocannon.Result, cpu: CpuUse, jobsStored?: number): RunResult {
  const requests = Math.max(1, result.requests.total);
  return {
    target, provider, round,
    cpuUsPerRequest: cpu.processUs / requests,
    redisCpuUsPerRequest: cpu.redisUs / requests,
    requestsPerSecond: result.requests.total / (result.duration || 1),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok: result['2xx'],
    notOk: result.non2xx + result.errors + result.timeouts,
    ...(jobsStored === undefined ? {} : { jobsStored }),
  };
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const dir = benchDir('ingest');
  const redis = await startPrivateRedis(dir);
  const machine = await machineLines(redis);
  const ticketlint = await startNodeProcess('the ticketlint server', [SERVER_SCRIPT], {
    PORT: String(await freePort()), REDIS_URL: redis.url, TICKETLINT_PREFIX: 'bull', ALLOW_VOLATILE_REDIS: '1', LINEAR_WEBHOOK_SECRET: LINEAR_SECRET, LINEAR_API_KEY: 'lin_api_bench',
    JIRA_WEBHOOK_SECRET: JIRA_SECRET, JIRA_BASE_URL: 'http://127.0.0.1:9', JIRA_EMAIL: 'bot@example.com', JIRA_API_TOKEN: 'bench',
  }, join(dir, 'server.log'));
  const bare = await startNodeProcess('bare express', [BARE_EXPRESS_SCRIPT], { PORT: String(await freePort()) }, join(dir, 'bare-express.log'));
  const naive = await startNodeProcess('naive queue.add', [BARE_SCRIPT, 'server'], { PORT: String(await freePort()), REDIS_URL: redis.url }, join(dir, 'naive.log'));
  const servers: Record<Target, RunningNode> = { 'bare express': bare, 'naive queue.add': naive, ticketlint };
  const runs: RunResult[] = [];
  try {
    for (const provider of ['linear', 'jira'] as const) {
      // Warm-up: JIT, connection pools, Redis scripts loaded.
      const warmupSeconds = Math.min(2, options.seconds);
      for (const target of TARGETS) await load(servers[target].url, provider, warmupSeconds, options.connections);
      await redis.client().flushall();
      for (let round = 0; round < options.rounds; round++) {
        // Turn about, the other way round each round, so a drift in the machine's load hits all alike.
        const order = round % 2 === 0 ? TARGETS : [...TARGETS].reverse();
        for (const target of order) {
          const server = servers[target];
          const [result, cpu] = await withCpuUse(server.pid, redis.process.pid, () => load(server.url, provider, options.seconds, options.connections));
          if (target === 'bare express') {
            runs.push(summarise(target, provider, round, result, cpu));
          } else {
            runs.push(summarise(target, provider, round, result, cpu, await jobsIn(redis)));
            await redis.client().flushall();
          }
        }
      }
    }
  } finally {
    await Promise.all([ticketlint.stop(), bare.stop(), naive.stop()]);
    await redis.stop();
  }
  removeDir(dir);
  report(runs, options, machine);
}

function medians(runs: readonly RunResult[]) {
  return {
    rps: median(runs.map((r) => r.requestsPerSecond)),
    p50: median(runs.map((r) => r.p50Ms)),
    p99: median(runs.map((r) => r.p99Ms)),
    cpuUs: median(runs.map((r) => r.cpuUsPerRequest)),
    redisCpuUs: median(runs.map((r) => r.redisCpuUsPerRequest)),
  };
}

interface PairedRatio { readonly median: number; readonly low: number; readonly high: number }

/** Each round's req/s of `runs` over the baseline's in the same round: their median and range. */
function pairedRatio(runs: readonly RunResult[], baseline: readonly RunResult[]): PairedRatio {
  const ratios = runs.flatMap((run) => {
    const base = baseline.find((b) => b.round === run.round);
    return base ? [run.requestsPerSecond / base.requestsPerSecond] : [];
  });
  return { median: median(ratios), low: Math.min(...ratios), high: Math.max(...ratios) };
}

const ratioText = (ratio: PairedRatio): string => `${ratio.median.toFixed(2)} (${ratio.low.toFixed(2)}–${ratio.high.toFixed(2)})`;

function report(runs: readonly RunResult[], options: Options, machine: string): void {
  // Requests still in flight when autocannon stops may be stored without their answer being counted:
  // at most one per connection. Fewer jobs than 2xx answers would be an answer for a job never stored.
  const lost = runs.filter((run) => run.jobsStored !== undefined && (run.jobsStored < run.ok || run.jobsStored > run.ok + options.connections));
  const rows = (['linear', 'jira'] as const).map((provider) => {
    const of = (target: Target) => runs.filter((run) => run.provider === provider && run.target === target);
    const bare = medians(of('bare express'));
    const naive = medians(of('naive queue.add'));
    const ticketlint = medians(of('ticketlint'));
    return {
      provider, bare, naive, ticketlint,
      ratio: pairedRatio(of('ticketlint'), of('bare express')),
      naiveRatio: pairedRatio(of('naive queue.add'), of('bare express')),
      notOk: [...of('naive queue.add'), ...of('ticketlint')].reduce((sum, r) => sum + r.notOk, 0),
    };
  });
  if (options.json) {
    console.log(JSON.stringify({ options, runs, rows }, null, 2));
  } else {
    console.log(`ingest: ${options.connections} connections, ${options.rounds} × ${options.seconds} s per target and provider, medians; vs bare express: the median (and range) of each round's own ratio\n${machine}\n`);
    console.log('| route | server | req/s | p50 / p99 ms | CPU µs/req (+ Redis) | vs bare express |');
    console.log('|---|---|---:|---:|---:|---:|');
    for (const row of rows) {
      const line = (name: Target, m: ReturnType<typeof medians>, ratio: string): void => {
        console.log(`| ${row.provider} | ${name} | ${Math.round(m.rps)} | ${m.p50} / ${m.p99} | ${Math.round(m.cpuUs)}${name === 'bare express' ? '' : ` (+ ${Math.round(m.redisCpuUs)})`} | ${ratio} |`);
      };
      line('bare express', row.bare, '1');
      line('naive queue.add', row.naive, ratioText(row.naiveRatio));
      line('ticketlint', row.ticketlint, `**${ratioText(row.ratio)}**`);
    }
    const refused = rows.reduce((sum, row) => sum + row.notOk, 0);
    console.log(`\nnon-2xx answers or errors: ${refused}`);
    const worst = Math.min(...rows.map((row) => row.ratio.median));
    const worstP99 = Math.max(...rows.map((row) => row.ticketlint.p99));
    console.log(`target: ratio >= ${TARGET_RATIO} (${worst >= TARGET_RATIO ? 'met' : 'NOT met'}: ${worst.toFixed(2)}), p99 < ${TARGET_P99_MS} ms (${worstP99 < TARGET_P99_MS ? 'met' : 'NOT met'}: ${worstP99} ms)`);
  }
  if (lost.length > 0) {
    console.error(`2xx answers and stored jobs do not match: ${lost.map((r) => `${r.provider} ${r.ok} answers, ${r.jobsStored} jobs`).join('; ')}`);
    process.exitCode = 1;
  }
}

await main();
