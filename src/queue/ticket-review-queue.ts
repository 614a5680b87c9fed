import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import type { TicketEvent } from '../domain/ticket-event.js';
import { JOB_RETENTION } from './ticket-queue.js';
import { TICKET_EVENTS_QUEUE, type TicketJob } from './ticket-job.js';

/**
 * The name of a review job on TICKET_EVENTS_QUEUE. Its data is a TicketJob like an event job's, and it
 * is handled the same way; it only waits for a burst of events on its ticket to settle first.
 */
export const TICKET_REVIEW_JOB = 'ticket.review';

/** Where a burst of events on one ticket gathers: one BullMQ deduplication id per ticket. */
export function reviewDedupeIdFor(event: Pick<TicketEvent, 'provider' | 'workspace' | 'ticketRef'>): string {
  return `${event.provider}-review-${event.workspace}-${event.ticketRef.id}`;
}

/** The review job an event job schedules: derived from the event job's id, so a retried event job finds it again. */
export function reviewJobIdFor(eventJobId: string): string {
  return `review-${eventJobId}`;
}

/** What became of an event handed to the review queue. */
export interface ScheduledReview {
  /** The review job that will read the ticket with this event in it. */
  readonly reviewJobId: string;
  /** True when the event joined a review already scheduled by an earlier event of the burst. */
  readonly joined: boolean;
}

export interface TicketReviewQueueOptions {
  /** The worker's connection (or BullMQ connection options); the caller closes it. */
  readonly connection: ConnectionOptions;
  /** BullMQ key prefix; default `bull`. Tests use a unique one per file. */
  readonly prefix?: string;
  /** How long a burst is gathered for: a review runs this long after the last event of its ticket. At least 1. */
  readonly windowMs: number;
  /** The workers' retry options (JOB_RETRY from workers/ticket-worker.ts); retention is JOB_RETENTION. */
  readonly jobOptions: Omit<JobsOptions, 'jobId' | 'deduplication' | 'delay'>;
}

/**
 * Gathers the events of one ticket into one delayed review job, in BullMQ's debounce mode, so the
 * coalescing holds however many worker processes share the Redis.
 *
 * - A ticket event (created, edited) replaces the data of the ticket's delayed review, whose delay
 *   restarts: the newest snapshot of the ticket is the one linted.
 * - A reply keeps the delayed review's data and only restarts its delay: a review of a ticket event
 *   reads the replies anyway, and one of a reply reads everything from the tracker, so which reply it
 *   carries does not matter; replacing a ticket event with a reply would lose the edit.
 * - An event that finds the ticket's review already started (or no longer delayed, holding older
 *   data) gets a review of its own: an extra review writes nothing when nothing changed, a lost one
 *   would leave the ticket unread.
 */
export class TicketReviewQueue {
  private readonly queue: Queue<TicketJob>;
  private readonly windowMs: number;
  private readonly jobOptions: JobsOptions;

  constructor(options: TicketReviewQueueOptions) {
    if (!Number.isInteger(options.windowMs) || options.windowMs < 1) {
      throw new RangeError(`the review window must be a whole number of milliseconds from 1, not ${options.windowMs}; leave the review queue out to review at once`);
    }
    this.windowMs = options.windowMs;
    this.jobOptions = { ...options.jobOptions, ...JOB_RETENTION, delay: options.windowMs };
    this.queue = new Queue<TicketJob>(TICKET_EVENTS_QUEUE, {
      connection: options.connection,
      ...(options.prefix ? { prefix: options.prefix } : {}),
    });
    // The failed add already reports an outage to the event job, which retries.
    this.queue.on('error', () => undefined);
  }

  /**
   * Puts the event into its ticket's review and resolves once Redis holds that review, so the event
   * job may complete: a crash before then leaves the event job to be retried, and nothing is lost.
   */
  async schedule(job: TicketJob, eventJobId: string): Promise<ScheduledReview> {
    const jobId = reviewJobIdFor(eventJobId);
    const carriesTicket = job.event.type !== 'comment.created';
    const added = await this.queue.add(TICKET_REVIEW_JOB, job, {
      ...this.jobOptions,
      jobId,
      deduplication: {
        id: reviewDedupeIdFor(job.event),
        ttl: this.windowMs,
        extend: true,
        ...(carriesTicket ? { replace: true } : { reschedule: true }),
      },
    });
    const heldBy = added.id ?? jobId;
    if (heldBy === jobId) return { reviewJobId: jobId, joined: false };
    if (!carriesTicket && (await this.startsLater(heldBy))) return { reviewJobId: heldBy, joined: true };
    await this.queue.add(TICKET_REVIEW_JOB, job, { ...this.jobOptions, jobId });
    return { reviewJobId: jobId, joined: false };
  }

  /** Closes the BullMQ queue; the connection stays open for its owner to close. */
  close(): Promise<void> {
    return this.queue.close();
  }

  /** True when the review has not started yet, so it will read the tracker after this event happened. */
  private async startsLater(reviewJobId: string): Promise<boolean> {
    const state = await this.queue.getJobState(reviewJobId);
    return state === 'delayed' || state === 'waiting' || state === 'prioritized';
  }
}
