// Memory (issue #4): what N tickets leave in Redis, and how large the processes grow. On a private
// redis-server (no persistence), N signed "issue created" webhooks (unique tickets) go through the real
// server and worker (`node dist/src/server-main.js`, `node dist/workers/main.js`, default settings):
// the server takes them all first (32 in flight), then worker processes (2 unless --workers N) drain
// the queue. Reported: used_memory before, at the peak and after, bytes per ticket, the keys by kind
// (with their TTL), and the processes' RSS. Baseline, on a second private redis-server: the same job data added N times with BullMQ's
// defaults (every completed job kept), completed by a no-op Worker.
//   npm run bench:memory [-- --webhooks 100000 --workers 2 --no-baseline | --quick]
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import { TICKET_EVENTS_QUEUE } from '../../src/queue/ticket-job.js';
import {
  benchDir, createdTicketDelivery, deliveryPoster, ensureBuilt, freePort, issueIdFor, issueIdPrefix, markdownTable, mb, numberOption,
  removeDir, sampleRss, sendClosedLoop, SERVER_SCRIPT, startNodeProcess, startPrivateRedis, startStubProcess, ticketlintEnv, until,
  WORKER_SCRIPT, probeMachineLines, type PrivateRedis,
} from './bench-stack.js';
import { keyKindOf, summariseKeys, type KeyKind, type KeySample } from './redis-keys.js';

const IN_FLIGHT = 32;
const QUEUE_KEYS = `bull:${TICKET_EVENTS_QUEUE}:`;

interface MemoryRun {
  readonly label: string;
  readonly tickets: number;
  readonly usedBefore: number;
  readonly usedAfter: number;
  readonly usedPeak: number;
  readonly keys: ReturnType<typeof summariseKeys>;
}

/** Every key in the private Redis, by kind, with MEMORY USAGE and TTL read for up to `samplePerKind` keys of each kind. */
async function keysByKind(redis: PrivateRedis, samplePerKind = 500): Promise<ReturnType<typeof summariseKeys>> {
  const client = redis.client();
  const samples: KeySample[] = [];
  const sampled = new Map<KeyKind, number>();
  const counts = new Map<KeyKind, number>();
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'COUNT', 2000);
    cursor = next;
    const pick: string[] = [];
    for (const key of keys) {
      const kind = keyKindOf(key, QUEUE_KEYS);
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
      if ((sampled.get(kind) ?? 0) < samplePerKind) {
        sampled.set(kind, (sampled.get(kind) ?? 0) + 1);
        pick.push(key);
      }
    }
    if (pick.length > 0) {
      const pipeline = client.pipeline();
      for (const key of pick) pipeline.call('MEMORY', 'USAGE', key, 'SAMPLES', '0').pttl(key);
      const answers = (await pipeline.exec()) ?? [];
      pick.forEach((key, i) => samples.push({ key, kind: keyKindOf(key, QUEUE_KEYS), bytes: Number(answers[2 * i]?.[1] ?? 0), ttlMs: Number(answers[2 * i + 1]?.[1] ?? -2) }));
    }
  } while (cursor !== '0');
  return summariseKeys(counts, samples);
}

async function usedMemory(redis: PrivateRedis): Promise<number> {
  return Number((await redis.info('memory')).used_memory);
}

/** Samples used_memory every second until stopped; returns the peak. */
function watchUsedMemory(redis: PrivateRedis): () => Promise<number> {
  let peak = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      peak = Math.max(peak, await usedMemory(redis).catch(() => 0));
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return Math.max(peak, await usedMemory(redis));
  };
}

interface TicketlintMemory {
  readonly run: MemoryRun;
  readonly rss: Record<string, { peakKb: number | null; firstKb: number | null; lastKb: number | null }>;
  readonly fillSeconds: number;
  readonly drainSeconds: number;
  readonly jobData: unknown;
  readonly jobName: string;
}

/**
 * The server takes all the webhooks first (`inFlight` at a time), then `workerCount` worker processes
 * drain the queue: the peak is the whole burst queued, the end is what stays once every ticket is done.
 */
async function ticketlintRun(tickets: number, workerCount: number, root: string): Promise<TicketlintMemory> {
  const dir = join(root, 'ticketlint');
  mkdirSync(dir);
  const redis = await startPrivateRedis(dir);
  const stub = await startStubProcess(join(dir, 'stub.log'));
  const run = 1;
  for (let from = 0; from < tickets; from += 10_000) await stub.seed(run, from, Math.min(tickets, from + 10_000));
  const env = async () => ticketlintEnv({ redisUrl: redis.url, linearUrl: stub.url, port: await freePort() });
  const server = await startNodeProcess('the ticketlint server', [SERVER_SCRIPT], await env(), join(dir, 'server.log'));
  const queue = new Queue(TICKET_EVENTS_QUEUE, { connection: { url: redis.url } });
  const comments = new Set<string>();
  const ours = issueIdPrefix(run);
  stub.onWrite((write) => { if (write.op === 'createComment' && write.issueId.startsWith(ours)) comments.add(write.issueId); });

  const usedBefore = await usedMemory(redis);
  const serverRss = sampleRss({ server: server.pid }, 500);
  const peakUsed = watchUsedMemory(redis);
  let started = Date.now();
  const poster = deliveryPoster(`${server.url}/webhooks/linear`);
  let sent = 0;
  let progress = setInterval(() => process.stderr.write(`  sent ${sent}\n`), 15_000);
  const refused = await sendClosedLoop(tickets, IN_FLIGHT, async (n) => { sent++; return poster.post(createdTicketDelivery(run, n)); });
  poster.close();
  clearInterval(progress);
  if (refused.size > 0) throw new Error(`the server refused deliveries: ${JSON.stringify([...refused])}`);
  const fillSeconds = (Date.now() - started) / 1000;

  const workers = [];
  for (let i = 0; i < workerCount; i++) workers.push(await startNodeProcess(`ticketlint worker ${i + 1}`, [WORKER_SCRIPT], await env(), join(dir, `worker-${i + 1}.log`)));
  const workerRss = sampleRss(Object.fromEntries(workers.map((w, i) => [`worker ${i + 1}`, w.pid])), 500);
  started = Date.now();
  progress = setInterval(() => process.stderr.write(`  commented ${comments.size}\n`), 15_000);
  await until('every ticket has its comment and the queue is drained', async () => {
    if (comments.size < tickets) return false;
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return Object.values(counts).every((n) => n === 0);
  }, 3_600_000);
  const drainSeconds = (Date.now() - started) / 1000;
  clearInterval(progress);
  const rss = { ...serverRss.stop(), ...workerRss.stop() };
  const usedPeak = await peakUsed();
  const usedAfter = await usedMemory(redis);
  const missing = Array.from({ length: tickets }, (_, n) => issueIdFor(run, n)).filter((id) => !comments.has(id)).length;
  if (missing > 0) throw new Error(`${missing} tickets got no comment`);
  const keys = await keysByKind(redis);
  const [kept] = await queue.getJobs(['completed'], 0, 0);
  await queue.close();
  await Promise.all([server.stop(), ...workers.map((w) => w.stop())]);
  await stub.stop();
  await redis.stop();
  return {
    run: { label: 'ticketlint (retention: 10,000 completed jobs; dedupe 8 h; ticket state 90 days)', tickets, usedBefore, usedAfter, usedPeak, keys },
    rss, fillSeconds, drainSeconds, jobData: kept?.data, jobName: kept?.name ?? 'ticket.created',
  };
}

/** The job data with the ticket's id, identifier and delivery id made those of ticket `n`: the same size, a unique job. */
function jobDataFor(template: unknown, n: number): unknown {
  const text = JSON.stringify(template);
  const event = (template as { event: { ticketRef: { id: string; key?: string }; deliveryId: string } }).event;
  return JSON.parse(text.replaceAll(event.ticketRef.id, issueIdFor(2, n)).replaceAll(event.deliveryId, `bench-2-${n}`));
}

async function bareRun(tickets: number, jobName: string, template: unknown, root: string): Promise<MemoryRun> {
  const dir = join(root, 'bare');
  mkdirSync(dir);
  const redis = await startPrivateRedis(dir);
  const queue = new Queue(TICKET_EVENTS_QUEUE, { connection: { url: redis.url } });
  await queue.waitUntilReady();
  const usedBefore = await usedMemory(redis);
  const peakUsed = watchUsedMemory(redis);
  let completed = 0;
  const worker = new Worker(TICKET_EVENTS_QUEUE, async () => undefined, { connection: { url: redis.url }, concurrency: 50 });
  worker.on('completed', () => { completed++; });
  for (let from = 0; from < tickets; from += 1000) {
    const batch = Array.from({ length: Math.min(1000, tickets - from) }, (_, i) => ({ name: jobName, data: jobDataFor(template, from + i) }));
    await queue.addBulk(batch);
  }
  await until('the no-op worker has completed every job', () => completed >= tickets, 600_000);
  await worker.close();
  const usedPeak = await peakUsed();
  const usedAfter = await usedMemory(redis);
  const keys = await keysByKind(redis);
  await queue.close();
  await redis.stop();
  return { label: 'bare BullMQ queue.add, defaults (every completed job kept)', tickets, usedBefore, usedAfter, usedPeak, keys };
}

const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

function ttlText(minMs: number | null, maxMs: number | null): string {
  if (minMs === null || maxMs === null) return 'none';
  const h = (ms: number): string => (ms >= 48 * 3600_000 ? `${(ms / 86_400_000).toFixed(1)} d` : `${(ms / 3600_000).toFixed(2)} h`);
  return h(minMs) === h(maxMs) ? h(minMs) : `${h(minMs)} – ${h(maxMs)}`;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  const tickets = numberOption(argv, 'webhooks', quick ? 1000 : 100_000);
  const withBaseline = !argv.includes('--no-baseline') && !quick;
  const workerCount = numberOption(argv, 'workers', 2);
  ensureBuilt();
  const root = benchDir('memory');
  const machine = await probeMachineLines(root);
  process.stderr.write(`ticketlint: ${tickets} webhooks through the server and worker ...\n`);
  const ticketlint = await ticketlintRun(tickets, workerCount, root);
  const runs: MemoryRun[] = [ticketlint.run];
  if (withBaseline) {
    if (!ticketlint.jobData) throw new Error('no completed job was kept to copy the job data from');
    process.stderr.write(`bare: ${tickets} jobs with BullMQ's defaults ...\n`);
    runs.push(await bareRun(tickets, ticketlint.jobName, ticketlint.jobData, root));
  }
  console.log(`## Memory: ${tickets.toLocaleString('en')} new tickets through the server and worker\n`);
  console.log(machine);
  console.log(`- ticketlint: default settings. The server took all ${tickets.toLocaleString('en')} webhooks first (${IN_FLIGHT} in flight, ${ticketlint.fillSeconds.toFixed(0)} s), so the peak is the whole burst queued; then ${workerCount} worker process(es) drained the queue and commented on every ticket (${ticketlint.drainSeconds.toFixed(0)} s)`);
  console.log('- kinds: job = a job hash (`bull:ticketlint-events:<job id>`: data, options, return value), kept by retention or still queued; seen = `bull:ticketlint-events:seen:<provider>-hmac-<HMAC digest of the signed body>` (the intake\'s dedupe, 8 h); delivery = `bull:ticketlint-events:delivery:<job id>` (the delivery ids taken, so a reused id with another body is queued apart, 8 h); intake stream = deliveries taken and not yet moved; de: = BullMQ\'s dedupe of review jobs; ticket state = `ticketlint:ticket-state:linear:<workspace>:<issue id>`; queue: = BullMQ\'s own lists, sorted sets and event stream');
  console.log(`- job data stored per ticket: ${JSON.stringify(ticketlint.jobData ?? {}).length} bytes of JSON\n`);
  console.log(markdownTable(
    ['Redis', 'tickets', 'used_memory before MiB', 'after MiB', 'peak MiB', 'bytes per ticket (after − before) / tickets'],
    runs.map((r) => [r.label, r.tickets.toLocaleString('en'), mib(r.usedBefore), mib(r.usedAfter), mib(r.usedPeak), ((r.usedAfter - r.usedBefore) / r.tickets).toFixed(0)]),
  ));
  for (const r of runs) {
    console.log(`\nKeys left by ${r.label} (bytes: MEMORY USAGE of up to 500 keys of each kind, times the count):\n`);
    console.log(markdownTable(['kind', 'keys', 'bytes each (mean of sample)', 'MiB in all (estimate)', 'TTL (sampled)'],
      r.keys.map((k) => [k.kind, k.count.toLocaleString('en'), k.meanBytes.toFixed(0), mib(k.meanBytes * k.count), ttlText(k.minTtlMs, k.maxTtlMs)])));
  }
  const rss = Object.entries(ticketlint.rss).map(([label, r]) => `${label} ${mb(r.firstKb)} → ${mb(r.peakKb)} → ${mb(r.lastKb)}`);
  console.log(`\nProcess RSS (MiB) start → peak → end: ${rss.join('; ')}`);
  removeDir(root);
}

await main();
