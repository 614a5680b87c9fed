import type { Ticket } from '../domain/ticket.js';
import type { TicketEvent, TicketRef } from '../domain/ticket-event.js';
import { lint } from '../lint/lint.js';
import type { RulePack } from '../lint/pack/rule-pack.js';
import type { Verdict } from '../lint/verdict.js';
import { clearedComment, isFlagging, MARKER, questionsComment, readsTheSame } from './bot-comment.js';
import type { BotComment, Tracker } from './tracker.js';

/** The slice of pino the bot uses; a child logger already bound to deliveryId, provider and ticket. */
export interface BotLogger {
  info(o: object, msg?: string): void;
  warn(o: object, msg?: string): void;
  error(o: object, msg?: string): void;
  debug(o: object, msg?: string): void;
}

/** Everything one event needs, built per event by the worker's entry point (as Probot's context). */
export interface BotContext {
  tracker: Tracker;
  /** The pack chosen for the ticket's team or project. */
  pack: RulePack;
  log: BotLogger;
  /** Epoch milliseconds. */
  clock: () => number;
  /** Log the comment instead of posting it, and change no label. */
  dryRun: boolean;
}

/**
 * What the bot did, and why. `commentId` is set when a comment was written; `findings` when the ticket
 * was linted; `lintSeconds` is how long lint() took, for the metric.
 */
export type BotOutcome = {
  action: 'commented' | 'updated' | 'unchanged' | 'cleared' | 'skipped';
  reason: string;
  commentId?: string;
  findings?: number;
  lintSeconds?: number;
};

/**
 * What the bot reads of a queued job: a TicketJob (src/queue/ticket-job.ts) is one. Only the event, so
 * src/bot does not depend on the queue (STYLE.md: the bot could run on another durable queue).
 */
export interface BotJob {
  readonly event: TicketEvent;
}

/**
 * On a created ticket, or an edit of its title or description: lint it, and keep one sticky comment in
 * step with the verdict. Flagged (a warn or error finding): the questions, and the needs-context label.
 * No longer flagged after a comment: the comment says so and the label goes. Good and never commented
 * on: nothing. Events caused by bots, replies and other updates are skipped.
 */
export async function handleTicketEvent(job: BotJob, ctx: BotContext): Promise<BotOutcome> {
  const { event } = job;
  const skip = reasonToSkip(event);
  if (skip) return skipped(skip);
  const ticket = event.ticket ?? (await ctx.tracker.getTicket(event.ticketRef));
  const started = performance.now();
  const verdict = lint(ticket, ctx.pack);
  const lintSeconds = (performance.now() - started) / 1000;
  if (verdict.exemptBecause) return { ...skipped(`the ticket is exempt: ${verdict.exemptBecause}`), lintSeconds };
  const findings = verdict.findings.length;
  const flagged = verdict.findings.some(isFlagging);
  // A ticket just created cannot carry our comment yet: a good one costs no tracker call at all.
  if (!flagged && event.type === 'ticket.created') return { ...skipped('the new ticket says enough'), findings, lintSeconds };
  const existing = await ctx.tracker.findBotComment(event.ticketRef, MARKER);
  const outcome = flagged
    ? await askQuestions(event.ticketRef, ticket, verdict, existing, ctx)
    : await clearIfCommented(event.ticketRef, ticket, existing, ctx);
  return { ...outcome, findings, lintSeconds };
}

function reasonToSkip(event: TicketEvent): string | null {
  if (event.actor?.isBot || event.comment?.author.isBot) return 'the event was caused by a bot';
  if (event.type === 'comment.created') return 'replies are not handled yet';
  if (event.type === 'ticket.updated' && !event.descriptionChanged && !event.titleChanged) {
    return 'the update changed neither the title nor the description';
  }
  return null;
}

function skipped(reason: string): BotOutcome {
  return { action: 'skipped', reason };
}

/**
 * The label goes on before the comment is written: the comment is what a retry checks to see whether
 * the work was done, so a failure between the two writes must leave the comment missing, not the label.
 */
async function askQuestions(ref: TicketRef, ticket: Ticket, verdict: Verdict, existing: BotComment | null, ctx: BotContext): Promise<BotOutcome> {
  const body = questionsComment(ticket, verdict, ctx.pack);
  if (existing && readsTheSame(existing.body, body)) {
    return { action: 'unchanged', reason: 'the comment already asks these questions', commentId: existing.id };
  }
  const action = existing ? 'updated' : 'commented';
  if (ctx.dryRun) return dryRun(ctx, action, body);
  await ctx.tracker.addLabel(ref, ctx.pack.labels.needsContext);
  if (hasLabel(ticket, ctx.pack.labels.contextComplete)) await ctx.tracker.removeLabel(ref, ctx.pack.labels.contextComplete);
  if (existing) {
    await ctx.tracker.updateComment(ref, existing.id, body);
    return { action, reason: 'the questions changed with the ticket', commentId: existing.id };
  }
  const { id } = await ctx.tracker.createComment(ref, body);
  return { action, reason: 'the ticket does not say enough about why', commentId: id };
}

async function clearIfCommented(ref: TicketRef, ticket: Ticket, existing: BotComment | null, ctx: BotContext): Promise<BotOutcome> {
  if (!existing) return skipped('the ticket says enough and was never commented on');
  const body = clearedComment(ctx.pack);
  if (readsTheSame(existing.body, body)) {
    return { action: 'unchanged', reason: 'the comment already says the ticket has what it needs', commentId: existing.id };
  }
  if (ctx.dryRun) return dryRun(ctx, 'cleared', body);
  await ctx.tracker.removeLabel(ref, ctx.pack.labels.needsContext);
  if (!hasLabel(ticket, ctx.pack.labels.contextComplete)) await ctx.tracker.addLabel(ref, ctx.pack.labels.contextComplete);
  await ctx.tracker.updateComment(ref, existing.id, body);
  return { action: 'cleared', reason: 'the ticket now says what it needs to', commentId: existing.id };
}

function dryRun(ctx: BotContext, action: BotOutcome['action'], markdown: string): BotOutcome {
  ctx.log.info({ action, markdown }, 'Dry run: writes nothing, this is the comment it would write');
  return { action, reason: `dry run: would have ${action === 'commented' ? 'posted' : 'edited'} the comment` };
}

function hasLabel(ticket: Ticket, name: string): boolean {
  const wanted = name.trim().toLowerCase();
  return ticket.labels.some((label) => label.trim().toLowerCase() === wanted);
}
