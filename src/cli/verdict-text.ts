import type { SignalName } from '../lint/signal.js';
import { notJudgedText, wouldComment, type Finding, type Verdict } from '../lint/verdict.js';
import type { Paint, Style } from './text-style.js';

const SIGNAL_LABELS: Record<SignalName, string> = {
  deliverable: 'deliverable',
  user: 'user',
  outcome: 'outcome',
  successMeasure: 'success measure',
  alternatives: 'alternatives',
};
const SIGNAL_ORDER = Object.keys(SIGNAL_LABELS) as SignalName[];
const LABEL_WIDTH = Math.max(...Object.values(SIGNAL_LABELS).map((l) => l.length));
const LEVEL_STYLES: Record<Finding['level'], Style> = { error: 'red', warn: 'yellow', info: 'blue' };
const MAX_QUOTE = 70;
const MAX_QUOTES = 3;

/**
 * A verdict for a person at a terminal: one headline, the signals found with the words that carry
 * them, the missing ones on a single line, then findings and questions.
 *
 *   ✗ output-only  7  Add CSV export
 *       ✓ deliverable      "Add CSV export"
 *       ✗ user · outcome · success measure · alternatives
 *       error  The ticket says what to build, not why.  outcome-required
 *       ? Who needs the CSV export, and what is hard for them today without it?
 *       would comment: yes
 *
 * A ticket that is not output-only but on which a rule fires at warn or error (strict's missing
 * success measure) is headed "needs context", never "ok": the bot would comment on it.
 */
export function formatVerdictText(verdict: Verdict, paint: Paint): string {
  const lines = [headline(verdict, paint)];
  if (verdict.exemptBecause === null && verdict.notJudged === null) {
    lines.push(...signalLines(verdict, paint));
    lines.push(...verdict.findings.map((f) => findingLine(f, paint)));
    lines.push(...verdict.questions.map((q) => `    ${paint('cyan', '?')} ${q}`));
  }
  lines.push(`    would comment: ${wouldComment(verdict) ? paint('bold', 'yes') : 'no'}`);
  return lines.join('\n');
}

function headline(verdict: Verdict, paint: Paint): string {
  const name = `${paint('dim', verdict.id)}  ${paint('bold', oneLine(verdict.analysis.text.title, 80))}`;
  if (verdict.exemptBecause !== null) return `${paint('dim', '– exempt')}  ${name}  ${paint('dim', `(${verdict.exemptBecause})`)}`;
  if (verdict.notJudged !== null) return `${paint('dim', `– not judged: ${notJudgedText(verdict.notJudged)}`)}  ${name}`;
  if (verdict.outputOnly) return `${paint(['bold', 'red'], '✗ output-only')}  ${name}`;
  if (wouldComment(verdict)) return `${paint(['bold', 'yellow'], '✗ needs context')}  ${name}`;
  return `${paint(['bold', 'green'], '✓ ok')}  ${name}`;
}

function signalLines(verdict: Verdict, paint: Paint): string[] {
  const signals = verdict.analysis.signals;
  const found = SIGNAL_ORDER.filter((name) => signals[name].present);
  const missing = SIGNAL_ORDER.filter((name) => !signals[name].present);
  const lines = found.map((name) => {
    const quotes = quoteEvidence(signals[name].evidence.map((e) => e.text));
    return `    ${paint('green', '✓')} ${SIGNAL_LABELS[name].padEnd(LABEL_WIDTH)}  ${paint('italic', quotes)}`.trimEnd();
  });
  if (missing.length) lines.push(`    ${paint('red', '✗')} ${paint('dim', missing.map((n) => SIGNAL_LABELS[n]).join(' · '))}`);
  return lines;
}

function findingLine(finding: Finding, paint: Paint): string {
  return `    ${paint(LEVEL_STYLES[finding.level], finding.level.padEnd(5))}  ${finding.message}  ${paint('dim', finding.rule)}`;
}

/** Up to three quotes, each on one line and cut short, with a count of the rest. */
export function quoteEvidence(texts: readonly string[]): string {
  const unique = [...new Set(texts.map((t) => oneLine(t, MAX_QUOTE)).filter(Boolean))];
  const shown = unique.slice(0, MAX_QUOTES).map((t) => `"${t}"`).join(', ');
  return unique.length > MAX_QUOTES ? `${shown} +${unique.length - MAX_QUOTES} more` : shown;
}

export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1).trimEnd() + '…' : flat;
}

export interface LintTally {
  readonly tickets: number;
  readonly outputOnly: number;
  readonly exempt: number;
  /** Not output-only, yet the bot would comment (headed "needs context"). */
  readonly needsContext: number;
  /** Tickets the bot would comment on (wouldComment). */
  readonly wouldComment: number;
  readonly malformed: number;
}

/** The closing line when more than one record was read: "3 tickets: 1 output-only, 2 ok; the bot would comment on 1". */
export function formatTally(tally: LintTally, paint: Paint): string {
  const ok = tally.tickets - tally.outputOnly - tally.exempt - tally.needsContext;
  const parts = [`${tally.outputOnly} output-only`];
  if (tally.needsContext) parts.push(`${tally.needsContext} needing context`);
  parts.push(`${ok} ok`);
  if (tally.exempt) parts.push(`${tally.exempt} exempt`);
  const tail: string[] = [];
  if (tally.wouldComment) tail.push(`the bot would comment on ${tally.wouldComment}`);
  if (tally.malformed) tail.push(paint('red', `${tally.malformed} malformed ${tally.malformed === 1 ? 'record' : 'records'}`));
  const noun = tally.tickets === 1 ? 'ticket' : 'tickets';
  return paint('bold', `${tally.tickets} ${noun}: `) + parts.join(', ') + (tail.length ? `; ${tail.join(', ')}` : '');
}
