import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { LlmSettings } from '../../config/llm-settings.js';
import type { JudgedSignal } from '../../lint/judge/judge.js';
import type { ScreenReason } from '../../lint/judge/model-screen.js';
import type { BudgetScope, LlmBudget } from './llm-budget.js';
import { LlmFailure, type LlmFailureReason } from './llm-failure.js';
import { buildRequest, readReply, type ModelTask } from './llm-request.js';
import { postJson } from './llm-transport.js';
import { PROMPT_VERSION } from './prompt-v3.js';

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

export interface ClientLogger {
  debug(o: object, msg?: string): void;
  warn(o: object, msg?: string): void;
}

export interface ModelClientOptions {
  readonly settings: LlmSettings;
  /** Answers kept by model, prompt version and the text asked about; left out, every reading calls the model. */
  readonly redis?: Redis;
  readonly prefix?: string;
  /** Calls per workspace per hour and day; left out, no bound. */
  readonly budget?: LlmBudget;
  readonly metrics?: LlmMetrics;
  readonly log: ClientLogger;
  /** Test seam for the waits between retries; default setTimeout. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** An unchanged text costs no call for this long (an edit of labels or assignee, a reply, a redelivery). */
export const CACHE_TTL_SECONDS = 30 * 24 * 3600;
/** Retries after a 429 or 5xx before the offline judge answers. */
const RETRIES = 2;

/**
 * One question to the model, whatever it is about: answered from the cache when the same text was asked
 * before (keyed by provider, model, prompt version, the kind of answer and a hash of the text), else
 * within the workspace's budget, asked at most twice when the answer does not fit its schema. Null: the
 * budget is spent (counted and, once per window, logged). A failed call throws LlmFailure.
 */
export class ModelClient {
  constructor(readonly options: ModelClientOptions) {}

  get settings(): LlmSettings {
    return this.options.settings;
  }

  /** `model prompt-vN`: who answered, as a verdict records it. */
  get version(): string {
    return `${this.options.settings.model} ${PROMPT_VERSION}`;
  }

  async answer<T>(task: ModelTask<T>, scope: BudgetScope): Promise<T | null> {
    const key = this.cacheKey(task);
    const cached = await this.cached(key, task);
    if (cached !== null) {
      this.options.metrics?.cacheHit();
      return cached;
    }
    if (!(await this.withinBudget(scope))) return null;
    const answer = await this.ask(task);
    await this.remember(key, answer);
    return answer;
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
  private async ask<T>(task: ModelTask<T>): Promise<T> {
    const { settings, metrics, log } = this.options;
    const request = buildRequest(settings, task);
    for (let attempt = 1; ; attempt += 1) {
      const started = performance.now();
      try {
        const reply = readReply(settings, await postJson(request, { timeoutMs: settings.timeoutMs, retries: RETRIES, ...(this.options.sleep ? { sleep: this.options.sleep } : {}) }), task.shape);
        metrics?.tokens(reply.usage.input, reply.usage.output);
        const parsed = task.shape.schema.safeParse(reply.answer);
        if (!parsed.success) throw new LlmFailure('invalid_json', `the answer does not fit the schema: ${parsed.error.issues[0]?.message ?? ''}`);
        metrics?.call('answered', (performance.now() - started) / 1000);
        log.debug({ model: settings.model, asked: task.user, answer: parsed.data }, 'The language model answers');
        return parsed.data;
      } catch (error) {
        if (error instanceof LlmFailure) metrics?.call(error.reason, (performance.now() - started) / 1000);
        if (!(error instanceof LlmFailure) || error.reason !== 'invalid_json' || attempt >= 2) throw error;
      }
    }
  }

  private cacheKey<T>(task: ModelTask<T>): string {
    const { provider, model } = this.options.settings;
    const text = createHash('sha256').update(task.user).digest('hex');
    return `${this.options.prefix ?? 'ticketlint'}:llm-answer:${provider}:${model}:${PROMPT_VERSION}:${task.shape.name}:${text}`;
  }

  /** A cache that does not answer is a miss, not a failure: the model is asked. */
  private async cached<T>(key: string, task: ModelTask<T>): Promise<T | null> {
    if (!this.options.redis) return null;
    try {
      const raw = await this.options.redis.get(key);
      const parsed = raw ? task.shape.schema.safeParse(JSON.parse(raw)) : null;
      return parsed?.success ? parsed.data : null;
    } catch (error) {
      this.options.log.warn({ error: String(error) }, 'The cache of model answers does not answer; the model is asked');
      return null;
    }
  }

  private async remember(key: string, answer: unknown): Promise<void> {
    if (!this.options.redis) return;
    try {
      await this.options.redis.set(key, JSON.stringify(answer), 'EX', CACHE_TTL_SECONDS);
    } catch (error) {
      this.options.log.warn({ error: String(error) }, 'The cache of model answers does not take the answer');
    }
  }
}
