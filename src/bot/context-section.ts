import type { Ticket } from '../domain/ticket.js';
import type { RulePack } from '../lint/pack/rule-pack.js';
import type { AnswerSheet } from './answers.js';
import { escapeMarkdown } from './bot-comment.js';
import { questionItems } from './comment-topics.js';
import { containsMarker } from './tracker.js';

/**
 * The "Context" section the bot keeps at the end of a ticket's description: the answers the replies
 * gave, each with who gave it and a link to the comment. It is found again by two visible marker lines
 * of plain words (as the sticky comment's footer, because Linear rebuilds markdown from its editor and
 * Jira keeps only what ADF carries): the heading "Context" followed by CONTEXT_START, and CONTEXT_END.
 * Everything outside the two markers is the author's and is never touched.
 */
export const CONTEXT_HEADING = 'Context';
export const CONTEXT_START = 'ticketlint context · summed up from the replies and kept up to date, write above or below this section';
export const CONTEXT_END = 'end of ticketlint context';

/** One answered question: its label as the bot comment shows it, the answer, who gave it and in which comment. */
export interface ContextEntry {
  readonly label: string;
  readonly quote: string | null;
  readonly by: string | null;
  readonly commentId: string | null;
}

/** What goes into the section, provider-neutral; each tracker renders it (markdown, ADF) with its own comment links. */
export interface ContextSection {
  readonly entries: readonly ContextEntry[];
}

/** The section for the answers so far, in the order the bot asked; null when nothing is answered yet. */
export function contextSectionOf(sheet: AnswerSheet, pack: RulePack): ContextSection | null {
  const entries = questionItems(sheet.asked.findings, pack).flatMap((item) => {
    const answer = sheet.answers.get(item.question);
    return answer ? [{ label: item.label, quote: answer.quote, by: answer.by, commentId: answer.commentId }] : [];
  });
  return entries.length > 0 ? { entries } : null;
}

/** The section as Linear markdown; `commentUrl` links a comment id to the comment. */
export function contextSectionMarkdown(section: ContextSection, commentUrl: (commentId: string) => string): string {
  const items = section.entries.map((entry) => {
    const answer = entry.quote ? `"${escapeMarkdown(oneLine(entry.quote))}"` : 'answered across the replies';
    const source = [entry.by ? escapeMarkdown(oneLine(entry.by)) : null, entry.commentId ? `[comment](${commentUrl(entry.commentId)})` : null]
      .filter((part) => part !== null).join(', ');
    return `- **${escapeMarkdown(entry.label)}:** ${answer}${source ? ` (${source})` : ''}`;
  });
  return [`## ${CONTEXT_HEADING}`, CONTEXT_START, items.join('\n'), CONTEXT_END].join('\n\n');
}

/** Where the section sits among a text's lines (markdown or plain text): first and last line, inclusive. */
export function contextSectionLines(lines: readonly string[]): { first: number; last: number } | null {
  const start = lines.findIndex((line) => containsMarker(line, CONTEXT_START));
  if (start < 0) return null;
  let first = start;
  for (let i = start - 1; i >= 0; i--) {
    if (lines[i]!.trim() === '') continue;
    if (isContextHeading(lines[i]!)) first = i;
    break;
  }
  const end = lines.findIndex((line, i) => i > start && containsMarker(line, CONTEXT_END));
  // A section whose end marker a person deleted ends before the next heading: text below it stays theirs.
  const nextHeading = lines.findIndex((line, i) => i > start && /^\s{0,3}#{1,6}\s/.test(line));
  const last = end >= 0 ? end : nextHeading >= 0 ? nextHeading - 1 : lines.length - 1;
  return { first, last };
}

/**
 * The description with the section put in: replacing the old one in place, or appended after a blank
 * line. The author's text before and after the section comes back byte for byte.
 */
export function withContextMarkdown(description: string, sectionMarkdown: string): string {
  const lines = description.split('\n');
  const at = contextSectionLines(lines);
  if (!at) return description.trim() === '' ? sectionMarkdown : `${description.replace(/\s+$/, '')}\n\n${sectionMarkdown}`;
  return [...lines.slice(0, at.first), ...sectionMarkdown.split('\n'), ...lines.slice(at.last + 1)].join('\n');
}

/** The section's current markdown in a description, or null when there is none. */
export function currentContextMarkdown(description: string): string | null {
  const lines = description.split('\n');
  const at = contextSectionLines(lines);
  return at ? lines.slice(at.first, at.last + 1).join('\n') : null;
}

/**
 * True when two renderings of the section read the same: escapes, bullet characters and whitespace runs
 * aside, as a tracker may rewrite them when it stores markdown. Loose on purpose: were the tracker's own
 * rewrite to count as a change, each write would bring an edit event and another write.
 */
export function sameContext(a: string, b: string): boolean {
  const normalise = (s: string): string => s
    .replace(/\\(?=[\p{P}\p{S}])/gu, '')
    .replace(/^\s*[-*+]\s+/gm, '- ')
    .replace(/\s+/g, ' ')
    .trim();
  return normalise(a) === normalise(b);
}

/**
 * The ticket without the bot's section, for linting: the answers in it are the replies', which the bot
 * reads as replies; read as the description they would make the ticket look written that way.
 */
export function withoutContextSection(ticket: Ticket): Ticket {
  const lines = ticket.description.split('\n');
  const at = contextSectionLines(lines);
  if (!at) return ticket;
  const description = [...lines.slice(0, at.first), ...lines.slice(at.last + 1)].join('\n').replace(/\n{3,}/g, '\n\n').trim();
  return { ...ticket, description };
}

function isContextHeading(line: string): boolean {
  return line.replace(/^\s{0,3}#{1,6}\s+/, '').replace(/[*_\\]/g, '').trim().toLowerCase() === CONTEXT_HEADING.toLowerCase();
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
