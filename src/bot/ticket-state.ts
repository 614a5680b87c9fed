import { z } from 'zod';
import type { Provider } from '../domain/ticket-event.js';

/**
 * What the bot remembers about one ticket between events. A cache, not the truth: the tracker holds
 * the bot's comment (found by its marker) and the comment says when the bot is muted, so losing this
 * state loses nothing that matters (see recallTicket).
 */
export const TicketStateSchema = z.object({
  /** The bot's sticky comment; null once the bot has looked and found none. */
  commentId: z.string().nullable(),
  muted: z.object({ by: z.string(), reason: z.string(), at: z.string() }).nullable(),
  /** Someone asked for `/ticketlint help`: the comment keeps its help section. */
  help: z.boolean(),
  /** Someone asked for `/ticketlint explain`: the comment keeps its explanation section (states written before it read as false). */
  explain: z.boolean().default(false),
  /** The last verdict, in a few words, for logs and for whoever inspects Redis. */
  summary: z.object({
    status: z.enum(['questions', 'done', 'cleared', 'muted', 'quiet']),
    open: z.array(z.string()),
    answered: z.array(z.string()),
    /** Who decided the verdict (judgeNote: `llm (gpt-4o-mini prompt-v3)`, `offline (llm: timeout)`, `offline`). */
    judge: z.string().optional(),
  }).nullable(),
  updatedAt: z.string(),
});
export type TicketState = z.infer<typeof TicketStateSchema>;

/** The ticket a state belongs to: a ticket id is only unique within its provider's workspace. */
export interface TicketKey {
  readonly provider: Provider;
  readonly workspace: string;
  readonly ticketId: string;
}

/** Where the bot keeps TicketState; src/state/redis-ticket-state-store.ts keeps it in Redis with a TTL. */
export interface TicketStateStore {
  /** The state, or null when there is none (never written, expired, or lost). */
  get(key: TicketKey): Promise<TicketState | null>;
  set(key: TicketKey, state: TicketState): Promise<void>;
}

export function emptyTicketState(nowIso: string): TicketState {
  return { commentId: null, muted: null, help: false, explain: false, summary: null, updatedAt: nowIso };
}
