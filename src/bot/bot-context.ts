import type { TicketEvent } from '../domain/ticket-event.js';
import type { Judge } from '../lint/judge/judge.js';
import type { RulePack } from '../lint/pack/rule-pack.js';
import type { TicketStateStore } from './ticket-state.js';
import type { Tracker } from './tracker.js';

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
  /**
   * What the bot remembers per ticket (its comment, muted or not). Without a store, every event reads
   * the bot's comment from the tracker, which is where the state is rebuilt from anyway.
   */
  state?: TicketStateStore;
  log: BotLogger;
  /** Epoch milliseconds. */
  clock: () => number;
  /** Log the comment instead of posting it, and change no label. */
  dryRun: boolean;
  /**
   * Keep a Context section with the replies' answers in the description (src/bot/context-section.ts).
   * The config file turns it on by default (src/config/bot-context.ts); a context built without it does not enrich.
   */
  enrich?: boolean;
  /**
   * The judge chosen for the ticket's team or project (src/config/bot-context.ts); left out, the offline
   * judgement of the pack decides, as lint() does on its own.
   */
  judge?: Judge;
}

/**
 * What the bot did, and why. `commentId` is set when a comment was written; `findings` when the ticket
 * was linted; `lintSeconds` is how long lint() took, for the metric. `cleared`: the comment now says the
 * ticket has what it needs (from an edit, or from the replies); `muted`: `/ticketlint skip`.
 */
export type BotOutcome = {
  action: 'commented' | 'updated' | 'unchanged' | 'cleared' | 'muted' | 'skipped';
  reason: string;
  commentId?: string;
  findings?: number;
  lintSeconds?: number;
  /** Why the engine did not judge the ticket (`language`: not written in English); the bot said nothing. */
  notJudged?: 'language';
  /** Which judge decided the verdict (`llm`, or `offline` also when it answered for the model); unset when none was asked. */
  judge?: string;
};

/**
 * What the bot reads of a queued job: a TicketJob (src/queue/ticket-job.ts) is one. Only the event, so
 * src/bot does not depend on the queue (STYLE.md: the bot could run on another durable queue).
 */
export interface BotJob {
  readonly event: TicketEvent;
}
