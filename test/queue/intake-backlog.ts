import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { intakeKeys } from '../../src/queue/ticket-intake.js';

/**
 * Deliveries the server took that no relay has moved into `queue` yet (under the queue's prefix).
 * A relay deletes an entry only once its job is stored, so 0 means every taken delivery is a job.
 */
export async function intakeBacklog(queue: Queue): Promise<number> {
  // BullMQ's Redis backend hands out its ioredis client, typed only by the commands BullMQ itself uses.
  const client = (await queue.getBackend().client) as unknown as Redis;
  return client.xlen(intakeKeys(queue.opts.prefix).stream);
}
