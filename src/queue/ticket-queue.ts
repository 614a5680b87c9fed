import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { TICKET_EVENTS_QUEUE } from './ticket-job.js';

/**
 * Finished jobs kept, by count and by age (seconds), whichever bound bites first: enough to look into
 * a day of completions and a week of failures, bounded so Redis memory stays flat under any load.
 * Dedupe does not depend on these: the intake catches a replayed or redelivered body by its hash for
 * SIGNED_BODY_TTL_MS (TicketIntake), and a delivery moved twice finds its job by id while it is kept.
 */
export const JOB_RETENTION = {
  removeOnComplete: { count: 10_000, age: 24 * 60 * 60 },
  removeOnFail: { count: 50_000, age: 7 * 24 * 60 * 60 },
} as const satisfies Pick<JobsOptions, 'removeOnComplete' | 'removeOnFail'>;

export interface TicketQueueOptions {
  /** The connection BullMQ writes on (a worker's); the caller closes it. */
  readonly connection: Redis;
  /** BullMQ key prefix; default `bull`. Tests use a unique one per file. */
  readonly prefix?: string;
  /** The workers' retry options (JOB_RETRY from workers/ticket-worker.ts); retention is this queue's. */
  readonly jobOptions: Omit<JobsOptions, 'jobId' | 'deduplication'>;
}

/**
 * A job to store: its id (jobIdFor the event), its name (the event's type) and its data, a TicketJob as
 * the server wrote it (the worker checks it against TicketJobSchema before it acts on it).
 */
export interface QueuedJob {
  readonly jobId: string;
  readonly name: string;
  readonly data: unknown;
}

/**
 * The BullMQ side of TICKET_EVENTS_QUEUE, which the workers drain: the IntakeRelay stores the
 * deliveries the server took here, a batch at a time. A job id already in the queue is not added again,
 * so a batch stored twice (a relay that died before it could mark the batch moved) makes no new jobs.
 */
export class TicketQueue {
  private readonly queue: Queue;
  private readonly jobOptions: TicketQueueOptions['jobOptions'];

  constructor(options: TicketQueueOptions) {
    this.jobOptions = options.jobOptions;
    this.queue = new Queue(TICKET_EVENTS_QUEUE, {
      connection: options.connection,
      ...(options.prefix ? { prefix: options.prefix } : {}),
    });
    // Without a listener an 'error' event would throw; the failed store already reports the outage.
    this.queue.on('error', () => undefined);
  }

  /** Stores the jobs with one addBulk; resolves once Redis has them all. */
  async store(jobs: readonly QueuedJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue.addBulk(jobs.map((job) => ({ name: job.name, data: job.data, opts: { ...this.jobOptions, ...JOB_RETENTION, jobId: job.jobId } })));
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
