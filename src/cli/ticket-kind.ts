import type { TicketKind } from '../domain/ticket.js';

const TRACKER_KINDS: readonly TicketKind[] = ['feature', 'bug', 'task'];

/** What an input record's `kind` says the tracker calls the ticket; anything else is unknown. */
export function toTicketKind(kind: string | undefined): TicketKind {
  const lower = kind?.trim().toLowerCase();
  return TRACKER_KINDS.find((k) => k === lower) ?? 'unknown';
}
