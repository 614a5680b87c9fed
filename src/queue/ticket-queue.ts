import { createHash } from 'node:crypto';
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { TicketEvent } from '../domain/ticket-event.js';
import { PRODUCER_COMMAND_TIMEOUT_MS } from './redis-connection.js';
import { jobIdFor, TICKET_EVENTS_QUEUE, type TicketJob } from './ticket-job.js';

/**
 * How long a signed body is remembered, so that the same body under a new delivery id (the delivery
 * headers are not signed) does not make a second job: Linear's retry horizon (1 min + 1 h + 6 h) with
 * slack, which is also where checkLinearWebhookTimestamp stops accepting the body at all.
 */
export const SIGNED_BODY_TTL_MS = 8 * 60 * 60 * 1000;

/**
 * Finished jobs kept, by count and by age (seconds), whichever bound bites first: enough to look into
 * a day of completions and a week of failures, bounded so Redis memory stays flat under any load.
 * Dedupe does not depend on these: a redelivery is caught by its job id while the job is kept, and by
 * the signed body's hash for SIGNED_BODY_TTL_MS either way.
 */
export const JOB_RETENTION = {
  removeOnComplete: { count: 10_000, age: 24 * 60 * 60 },
  removeOnFail: { count: 50_000, age: 7 * 24 * 60 * 60 },
} as const satisfies Pick<JobsOptions, 'removeOnComplete' | 'removeOnFail'>;

/** Redis did not take the job: the server answers 503 and the tracker retries the delivery later. */
export class QueueUnavailableError extends Error {
  override readonly name = 'QueueUnavailableError';

  constructor(reason: string, options?: { cause?: unknown }) {
    super(`the ticket queue is unavailable: ${reason}`, options);
  }
}

export interface TicketQueueOptions {
  /** A connection from createProducerConnection; the caller closes it. */
  readonly connection: Redis;
  /** BullMQ key prefix; default `bull`. Tests use a unique one per file. */
  readonly prefix?: string;
  /** The workers' retry options (JOB_RETRY from workers/ticket-worker.ts); retention is this queue's. */
  readonly jobOptions: Omit<JobsOptions, 'jobId' | 'deduplication'>;
  /** The longest an add may take before it counts as failed; default PRODUCER_COMMAND_TIMEOUT_MS. */
  readonly addTimeoutMs?: number;
}

export interface EnqueueResult {
  /** The job that holds the event: `jobIdFor(event)`, or the earlier job of a replayed body. */
  readonly jobId: string;
  /**
   * True when the same signed body was already queued under another delivery id within
   * SIGNED_BODY_TTL_MS. (A redelivery under the same id finds its own job id and is not told apart.)
   */
  readonly replay: boolean;
}

/** The most jobs one batch sends to Redis; more in the same turn of the event loop go in further batches. */
export const MAX_BATCH = 200;

/** An add waiting for its batch: the job to store, and whom to tell once Redis has it (or has not). */
interface PendingAdd {
  readonly job: { name: string; data: TicketJob; opts: JobsOptions };
  resolve(result: EnqueueResult): void;
  reject(error: unknown): void;
}

/**
 * The producer side of TICKET_EVENTS_QUEUE: one job per delivery, and none for a replayed body.
 * Adds made in the same turn of the event loop (the deliveries the server read together, 50 at a time
 * under load) go to Redis as one batch, with BullMQ's addBulk: one write and one read for all of them
 * instead of one each, which is what lets the server keep up with bare express (README, Performance).
 * Each add still resolves only once Redis has stored its own job.
 */
export class TicketQueue {
  private readonly queue: Queue<TicketJob>;
  private readonly connection: Redis;
  private readonly jobOptions: TicketQueueOptions['jobOptions'];
  private readonly addTimeoutMs: number;
  private pending: PendingAdd[] = [];

  constructor(options: TicketQueueOptions) {
    this.connection = options.connection;
    this.jobOptions = options.jobOptions;
    this.addTimeoutMs = options.addTimeoutMs ?? PRODUCER_COMMAND_TIMEOUT_MS;
    this.queue = new Queue<TicketJob>(TICKET_EVENTS_QUEUE, {
      connection: options.connection,
      ...(options.prefix ? { prefix: options.prefix } : {}),
    });
    // Without a listener an 'error' event would throw; the failed add already reports the outage.
    this.queue.on('error', () => undefined);
  }

  /**
   * Adds the event as job `jobIdFor(event)` and resolves once Redis has it. The signed body's SHA-256
   * is the BullMQ deduplication id (set in the same Lua script as the job, so a failed add marks nothing
   * as seen and the tracker's retry gets in). Throws QueueUnavailableError when Redis does not answer.
   */
  enqueue(event: TicketEvent, receivedAt: number, signedBody: Buffer): Promise<EnqueueResult> {
    if (this.connection.status !== 'ready') return Promise.reject(new QueueUnavailableError(`Redis is ${this.connection.status}`));
    const jobId = jobIdFor(event);
    const opts: JobsOptions = {
      ...this.jobOptions,
      ...JOB_RETENTION,
      jobId,
      deduplication: { id: signedBodyId(event.provider, signedBody), ttl: SIGNED_BODY_TTL_MS },
    };
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => this.sendPending());
      this.pending.push({ job: { name: event.type, data: { event, receivedAt }, opts }, resolve, reject });
    });
  }

  /** Sends the adds gathered in this turn, MAX_BATCH at a time. */
  private sendPending(): void {
    const pending = this.pending;
    this.pending = [];
    for (let start = 0; start < pending.length; start += MAX_BATCH) void this.sendBatch(pending.slice(start, start + MAX_BATCH));
  }

  /**
   * One addBulk for the batch. Should Redis refuse or miss it, every add in the batch fails alike and
   * each delivery is retried by its tracker: the jobs that were stored are found again by their ids.
   */
  private async sendBatch(batch: readonly PendingAdd[]): Promise<void> {
    try {
      const jobs = await withDeadline(this.queue.addBulk(batch.map((add) => add.job)), this.addTimeoutMs);
      batch.forEach((add, i) => add.resolve(resultOf(add.job.opts.jobId!, jobs[i]?.id)));
    } catch (error) {
      for (const add of batch) add.reject(error);
    }
  }

  /** How many jobs of each state the queue holds; for tests and operators. */
  counts(): Promise<Record<string, number>> {
    return this.queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized');
  }

  /** Closes the BullMQ queue; the connection stays open for its owner to close. */
  close(): Promise<void> {
    return this.queue.close();
  }
}

/** What an add tells the server: the job that holds the event, which is another job's for a replayed body. */
function resultOf(jobId: string, storedId: string | undefined): EnqueueResult {
  const id = storedId ?? jobId;
  return { jobId: id, replay: id !== jobId };
}

/** The dedupe id of a signed body: the provider and the body's SHA-256. */
export function signedBodyId(provider: TicketEvent['provider'], signedBody: Buffer): string {
  return `${provider}-body-${createHash('sha256').update(signedBody).digest('hex')}`;
}

async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new QueueUnavailableError(`Redis did not acknowledge the job within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } catch (error) {
    // Redis answering with an error (a script refusing the job) is a bug to see as such, not an outage.
    if (error instanceof QueueUnavailableError || (error instanceof Error && error.name === 'ReplyError')) throw error;
    throw new QueueUnavailableError(error instanceof Error ? error.message : String(error), { cause: error });
  } finally {
    clearTimeout(timer);
  }
}
