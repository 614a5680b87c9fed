import type { Ticket } from '../domain/ticket.js';
import type { Analysis } from '../lint/analysis.js';
import type { JudgeReading, ReplyReading } from '../lint/judge/judge.js';
import { judgeRequest } from '../lint/judge/judge-request.js';
import { wouldComment, type Verdict } from '../lint/verdict.js';
import { askedQuestions, spokenReplies, type Reply } from './answers.js';
import type { BotContext, BotOutcome } from './bot-context.js';

/**
 * The reading of the judge the ticket's team chose, asked with the questions the team's pack puts to the
 * ticket; undefined when the offline judgement of the pack decides (no judge chosen, or the offline one),
 * so lint() reads the ticket as it always has. `offline` is the offline analysis when the caller has it. A judge never throws for a ticket it cannot read: the
 * model's adapter answers with the offline reading then, and says why in `fallback`.
 */
export async function judgeTicket(ticket: Ticket, offline: Analysis | null, ctx: BotContext): Promise<JudgeReading | undefined> {
  if (!ctx.judge || ctx.judge.name === 'offline') return undefined;
  const reading = await ctx.judge.read(judgeRequest(ticket, ctx.pack, offline ?? undefined));
  // Info, not warn: the judge warns about what an operator acts on (a failed call, each one; a spent budget, once a
  // window), and a screened ticket is not a problem at all; this line only ties the event to who decided.
  if (reading.fallback) ctx.log.info({ judge: ctx.judge.name, fallback: reading.fallback }, 'The offline judge answers for the language model');
  return reading;
}

/**
 * The judge's reading of the replies to the questions `asked` puts, when the team's judge reads replies and
 * read the ticket itself (a ticket the offline judge answered for has its replies read offline too, so one
 * judge decides a verdict). Undefined: the offline reading of the replies decides. Only the replies' text is
 * passed, never who wrote them.
 */
export async function judgeReplies(ticket: Ticket, asked: Verdict, replies: readonly Reply[], reading: JudgeReading | undefined, ctx: BotContext): Promise<ReplyReading | undefined> {
  if (!ctx.judge?.readReplies || reading?.judge !== 'llm' || !wouldComment(asked)) return undefined;
  const said = spokenReplies(replies);
  const questions = askedQuestions(asked, ctx.pack);
  if (said.length === 0 || questions.length === 0) return undefined;
  const replyReading = await ctx.judge.readReplies(ticket, questions, said.map((reply) => reply.body));
  if (replyReading.fallback) ctx.log.info({ judge: ctx.judge.name, fallback: replyReading.fallback }, 'The offline reading of the replies answers for the language model');
  return replyReading;
}

/**
 * Who decided, in a few words, for the worker's log line, the stored state and the tests: `llm (gpt-4o-mini
 * prompt-v3)`, `offline (llm: timeout)` when the offline judge answered for the model, `offline` otherwise.
 */
export function judgeNote(reading: JudgeReading | undefined): string {
  if (!reading) return 'offline';
  if (reading.fallback) return `offline (${reading.fallback})`;
  return reading.version ? `${reading.judge} (${reading.version})` : reading.judge;
}

/** The outcome's note of who decided; unset when the team's judge is the offline one, which no reading was asked of. */
export function judgeOf(reading: JudgeReading | undefined): Pick<BotOutcome, 'judge'> {
  return reading ? { judge: judgeNote(reading) } : {};
}
