import type { TicketRef } from '../domain/ticket-event.js';
import type { Reply } from './answers.js';
import { MARKER } from './bot-comment.js';
import { mutedFromComment, showsExplanation, showsHelp } from './conversation-comment.js';
import { withoutCommands } from './ticket-command.js';
import { emptyTicketState, type TicketState } from './ticket-state.js';
import { containsMarker, type TicketComment, type Tracker } from './tracker.js';

/** The bot's comment on a ticket, the human replies since, and the state, rebuilt from them where it was missing. */
export interface Conversation {
  readonly botComment: TicketComment | null;
  readonly replies: readonly Reply[];
  readonly state: TicketState;
}

/**
 * Reads the ticket's comments once. The bot's comment is the one the state names, else the oldest
 * with the marker. Replies are the comments after it by people (not apps, not the bot), without their
 * command lines. With no state (never written, expired, Redis lost), the state is rebuilt from the
 * comment: its id, whether it says the bot is muted, whether it shows the help or explanation section.
 */
export async function recallConversation(tracker: Tracker, ref: TicketRef, state: TicketState | null, nowIso: string): Promise<Conversation> {
  const comments = await tracker.listComments(ref);
  const byMarker = comments.find((c) => containsMarker(c.body, MARKER)) ?? null;
  const botComment = comments.find((c) => c.id === state?.commentId) ?? byMarker;
  const after = botComment ? comments.slice(comments.indexOf(botComment) + 1) : [];
  const replies = after
    .filter((c) => !c.author.isBot && !containsMarker(c.body, MARKER))
    .map((c) => ({ id: c.id, author: c.author, body: withoutCommands(c.body) }));
  return { botComment, replies, state: recalledState(state, botComment, nowIso) };
}

function recalledState(state: TicketState | null, botComment: TicketComment | null, nowIso: string): TicketState {
  if (state) return { ...state, commentId: botComment?.id ?? null };
  if (!botComment) return emptyTicketState(nowIso);
  return {
    ...emptyTicketState(nowIso),
    commentId: botComment.id,
    muted: mutedFromComment(botComment.body, nowIso),
    help: showsHelp(botComment.body),
    explain: showsExplanation(botComment.body),
  };
}
