import type { TicketEvent } from '../domain/ticket-event.js';
import { lint } from '../lint/lint.js';
import { judgeOf, judgeTicket } from './judge-ticket.js';
import { withoutContextSection } from './context-section.js';
import { wouldComment } from '../lint/verdict.js';
import { MARKER } from './bot-comment.js';
import type { BotContext, BotJob, BotOutcome } from './bot-context.js';
import { handleCommand } from './handle-command.js';
import { recallConversation } from './recall-conversation.js';
import { leaveAlone, reviewTicket, saveState } from './review-ticket.js';
import { parseTicketCommand } from './ticket-command.js';
import { emptyTicketState, type TicketKey, type TicketState } from './ticket-state.js';
import { containsMarker } from './tracker.js';

export type { BotContext, BotJob, BotLogger, BotOutcome } from './bot-context.js';

/**
 * One ticket event, start to finish. A created ticket, or an edit of its title or description, is linted;
 * so is a reply on a ticket the bot has commented on, read together with the description. The one sticky
 * comment and the labels follow the verdict (see reviewTicket). A comment with a `/ticketlint` command
 * line is a command. Events caused by bots, the bot's own comments, and events on a muted ticket are skipped.
 */
export async function handleTicketEvent(job: BotJob, ctx: BotContext): Promise<BotOutcome> {
  const { event } = job;
  const skip = reasonToSkip(event);
  if (skip) return skipped(skip);
  const key = ticketKeyOf(event);
  const state = (await ctx.state?.get(key)) ?? null;
  const command = event.comment ? parseTicketCommand(event.comment.body) : null;
  if (event.comment && command) return handleCommand({ key, event, comment: event.comment, command, state }, ctx);
  if (state?.muted) return skipped(mutedReason(state));
  if (event.type === 'comment.created') return onReply(event, key, state, ctx);
  return onTicketChange(event, key, state, ctx);
}

export function ticketKeyOf(event: TicketEvent): TicketKey {
  return { provider: event.provider, workspace: event.workspace, ticketId: event.ticketRef.id };
}

export function reasonToSkip(event: TicketEvent): string | null {
  if (event.actor?.isBot || event.comment?.author.isBot) return 'the event was caused by a bot';
  if (event.comment && containsMarker(event.comment.body, MARKER)) return "the comment is the bot's own";
  if (event.type === 'ticket.updated' && !event.descriptionChanged && !event.titleChanged) {
    return 'the update changed neither the title nor the description';
  }
  return null;
}

async function onTicketChange(event: TicketEvent, key: TicketKey, state: TicketState | null, ctx: BotContext): Promise<BotOutcome> {
  const ticket = event.ticket ?? (await ctx.tracker.getTicket(event.ticketRef));
  const started = performance.now();
  const offline = lint(ticket, ctx.pack);
  const lintSeconds = (performance.now() - started) / 1000;
  if (offline.exemptBecause) return { ...skipped(`the ticket is exempt: ${offline.exemptBecause}`), lintSeconds };
  if (offline.notJudged) return leaveAlone(offline.notJudged, offline.analysis.language, lintSeconds, ctx);
  // Exempt tickets and those in another language never reach the judge: a model call would change nothing.
  const reading = await judgeTicket(withoutContextSection(ticket), offline.analysis, ctx);
  const verdict = reading ? lint(ticket, ctx.pack, reading) : offline;
  // A ticket just created cannot carry our comment yet: a good one costs no tracker call at all.
  if (!wouldComment(verdict) && event.type === 'ticket.created') {
    await saveState(ctx, key, state ?? emptyTicketState(new Date(ctx.clock()).toISOString()));
    return { ...skipped('the new ticket says enough'), findings: verdict.findings.length, lintSeconds, ...judgeOf(reading) };
  }
  const conversation = await recallConversation(ctx.tracker, event.ticketRef, state, new Date(ctx.clock()).toISOString());
  if (conversation.state.muted) {
    await saveState(ctx, key, conversation.state);
    return skipped(mutedReason(conversation.state));
  }
  return reviewTicket({ key, ref: event.ticketRef, ticket, conversation, ...(reading ? { reading } : {}) }, ctx);
}

/** A reply counts only on a ticket the bot has commented on; the state saves a tracker call when it knows there is none. */
async function onReply(event: TicketEvent, key: TicketKey, state: TicketState | null, ctx: BotContext): Promise<BotOutcome> {
  if (state && state.commentId === null) return skipped('the bot has not commented on this ticket');
  const conversation = await recallConversation(ctx.tracker, event.ticketRef, state, new Date(ctx.clock()).toISOString());
  if (!conversation.botComment || conversation.state.muted) {
    await saveState(ctx, key, conversation.state);
    return skipped(conversation.state.muted ? mutedReason(conversation.state) : 'the bot has not commented on this ticket');
  }
  const ticket = await ctx.tracker.getTicket(event.ticketRef);
  return reviewTicket({ key, ref: event.ticketRef, ticket, conversation }, ctx);
}

export function mutedReason(state: TicketState): string {
  return state.muted ? `muted by ${state.muted.by}: ${state.muted.reason || 'no reason given'}` : 'not muted';
}

function skipped(reason: string): BotOutcome {
  return { action: 'skipped', reason };
}
