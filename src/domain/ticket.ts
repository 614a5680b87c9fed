import { z } from 'zod';

/** What the tracker says the ticket is; `unknown` when it does not say (or says something we do not map). */
export const TicketKindSchema = z.enum(['feature', 'bug', 'task', 'unknown']);
export type TicketKind = z.infer<typeof TicketKindSchema>;

/**
 * The provider-neutral ticket: the only thing the lint engine ever sees.
 * `description` is plain text; providers turn markdown, wiki markup and ADF into it.
 */
export const TicketSchema = z.object({
  id: z.string(),
  key: z.string().nullable().default(null),
  url: z.string().nullable().default(null),
  title: z.string(),
  description: z.string().default(''),
  kind: TicketKindSchema.default('unknown'),
  labels: z.array(z.string()).default([]),
  team: z.string().nullable().default(null),
  author: z.string().nullable().default(null),
  createdAt: z.string().nullable().default(null),
});
export type Ticket = z.infer<typeof TicketSchema>;
/** What callers may pass: everything but `id` and `title` has a default. */
export type TicketInput = z.input<typeof TicketSchema>;

export function makeTicket(input: TicketInput): Ticket {
  return TicketSchema.parse(input);
}
