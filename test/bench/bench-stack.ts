// What the end-to-end, workers and memory benchmarks share: the real processes as users run them
// (`node dist/src/server-main.js`, `node dist/workers/main.js`) on a private redis-server, the Linear
// stub in a process of its own, signed deliveries of new tickets, RSS sampling and the report's table.
// The pure parts (schedule, ids, parsing, summaries, tables) are tested in bench-stack.test.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { ensureBuilt, freePort, ROOT, until } from '../faults/spawned-process.js';
import { fixture, linearDelivery, type Delivery } from '../server/signed-delivery.js';
import { percentile } from './latency-stats.js';

export { ensureBuilt, freePort, until };

export const WEBHOOK_SECRET = 'lin_wh_bench';
export const BENCH_TEAM_ID = '5d2c8e1a-7f3b-4a96-b0e4-1c9d6f2a8b37';
/** Output-only titles: each asks for a thing without saying who needs it or why, so the bot comments. */
export const OUTPUT_ONLY_TITLES = ['Add CSV export', 'Add a dark mode toggle', 'Add bulk archive for saved filters', 'Add a PDF download button'] as const;

// ---------------------------------------------------------------- pure helpers

/** A UUID-shaped Linear issue id, unique per run tag (0..0xffff) and ticket number. */
export function issueIdFor(run: number, n: number): string {
  const tail = n.toString(16).padStart(12, '0');
  return `be0c${run.toString(16).padStart(4, '0')}-0000-4000-8000-${tail}`;
}

/** The start every issueIdFor(run, n) shares, to tell one run's writes from another's. */
export function issueIdPrefix(run: number): string {
  return issueIdFor(run, 0).slice(0, 9);
}

/** The number of sends due by `elapsedMs` at `perSecond` (the first at 0 ms), never more than `total`: an open-loop schedule. */
export function sendsDue(elapsedMs: number, perSecond: number, total: number): number {
  if (elapsedMs < 0) return 0;
  return Math.min(total, Math.floor((elapsedMs * perSecond) / 1000) + 1);
}

/** VmRSS of a /proc/<pid>/status text, in kB; null when the line is missing (the process has exited). */
export function rssKbFromStatus(status: string): number | null {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  return match ? Number(match[1]) : null;
}

/** CPU seconds (user + system) of a /proc/<pid>/stat text, at `ticksPerSecond` clock ticks (100 on Linux); null when it does not parse. */
export function cpuSecondsFromStat(stat: string, ticksPerSecond = 100): number | null {
  // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const user = Number(fields[11]);
  const system = Number(fields[12]);
  return Number.isFinite(user) && Number.isFinite(system) && fields.length > 12 ? (user + system) / ticksPerSecond : null;
}

export interface Spread {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** Nearest-rank p50, p99 and the maximum of `values` (latency-stats.ts's percentile). */
export function spreadOf(values: readonly number[]): Spread {
  const sorted = Float64Array.from(values).sort();
  return { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.length ? sorted[sorted.length - 1]! : NaN };
}

/** How many ids were seen 0, 1 or more times among `expected`; `unexpected` counts ids that were not asked for. */
export function tally(expected: Iterable<string>, seen: ReadonlyMap<string, number>): { none: number; once: number; more: number; unexpected: number } {
  const wanted = new Set(expected);
  let none = 0; let once = 0; let more = 0; let unexpected = 0;
  for (const id of wanted) {
    const times = seen.get(id) ?? 0;
    if (times === 0) none++; else if (times === 1) once++; else more++;
  }
  for (const id of seen.keys()) if (!wanted.has(id)) unexpected++;
  return { none, once, more, unexpected };
}

/** A markdown table; numbers are printed as given, so round them first. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]): string => `| ${cells.map(String).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Reads `--name value` from argv as a number, else `fallback`; throws on a value that is not a positive number. */
export function numberOption(argv: readonly string[], name: string, fallback: number): number {
  const at = argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} takes a positive number, not "${argv[at + 1]}"`);
  return value;
}

/** Reads `--name a,b,c` from argv as numbers, else `fallback`. */
export function numbersOption(argv: readonly string[], name: string, fallback: readonly number[]): number[] {
  const at = argv.indexOf(`--${name}`);
  if (at < 0) return [...fallback];
  const values = String(argv[at + 1]).split(',').map(Number);
  if (values.some((v) => !Number.isFinite(v) || v <= 0)) throw new Error(`--${name} takes positive numbers separated by commas, not "${argv[at + 1]}"`);
  return values;
}

export const mb = (kb: number | null): string => (kb === null ? 'n/a' : (kb / 1024).toFixed(0));

// ---------------------------------------------------------------- deliveries

/** The documented Linear payload, read from disk once rather than once per delivery sent. */
let issueCreatedFixture: Record<string, unknown> | undefined;

/**
 * A signed Linear "issue created" delivery of ticket `n` of run `run`, with its own delivery id and an
 * output-only title; no description unless `description` gives one.
 */
export function createdTicketDelivery(run: number, n: number, secret = WEBHOOK_SECRET, description: string | null = null): Delivery {
  const payload = (issueCreatedFixture ??= fixture('linear', 'issue-created'));
  const id = issueIdFor(run, n);
  const title = OUTPUT_ONLY_TITLES[n % OUTPUT_ONLY_TITLES.length]!;
  const data = {
    ...(payload.data as object), id, identifier: `BEN-${n}`, number: n, teamId: BENCH_TEAM_ID, title, description, labels: [], labelIds: [],
    team: { id: BENCH_TEAM_ID, key: 'BEN', name: 'Bench' },
  };
  return linearDelivery({ ...payload, data, webhookId: `bench-${run}-${n}` }, secret, { deliveryId: `bench-${run}-${n}` });
}

/** Keep-alive HTTP posting with no cap on sockets, so an open-loop sender never waits for a free one. */
export function deliveryPoster(url: string): { post(delivery: Delivery): Promise<number>; close(): void } {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const target = new URL(url);
  return {
    post: (delivery) => new Promise<number>((resolve, reject) => {
      const req = request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers: { ...delivery.headers, 'content-length': Buffer.byteLength(delivery.body) } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(delivery.body);
    }),
    close: () => agent.destroy(),
  };
}

/** Sends deliveries 0..count-1 with at most `inFlight` waiting for an answer; returns the statuses that were not 200, counted. */
export async function sendClosedLoop(count: number, inFlight: number, send: (n: number) => Promise<number>): Promise<Map<string, number>> {
  const refused = new Map<string, number>();
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let n = next++; n < count; n = next++) {
      const status = await send(n).catch((error: unknown) => String(error));
      if (status !== 200) refused.set(String(status), (refused.get(String(status)) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  return refused;
}

// ---------------------------------------------------------------- processes

export interface BenchProcess {
  readonly pid: number;
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  /** The end of what the process wrote to stdout and stderr (kept in a file, not in this process). */
  logTail(chars?: number): string;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** The folder a bench run keeps its logs and Redis in; removed by the caller at the end. */
export function benchDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `ticketlint-bench-${name}-`));
}

/** `command args` with its output appended to `logFile` (written by the child directly: no pipe for this process to drain). */
export function spawnLogged(command: string, args: readonly string[], env: Record<string, string>, logFile: string, ipc = false): BenchProcess {
  const log = openSync(logFile, 'a');
  const child = spawn(command, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', log, log, ...(ipc ? ['ipc' as const] : [])] });
  closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    pid: child.pid!,
    child,
    exited,
    logTail: (chars = 2000) => { try { return readFileSync(logFile, 'utf8').slice(-chars); } catch { return ''; } },
    async stop(graceMs = 30_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resolves once GET `url` answers 200; throws with the process's log when it exits or takes longer than `timeoutMs`. */
export async function untilReady(what: string, url: string, proc: BenchProcess, timeoutMs = 60_000): Promise<void> {
  await until(`${what} answers ${url}`, async () => {
    if (proc.child.exitCode !== null) throw new Error(`${what} exited with ${proc.child.exitCode}:\n${proc.logTail()}`);
    return fetch(url).then((r) => r.ok, () => false);
  }, timeoutMs).catch((error: unknown) => {
    throw new Error(`${String(error)}\n--- ${what} log ---\n${proc.logTail()}`);
  });
}

export interface PrivateRedis {
  readonly url: string;
  readonly process: BenchProcess;
  info(section: string): Promise<Record<string, string>>;
  client(): Redis;
  stop(): Promise<void>;
}

export interface PrivateRedisOptions {
  /** redis-server flags after the defaults, which they override (`--appendonly yes`, `--maxmemory-policy allkeys-lru`). */
  readonly flags?: readonly string[];
  /** Default a free one. */
  readonly port?: number;
}

/** A redis-server of our own on a free port, no persistence unless `flags` say so, its files in `dir`: nothing shared is touched. */
export async function startPrivateRedis(dir: string, name = 'redis', options: PrivateRedisOptions = {}): Promise<PrivateRedis> {
  const port = options.port ?? await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...(options.flags ?? [])];
  const proc = spawnLogged('redis-server', args, {}, join(dir, `${name}.log`));
  const url = `redis://127.0.0.1:${port}`;
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: null, retryStrategy: () => 50 });
  redis.on('error', () => undefined);
  await until('the private Redis answers PING', async () => {
    if (proc.child.exitCode !== null) throw new Error(`redis-server exited: ${proc.logTail()}`);
    if (redis.status === 'wait') await redis.connect().catch(() => undefined);
    return redis.status === 'ready' && (await redis.ping().catch(() => '')) === 'PONG';
  }, 15_000);
  return {
    url,
    process: proc,
    info: async (section) => parseRedisInfo(await redis.info(section)),
    client: () => redis,
    async stop() {
      redis.disconnect();
      await proc.stop(5000);
    },
  };
}

/** `INFO` text as name → value. */
export function parseRedisInfo(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at > 0 && !line.startsWith('#')) fields[line.slice(0, at)] = line.slice(at + 1);
  }
  return fields;
}

export interface TicketlintEnvOptions {
  readonly redisUrl: string;
  readonly linearUrl: string;
  readonly port: number;
  /** Extra variables (WORKER_CONCURRENCY, EVENT_WINDOW_MS...); none by default: users' defaults. */
  readonly extra?: Record<string, string>;
}

/** What a working ticketlint process needs, as .env.example names it; every other setting keeps its default. */
export function ticketlintEnv(options: TicketlintEnvOptions): Record<string, string> {
  return {
    // A worker run alone listens on METRICS_PORT, the server on PORT: one port each either way.
    PORT: String(options.port), METRICS_PORT: String(options.port), REDIS_URL: options.redisUrl,
    // The benches' inspecting queues, key tables and the bare baseline read BullMQ's default prefix; each
    // run has a private Redis, so nothing else shares it.
    TICKETLINT_PREFIX: 'bull',
    // The benches' private Redis keeps no append-only file (it measures the code, not the disk).
    ALLOW_VOLATILE_REDIS: '1',
    LINEAR_API_KEY: 'lin_api_bench', LINEAR_WEBHOOK_SECRET: WEBHOOK_SECRET, LINEAR_API_URL: options.linearUrl,
    ...(options.extra ?? {}),
  };
}

export interface RunningNode extends BenchProcess {
  readonly url: string;
}

/** `node <script>` as users run it (npm run server / npm run worker), ready once its /readyz answers 200. */
export async function startNodeProcess(what: string, args: readonly string[], env: Record<string, string>, logFile: string): Promise<RunningNode> {
  const proc = spawnLogged(process.execPath, args, env, logFile);
  const url = `http://127.0.0.1:${env.PORT}`;
  await untilReady(what, `${url}/readyz`, proc);
  return { ...proc, url };
}

export const SERVER_SCRIPT = 'dist/src/server-main.js';
export const WORKER_SCRIPT = 'dist/workers/main.js';
export const BARE_SCRIPT = 'dist/test/bench/bare-pipeline.js';
export const STUB_SCRIPT = 'dist/test/bench/linear-stub-process.js';

// ---------------------------------------------------------------- the Linear stub, in a process of its own

/** A comment write the stub received: which operation, on which issue, when it arrived (epoch ms). */
export interface CommentWrite {
  readonly op: 'createComment' | 'updateComment';
  readonly issueId: string;
  readonly at: number;
}

export type StubMessage =
  | { readonly kind: 'ready'; readonly url: string }
  | { readonly kind: 'writes'; readonly writes: readonly CommentWrite[]; readonly calls: number }
  | { readonly kind: 'seeded'; readonly upTo: number };

export type StubCommand = { readonly kind: 'seed'; readonly run: number; readonly from: number; readonly to: number };

export interface StubProcess {
  readonly url: string;
  readonly pid: number;
  /** createComment calls per issue id, since the start. */
  readonly created: Map<string, number>;
  readonly updated: Map<string, number>;
  /** Calls `listener` with every comment write from now on, until the returned function is called. */
  onWrite(listener: (write: CommentWrite) => void): () => void;
  /** How many requests the stub received. */
  readonly totals: { calls: number };
  /** Makes issues issueIdFor(run, from..to-1) known to the stub, so the bot can read and label them. */
  seed(run: number, from: number, to: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startStubProcess(logFile: string): Promise<StubProcess> {
  const proc = spawnLogged(process.execPath, [STUB_SCRIPT], {}, logFile, true);
  const created = new Map<string, number>();
  const updated = new Map<string, number>();
  const listeners = new Set<(write: CommentWrite) => void>();
  const totals = { calls: 0 };
  let url = '';
  let seededUpTo = -1;
  proc.child.on('message', (message: StubMessage) => {
    if (message.kind === 'ready') url = message.url;
    if (message.kind === 'seeded') seededUpTo = message.upTo;
    if (message.kind !== 'writes') return;
    totals.calls += message.calls;
    for (const write of message.writes) {
      const counts = write.op === 'createComment' ? created : updated;
      counts.set(write.issueId, (counts.get(write.issueId) ?? 0) + 1);
      for (const listener of listeners) listener(write);
    }
  });
  await until('the Linear stub process is listening', () => {
    if (proc.child.exitCode !== null) throw new Error(`the stub process exited: ${proc.logTail()}`);
    return url !== '';
  }, 30_000);
  return {
    get url() { return url; },
    pid: proc.pid,
    created, updated, totals,
    onWrite: (listener) => {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
    async seed(run, from, to) {
      const command: StubCommand = { kind: 'seed', run, from, to };
      proc.child.send(command);
      await until('the stub has the issues', () => seededUpTo >= to - 1 || to <= from, 60_000);
    },
    stop: () => proc.stop(5000),
  };
}

// ---------------------------------------------------------------- RSS

export interface RssSampler {
  /** Peak and last VmRSS (kB) per label, from samples every `intervalMs` since the start. */
  stop(): Record<string, { peakKb: number | null; lastKb: number | null; firstKb: number | null }>;
}

export function readRssKb(pid: number): number | null {
  try {
    return rssKbFromStatus(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return null;
  }
}

export function readCpuSeconds(pid: number): number | null {
  try {
    return cpuSecondsFromStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

/** CPU seconds each pid spends from now until the returned function is called. */
export function measureCpu(pids: Readonly<Record<string, number>>): () => Record<string, number> {
  const before = Object.fromEntries(Object.entries(pids).map(([label, pid]) => [label, readCpuSeconds(pid) ?? 0]));
  return () => Object.fromEntries(Object.entries(pids).map(([label, pid]) => [label, (readCpuSeconds(pid) ?? NaN) - before[label]!]));
}

/** Samples VmRSS of each pid every `intervalMs` from /proc/<pid>/status. */
export function sampleRss(pids: Readonly<Record<string, number>>, intervalMs = 250): RssSampler {
  const seen: Record<string, { peakKb: number | null; lastKb: number | null; firstKb: number | null }> = {};
  const take = (): void => {
    for (const [label, pid] of Object.entries(pids)) {
      const kb = readRssKb(pid);
      const entry = (seen[label] ??= { peakKb: null, lastKb: null, firstKb: null });
      if (kb === null) continue;
      entry.firstKb ??= kb;
      entry.lastKb = kb;
      entry.peakKb = Math.max(entry.peakKb ?? 0, kb);
    }
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return seen;
    },
  };
}

// ---------------------------------------------------------------- the machine

export async function machineLines(redis: PrivateRedis): Promise<string> {
  const cores = cpus();
  const server = await redis.info('server');
  return [
    `- CPU: ${cores[0]?.model ?? 'unknown'}, ${cores.length} cores (shared with other work; load average at start ${loadavg().map((l) => l.toFixed(2)).join(' / ')})`,
    `- Node ${process.version}, Redis ${server.redis_version ?? 'unknown'} (a private redis-server, no persistence)`,
  ].join('\n');
}

/** machineLines for a bench that runs its own Redis later: read from a private redis-server started and stopped for it in `dir`. */
export async function probeMachineLines(dir: string): Promise<string> {
  const probe = await startPrivateRedis(dir, 'probe');
  try {
    return await machineLines(probe);
  } finally {
    await probe.stop();
  }
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

