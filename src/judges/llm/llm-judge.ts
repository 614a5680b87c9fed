import type { Ticket } from '../../domain/ticket.js';
import type { Analysis } from '../../lint/analysis.js';
import {
  offlineReading, offlineReplyReading, type AskedQuestion, type Judge, type JudgedSignal, type JudgeReading, type JudgeRequest, type PackQuestions, type ReplyQuote, type ReplyReading, type SignalCall,
} from '../../lint/judge/judge.js';
import { screenForModel } from '../../lint/judge/model-screen.js';
import { locateInReplies, locateQuote } from '../../lint/judge/quote-locator.js';
import { MISSABLE_SIGNALS } from '../../lint/kinds/missing-signal.js';
import type { BudgetScope } from './llm-budget.js';
import { LlmFailure } from './llm-failure.js';
import type { ModelTask } from './llm-request.js';
import { ModelClient, type ModelClientOptions } from './model-client.js';
import { REPLY_ANSWERS, TICKET_VERDICT, type ModelAnswer, type RepliesAnswer } from './model-answer.js';
import { REPLIES_SYSTEM_PROMPT, repliesMessage, SYSTEM_PROMPT, ticketMessage } from './prompt-v3.js';
import { redact } from './redact.js';

export type LlmJudgeOptions = ModelClientOptions;

/** Whose budget a reading counts against when the caller names no workspace (the CLI's eval, a test). */
const ANY_WORKSPACE: BudgetScope = { provider: 'any', workspace: 'any' };

/**
 * The language model as a judge: the ticket (redacted unless LLM_REDACT=0) goes to the model with the
 * prompt and the pack's own questions for it, after which the model words its questions (and asks only
 * what the pack asks: a question for another signal is dropped); the answer is checked against the
 * schema (asked once more when it does not fit), and every quote is looked up in the ticket; a signal
 * whose quote is not there counts as absent. Replies to the bot's questions are read the same way, each
 * answer's quote looked up in the replies. Any failure (timeout, unreachable, 5xx or 429 after the
 * retries, a refusal, no valid answer twice, a spent budget) makes the offline reading answer, and says why.
 */
export class LlmJudge implements Judge {
  readonly name = 'llm' as const;
  private readonly client: ModelClient;

  constructor(private readonly options: LlmJudgeOptions) {
    this.client = new ModelClient(options);
  }

  /** The judge for one workspace's tickets, whose calls its budget counts (src/config/bot-context.ts builds one per event). */
  forWorkspace(scope: BudgetScope): Judge {
    return {
      name: this.name,
      read: (request) => this.read(request, scope),
      readReplies: (ticket, asked, replies) => this.readReplies(ticket, asked, replies, scope),
    };
  }

  /** Screened tickets and those past the workspace's budget get the offline reading; cache hits cost no budget. */
  async read({ ticket, offline, packQuestions }: JudgeRequest, scope: BudgetScope = ANY_WORKSPACE): Promise<JudgeReading> {
    const screen = screenForModel(offline);
    if (screen) {
      this.options.metrics?.screened(screen);
      return offlineReading(offline, `llm: screened (${screen})`);
    }
    const user = ticketMessage(this.sent(ticket.title), this.sent(ticket.description), this.sentQuestions(packQuestions));
    const answer = await this.asked({ system: SYSTEM_PROMPT, user, shape: TICKET_VERDICT }, scope);
    if (typeof answer === 'string') return offlineReading(offline, answer);
    return this.readingOf(answer, offline, packQuestions);
  }

  /**
   * Which of the asked questions the replies answer, each with the words of the reply that do. Only the
   * replies' text is sent (redacted like the ticket), never who wrote them. A quote no reply holds answers
   * nothing, and is counted.
   */
  async readReplies(ticket: Ticket, asked: readonly AskedQuestion[], replies: readonly string[], scope: BudgetScope = ANY_WORKSPACE): Promise<ReplyReading> {
    const user = repliesMessage(this.sent(ticket.title), this.sent(ticket.description), asked, replies.map((reply) => this.sent(reply)));
    const answer = await this.asked({ system: REPLIES_SYSTEM_PROMPT, user, shape: REPLY_ANSWERS }, scope);
    if (typeof answer === 'string') return offlineReplyReading(answer);
    return { judge: 'llm', version: this.client.version, fallback: null, answers: this.verifiedAnswers(answer, asked, replies) };
  }

  /** The model's answer, or why the offline judge answers instead (`llm: budget`, `llm: timeout`). */
  private async asked<T extends object>(task: ModelTask<T>, scope: BudgetScope): Promise<T | string> {
    try {
      return (await this.client.answer(task, scope)) ?? 'llm: budget';
    } catch (error) {
      if (!(error instanceof LlmFailure)) throw error;
      this.options.metrics?.fallback(error.reason);
      this.options.log.warn({ reason: error.reason, model: this.options.settings.model, detail: error.message }, 'The language model gives no usable answer; the offline judge answers');
      return `llm: ${error.reason}`;
    }
  }

  private sent(text: string): string {
    return this.options.settings.redact ? redact(text) : text;
  }

  /** The pack's questions hold the ticket's words ({deliverable}, {title}), so they are sent as the ticket is. */
  private sentQuestions(questions: PackQuestions): PackQuestions {
    return Object.fromEntries(Object.entries(questions).map(([signal, question]) => [signal, this.sent(question)]));
  }

  /** The answers to the questions asked whose quote a reply holds, in that reply's own words. */
  private verifiedAnswers(answer: RepliesAnswer, asked: readonly AskedQuestion[], replies: readonly string[]): Partial<Record<JudgedSignal, ReplyQuote>> {
    const answers: Partial<Record<JudgedSignal, ReplyQuote>> = {};
    for (const { signal } of asked) {
      const { answered, quote, confidence } = answer.answers[signal];
      if (!answered) continue;
      const found = locateInReplies(replies, quote);
      if (found) answers[signal] = { reply: found.reply, quote: found.words, confidence };
      else this.options.metrics?.unverifiedQuote(signal);
    }
    return answers;
  }

  /**
   * The answer in the engine's terms; a present signal whose quote the ticket does not hold is absent, and
   * counted. A question is kept only for a signal the pack asks about: the bot never asks what the team's pack does not.
   */
  private readingOf(answer: ModelAnswer, offline: Analysis, packQuestions: PackQuestions): JudgeReading {
    const signals = {} as Record<JudgedSignal, SignalCall>;
    const questions: Partial<Record<JudgedSignal, string>> = {};
    for (const name of MISSABLE_SIGNALS) {
      const { present, quote, confidence } = answer.signals[name];
      const verified = present && locateQuote(offline.text, quote) !== null;
      if (present && !verified) this.options.metrics?.unverifiedQuote(name);
      signals[name] = { present: verified, quotes: verified ? [quote] : [], confidence };
      if (packQuestions[name] !== undefined && answer.questions[name].trim()) questions[name] = answer.questions[name].trim();
    }
    return {
      judge: 'llm',
      version: this.client.version,
      fallback: null,
      kind: answer.kind,
      outputOnly: answer.kind === 'feature' && !signals.outcome.present,
      signals,
      questions,
    };
  }
}
