import type { Paint } from '../text-style.js';
import type { JudgeTally } from './judge-run.js';
import { KINDS, SCORED_SIGNALS, type BinaryScores, type EvalFigures, type Miss } from './metrics.js';

export interface EvalHeading {
  readonly corpus: string;
  readonly pack: string;
  readonly split: string;
  /** Who read the tickets, when it was not the offline judgement. */
  readonly tally?: JudgeTally;
}

const COLUMNS = ['precision', 'recall', 'F1', 'accuracy', 'TP', 'FP', 'FN', 'TN'];
const NAME_WIDTH = 16;

const fixed = (value: number | null): string => (value === null ? '–' : value.toFixed(2));
const percent = (value: number | null): string => (value === null ? '–' : `${(value * 100).toFixed(1)}%`);

function scoreRow(name: string, s: BinaryScores): string {
  const cells = [fixed(s.precision), fixed(s.recall), fixed(s.f1), fixed(s.accuracy), s.tp, s.fp, s.fn, s.tn];
  return name.padEnd(NAME_WIDTH) + cells.map((c, i) => String(c).padStart(i < 4 ? 10 : 6)).join('');
}

function header(): string {
  return ''.padEnd(NAME_WIDTH) + COLUMNS.map((c, i) => c.padStart(i < 4 ? 10 : 6)).join('');
}

/** The figures as a table for a person tuning the engine. */
export function formatEvalReport(figures: EvalFigures, heading: EvalHeading, paint: Paint): string {
  const o = figures.outputOnly;
  const lines = [
    paint('bold', `ticketlint eval: ${heading.corpus}, pack ${heading.pack}, split ${heading.split} (${figures.tickets} tickets)`),
    ...(heading.tally ? [tallyLine(heading.tally)] : []),
    '',
    paint('dim', header()),
    paint('bold', scoreRow('outputOnly', o)),
    `  good tickets wrongly flagged: ${percent(o.falsePositiveRate)} (${o.fp} of ${o.fp + o.tn})`,
    ...SCORED_SIGNALS.map((name) => scoreRow(name, figures.signals[name])),
    '',
    ...formatConfusion(figures, paint),
  ];
  return lines.join('\n');
}

/** `judge llm (gpt-4o-mini prompt-v3): 95 read by the model, 3 fell back to the offline judge (server_error 2, timeout 1), 2 not sent`. */
export function tallyLine(tally: JudgeTally): string {
  const reasons = Object.entries(tally.fellBack).sort(([a], [b]) => a.localeCompare(b)).map(([reason, count]) => `${reason} ${count}`);
  const fellBack = Object.values(tally.fellBack).reduce((sum, n) => sum + n, 0);
  return [
    `judge ${tally.judge}${tally.version ? ` (${tally.version})` : ''}: ${tally.byJudge} read by the model`,
    `${fellBack} fell back to the offline judge${reasons.length > 0 ? ` (${reasons.join(', ')})` : ''}`,
    `${tally.screened} not sent (screened, exempt or not in English)`,
  ].join(', ');
}

function formatConfusion(figures: EvalFigures, paint: Paint): string[] {
  const width = 9;
  const rows = KINDS.map((expected) =>
    expected.padEnd(NAME_WIDTH) + KINDS.map((got) => String(figures.kind.confusion[expected][got]).padStart(width)).join(''),
  );
  return [
    paint('bold', `kind accuracy ${fixed(figures.kind.accuracy)}`),
    paint('dim', 'expected \\ got'.padEnd(NAME_WIDTH) + KINDS.map((k) => k.padStart(width)).join('')),
    ...rows,
  ];
}

const show = (value: boolean | string): string => (typeof value === 'boolean' ? (value ? 'yes' : 'no') : value);

/** One line per ticket that was misread, naming each field that differs: for tuning, not for scores. */
export function formatMisses(misses: readonly Miss[], paint: Paint): string {
  if (misses.length === 0) return paint('green', 'no misses');
  const byTicket = new Map<string, Miss[]>();
  for (const miss of misses) byTicket.set(miss.id, [...(byTicket.get(miss.id) ?? []), miss]);
  const lines = [...byTicket.values()].map((ms) => {
    const what = ms.map((m) => `${m.field} ${show(m.expected)}→${paint('red', show(m.got))}`).join(', ');
    return `${paint('dim', ms[0]!.id.padEnd(8))} ${what}  ${paint('italic', ms[0]!.title.replace(/\s+/g, ' ').slice(0, 70))}`;
  });
  return [paint('bold', `misses (expected→got), ${byTicket.size} tickets:`), ...lines].join('\n');
}
