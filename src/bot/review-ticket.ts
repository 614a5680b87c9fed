import type { Ticket } from '../domain/ticket.js';
import type { JudgeReading } from '../lint/judge/judge.js';
import { judgeNote, judgeOf, judgeReplies, judgeTicket } from './judge-ticket.js';
import { lint } from '../lint/lint.js';
import type { LanguageReading } from '../lint/language/detect-language.js';
import { notJudgedText, type NotJudged } from '../lint/verdict.js';
import type { TicketRef } from '../domain/ticket-event.js';
import { wouldComment } from '../lint/verdict.js';
import { answerSheet, type AnswerSheet } from './answers.js';
import { clearedComment, questionsComment, readsTheSame } from './bot-comment.js';
import type { BotContext, BotOutcome } from './bot-context.js';
import { questionItems } from './comment-topics.js';
import { contextSectionOf, withoutContextSection } from './context-section.js';
import { thankYouComment } from './conversation-comment.js';
import { explanationSection } from './explain-section.js';
import type { CommentAppendix } from './ticket-command.js';
import type { Conversation } from './recall-conversation.js';
import type { TicketKey, TicketState } from './ticket-state.js';
import type { BotComment } from './tracker.js';

export interface Review {
  readonly key: TicketKey;
  readonly ref: TicketRef;
  readonly ticket: Ticket;
  readonly conversation: Conversation;
  /** The chosen judge's reading of the ticket, when the caller has it already; else it is asked here. */
  readonly reading?: JudgeReading;
}

/**
 * Lints the ticket with the replies since the bot's comment, then brings the one comment and the labels
 * in step: the questions (answered ones ticked), the thank-you once the replies answer every question at
 * warn or error level, or the all-clear once the description itself says enough. Writes only when the
 * comment's text would change, and remembers what it found.
 */
export async function reviewTicket(review: Review, ctx: BotContext): Promise<BotOutcome> {
  const { ref, conversation } = review;
  const ticket = withoutContextSection(review.ticket);
  const reading = review.reading ?? (await judgeTicket(ticket, null, ctx));
  const started = performance.now();
  const asked = lint(ticket, ctx.pack, reading);
  const askedSeconds = (performance.now() - started) / 1000;
  const replyReading = await judgeReplies(ticket, asked, conversation.replies, reading, ctx);
  const sheetStarted = performance.now();
  const sheet = answerSheet(asked, ticket, conversation.replies, ctx.pack, { reading, replyReading });
  const lintSeconds = askedSeconds + (performance.now() - sheetStarted) / 1000;
  if (sheet.asked.exemptBecause) return { action: 'skipped', reason: `the ticket is exempt: ${sheet.asked.exemptBecause}`, lintSeconds };
  if (sheet.asked.notJudged) return leaveAlone(sheet.asked.notJudged, sheet.asked.analysis.language, lintSeconds, ctx);
  const existing = conversation.botComment;
  const { help, explain } = conversation.state;
  const appendix = { help, explanation: explain ? explanationSection({ verdict: asked, reading, replyReading: sheet.replyReading }, ctx.pack) : null };
  const flagged = wouldComment(sheet.asked);
  const outcome = !flagged
    ? await clearIfCommented(ref, ticket, existing, appendix, ctx)
    : sheet.done && existing
      ? await thankAndComplete(ref, ticket, sheet, existing, appendix, ctx)
      : await askQuestions(ref, ticket, sheet, existing, appendix, ctx);
  const commentId = outcome.commentId ?? existing?.id ?? null;
  await enrich(ref, sheet, ctx);
  await saveState(ctx, review.key, { ...conversation.state, commentId, summary: summaryOf(sheet, flagged, commentId !== null, reading, ctx) });
  return { ...outcome, findings: sheet.asked.findings.length, lintSeconds, ...judgeOf(reading) };
}

/**
 * A ticket the judgement cannot read (another language) gets no comment and no label, and one debug
 * line: at info level every German ticket of a German-speaking team would log a line per edit.
 */
export function leaveAlone(notJudged: NotJudged, reading: LanguageReading, lintSeconds: number, ctx: BotContext): BotOutcome {
  ctx.log.debug(
    { language: reading.language, englishWords: reading.englishWords, otherWords: reading.otherWords },
    'Leaves the ticket alone: it is not written in a language the judgement reads',
  );
  return { action: 'skipped', reason: `not judged: ${notJudgedText(notJudged)}`, lintSeconds, notJudged: notJudged.reason };
}

export async function saveState(ctx: BotContext, key: TicketKey, state: TicketState): Promise<void> {
  await ctx.state?.set(key, { ...state, updatedAt: new Date(ctx.clock()).toISOString() });
}

/**
 * The label goes on before the comment is written: the comment is what a retry checks to see whether
 * the work was done, so a failure between the two writes must leave the comment missing, not the label.
 */
async function askQuestions(ref: TicketRef, ticket: Ticket, sheet: AnswerSheet, existing: BotComment | null, appendix: CommentAppendix, ctx: BotContext): Promise<BotOutcome> {
  const body = questionsComment(ticket, sheet.asked, ctx.pack, { answers: sheet.answers, appendix });
  if (existing && readsTheSame(existing.body, body)) {
    return { action: 'unchanged', reason: 'the comment already shows these questions and answers', commentId: existing.id };
  }
  const action = existing ? 'updated' : 'commented';
  if (ctx.dryRun) return dryRun(ctx, action, body);
  if (!hasLabel(ticket, ctx.pack.labels.needsContext)) await ctx.tracker.addLabel(ref, ctx.pack.labels.needsContext);
  if (hasLabel(ticket, ctx.pack.labels.contextComplete)) await ctx.tracker.removeLabel(ref, ctx.pack.labels.contextComplete);
  if (existing) {
    await ctx.tracker.updateComment(ref, existing.id, body);
    const why = sheet.answers.size > 0 ? 'the replies answer some of the questions' : 'the questions changed with the ticket';
    return { action, reason: why, commentId: existing.id };
  }
  const { id } = await ctx.tracker.createComment(ref, body);
  return { action, reason: 'the ticket does not say enough about why', commentId: id };
}

async function thankAndComplete(ref: TicketRef, ticket: Ticket, sheet: AnswerSheet, existing: BotComment, appendix: CommentAppendix, ctx: BotContext): Promise<BotOutcome> {
  return complete(ref, ticket, existing, thankYouComment(sheet, ctx.pack, appendix), 'the replies answer every question that mattered', ctx);
}

async function clearIfCommented(ref: TicketRef, ticket: Ticket, existing: BotComment | null, appendix: CommentAppendix, ctx: BotContext): Promise<BotOutcome> {
  if (!existing) return { action: 'skipped', reason: 'the ticket says enough and was never commented on' };
  return complete(ref, ticket, existing, clearedComment(ctx.pack, appendix), 'the ticket now says what it needs to', ctx);
}

/** The comment becomes `body`, and needs-context gives way to context-complete. */
async function complete(ref: TicketRef, ticket: Ticket, existing: BotComment, body: string, reason: string, ctx: BotContext): Promise<BotOutcome> {
  if (readsTheSame(existing.body, body)) {
    return { action: 'unchanged', reason: 'the comment already says the ticket has what it needs', commentId: existing.id };
  }
  if (ctx.dryRun) return dryRun(ctx, 'cleared', body);
  await ctx.tracker.removeLabel(ref, ctx.pack.labels.needsContext);
  if (!hasLabel(ticket, ctx.pack.labels.contextComplete)) await ctx.tracker.addLabel(ref, ctx.pack.labels.contextComplete);
  await ctx.tracker.updateComment(ref, existing.id, body);
  return { action: 'cleared', reason, commentId: existing.id };
}

/**
 * Sums the answers up in the description's Context section; the tracker writes only when it would read
 * differently, so an event that changed no answer costs one read. Nothing answered: nothing written.
 */
async function enrich(ref: TicketRef, sheet: AnswerSheet, ctx: BotContext): Promise<void> {
  const section = ctx.enrich ? contextSectionOf(sheet, ctx.pack) : null;
  if (!section) return;
  if (ctx.dryRun) {
    ctx.log.info({ entries: section.entries }, 'Dry run: writes nothing, these are the answers the Context section would hold');
    return;
  }
  const wrote = await ctx.tracker.upsertContextSection(ref, section);
  if (wrote) ctx.log.info({ answers: section.entries.length }, 'The description gets the answers in its Context section');
}

function dryRun(ctx: BotContext, action: BotOutcome['action'], markdown: string): BotOutcome {
  ctx.log.info({ action, markdown }, 'Dry run: writes nothing, this is the comment it would write');
  return { action, reason: `dry run: would have ${action === 'commented' ? 'posted' : 'edited'} the comment` };
}

function summaryOf(sheet: AnswerSheet, flagged: boolean, commented: boolean, reading: JudgeReading | undefined, ctx: BotContext): TicketState['summary'] {
  const items = questionItems(sheet.asked.findings, ctx.pack);
  const status = flagged ? (sheet.done && commented ? 'done' : 'questions') : commented ? 'cleared' : 'quiet';
  return {
    status,
    open: items.filter((item) => !sheet.answers.has(item.question)).map((item) => item.label),
    answered: items.filter((item) => sheet.answers.has(item.question)).map((item) => item.label),
    judge: judgeNote(reading),
  };
}

export function hasLabel(ticket: Ticket, name: string): boolean {
  const wanted = name.trim().toLowerCase();
  return ticket.labels.some((label) => label.trim().toLowerCase() === wanted);
}
