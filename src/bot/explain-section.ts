import type { JudgedSignal, JudgeReading, ReplyReading } from '../lint/judge/judge.js';
import { MISSABLE_SIGNALS } from '../lint/kinds/missing-signal.js';
import type { RulePack } from '../lint/pack/rule-pack.js';
import type { Verdict } from '../lint/verdict.js';
import { escapeMarkdown } from './bot-comment.js';
import { topicOf, type Topic } from './comment-topics.js';

/** The first words of the explanation section: also how a rebuilt state tells that it was asked for. */
export const EXPLAIN_HEADING = 'How I read this ticket';

/** What each signal is called in the section, and the topic of the questions that ask for it. */
const SIGNALS: Readonly<Record<JudgedSignal, { label: string; topic: Topic }>> = {
  user: { label: 'Who needs it', topic: 'who' },
  outcome: { label: 'Why', topic: 'why' },
  successMeasure: { label: "How we'll know", topic: 'measure' },
  alternatives: { label: 'Alternatives', topic: 'alternatives' },
};

/** Why the offline judgement answered for the model, in words a PM reads; the code stays beside them for whoever reads the logs. */
const FALLBACK_WORDS: Readonly<Record<string, string>> = {
  'llm: timeout': 'the language model did not answer in time',
  'llm: unreachable': 'the language model could not be reached',
  'llm: server_error': "the language model's server failed",
  'llm: rate_limited': "the language model's server was too busy",
  'llm: client_error': "the language model's API turned the request down",
  'llm: refused': 'the language model declined to answer',
  'llm: invalid_json': "the language model's answer was not in the expected form, twice",
  'llm: budget': "this workspace's calls to the language model for the hour or the day are spent",
  'llm: screened (stack_trace)': 'a bug report with a stack trace is never sent to the language model',
  'llm: screened (sure_kind)': 'the offline judgement was sure of the kind, so the language model was not asked',
};

/** A quote in the section is cut here: the ticket holds the rest. */
const MAX_QUOTE_CHARS = 100;

/** What the section is built from: the verdict the comment shows, and the judges' readings behind it. */
export interface Explained {
  readonly verdict: Verdict;
  readonly reading?: JudgeReading | undefined;
  readonly replyReading?: ReplyReading | null | undefined;
}

/**
 * The section `/ticketlint explain` adds to the bot's comment: who judged the ticket (the offline
 * judgement, the language model and which, or the offline judgement for the model and why), then per
 * signal the ticket's words that carry it, or that none do and so a question asks for it, with the
 * judge's probability or confidence where it gives one. Short: one line each.
 */
export function explanationSection({ verdict, reading, replyReading }: Explained, pack: RulePack): string {
  const { analysis } = verdict;
  const probabilities = analysis.judgement.probabilities;
  const kindProbability = probabilities?.kind[analysis.kind as keyof typeof probabilities.kind];
  const deliverable = analysis.signals.deliverable.output;
  return [
    `**${EXPLAIN_HEADING}** (you asked with /ticketlint explain):`,
    `- **Judged by:** ${judgeWords(verdict, reading)}.`,
    ...(replyReading ? [`- **Replies read by:** ${replyJudgeWords(replyReading)}.`] : []),
    `- **Kind:** ${analysis.kind}${score(kindProbability, 'probability')}${deliverable ? `, asking for "${escapeMarkdown(deliverable)}"` : ''}.`,
    ...MISSABLE_SIGNALS.map((name) => signalLine(name, verdict, reading, pack)),
  ].join('\n');
}

function judgeWords(verdict: Verdict, reading: JudgeReading | undefined): string {
  const { judgement } = verdict.analysis;
  if (judgement.judge === 'llm') return `the language model ${code(judgement.version ?? 'unknown')}`;
  const offline = judgement.judge === 'learned' ? `the offline judgement (the learned model ${code(judgement.version ?? 'unknown')})` : 'the offline judgement (the cue rules)';
  const fallback = reading?.fallback ?? judgement.fallback ?? null;
  return fallback ? `${offline}, because ${fallbackWords(fallback)}` : offline;
}

function replyJudgeWords(replies: ReplyReading): string {
  if (replies.judge === 'llm') return `the language model ${code(replies.version ?? 'unknown')}; it counts an answer only with words a reply holds`;
  return `the offline judgement, because ${fallbackWords(replies.fallback ?? 'unknown')}`;
}

function fallbackWords(fallback: string): string {
  return `${FALLBACK_WORDS[fallback] ?? 'the language model gave no usable answer'} (${code(fallback)})`;
}

/** `✓ **Why:** "saves two days" (probability 0.91)` or `✗ **Who needs it:** nothing in the ticket says it, so I ask (…)`. */
function signalLine(name: JudgedSignal, verdict: Verdict, reading: JudgeReading | undefined, pack: RulePack): string {
  const signal = verdict.analysis.signals[name];
  const { label, topic } = SIGNALS[name];
  const probability = verdict.analysis.judgement.probabilities?.signals[name];
  const figure = reading?.judge === 'llm' ? score(reading.signals[name].confidence, "the model's confidence") : score(probability, 'probability it is there');
  if (signal.present) {
    const quotes = signal.evidence.map((e) => `"${escapeMarkdown(cut(e.text))}"`).slice(0, 2).join(', ');
    return `- ✓ **${label}:** ${quotes || 'found'}${figure}`;
  }
  const asked = verdict.findings.some((f) => f.question !== null && topicOf(f, pack) === topic);
  const why = asked ? 'nothing in the ticket says it, so a question above asks' : 'nothing in the ticket says it; this pack does not ask about it here';
  return `- ✗ **${label}:** ${why}${figure}`;
}

function score(value: number | undefined, what: string): string {
  return value === undefined ? '' : ` (${what} ${value.toFixed(2)})`;
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

function cut(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= MAX_QUOTE_CHARS ? line : `${line.slice(0, MAX_QUOTE_CHARS - 1).trimEnd()}…`;
}
