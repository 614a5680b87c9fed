import type { RulePack } from '../lint/pack/rule-pack.js';
import type { AnswerSheet } from './answers.js';
import { answerWords, escapeMarkdown, MARKER } from './bot-comment.js';
import { questionItems } from './comment-topics.js';
import { appendixBlocks, HELP_HEADING, NO_APPENDIX, type CommentAppendix } from './ticket-command.js';
import { EXPLAIN_HEADING } from './explain-section.js';
import type { TicketState } from './ticket-state.js';
import { containsMarker } from './tracker.js';

/** The footer of a muted comment; the words after MARKER are how a lost state is rebuilt from the tracker. */
const MUTED_FOOTER = `${MARKER} muted · write /ticketlint recheck to wake me`;
const MUTED_LINE = /^Muted by (.+?): (.*)$/m;

/**
 * The thank-you the comment becomes once the replies answer every question at warn or error level:
 * who helped, the label change, and the answers collected, each with who gave it.
 */
export function thankYouComment(sheet: AnswerSheet, pack: RulePack, appendix: CommentAppendix = NO_APPENDIX): string {
  const items = questionItems(sheet.asked.findings, pack).flatMap((item) => {
    const answer = sheet.answers.get(item.question);
    return answer ? [`- **${item.label}:** ${answerWords(answer)}`] : [];
  });
  const people = [...new Set([...sheet.answers.values()].flatMap((a) => (a.by ? [a.by] : [])))];
  const thanks = people.length > 0 ? `Thanks, ${escapeMarkdown(joinNames(people))}!` : 'Thanks!';
  return [
    `${thanks} This ticket now has what it needs, so \`${pack.labels.needsContext}\` gives way to \`${pack.labels.contextComplete}\`. What you told me:`,
    items.join('\n'),
    ...appendixBlocks(appendix),
    `${MARKER} nothing more needed`,
  ].filter((block) => block.length > 0).join('\n\n');
}

/**
 * The comment while the bot is muted on the ticket: who muted it and why, in one line, then the footer.
 * A muted bot reads nothing, so there is no explanation to show; help stays when it was asked for.
 */
export function mutedComment(muted: NonNullable<TicketState['muted']>, help = false): string {
  const reason = muted.reason.trim() === '' ? 'no reason given' : oneLine(muted.reason);
  return [`Muted by ${escapeMarkdown(oneLine(muted.by))}: ${escapeMarkdown(reason)}`, ...appendixBlocks({ help, explanation: null }), MUTED_FOOTER]
    .filter((block) => block.length > 0).join('\n\n');
}

/** Who muted the bot and why, read back from the bot's comment; null when the comment is not a muted one. */
export function mutedFromComment(body: string, at: string): TicketState['muted'] {
  if (!containsMarker(body, MUTED_FOOTER)) return null;
  const line = MUTED_LINE.exec(unescape(body));
  return { by: line?.[1]?.trim() ?? 'someone', reason: line?.[2]?.trim() ?? '', at };
}

/** True when the bot's comment carries the help section. */
export function showsHelp(body: string): boolean {
  return containsMarker(body, HELP_HEADING);
}

/** True when the bot's comment carries the explanation section: how a rebuilt state knows it was asked for. */
export function showsExplanation(body: string): boolean {
  return containsMarker(body, EXPLAIN_HEADING);
}

function joinNames(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function unescape(text: string): string {
  return text.replace(/\\(?=[\p{P}\p{S}])/gu, '');
}
