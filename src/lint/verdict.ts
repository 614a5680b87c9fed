import type { Analysis } from './analysis.js';
import { SIGNAL_NAMES, type SignalName } from './signal.js';

export const LEVELS = ['off', 'info', 'warn', 'error'] as const;
export type Level = (typeof LEVELS)[number];

/** One thing a rule says about a ticket, with the words that made it say so. */
export interface Finding {
  readonly rule: string;
  readonly level: Exclude<Level, 'off'>;
  readonly message: string;
  /** The question the bot asks for this finding, rendered for this ticket; null when the rule asks none. */
  readonly question: string | null;
  readonly evidence: readonly string[];
}

export interface NotJudged {
  readonly reason: 'language';
  readonly language: string;
}

/** The engine's answer for one ticket under one rule pack. */
export interface Verdict {
  readonly id: string;
  readonly analysis: Analysis;
  readonly outputOnly: boolean;
  /** Why the ticket was not linted (an exempt label or author), or null. */
  readonly exemptBecause: string | null;
  /**
   * Why the engine did not judge the ticket, or null: `language` when it is written in a language
   * the cues and questions do not read (`language` names it: de, fr, es, pt, other).
   */
  readonly notJudged: NotJudged | null;
  readonly findings: readonly Finding[];
  readonly questions: readonly string[];
}

/** The stable JSON shape of a verdict (the CLI's `--format json`, one line per ticket). */
export interface VerdictJson {
  id: string;
  outputOnly: boolean;
  kind: Analysis['kind'];
  deliverable: string | null;
  signals: Record<SignalName, { present: boolean; evidence: string[] }>;
  findings: { rule: string; level: Finding['level']; message: string; evidence: string[] }[];
  questions: string[];
  /** What the bot would do with the ticket as it stands (wouldComment). */
  wouldComment: boolean;
  /** Which judgement read the ticket (learned or cues), its version, and the learned model's probabilities. */
  judgement: Analysis['judgement'];
  exempt?: string;
  /** "language (de)" when the engine did not judge the ticket. */
  notJudged?: string;
}

export function verdictToJson(verdict: Verdict): VerdictJson {
  const signals = {} as VerdictJson['signals'];
  for (const name of SIGNAL_NAMES) {
    const s = verdict.analysis.signals[name];
    signals[name] = { present: s.present, evidence: s.evidence.map((e) => e.text) };
  }
  const json: VerdictJson = {
    id: verdict.id,
    outputOnly: verdict.outputOnly,
    kind: verdict.analysis.kind,
    deliverable: verdict.analysis.signals.deliverable.output,
    signals,
    findings: verdict.findings.map((f) => ({ rule: f.rule, level: f.level, message: f.message, evidence: [...f.evidence] })),
    questions: [...verdict.questions],
    wouldComment: wouldComment(verdict),
    judgement: verdict.analysis.judgement,
  };
  if (verdict.exemptBecause) json.exempt = verdict.exemptBecause;
  if (verdict.notJudged) json.notJudged = notJudgedText(verdict.notJudged);
  return json;
}


/** A finding at warn or error level is what makes the bot speak; info findings only add questions. */
export function isFlagging(finding: Finding): boolean {
  return finding.level === 'warn' || finding.level === 'error';
}

/**
 * Whether the bot comments on a ticket as it stands: it is not exempt and a rule fires at warn or
 * error level. The one place this is decided: the bot acts on it and `ticketlint lint` prints it and
 * exits by it, so the CLI never says "ok" about a ticket the bot would comment on.
 */
export function wouldComment(verdict: Verdict): boolean {
  return verdict.exemptBecause === null && verdict.findings.some(isFlagging);
}

/** "language (de)": what the CLI prints after "not judged:" and the JSON's `notJudged`. */
export function notJudgedText(notJudged: NotJudged): string {
  return `${notJudged.reason} (${notJudged.language})`;
}
