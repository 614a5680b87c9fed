import type { Job } from 'bullmq';
import { z } from 'zod';

/**
 * How long a job is set aside when the worker cannot handle it for want of configuration (no
 * credentials for its workspace): long enough that a queue full of another deployment's jobs costs
 * one look an hour each, not a retry storm; short enough that a fixed configuration picks them up
 * without anyone's help. `ticketlint jobs retry` brings them back at once.
 */
export const PARKED_JOB_DELAY_MS = 60 * 60 * 1000;

/** What a parked job carries beside its TicketJob (the worker's schema ignores the extra key). */
export const ParkedSchema = z.object({ reason: z.string(), at: z.number() });
export type Parked = z.infer<typeof ParkedSchema>;

/** Why a job was set aside, or null when it was not. */
export function parkedOf(job: Pick<Job, 'data'>): Parked | null {
  const data = job.data as { parked?: unknown } | null;
  const parsed = ParkedSchema.safeParse(data?.parked);
  return parsed.success ? parsed.data : null;
}

/**
 * Sets the active `job` aside: marks it parked (for `ticketlint jobs`) and moves it to the delayed set
 * for PARKED_JOB_DELAY_MS. It is neither failed nor retried meanwhile, and uses none of its attempts;
 * the caller then throws BullMQ's DelayedError so the worker leaves it there.
 */
export async function parkJob(job: Job, token: string, reason: string, now: number): Promise<void> {
  await job.updateData({ ...(job.data as object), parked: { reason, at: now } satisfies Parked });
  await job.moveToDelayed(now + PARKED_JOB_DELAY_MS, token);
}
