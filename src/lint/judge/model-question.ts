import type { Analysis } from '../analysis.js';
import type { CompiledRule } from '../pack/rule-pack.js';
import type { JudgedSignal, JudgeReading } from './judge.js';

/** A question longer than this is a paragraph, not a question a PM answers in a line (the packs' own are under 150). */
export const MAX_QUESTION_LENGTH = 220;

/** Words too common to show that a question is about this ticket's deliverable. */
const COMMON_WORDS = new Set(['this', 'that', 'with', 'from', 'what', 'which', 'will', 'would', 'should', 'have', 'more', 'some', 'when', 'they', 'them', 'your', 'their', 'about', 'add', 'make', 'support']);

/** The signal a rule asks about: its `signal` option, or the outcome for an output-only finding. */
export function signalAskedBy(rule: CompiledRule): JudgedSignal | null {
  if (rule.kind === 'output-only') return 'outcome';
  if (rule.kind === 'missing-signal') {
    const signal = rule.options.signal;
    return signal === 'user' || signal === 'outcome' || signal === 'successMeasure' || signal === 'alternatives' ? signal : null;
  }
  return null;
}

/** How many times the length of the pack's own question a judge's question may run: the pack's tone includes its length. */
export const MAX_LENGTH_OVER_TEMPLATE = 2;

/**
 * The judge's own question for what `rule` asks, when it passes the checks a template needs no check
 * for: one line, at most MAX_QUESTION_LENGTH characters and at most MAX_LENGTH_OVER_TEMPLATE times as long
 * as `template` (the rule's own question, rendered for this ticket), ending in a question mark, and naming
 * the deliverable (a word of it, or of the title when no deliverable was found). Else null: the template asks.
 */
export function modelQuestion(rule: CompiledRule, reading: JudgeReading | undefined, analysis: Analysis, template: string): string | null {
  if (!reading) return null;
  const signal = signalAskedBy(rule);
  const question = signal ? reading.questions[signal]?.trim() : undefined;
  if (!question || question.length > lengthLimit(template) || /[\r\n]/.test(question) || !question.endsWith('?')) return null;
  return namesDeliverable(question, analysis) ? question : null;
}

function lengthLimit(template: string): number {
  return Math.min(MAX_QUESTION_LENGTH, MAX_LENGTH_OVER_TEMPLATE * template.trim().length);
}

function namesDeliverable(question: string, analysis: Analysis): boolean {
  const deliverable = analysis.signals.deliverable;
  const named = deliverable.output ?? deliverable.evidence.map((e) => e.text).join(' ');
  const source = named.trim().length > 0 ? named : analysis.text.full.slice(0, analysis.text.titleEnd);
  const words = contentWords(source);
  const asked = new Set(contentWords(question));
  return words.some((word) => asked.has(word));
}

function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []).filter((word) => !COMMON_WORDS.has(word));
}
