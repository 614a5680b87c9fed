/**
 * What a person can tell the bot in a comment: a line that starts with `/ticketlint` (any case, spaces
 * before it allowed). `skip <reason>` mutes the bot on the ticket, `recheck` lints it again now and
 * unmutes it, `help` adds a short help section to the bot's comment, `explain` a section on how the
 * ticket was read. Any other word reads as help, so a typo gets an answer instead of silence.
 */
export type TicketCommand =
  | { readonly name: 'skip'; readonly reason: string }
  | { readonly name: 'recheck' }
  | { readonly name: 'explain' }
  | { readonly name: 'help'; readonly unknown: string | null };

const COMMAND_LINE = /^[ \t]*\/ticketlint\b[ \t]*(\S*)[ \t]*(.*)$/im;

/** The first command in the comment, or null when no line starts with `/ticketlint`. */
export function parseTicketCommand(text: string): TicketCommand | null {
  const match = COMMAND_LINE.exec(text);
  if (!match) return null;
  const word = (match[1] ?? '').toLowerCase();
  const rest = (match[2] ?? '').trim();
  if (word === 'skip' || word === 'mute') return { name: 'skip', reason: rest };
  if (word === 'recheck') return { name: 'recheck' };
  if (word === 'explain' || word === 'why') return { name: 'explain' };
  return { name: 'help', unknown: word === '' || word === 'help' ? null : word };
}

/** The comment without its command lines: what is left may still answer a question. */
export function withoutCommands(text: string): string {
  return text.replace(/^[ \t]*\/ticketlint\b.*$/gim, '').trim();
}

/** The first line of the help section: also how a rebuilt state tells that help was asked for. */
export const HELP_HEADING = 'Talk to me with a line that starts with /ticketlint:';

/** The help section `/ticketlint help` adds to the bot's comment (markdown). */
export function commandHelp(): string {
  return [
    `**${HELP_HEADING}**`,
    '- `/ticketlint skip <reason>` mutes me on this ticket; the reason is shown here.',
    '- `/ticketlint recheck` reads the ticket and the replies again now, and unmutes me.',
    '- `/ticketlint explain` says who judged this ticket (the offline judgement or a language model) and why each question is asked.',
    '- `/ticketlint help` shows this.',
  ].join('\n');
}

/** The sections asked for by command that the bot's comment carries after its own text. */
export interface CommentAppendix {
  readonly help: boolean;
  /** The explanation section (src/bot/explain-section.ts), when `/ticketlint explain` asked for it and there is a verdict to explain. */
  readonly explanation: string | null;
}

export const NO_APPENDIX: CommentAppendix = { help: false, explanation: null };

/** The appendix as markdown blocks, in a fixed order; empty blocks are dropped by the comment that joins them. */
export function appendixBlocks(appendix: CommentAppendix): string[] {
  return [appendix.explanation ?? '', appendix.help ? commandHelp() : ''];
}
