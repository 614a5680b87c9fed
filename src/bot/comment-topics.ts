import type { RulePack } from '../lint/pack/rule-pack.js';
import type { Finding } from '../lint/verdict.js';

/** What a finding says is missing, whatever the pack called its rule. */
export type Topic = 'who' | 'why' | 'measure' | 'alternatives' | 'failure' | 'other';

/** The bold label a question carries in the comment, and the words the opener uses for the gap. */
const TOPIC_WORDS: Readonly<Record<Topic, { label: string; gap: string | null }>> = {
  who: { label: 'Who', gap: 'who needs it' },
  why: { label: 'Why', gap: 'why' },
  measure: { label: "How we'll know", gap: 'how we will know it worked' },
  alternatives: { label: 'Alternatives', gap: 'what else was weighed' },
  failure: { label: 'What goes wrong', gap: 'what goes wrong or what should happen instead' },
  other: { label: 'Also', gap: null },
};

const TOPIC_ORDER: readonly Topic[] = ['who', 'why', 'measure', 'alternatives', 'failure', 'other'];

/** The topic of the question each signal's rule asks (reply-eval.ts reads it the other way). */
export const SIGNAL_TOPICS: Readonly<Record<string, Topic>> = {
  user: 'who',
  outcome: 'why',
  successMeasure: 'measure',
  alternatives: 'alternatives',
};

/** The topic of a finding, read from the kind (and `signal` option) of the pack rule that reported it. */
export function topicOf(finding: Finding, pack: RulePack): Topic {
  const rule = pack.rules.find((r) => r.id === finding.rule);
  if (!rule) return 'other';
  if (rule.kind === 'output-only') return 'why';
  if (rule.kind === 'bare-bug-report') return 'failure';
  if (rule.kind === 'missing-signal') return SIGNAL_TOPICS[String(rule.options.signal)] ?? 'other';
  return 'other';
}

/** One bullet of the comment: a question and what it covers ("Who and why"). */
export interface QuestionItem {
  readonly label: string;
  readonly question: string;
}

/** The findings' questions, deduplicated in finding order; a question asked by several rules names all their topics. */
export function questionItems(findings: readonly Finding[], pack: RulePack): QuestionItem[] {
  const byQuestion = new Map<string, Set<Topic>>();
  for (const finding of findings) {
    if (!finding.question) continue;
    const topics = byQuestion.get(finding.question) ?? new Set<Topic>();
    topics.add(topicOf(finding, pack));
    byQuestion.set(finding.question, topics);
  }
  return [...byQuestion].map(([question, topics]) => ({ label: labelFor(topics), question }));
}

function labelFor(topics: ReadonlySet<Topic>): string {
  const ordered = TOPIC_ORDER.filter((t) => topics.has(t) && (t !== 'other' || topics.size === 1));
  const [first = 'Also', ...rest] = ordered.map((t) => TOPIC_WORDS[t].label);
  return [first, ...rest.map((label) => label.toLowerCase())].join(' and ');
}

/** What the opener says is missing: "who needs it or why"; null when no finding names a gap. */
export function gapWords(findings: readonly Finding[], pack: RulePack): string | null {
  const topics = new Set(findings.map((f) => topicOf(f, pack)));
  const gaps = TOPIC_ORDER.filter((t) => topics.has(t)).flatMap((t) => TOPIC_WORDS[t].gap ?? []);
  // The first two gaps make a readable line; the list below asks about the rest.
  const shown = gaps.slice(0, 2);
  return shown.length === 0 ? null : shown.join(' or ');
}
