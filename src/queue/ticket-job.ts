import { z } from 'zod';
import { TicketEventSchema, type TicketEvent } from '../domain/ticket-event.js';

/** The one BullMQ queue the server fills and the workers drain (BullMQ forbids ':' in queue names). */
export const TICKET_EVENTS_QUEUE = 'ticketlint-events';

/** What the server stores for a worker: the provider-neutral event and when the webhook arrived. */
export const TicketJobSchema = z.object({
  event: TicketEventSchema,
  /** Epoch milliseconds when the server received the webhook, for the webhook-to-comment metric. */
  receivedAt: z.number().int().nonnegative(),
});
export type TicketJob = z.infer<typeof TicketJobSchema>;

/**
 * The BullMQ job id of an event: one job per provider delivery, so a redelivery is a no-op.
 * BullMQ refuses custom ids with a single ':' (it reserves 'a:b:c' for repeatable jobs), so the
 * provider and delivery id are joined with '-' and any ':' in the delivery id becomes '_'.
 */
export function jobIdFor(event: Pick<TicketEvent, 'provider' | 'deliveryId'>): string {
  return `${event.provider}-${event.deliveryId.replaceAll(':', '_')}`;
}
