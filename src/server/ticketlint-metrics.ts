import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Provider } from '../domain/ticket-event.js';
import type { LlmMetrics } from '../judges/llm/model-client.js';

/** Why the server refused a delivery; the `reason` label of ticketlint_webhooks_rejected_total. */
export type RejectReason =
  | 'disabled' | 'too_large' | 'bad_signature' | 'malformed_json' | 'stale' | 'invalid_payload' | 'queue_unavailable' | 'shutting_down' | 'busy' | 'error';

/** What the webhook route counts. */
export interface WebhookMetrics {
  received(provider: Provider): void;
  rejected(provider: Provider, reason: RejectReason): void;
  ignored(provider: Provider): void;
  enqueued(provider: Provider, replay: boolean): void;
}

/** What a ticket worker counts (the WorkerMetrics of workers/ticket-worker.ts). */
export interface JobMetrics {
  processed(outcome: string, provider: string): void;
  failed(provider: string, reason: string): void;
  lintSeconds(s: number): void;
  webhookToCommentSeconds(s: number): void;
  /** Tickets left alone because the engine did not judge them, by reason (`language`). */
  skipped(reason: string, provider: string): void;
  /** Jobs set aside for want of configuration (no credentials for their workspace). */
  parked(provider: string, reason: string): void;
  /** Jobs the relay stored in the ticket queue from the intake. */
  movedFromIntake(jobs: number): void;
}

/**
 * ticketlint's counters and histograms on `registry` (not prom-client's global one, so tests and
 * processes each have their own). A process that runs both server and worker registers them once.
 */
export function createTicketlintMetrics(registry: Registry): { webhooks: WebhookMetrics; jobs: JobMetrics; llm: LlmMetrics } {
  const registers = [registry];
  const received = new Counter({ name: 'ticketlint_webhooks_received_total', help: 'Webhook deliveries received', labelNames: ['provider'], registers });
  const rejected = new Counter({ name: 'ticketlint_webhooks_rejected_total', help: 'Webhook deliveries refused, by reason', labelNames: ['provider', 'reason'], registers });
  const ignored = new Counter({ name: 'ticketlint_webhooks_ignored_total', help: 'Verified deliveries the bot has no use for (202)', labelNames: ['provider'], registers });
  const enqueued = new Counter({ name: 'ticketlint_webhooks_enqueued_total', help: 'Deliveries Redis acknowledged as jobs; replay="true" when the signed body was already queued', labelNames: ['provider', 'replay'], registers });
  const moved = new Counter({ name: 'ticketlint_intake_moved_total', help: 'Deliveries the relay moved from the intake stream into the ticket queue', registers });
  const processed = new Counter({ name: 'ticketlint_jobs_processed_total', help: 'Ticket jobs handled, by what the bot did', labelNames: ['provider', 'outcome'], registers });
  const failed = new Counter({ name: 'ticketlint_jobs_failed_total', help: 'Ticket jobs given up on, by tracker error reason', labelNames: ['provider', 'reason'], registers });
  const skipped = new Counter({ name: 'ticketlint_tickets_skipped_total', help: 'Tickets the bot left alone because the engine does not judge them, by reason (language)', labelNames: ['provider', 'reason'], registers });
  const parked = new Counter({ name: 'ticketlint_jobs_parked_total', help: 'Ticket jobs set aside for an hour, by why (no_credentials: a workspace this worker has no credentials for)', labelNames: ['provider', 'reason'], registers });
  const lint = new Histogram({ name: 'ticketlint_lint_seconds', help: 'Time lint() took on one ticket', buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.1], registers });
  const webhookToComment = new Histogram({
    name: 'ticketlint_webhook_to_comment_seconds', help: 'From receiving the webhook to the comment written on the ticket',
    buckets: [0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900], registers,
  });
  return {
    llm: llmMetrics(registers),
    webhooks: {
      received: (provider) => received.inc({ provider }),
      rejected: (provider, reason) => rejected.inc({ provider, reason }),
      ignored: (provider) => ignored.inc({ provider }),
      enqueued: (provider, replay) => enqueued.inc({ provider, replay: String(replay) }),
    },
    jobs: {
      processed: (outcome, provider) => processed.inc({ provider, outcome }),
      failed: (provider, reason) => failed.inc({ provider, reason }),
      parked: (provider, reason) => parked.inc({ provider, reason }),
      lintSeconds: (s) => lint.observe(s),
      webhookToCommentSeconds: (s) => webhookToComment.observe(s),
      skipped: (reason, provider) => skipped.inc({ provider, reason }),
      movedFromIntake: (jobs) => moved.inc(jobs),
    },
  };
}

/** The language-model judge's calls, tokens, latency, cache hits, fallbacks, screened tickets and quotes the ticket does not hold. */
function llmMetrics(registers: Registry[]): LlmMetrics {
  const calls = new Counter({ name: 'ticketlint_llm_calls_total', help: 'Calls to the language model, by outcome (answered, or why not)', labelNames: ['outcome'], registers });
  const tokens = new Counter({ name: 'ticketlint_llm_tokens_total', help: 'Tokens the language model API counted, by direction (in: prompt, out: answer)', labelNames: ['direction'], registers });
  const latency = new Histogram({ name: 'ticketlint_llm_call_seconds', help: 'Time one call to the language model took, retries included', buckets: [0.25, 0.5, 1, 2, 3, 5, 10, 20, 30], registers });
  const hits = new Counter({ name: 'ticketlint_llm_cache_hits_total', help: 'Readings answered from the cache of model answers (the ticket text was unchanged)', registers });
  const fallbacks = new Counter({ name: 'ticketlint_llm_fallbacks_total', help: 'Readings the offline judge answered for the language model, by reason (a failed call, or budget: the workspace\'s calls for the hour or day are spent)', labelNames: ['reason'], registers });
  const screened = new Counter({ name: 'ticketlint_llm_screened_total', help: 'Tickets never sent to the language model, by reason (stack_trace: a bug report with a stack trace; sure_kind: a task or bug the offline judge is sure of)', labelNames: ['reason'], registers });
  const unverified = new Counter({ name: 'ticketlint_llm_unverified_quotes_total', help: 'Signals the model called present with a quote the ticket does not hold (treated as absent)', labelNames: ['signal'], registers });
  return {
    call: (outcome, seconds) => { calls.inc({ outcome }); latency.observe(seconds); },
    tokens: (input, output) => { tokens.inc({ direction: 'in' }, input); tokens.inc({ direction: 'out' }, output); },
    cacheHit: () => hits.inc(),
    fallback: (reason) => fallbacks.inc({ reason }),
    screened: (reason) => screened.inc({ reason }),
    unverifiedQuote: (signal) => unverified.inc({ signal }),
  };
}

/** What the queue metrics read at each scrape (a TicketQueueAdmin on the process's non-blocking connection). */
export interface QueueStatus {
  counts(): Promise<Record<'waiting' | 'delayed' | 'active' | 'failed', number>>;
  intakeBacklog(): Promise<number>;
  oldestWaitingSeconds(now: number): Promise<{ queue: number; intake: number }>;
}

/**
 * The gauges an operator alerts on, read from Redis at each scrape, on the server's /metrics and a
 * worker's alike: jobs per state of the ticket queue, the intake backlog (deliveries taken that no relay
 * has moved into the queue yet: growing means no worker keeps up, or none runs), the age of the oldest
 * waiting job and delivery, and whether Redis answers. While Redis does not, every gauge but
 * ticketlint_redis_up reads NaN (prom-client writes `Nan`). A process registers them once.
 */
export function registerQueueMetrics(registry: Registry, status: QueueStatus, redisAnswers: () => Promise<boolean>, queueName: string): void {
  const registers = [registry];
  const nan = (): number => Number.NaN;
  new Gauge({
    name: 'ticketlint_queue_jobs', help: 'Ticket jobs per queue and state (waiting, delayed, active, failed)', labelNames: ['queue', 'state'], registers,
    async collect() {
      const counts = await status.counts().catch(() => null);
      for (const state of ['waiting', 'delayed', 'active', 'failed'] as const) this.set({ queue: queueName, state }, counts ? counts[state] : Number.NaN);
    },
  });
  new Gauge({
    name: 'ticketlint_intake_backlog', help: 'Deliveries taken and not yet moved into the ticket queue', registers,
    async collect() {
      this.set(await status.intakeBacklog().catch(nan));
    },
  });
  new Gauge({
    name: 'ticketlint_oldest_waiting_seconds', help: 'Age of the oldest waiting job (queue) and of the oldest delivery not yet moved (intake); 0 when none waits',
    labelNames: ['queue'], registers,
    async collect() {
      const oldest = await status.oldestWaitingSeconds(Date.now()).catch(() => null);
      this.set({ queue: queueName }, oldest?.queue ?? Number.NaN);
      this.set({ queue: 'intake' }, oldest?.intake ?? Number.NaN);
    },
  });
  new Gauge({
    name: 'ticketlint_redis_up', help: '1 when Redis answers PING, else 0', registers,
    async collect() {
      this.set((await redisAnswers()) ? 1 : 0);
    },
  });
}

/**
 * ticketlint_redis_volatile: 1 when the process runs on a Redis that would lose accepted webhooks
 * (ALLOW_VOLATILE_REDIS=1 let it start), 0 when Redis was checked and persists, or could not be checked.
 */
export function registerRedisVolatile(registry: Registry, volatile: boolean): void {
  const gauge = new Gauge({ name: 'ticketlint_redis_volatile', help: 'Whether Redis would lose accepted webhooks (no append-only file, or keys evicted when full): 1 yes', registers: [registry] });
  gauge.set(volatile ? 1 : 0);
}
