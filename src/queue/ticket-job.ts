import { z } from 'zod';
import { WebhookTicketEventSchema, type TicketEvent, type WebhookTicketEvent } from '../domain/ticket-event.js';

/** The one BullMQ queue the server fills and the workers drain (BullMQ forbids ':' in queue names). */
export const TICKET_EVENTS_QUEUE = 'ticketlint-events';

/**
 * What the server stores for a worker: the provider-neutral event, its rich text not yet flattened,
 * and when the webhook arrived.
 */
export const QueuedTicketJobSchema = z.object({
  event: WebhookTicketEventSchema,
  /** Epoch milliseconds when the server received the webhook, for the webhook-to-comment metric. */
  receivedAt: z.number().int().nonnegative(),
  /**
   * Set by a worker: how many times the job found its ticket under review by another job and waited.
   * Such a job reads the ticket from the tracker, since its own snapshot may be older than the other's.
   */
  ticketBusy: z.number().int().positive().optional(),
});
export type QueuedTicketJob = z.infer<typeof QueuedTicketJobSchema>;

/** A job as the bot reads it: its event's text flattened (flattenTicketEvent). Every TicketJob is a QueuedTicketJob too. */
export interface TicketJob extends QueuedTicketJob {
  readonly event: TicketEvent;
}

/**
 * The BullMQ job id of an event: one job per provider delivery, so a redelivery is a no-op.
 * BullMQ refuses custom ids with a single ':' (it reserves 'a:b:c' for repeatable jobs), so the
 * provider and delivery id are joined with '-' and any ':' in the delivery id becomes '_'.
 */
export function jobIdFor(event: Pick<WebhookTicketEvent, 'provider' | 'deliveryId'>): string {
  return `${event.provider}-${event.deliveryId.replaceAll(':', '_')}`;
}
