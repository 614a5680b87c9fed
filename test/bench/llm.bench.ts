// The language-model judge's latency (issue #16, point 5): signed Linear "issue created" webhooks at a
// steady rate, open loop, through the real server and worker processes with `judge: llm` in the config
// and a stub model that answers every call after a fixed delay (3 s by default: a hosted small model
// on a prompt of about 2,000 tokens), to the comment arriving at the Linear stub. Every ticket's text
// is different, so no answer comes from the cache. Next to it, in the same run, the offline judge
// through the same processes: the floor the model's delay adds to.
//   npm run bench:llm [-- --seconds 60 --warmup 10 --rate 3 --model-ms 3000 --concurrency 5,20 | --quick]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  benchDir, createdTicketDelivery, ensureBuilt, freePort, markdownTable, numberOption, numbersOption, probeMachineLines, removeDir,
  SERVER_SCRIPT, spreadOf, startNodeProcess, startPrivateRedis, startStubProcess, tally, ticketlintEnv, WEBHOOK_SECRET,
  WORKER_SCRIPT, type StubProcess,
} from './bench-stack.js';
import { p99ByWindow, runOpenLoop, warmUp, type DeliveryOf } from './open-loop.js';
import { csvExportVerdict, startLlmStub, type LlmStub } from '../stubs/llm-stub.js';

type Judge = 'offline' | 'llm';

interface RunResult {
  readonly judge: Judge;
  readonly concurrency: number;
  readonly rate: number;
  readonly webhooks: number;
  readonly comments: ReturnType<typeof tally>;
  readonly notOk: string;
  readonly modelCalls: number;
  readonly peakCalls: number;
  readonly latencyMs: ReturnType<typeof spreadOf>;
  readonly p99ByWindow: number[];
  readonly drainSeconds: number;
}

/** A new ticket whose text no other ticket of the run shares, so every model reading is a call, never a cache hit. */
const distinctTicket: DeliveryOf = (run, n) => createdTicketDelivery(run, n, WEBHOOK_SECRET, `Ticket ${n} of bench run ${run}.`);

async function runOnce(judge: Judge, concurrency: number, rate: number, seconds: number, warmupSeconds: number, run: number, stub: StubProcess, model: LlmStub, root: string): Promise<RunResult> {
  const dir = join(root, `${judge}-${concurrency}`);
  mkdirSync(dir);
  const redis = await startPrivateRedis(dir);
  const total = Math.round(rate * seconds);
  const warmupTotal = Math.round(rate * warmupSeconds);
  await stub.seed(run, 0, total + warmupTotal);
  const config = join(dir, 'ticketlint.yaml');
  writeFileSync(config, `judge: ${judge}\n`);
  const extra = {
    TICKETLINT_CONFIG: config, WORKER_CONCURRENCY: String(concurrency),
    // No budget: one bench workspace sends more tickets in a minute than the default 200 calls an hour allow.
    LLM_PROVIDER: 'openai', LLM_BASE_URL: model.url, LLM_MODEL: 'bench-model', LLM_MAX_CALLS_PER_HOUR: '0', LLM_MAX_CALLS_PER_DAY: '0',
  };
  const [serverPort, workerPort] = [await freePort(), await freePort()];
  const env = (port: number) => ticketlintEnv({ redisUrl: redis.url, linearUrl: stub.url, port, extra });
  const worker = await startNodeProcess('the ticketlint worker', [WORKER_SCRIPT], env(workerPort), join(dir, 'worker.log'));
  const server = await startNodeProcess('the ticketlint server', [SERVER_SCRIPT], env(serverPort), join(dir, 'server.log'));
  const url = `${server.url}/webhooks/linear`;
  if (warmupTotal > 0) await warmUp({ url, stub, run, from: total, count: warmupTotal, rate, deliveryOf: distinctTicket });
  model.calls.length = 0;
  model.resetPeakInFlight();
  const loop = await runOpenLoop({ url, stub, run, total, rate, deliveryOf: distinctTicket });
  const modelCalls = model.completions().length;
  await Promise.all([server.stop(), worker.stop()]);
  await redis.stop();
  return {
    judge, concurrency, rate, webhooks: total, comments: tally(loop.ids, loop.created), notOk: loop.notOk, modelCalls, peakCalls: model.peakInFlight(),
    latencyMs: spreadOf(loop.latencies.map((l) => l.ms)), p99ByWindow: p99ByWindow(loop.latencies, 10_000), drainSeconds: loop.drainSeconds,
  };
}

function row(r: RunResult): (string | number)[] {
  const c = r.comments;
  return [
    r.judge, r.concurrency, r.rate, r.webhooks, r.notOk, `${c.once}${c.none ? `, ${c.none} with none` : ''}${c.more ? `, ${c.more} with 2+` : ''}`,
    r.modelCalls, r.peakCalls, (r.latencyMs.p50 / 1000).toFixed(2), (r.latencyMs.p99 / 1000).toFixed(2), (r.latencyMs.max / 1000).toFixed(2), r.drainSeconds.toFixed(1),
  ];
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  const seconds = numberOption(argv, 'seconds', quick ? 3 : 60);
  const warmupSeconds = numberOption(argv, 'warmup', quick ? 1 : 10);
  const rate = numberOption(argv, 'rate', 3);
  const modelMs = numberOption(argv, 'model-ms', quick ? 300 : 3000);
  const concurrencies = numbersOption(argv, 'concurrency', [5, 20]);
  ensureBuilt();
  const root = benchDir('llm');
  const stub = await startStubProcess(join(root, 'stub.log'));
  const model = await startLlmStub(csvExportVerdict(), { answerDelayMs: modelMs });
  const machine = await probeMachineLines(root);
  const results: RunResult[] = [];
  let run = 1;
  try {
    const plan: [Judge, number][] = [['offline', concurrencies[0]!], ...concurrencies.map((c): [Judge, number] => ['llm', c])];
    for (const [judge, concurrency] of plan) {
      process.stderr.write(`${judge} judge, WORKER_CONCURRENCY ${concurrency}, ${rate}/s for ${seconds} s ...\n`);
      const result = await runOnce(judge, concurrency, rate, seconds, warmupSeconds, run++, stub, model, root);
      process.stderr.write(`  ${row(result).join(' | ')}\n`);
      results.push(result);
    }
  } finally {
    await Promise.all([stub.stop(), model.close()]);
  }
  const failures = results.filter((r) => r.comments.once !== r.webhooks || r.comments.unexpected || r.notOk !== '0' || (r.judge === 'llm' && r.modelCalls !== r.webhooks));
  console.log(`## The language-model judge: signed webhook sent → comment at the Linear stub, the model answering in ${modelMs / 1000} s (${seconds} s at ${rate} new tickets/s, open loop, after ${warmupSeconds} s of warm-up)\n`);
  console.log(machine);
  console.log('- `node dist/src/server-main.js` + `node dist/workers/main.js`, one worker process, `judge: offline` or `judge: llm` for every team; every ticket\'s text differs (no cache hits), no budget\n');
  console.log(markdownTable(
    ['judge', 'WORKER_CONCURRENCY', 'rate /s', 'webhooks', 'non-200', 'tickets with exactly one comment', 'model calls', 'most calls at once', 'p50 s', 'p99 s', 'max s', 'last send → last comment s'],
    results.map(row),
  ));
  console.log('\np99 (s) of the tickets sent in each 10 s of the run:\n');
  for (const r of results) console.log(`- ${r.judge}, WORKER_CONCURRENCY ${r.concurrency}: ${r.p99ByWindow.map((p) => (p / 1000).toFixed(2)).join(', ')}`);
  if (failures.length > 0) {
    console.log(`\nNOT EVERY WEBHOOK GOT EXACTLY ONE COMMENT FROM ONE MODEL CALL (or a delivery was refused); logs kept in ${root}`);
    process.exitCode = 1;
  } else {
    removeDir(root);
  }
}

await main();
