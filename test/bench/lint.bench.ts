/**
 * `npm run bench:lint`: how fast lint(ticket, pack) is with the default pack, on one core, for
 * title-only, typical (~1 KB body) and long (~10 KB body) tickets, and for hostile ~1 MB descriptions
 * (pathological-tickets.ts: long runs of spaces, `[`, backticks, "as a ", ...), next to a baseline measured in the
 * same run (JSON.stringify plus one regex test over the same tickets), because a shared machine is
 * noisy and the ratio moves less than the raw figures. Flags: --json, --quick (a smoke run).
 */
import { cpus } from 'node:os';
import { lint } from '../../src/lint/lint.js';
import { DEFAULT_PACK_NAME, loadPack } from '../../src/packs/load-pack.js';
import type { Ticket } from '../../src/domain/ticket.js';
import { measure, type LatencyStats } from './latency-stats.js';
import { PATHOLOGICAL_BYTES, pathologicalTickets } from './pathological-tickets.js';
import { syntheticTickets, type TicketSetSpec } from './synthetic-tickets.js';

const TARGET_TYPICAL_PER_SECOND = 20_000;
const TARGET_P99_US = 1000;
const BASELINE_PATTERN = /\b(?:so that|because|in order to)\b/i;

interface SetResult {
  readonly set: string;
  readonly bodyChars: number;
  readonly lint: LatencyStats;
  readonly baseline: LatencyStats;
  /** How many baseline calls fit in the time of one lint call. */
  readonly ratio: number;
}

function runSet(spec: TicketSetSpec, rounds: number, lintOne: (t: Ticket) => unknown): SetResult {
  return runTickets(spec.name, spec.bodyChars, syntheticTickets(spec), rounds, lintOne);
}

function runTickets(set: string, bodyChars: number, tickets: readonly Ticket[], rounds: number, lintOne: (t: Ticket) => unknown): SetResult {
  const baselineOne = (t: Ticket): boolean => BASELINE_PATTERN.test(JSON.stringify(t));
  // Warm-up: enough calls for V8 to optimise both paths before anything is timed.
  measure(tickets, 1, lintOne);
  measure(tickets, 1, baselineOne);
  const lintStats = measure(tickets, rounds, lintOne);
  const baseline = measure(tickets, rounds, baselineOne);
  return { set, bodyChars, lint: lintStats, baseline, ratio: baseline.perSecond / lintStats.perSecond };
}

function formatTable(results: readonly SetResult[]): string {
  const row = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(20) : c.padStart(i === cells.length - 1 ? 18 : 12))).join('');
  const us = (v: number): string => `${v.toFixed(1)} µs`;
  const lines = [row(['set', 'tickets/s', 'p50', 'p99', 'max', 'baseline/s', 'cost×base', 'target'])];
  for (const r of results) {
    const misses = [
      ...(r.set === 'typical' && r.lint.perSecond < TARGET_TYPICAL_PER_SECOND ? ['rate'] : []),
      ...(r.lint.p99Us >= TARGET_P99_US ? ['p99'] : []),
    ];
    lines.push(row([r.set, Math.round(r.lint.perSecond).toLocaleString('en-US'), us(r.lint.p50Us), us(r.lint.p99Us), us(r.lint.maxUs),
      Math.round(r.baseline.perSecond).toLocaleString('en-US'), `${r.ratio.toFixed(1)}×`, misses.length ? `misses ${misses.join('+')}` : 'meets']));
  }
  return lines.join('\n');
}

function main(argv: readonly string[]): void {
  const quick = argv.includes('--quick');
  const scale = quick ? 0.05 : 1;
  const pack = loadPack(DEFAULT_PACK_NAME);
  const lintOne = (t: Ticket): unknown => lint(t, pack).outputOnly;
  const sets: [TicketSetSpec, number][] = [
    [{ name: 'title-only', count: Math.ceil(20_000 * scale), bodyChars: 0, seed: 1 }, 3],
    [{ name: 'typical', count: Math.ceil(5_000 * scale), bodyChars: 1_000, seed: 2 }, 3],
    [{ name: 'long', count: Math.ceil(1_000 * scale), bodyChars: 10_000, seed: 3 }, 2],
  ];
  const results = sets.map(([spec, rounds]) => runSet(spec, rounds, lintOne));
  // Each pathological description once per copy; fewer copies in a smoke run.
  const pathological = Array.from({ length: quick ? 1 : 4 }, () => pathologicalTickets()).flat();
  results.push(runTickets('pathological (1 MB)', PATHOLOGICAL_BYTES, pathological, quick ? 1 : 3, lintOne));
  const machine = { node: process.version, cpu: cpus()[0]?.model ?? 'unknown', execArgv: process.execArgv, pack: DEFAULT_PACK_NAME };
  if (argv.includes('--json')) {
    const targets = { typicalPerSecond: TARGET_TYPICAL_PER_SECOND, p99Us: TARGET_P99_US };
    console.log(JSON.stringify({ machine, targets, results }, null, 2));
    return;
  }
  console.log(`lint(ticket, pack "${machine.pack}") on one thread; ${machine.node} ${machine.execArgv.join(' ')}; ${machine.cpu}`);
  console.log(`targets: typical >= ${TARGET_TYPICAL_PER_SECOND.toLocaleString('en-US')} tickets/s, p99 < ${TARGET_P99_US / 1000} ms; ` +
    'baseline = JSON.stringify + one regex test per ticket; cost×base = lint time / baseline time\n');
  console.log(formatTable(results));
}

main(process.argv.slice(2));
