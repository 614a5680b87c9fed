import { DelayedError, UnrecoverableError, Worker, type ConnectionOptions, type Job, type MinimalJob } from 'bullmq';
import { handleTicketEvent, reasonToSkip, ticketKeyOf, type BotContext, type BotLogger, type BotOutcome } from '../src/bot/handle-ticket-event.js';
import { parseTicketCommand } from '../src/bot/ticket-command.js';
import { MissingCredentialsError, TrackerError } from '../src/bot/tracker.js';
import type { TicketEvent } from '../src/domain/ticket-event.js';
import { flattenTicketEvent } from '../src/providers/plain-text.js';
import { QueuedTicketJobSchema, TICKET_EVENTS_QUEUE, type TicketJob } from '../src/queue/ticket-job.js';
import { TICKET_REVIEW_JOB, type ScheduledReview } from '../src/queue/ticket-review-queue.js';
import type { HeldTicketLock, TicketLocks } from '../src/state/redis-ticket-lock.js';
import { JobParking } from './job-parking.js';

/** What the worker counts; prom-client counters and histograms behind it, built by the entry point. */
export interface WorkerMetrics {
  processed(outcome: BotOutcome['action'], provider: string): void;
  failed(provider: string, reason: string): void;
  lintSeconds(s: number): void;
  webhookToCommentSeconds(s: number): void;
  /** A ticket the bot left alone because the engine did not judge it (`language`). */
  skipped(reason: string, provider: string): void;
  /** A job set aside (JobParking), by why. */
  parked?(provider: string, reason: string): void;
}

export interface TicketWorkerOptions {
  /**
   * Anything BullMQ's ConnectionOptions accepts: `{ host, port }` (BullMQ opens its own connections), or an
   * ioredis instance built with `maxRetriesPerRequest: null`, which a blocking worker connection requires.
   */
  connection: ConnectionOptions;
  /** BullMQ key prefix; default `bull`. Tests use a unique one per file. */
  prefix?: string;
  /** Jobs handled at once by this process: they spend their time waiting on tracker HTTP calls. */
  concurrency: number;
  /** Builds the per-event context (tracker for the workspace, pack for the team); the composition is the caller's. */
  contextFor(job: TicketJob, log: BotLogger): BotContext | Promise<BotContext>;
  log: BotLogger & { child(bindings: object): BotLogger };
  metrics?: WorkerMetrics;
  /**
   * Where edits and replies wait for their ticket's burst to settle (a TicketReviewQueue on the same
   * queue and Redis); left out, every event is handled at once.
   */
  reviews?: { schedule(job: TicketJob, eventJobId: string): Promise<ScheduledReview> };
  /**
   * One review of a ticket at a time across all workers (RedisTicketLocks on the same Redis): without it
   * two jobs of one ticket (its creation and an edit right after) would both find no bot comment and
   * both post one.
   */
  ticketLocks: TicketLocks;
  /**
   * Test-only: a job's lock lasts this long, and workers look for stalled jobs this often, so that the
   * job of a killed worker is taken over within about twice this time. Left out: BullMQ's defaults
   * (30 s each), which production keeps.
   */
  stalledJobCheckMs?: number;
}

/** What an event job returns when its ticket is reviewed later, by the review job it names. */
export interface DeferredEvent extends ScheduledReview {
  readonly action: 'deferred';
}

/**
 * How long a job waits when another job is reviewing its ticket, plus up to as much again at random, so
 * jobs waiting on one ticket do not all come back at once. A review takes a few tracker calls.
 */
export const TICKET_BUSY_DELAY_MS = 500;

/** The custom backoff type of ticket jobs: exponential, but never sooner than a tracker's Retry-After. */
export const TRACKER_BACKOFF = 'tracker-retry-after';

/**
 * The job options the producer must add ticket jobs with (with `jobId: jobIdFor(event)`).
 * 10 attempts, waiting 1 s, 2 s, 4 s ... 256 s between them (about 8.5 minutes in all), or longer when
 * the tracker says how long to wait. Finished jobs are kept a day (failed ones a week) so that a
 * provider's redelivery of the same event finds its job id taken and is dropped.
 */
export const JOB_RETRY = {
  attempts: 10,
  backoff: { type: TRACKER_BACKOFF, delay: 1000 },
  removeOnComplete: { age: 24 * 60 * 60 },
  removeOnFail: { age: 7 * 24 * 60 * 60 },
} as const;

/**
 * BullMQ `settings.backoffStrategy` for TRACKER_BACKOFF: `delay * 2^(attempt-1)`, raised to the
 * TrackerError's `retryAfterMs` when the provider said how long to wait (Retry-After, rate-limit reset).
 */
export function trackerBackoff(attemptsMade: number, _type?: string, err?: Error, job?: MinimalJob): number {
  const backoff = job?.opts.backoff;
  const delay = typeof backoff === 'object' && typeof backoff.delay === 'number' ? backoff.delay : JOB_RETRY.backoff.delay;
  const exponential = Math.round(2 ** Math.max(0, attemptsMade - 1) * delay);
  const asked = err instanceof TrackerError ? (err.retryAfterMs ?? 0) : 0;
  return Math.max(exponential, asked);
}

/** A BullMQ Worker draining TICKET_EVENTS_QUEUE into handleTicketEvent; it starts at once. */
export function createTicketWorker(options: TicketWorkerOptions): Worker<unknown, BotOutcome | DeferredEvent> {
  const parking = new JobParking(options.log, options.metrics?.parked);
  const worker = new Worker<unknown, BotOutcome | DeferredEvent>(TICKET_EVENTS_QUEUE, (job, token) => processTicketJob(job, options, parking, token), {
    connection: options.connection,
    concurrency: options.concurrency,
    settings: { backoffStrategy: trackerBackoff },
    ...(options.stalledJobCheckMs ? { lockDuration: options.stalledJobCheckMs, stalledInterval: options.stalledJobCheckMs } : {}),
    ...(options.prefix ? { prefix: options.prefix } : {}),
  });
  // An EventEmitter throws on an 'error' event nobody listens to; Redis hiccups must not kill the process.
  worker.on('error', (error) => options.log.error({ err: error }, 'The ticket worker hits a queue error'));
  return worker;
}

/** Stops taking jobs and waits for the ones in flight to finish (the SIGTERM drain), then disconnects. */
export async function closeTicketWorker(worker: Worker): Promise<void> {
  await worker.close();
}

async function processTicketJob(
  job: Job<unknown, BotOutcome | DeferredEvent>, options: TicketWorkerOptions, parking: JobParking, token: string | undefined,
): Promise<BotOutcome | DeferredEvent> {
  const data = parseJob(job, options.log, options.metrics);
  const { event } = data;
  const log = options.log.child({
    deliveryId: event.deliveryId, provider: event.provider, ticket: event.ticketRef.key ?? event.ticketRef.id,
    jobId: job.id, attempt: job.attemptsMade + 1,
  });
  if (options.reviews && job.name !== TICKET_REVIEW_JOB && waitsForTheBurst(event)) {
    const review = await options.reviews.schedule(data, job.id ?? event.deliveryId);
    log.info({ reviewJobId: review.reviewJobId, joined: review.joined }, 'Leaves the event to the ticket review once the burst settles');
    return { action: 'deferred', ...review };
  }
  let lock: HeldTicketLock | null = null;
  try {
    // An event the bot skips anyway writes nothing, so it need not wait for the ticket.
    lock = reasonToSkip(event) ? NOTHING_HELD : await options.ticketLocks.acquire(ticketKeyOf(event));
  } catch (error) {
    throw failure(error, job, event.provider, log, options.metrics);
  }
  if (!lock) return waitForTheTicket(job, data, token, log);
  try {
    const context = await options.contextFor(data, log);
    const outcome = await handleTicketEvent(data, context);
    record(outcome, data, context, options.metrics);
    log.info({ action: outcome.action, reason: outcome.reason, commentId: outcome.commentId, findings: outcome.findings }, 'Handles the ticket event');
    return outcome;
  } catch (error) {
    if (error instanceof MissingCredentialsError && token) throw await parking.park(job, token, error);
    throw failure(error, job, event.provider, log, options.metrics);
  } finally {
    await lock.release();
  }
}

const NOTHING_HELD: HeldTicketLock = { release: () => Promise.resolve() };

/**
 * Another job is reviewing the ticket: this one goes back to the delayed set without spending an attempt
 * (BullMQ's moveToDelayed and DelayedError), marked so that it then reads the ticket from the tracker
 * rather than from its own webhook, which may be older than what the other job has just answered.
 */
async function waitForTheTicket(job: Job, data: TicketJob, token: string | undefined, log: BotLogger): Promise<never> {
  const waits = (data.ticketBusy ?? 0) + 1;
  // The data as queued (rich text not flattened), with the mark added.
  await job.updateData({ ...(job.data as object), ticketBusy: waits });
  await job.moveToDelayed(Date.now() + TICKET_BUSY_DELAY_MS * (1 + Math.random()), token);
  log.info({ waits }, 'Waits: another job is reviewing this ticket');
  throw new DelayedError();
}

/**
 * Edits and replies wait for the burst to settle. A new ticket is reviewed at once: whoever filed it is
 * still looking at it, and edits that follow within the window gather into one later review, which
 * edits the same comment. Events the bot skips anyway (caused by a bot, an update that changed neither
 * title nor description) are handled at once, so they can never take the place of a pending edit; so
 * are commands, so that a mute or a recheck acts at once (a review still pending afterwards finds the
 * ticket muted, or writes nothing new).
 */
function waitsForTheBurst(event: TicketEvent): boolean {
  if (event.type === 'ticket.created' || reasonToSkip(event)) return false;
  return !(event.comment && parseTicketCommand(event.comment.body));
}

/**
 * The job as the bot reads it: checked against QueuedTicketJobSchema, then its rich text flattened
 * (flattenTicketEvent). A job that fails either was not written by our server, and no retry mends it.
 */
function parseJob(job: Job, log: BotLogger, metrics: WorkerMetrics | undefined): TicketJob {
  const parsed = QueuedTicketJobSchema.safeParse(job.data);
  let problems: string[];
  if (parsed.success) {
    try {
      const event = flattenTicketEvent(parsed.data.event);
      // A job that waited for its ticket reads the ticket as it is now (see waitForTheTicket).
      return { ...parsed.data, event: parsed.data.ticketBusy ? { ...event, ticket: null } : event };
    } catch (error) {
      problems = [`event text: ${error instanceof Error ? error.message : String(error)}`];
    }
  } else {
    problems = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(data)'}: ${i.message}`);
  }
  log.error({ jobId: job.id, problems }, 'Drops a malformed ticket job');
  metrics?.failed('unknown', 'malformed_job');
  throw new UnrecoverableError(`ticket job ${job.id} is not a TicketJob, so it is not retried: ${problems.join('; ')}`);
}

function record(outcome: BotOutcome, data: TicketJob, context: BotContext, metrics: WorkerMetrics | undefined): void {
  if (!metrics) return;
  metrics.processed(outcome.action, data.event.provider);
  if (outcome.lintSeconds !== undefined) metrics.lintSeconds(outcome.lintSeconds);
  if (outcome.notJudged) metrics.skipped(outcome.notJudged, data.event.provider);
  const wrote = outcome.action === 'commented' || outcome.action === 'updated' || outcome.action === 'cleared';
  if (wrote && outcome.commentId) metrics.webhookToCommentSeconds(Math.max(0, context.clock() - data.receivedAt) / 1000);
}

/**
 * What to throw back to BullMQ: a retryable TrackerError (rate limit, outage, network) or any unexpected
 * error as it is, so the job retries with backoff; any other TrackerError (404, 401, 400) as an
 * UnrecoverableError, so it fails at once.
 */
function failure(error: unknown, job: Job, provider: string, log: BotLogger, metrics: WorkerMetrics | undefined): Error {
  const attemptsLeft = (job.opts.attempts ?? 1) - (job.attemptsMade + 1);
  if (error instanceof TrackerError && !error.retryable) {
    log.error({ err: error, reason: error.reason, status: error.status }, 'Gives up on the event: the tracker refused it');
    metrics?.failed(provider, error.reason);
    return new UnrecoverableError(error.message);
  }
  const reason = error instanceof TrackerError ? error.reason : 'unexpected';
  if (attemptsLeft <= 0) {
    log.error({ err: error, reason }, 'Gives up on the event after its last attempt');
    metrics?.failed(provider, reason);
  } else {
    const retryAfterMs = error instanceof TrackerError ? error.retryAfterMs : null;
    log.warn({ err: error, reason, retryAfterMs, attemptsLeft }, 'Fails this attempt and retries later');
  }
  return error instanceof Error ? error : new Error(String(error));
}
