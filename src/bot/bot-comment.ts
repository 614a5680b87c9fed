import type { Ticket } from '../domain/ticket.js';
import type { RulePack } from '../lint/pack/rule-pack.js';
import type { Finding, Verdict } from '../lint/verdict.js';
import type { Answer } from './answers.js';
import { gapWords, questionItems, type QuestionItem } from './comment-topics.js';
import { appendixBlocks, NO_APPENDIX, type CommentAppendix } from './ticket-command.js';

/**
 * The words that make a comment the bot's own sticky comment (see Tracker.findBotComment). Plain words
 * and a middle dot, so they survive Linear's markdown and Jira's ADF round trips, and a person who
 * merely mentions "ticketlint review" in a comment does not have it taken for the bot's.
 */
export const MARKER = 'ticketlint review ·';

/** The quotes longer than this are cut: the comment points at the words, the ticket holds them. */
const MAX_QUOTE_CHARS = 120;
const MAX_QUOTES = 3;

/** What a comment shows beside the questions: the answers so far, and the sections asked for by command. */
export interface CommentExtras {
  /** Answered questions by their text (AnswerSheet.answers). */
  readonly answers?: ReadonlyMap<string, Answer>;
  readonly appendix?: CommentAppendix;
}

/**
 * The comment on a ticket that needs context: what is missing, the questions (answered ones ticked,
 * with who answered and how), why they matter, how to answer and how to mute, the words that triggered
 * it, and the marker footer. Markdown, as Tracker takes it.
 */
export function questionsComment(ticket: Ticket, verdict: Verdict, pack: RulePack, extras: CommentExtras = {}): string {
  const answers = extras.answers ?? new Map<string, Answer>();
  const items = questionItems(verdict.findings, pack).map((item) => questionLine(item, answers.get(item.question)));
  const open = verdict.findings.filter((f) => !(f.question !== null && answers.has(f.question)));
  return [
    opener(verdict, open, pack),
    items.join('\n'),
    'A line or two on each helps the engineers build the right thing, not only the thing that was named.',
    `Answer in your own words: reply in this thread, or edit the description.${muteSentence(pack)}`,
    evidenceLine(ticket, verdict.findings),
    ...appendixBlocks(extras.appendix ?? NO_APPENDIX),
    footer(pack),
  ].filter((block) => block.length > 0).join('\n\n');
}

/** The words an answer is quoted by: enough to recognise it, the comment itself holds the rest. */
const ANSWER_WORDS = 12;

/** `- **Who:** question`, or once answered `- ✓ **Who:** answered by Priya: "Our accountants retype …"`. */
export function questionLine(item: QuestionItem, answer: Answer | undefined): string {
  if (!answer) return `- **${item.label}:** ${escapeMarkdown(item.question)}`;
  return `- ✓ **${item.label}:** ${answerWords(answer)}`;
}

export function answerWords(answer: Answer): string {
  const by = answer.by ? `answered by ${escapeMarkdown(answer.by)}` : 'answered in the replies';
  return answer.quote ? `${by}: "${escapeMarkdown(firstWords(answer.quote, ANSWER_WORDS))}"` : by;
}

function firstWords(text: string, count: number): string {
  const words = oneLine(text).split(' ');
  return words.length <= count ? words.join(' ') : `${words.slice(0, count).join(' ').replace(/[,;:]$/, '')}…`;
}

/** The comment once the ticket no longer needs context: the sticky comment is edited into this. */
export function clearedComment(pack: RulePack, appendix: CommentAppendix = NO_APPENDIX): string {
  return [
    `Thanks, this ticket now says what it needs to, so I have removed the \`${pack.labels.needsContext}\` label.`,
    ...appendixBlocks(appendix),
    `${MARKER} nothing more needed`,
  ].filter((block) => block.length > 0).join('\n\n');
}

/**
 * True when a stored comment reads as `markdown` does: trackers hand back what they keep (Linear
 * re-serialised markdown, Jira's ADF as plain text), so markup, escapes, bullets and spacing do not count.
 */
export function readsTheSame(storedBody: string, markdown: string): boolean {
  return comparableText(storedBody) === comparableText(markdown);
}

function comparableText(text: string): string {
  return text
    .replace(/^[ \t]*[-*+][ \t]+/gm, '- ')
    .replace(/(?<!\\)(\*\*|__|`)/g, '')
    .replace(/\\(?=[\p{P}\p{S}])/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function opener(verdict: Verdict, open: readonly Finding[], pack: RulePack): string {
  const { kind, signals } = verdict.analysis;
  const missing = gapWords(open, pack) ?? 'enough about why it matters';
  const deliverable = kind === 'feature' ? signals.deliverable.output : null;
  if (deliverable) return `This asks for **${escapeMarkdown(deliverable)}** but not ${missing}.`;
  return `This ${kind === 'bug' ? 'bug report' : 'ticket'} does not say ${missing}.`;
}

function muteSentence(pack: RulePack): string {
  const label = pack.exempt.labels[0];
  const byLabel = label ? `, or add the label \`${label}\`` : '';
  return ` To mute me on this ticket, write \`/ticketlint skip\` and a reason${byLabel}.`;
}

/** `Flagged because the title says: "Add CSV export"`, one quote per distinct piece of evidence. */
function evidenceLine(ticket: Ticket, findings: readonly Finding[]): string {
  const quotes = [...new Set(findings.flatMap((f) => f.evidence.map(oneLine)).filter((e) => e.length > 0))];
  if (quotes.length === 0) return '';
  const said = quotes.slice(0, MAX_QUOTES).map((quote) => `${placeOf(quote, ticket)} says: "${escapeMarkdown(cut(quote))}"`);
  return `Flagged because ${said.join(', and ')}`;
}

function placeOf(quote: string, ticket: Ticket): string {
  return oneLine(ticket.title).includes(quote) ? 'the title' : 'the description';
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function cut(text: string): string {
  return text.length <= MAX_QUOTE_CHARS ? text : `${text.slice(0, MAX_QUOTE_CHARS - 1).trimEnd()}…`;
}

/** Ticket words quoted in the comment must not turn into markup (or break the marker search). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]~]/g, (ch) => `\\${ch}`);
}

export function footer(pack: RulePack): string {
  const label = pack.exempt.labels[0];
  return `${MARKER} reply here · mute with /ticketlint skip${label ? ` or the label ${label}` : ''}`;
}
