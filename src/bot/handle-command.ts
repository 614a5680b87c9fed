import type { TicketEvent, TicketEventComment } from '../domain/ticket-event.js';
import type { BotContext, BotOutcome } from './bot-context.js';
import { mutedComment } from './conversation-comment.js';
import { readsTheSame } from './bot-comment.js';
import { recallConversation, type Conversation } from './recall-conversation.js';
import { reviewTicket, saveState } from './review-ticket.js';
import type { TicketCommand } from './ticket-command.js';
import type { TicketKey, TicketState } from './ticket-state.js';

export interface CommandEvent {
  readonly key: TicketKey;
  readonly event: TicketEvent;
  readonly comment: TicketEventComment;
  readonly command: TicketCommand;
  readonly state: TicketState | null;
}

/**
 * `/ticketlint skip <reason>`: the bot goes quiet on the ticket (its comment says who muted it and why)
 * until `/ticketlint recheck`, which lints the ticket and its replies again at once. `/ticketlint help`
 * adds the help section to the bot's comment, `/ticketlint explain` the section on how the ticket was read
 * (the ticket is read again for it); neither ever posts a new comment.
 */
export async function handleCommand(input: CommandEvent, ctx: BotContext): Promise<BotOutcome> {
  const { event, comment, command } = input;
  const nowIso = new Date(ctx.clock()).toISOString();
  const recalled = await recallConversation(ctx.tracker, event.ticketRef, input.state, nowIso);
  ctx.log.info({ command: command.name, by: comment.author.name, ...(command.name === 'skip' ? { reason: command.reason } : {}) }, 'Takes a command from a comment');
  if (command.name === 'skip') {
    const muted = { by: comment.author.name, reason: command.reason, at: nowIso };
    return mute(input, { ...recalled, state: { ...recalled.state, muted } }, ctx);
  }
  const state = stateAfter(command, recalled.state);
  const conversation = { ...recalled, state };
  if (state.muted) return mute(input, conversation, ctx);
  if (command.name !== 'recheck' && !conversation.botComment) {
    await saveState(ctx, input.key, state);
    return { action: 'skipped', reason: `${command.name} was asked for, but the bot has no comment on this ticket to add it to` };
  }
  const ticket = await ctx.tracker.getTicket(event.ticketRef);
  return reviewTicket({ key: input.key, ref: event.ticketRef, ticket, conversation }, ctx);
}

/** `recheck` unmutes; `help` and `explain` add their section to the comment from now on. */
function stateAfter(command: Exclude<TicketCommand, { name: 'skip' }>, state: TicketState): TicketState {
  if (command.name === 'recheck') return { ...state, muted: null };
  return command.name === 'explain' ? { ...state, explain: true } : { ...state, help: true };
}

/** Remembers the mute, and turns the bot's comment (if there is one) into the one line that says who muted it and why. */
async function mute({ key, event }: CommandEvent, conversation: Conversation, ctx: BotContext): Promise<BotOutcome> {
  const { state, botComment } = conversation;
  const muted = state.muted!;
  const reason = `muted by ${muted.by}: ${muted.reason || 'no reason given'}`;
  await saveState(ctx, key, { ...state, summary: { status: 'muted', open: [], answered: [] } });
  if (!botComment) return { action: 'muted', reason };
  const body = mutedComment(muted, state.help);
  if (readsTheSame(botComment.body, body)) return { action: 'unchanged', reason, commentId: botComment.id };
  if (ctx.dryRun) {
    ctx.log.info({ action: 'muted', markdown: body }, 'Dry run: writes nothing, this is the comment it would write');
    return { action: 'muted', reason: `dry run: ${reason}` };
  }
  await ctx.tracker.updateComment(event.ticketRef, botComment.id, body);
  return { action: 'muted', reason, commentId: botComment.id };
}
