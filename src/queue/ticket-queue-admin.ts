import { Queue, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { parkedOf, type Parked } from './parked-job.js';
import { PRODUCER_COMMAND_TIMEOUT_MS } from './redis-connection.js';
import { intakeKeys, type IntakeKeys } from './ticket-intake.js';
import { TICKET_EVENTS_QUEUE } from './ticket-job.js';

/** The job states an operator watches; `parked` jobs are also counted in `delayed`. */
export const WATCHED_STATES = ['waiting', 'delayed', 'active', 'failed'] as const;
export type WatchedState = (typeof WATCHED_STATES)[number];

export interface TicketQueueAdminOptions {
  /** A non-blocking connection (createProducerConnection); the caller closes it. */
  readonly connection: Redis;
  /** The deployment's key prefix (TICKETLINT_PREFIX). */
  readonly prefix: string;
}

/** One job as `ticketlint jobs` shows it. */
export interface JobSummary {
  readonly id: string;
  readonly name: string;
  readonly state: string;
  /** Epoch milliseconds when the job was created. */
  readonly createdAt: number;
  readonly attemptsMade: number;
  readonly failedReason: string | null;
  readonly parked: Parked | null;
  /** `<provider> <ticket key or id>` from the job's event, when it has one. */
  readonly ticket: string | null;
}

/** The ticket queue as an operator sees it: what waits, what failed, why, and a way to run it again. */
export class TicketQueueAdmin {
  private readonly queue: Queue;
  private readonly connection: Redis;
  private readonly keys: IntakeKeys;

  constructor(options: TicketQueueAdminOptions) {
    this.connection = options.connection;
    this.keys = intakeKeys(options.prefix);
    this.queue = new Queue(TICKET_EVENTS_QUEUE, { connection: options.connection, prefix: options.prefix });
    // A Redis outage shows in the metrics and the commands' own errors; an unheard 'error' event would throw.
    this.queue.on('error', () => undefined);
  }

  /** Jobs per watched state, in one call. */
  async counts(): Promise<Record<WatchedState, number>> {
    const counts = await this.whileConnected(() => this.queue.getJobCounts(...WATCHED_STATES, 'prioritized'));
    // Prioritized jobs wait too (BullMQ keeps them in a set of their own).
    return { waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0), delayed: counts.delayed ?? 0, active: counts.active ?? 0, failed: counts.failed ?? 0 };
  }

  /** Deliveries the server took that no relay has moved into the queue yet. */
  intakeBacklog(): Promise<number> {
    return this.whileConnected(() => this.connection.xlen(this.keys.stream));
  }

  /**
   * Seconds the oldest waiting work has waited at `now`: the oldest job in the queue's wait list (since
   * it was created) and the oldest delivery still in the intake stream (its entry id is its time); 0 when none waits.
   */
  async oldestWaitingSeconds(now: number): Promise<{ queue: number; intake: number }> {
    const [oldest] = await this.whileConnected(() => this.queue.getJobs(['waiting'], 0, 0, true));
    const [entry] = await this.connection.xrange(this.keys.stream, '-', '+', 'COUNT', 1);
    const intakeAt = entry ? Number(entry[0].split('-')[0]) : now;
    return { queue: Math.max(0, (now - (oldest?.timestamp ?? now)) / 1000), intake: Math.max(0, (now - intakeAt) / 1000) };
  }

  /** The newest failed jobs, at most `limit`. */
  async failed(limit: number): Promise<JobSummary[]> {
    const jobs = await this.queue.getJobs(['failed'], 0, limit - 1, false);
    return jobs.map((job) => summaryOf(job, 'failed'));
  }

  /** The jobs set aside for want of configuration (parkJob), oldest first. */
  async parked(): Promise<JobSummary[]> {
    const delayed = await this.queue.getJobs(['delayed'], 0, -1, true);
    return delayed.filter((job) => parkedOf(job) !== null).map((job) => summaryOf(job, 'parked'));
  }

  /** One job with its data, or null when there is no such job (finished jobs are kept a day, failed ones a week). */
  async show(id: string): Promise<(JobSummary & { data: unknown; stacktrace: string[] }) | null> {
    const job = await this.queue.getJob(id);
    if (!job) return null;
    const state = await job.getState();
    return { ...summaryOf(job, parkedOf(job) && state === 'delayed' ? 'parked' : state), data: job.data, stacktrace: job.stacktrace ?? [] };
  }

  /**
   * Runs a failed or parked job again now; returns what it did, or throws a RetryRefusal naming the job's
   * state when it is neither (a job that waits or runs needs no retry).
   */
  async retry(id: string): Promise<'retried' | 'promoted'> {
    const job = await this.queue.getJob(id);
    if (!job) throw new RetryRefusal(`there is no job ${id} (failed jobs are kept a week)`);
    const state = await job.getState();
    if (state === 'failed') {
      await job.retry('failed');
      return 'retried';
    }
    if (state === 'delayed' && parkedOf(job)) {
      await job.promote();
      return 'promoted';
    }
    throw new RetryRefusal(`job ${id} is ${state}, not failed or parked; there is nothing to retry`);
  }

  /** Runs every failed and every parked job again now; how many of each. */
  async retryAll(): Promise<{ failed: number; parked: number }> {
    const { failed } = await this.counts();
    await this.queue.retryJobs({ state: 'failed', count: 1000 });
    const parked = await this.parked();
    for (const job of parked) await (await this.queue.getJob(job.id))?.promote();
    return { failed, parked: parked.length };
  }

  close(): Promise<void> {
    return this.queue.close();
  }

  /**
   * Runs `read` only while the connection is up, and gives up after PRODUCER_COMMAND_TIMEOUT_MS: BullMQ
   * waits for a reconnect before it sends anything, and a scrape must answer while Redis is away.
   */
  private async whileConnected<T>(read: () => Promise<T>): Promise<T> {
    if (this.connection.status !== 'ready') throw new Error(`Redis is ${this.connection.status}`);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${PRODUCER_COMMAND_TIMEOUT_MS} ms`)), PRODUCER_COMMAND_TIMEOUT_MS);
    });
    try {
      return await Promise.race([read(), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** A retry that cannot be done; its message says why. */
export class RetryRefusal extends Error {
  override readonly name = 'RetryRefusal';
}

function summaryOf(job: Job, state: string): JobSummary {
  const event = (job.data as { event?: { provider?: unknown; ticketRef?: { key?: unknown; id?: unknown } } } | null)?.event;
  const ticket = event?.ticketRef?.key ?? event?.ticketRef?.id;
  return {
    id: job.id ?? '',
    name: job.name,
    state,
    createdAt: job.timestamp,
    attemptsMade: job.attemptsMade,
    failedReason: job.failedReason || null,
    parked: parkedOf(job),
    ticket: typeof event?.provider === 'string' && typeof ticket === 'string' ? `${event.provider} ${ticket}` : null,
  };
}
