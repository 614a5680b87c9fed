import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { LlmSettings } from '../../config/llm-settings.js';
import type { Ticket } from '../../domain/ticket.js';
import type { Analysis } from '../../lint/analysis.js';
import { offlineReading, type Judge, type JudgedSignal, type JudgeReading, type SignalCall } from '../../lint/judge/judge.js';
import { screenForModel, type ScreenReason } from '../../lint/judge/model-screen.js';
import { locateQuote } from '../../lint/judge/quote-locator.js';
import { MISSABLE_SIGNALS } from '../../lint/kinds/missing-signal.js';
import type { BudgetScope, LlmBudget } from './llm-budget.js';
import { LlmFailure, type LlmFailureReason } from './llm-failure.js';
import { buildRequest, readReply } from './llm-request.js';
import { postJson } from './llm-transport.js';
import { ModelAnswerSchema, type ModelAnswer } from './model-answer.js';
import { PROMPT_VERSION, SYSTEM_PROMPT, ticketMessage } from './prompt-v1.js';
import { redact } from './redact.js';

/** What the judge counts (ticketlint_llm_* in src/server/ticketlint-metrics.ts). */
export interface LlmMetrics {
  call(outcome: 'answered' | LlmFailureReason, seconds: number): void;
  tokens(input: number, output: number): void;
  cacheHit(): void;
  /** `budget`: the workspace's calls for the hour or day are spent. */
  fallback(reason: LlmFailureReason | 'budget'): void;
  screened(reason: ScreenReason): void;
  unverifiedQuote(signal: JudgedSignal): void;
}

interface JudgeLogger {
  debug(o: object, msg?: string): void;
  warn(o: object, msg?: string): void;
}

export interface LlmJudgeOptions {
  readonly settings: LlmSettings;
  /** Answers kept by model, prompt version and ticket text; left out, every reading calls the model. */
  readonly redis?: Redis;
  readonly prefix?: string;
  /** Calls per workspace per hour and day; left out, no bound. */
  readonly budget?: LlmBudget;
  readonly metrics?: LlmMetrics;
  readonly log: JudgeLogger;
  /** Test seam for the waits between retries; default setTimeout. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** An unchanged ticket costs no call for this long (an edit of labels or assignee, a reply, a redelivery). */
export const CACHE_TTL_SECONDS = 30 * 24 * 3600;
/** Whose budget a reading counts against when the caller names no workspace (the CLI's eval, a test). */
const ANY_WORKSPACE: BudgetScope = { provider: 'any', workspace: 'any' };
/** Retries after a 429 or 5xx before the offline judge answers. */
const RETRIES = 2;

/**
 * The language model as a judge: the ticket (redacted unless LLM_REDACT=0) goes to the model with the
 * prompt, the answer is checked against the schema (asked once more when it does not fit), and every quote
 * is looked up in the ticket; a signal whose quote is not there counts as absent. Any failure (timeout,
 * unreachable, 5xx or 429 after the retries, a refusal, no valid answer twice) makes the offline reading answer.
 */
export class LlmJudge implements Judge {
  readonly name = 'llm' as const;

  constructor(private readonly options: LlmJudgeOptions) {}

  /** The judge for one workspace's tickets, whose calls its budget counts (src/config/bot-context.ts builds one per event). */
  forWorkspace(scope: BudgetScope): Judge {
    return { name: this.name, read: (ticket, offline) => this.read(ticket, offline, scope) };
  }

  /** Screened tickets and those past the workspace's budget get the offline reading; cache hits cost no budget. */
  async read(ticket: Ticket, offline: Analysis, scope: BudgetScope = ANY_WORKSPACE): Promise<JudgeReading> {
    const { settings, metrics } = this.options;
    const screen = screenForModel(offline);
    if (screen) {
      metrics?.screened(screen);
      return offlineReading(offline, `llm: screened (${screen})`);
    }
    const key = this.cacheKey(ticket);
    try {
      const cached = await this.cached(key);
      if (cached) metrics?.cacheHit();
      else if (!(await this.withinBudget(scope))) return offlineReading(offline, 'llm: budget');
      const answer = cached ?? (await this.ask(ticket));
      if (!cached) await this.remember(key, answer);
      return this.readingOf(answer, offline);
    } catch (error) {
      if (!(error instanceof LlmFailure)) throw error;
      metrics?.fallback(error.reason);
      this.options.log.warn({ reason: error.reason, model: settings.model, detail: error.message }, 'The language model gives no usable answer; the offline judge answers');
      return offlineReading(offline, `llm: ${error.reason}`);
    }
  }

  /**
   * Takes one call from the workspace's budget; when it is spent, counts the fallback and says so once per
   * workspace and window (not once per ticket). A budget Redis cannot count lets the call go.
   */
  private async withinBudget(scope: BudgetScope): Promise<boolean> {
    const { budget, metrics, log } = this.options;
    if (!budget) return true;
    try {
      const refusal = await budget.take(scope);
      if (!refusal) return true;
      metrics?.fallback('budget');
      if (refusal.first) log.warn({ ...scope, window: refusal.window }, `The workspace's calls to the language model for this ${refusal.window} are spent; the offline judge answers until the ${refusal.window} turns`);
      return false;
    } catch (error) {
      log.warn({ error: String(error) }, 'The budget of model calls cannot be counted; the model is asked');
      return true;
    }
  }

  /** Asks twice at most: an answer that is not the schema's JSON gets one more chance. */
  private async ask(ticket: Ticket): Promise<ModelAnswer> {
    const { settings } = this.options;
    const title = settings.redact ? redact(ticket.title) : ticket.title;
    const description = settings.redact ? redact(ticket.description) : ticket.description;
    const request = buildRequest(settings, SYSTEM_PROMPT, ticketMessage(title, description));
    for (let attempt = 1; ; attempt += 1) {
      const started = performance.now();
      try {
        const reply = readReply(settings, await postJson(request, { timeoutMs: settings.timeoutMs, retries: RETRIES, ...(this.options.sleep ? { sleep: this.options.sleep } : {}) }));
        this.options.metrics?.tokens(reply.usage.input, reply.usage.output);
        const parsed = ModelAnswerSchema.safeParse(reply.answer);
        if (!parsed.success) throw new LlmFailure('invalid_json', `the answer does not fit the schema: ${parsed.error.issues[0]?.message ?? ''}`);
        this.options.metrics?.call('answered', (performance.now() - started) / 1000);
        this.options.log.debug({ model: settings.model, title, description, answer: parsed.data }, 'The language model answers');
        return parsed.data;
      } catch (error) {
        if (error instanceof LlmFailure) this.options.metrics?.call(error.reason, (performance.now() - started) / 1000);
        if (!(error instanceof LlmFailure) || error.reason !== 'invalid_json' || attempt >= 2) throw error;
      }
    }
  }

  /** The answer in the engine's terms; a present signal whose quote the ticket does not hold is absent, and counted. */
  private readingOf(answer: ModelAnswer, offline: Analysis): JudgeReading {
    const signals = {} as Record<JudgedSignal, SignalCall>;
    const questions: Partial<Record<JudgedSignal, string>> = {};
    for (const name of MISSABLE_SIGNALS) {
      const { present, quote, confidence } = answer.signals[name];
      const verified = present && locateQuote(offline.text, quote) !== null;
      if (present && !verified) this.options.metrics?.unverifiedQuote(name);
      signals[name] = { present: verified, quotes: verified ? [quote] : [], confidence };
      if (answer.questions[name].trim()) questions[name] = answer.questions[name].trim();
    }
    return {
      judge: 'llm',
      version: `${this.options.settings.model} ${PROMPT_VERSION}`,
      fallback: null,
      kind: answer.kind,
      outputOnly: answer.kind === 'feature' && !signals.outcome.present,
      signals,
      questions,
    };
  }

  private cacheKey(ticket: Ticket): string {
    const { provider, model } = this.options.settings;
    const text = createHash('sha256').update(`${ticket.title}\u0000${ticket.description}`).digest('hex');
    return `${this.options.prefix ?? 'ticketlint'}:llm-answer:${provider}:${model}:${PROMPT_VERSION}:${text}`;
  }

  /** A cache that does not answer is a miss, not a failure: the model is asked. */
  private async cached(key: string): Promise<ModelAnswer | null> {
    if (!this.options.redis) return null;
    try {
      const raw = await this.options.redis.get(key);
      const parsed = raw ? ModelAnswerSchema.safeParse(JSON.parse(raw)) : null;
      return parsed?.success ? parsed.data : null;
    } catch (error) {
      this.options.log.warn({ error: String(error) }, 'The cache of model answers does not answer; the model is asked');
      return null;
    }
  }

  private async remember(key: string, answer: ModelAnswer): Promise<void> {
    if (!this.options.redis) return;
    try {
      await this.options.redis.set(key, JSON.stringify(answer), 'EX', CACHE_TTL_SECONDS);
    } catch (error) {
      this.options.log.warn({ error: String(error) }, 'The cache of model answers does not take the answer');
    }
  }
}
