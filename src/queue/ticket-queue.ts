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

/** The producer side of TICKET_EVENTS_QUEUE: one job per delivery, and none for a replayed body. */
export class TicketQueue {
  private readonly queue: Queue<TicketJob>;
  private readonly connection: Redis;
  private readonly jobOptions: TicketQueueOptions['jobOptions'];
  private readonly addTimeoutMs: number;

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
  async enqueue(event: TicketEvent, receivedAt: number, signedBody: Buffer): Promise<EnqueueResult> {
    if (this.connection.status !== 'ready') throw new QueueUnavailableError(`Redis is ${this.connection.status}`);
    const jobId = jobIdFor(event);
    const add = this.queue.add(event.type, { event, receivedAt }, {
      ...this.jobOptions,
      ...JOB_RETENTION,
      jobId,
      deduplication: { id: signedBodyId(event.provider, signedBody), ttl: SIGNED_BODY_TTL_MS },
    });
    const job = await withDeadline(add, this.addTimeoutMs);
    const storedId = job.id ?? jobId;
    return { jobId: storedId, replay: storedId !== jobId };
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
