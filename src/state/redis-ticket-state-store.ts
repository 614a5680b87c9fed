import type { Redis } from 'ioredis';
import { TicketStateSchema, type TicketKey, type TicketState, type TicketStateStore } from '../bot/ticket-state.js';

export interface RedisTicketStateStoreOptions {
  readonly redis: Redis;
  /** Key prefix; tests use their own. Default `ticketlint`. */
  readonly prefix?: string;
  /** How long a ticket's state lives after its last write. Default 90 days: quiet tickets are forgotten. */
  readonly ttlSeconds?: number;
}

/** `<prefix>:<kind>:<provider>:<workspace>:<ticket id>`, the key of one ticket's `kind` of record in Redis. */
export function ticketRedisKey(prefix: string, kind: string, key: TicketKey): string {
  // The workspace of a Jira ticket is a URL: encoded, so its ':' cannot run into the next part.
  return [prefix, kind, key.provider, encodeURIComponent(key.workspace), encodeURIComponent(key.ticketId)].join(':');
}

export const DEFAULT_TICKET_STATE_TTL_SECONDS = 90 * 24 * 60 * 60;

/**
 * TicketState as one JSON string per ticket: `<prefix>:ticket-state:<provider>:<workspace>:<ticket id>`,
 * written with a TTL that every write renews. A value that does not parse (an older shape, a hand edit)
 * reads as missing, so the bot rebuilds it from the tracker instead of failing the job.
 */
export class RedisTicketStateStore implements TicketStateStore {
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly ttlSeconds: number;

  constructor(options: RedisTicketStateStoreOptions) {
    this.redis = options.redis;
    this.prefix = options.prefix ?? 'ticketlint';
    this.ttlSeconds = options.ttlSeconds ?? DEFAULT_TICKET_STATE_TTL_SECONDS;
  }

  keyOf(key: TicketKey): string {
    return ticketRedisKey(this.prefix, 'ticket-state', key);
  }

  async get(key: TicketKey): Promise<TicketState | null> {
    const raw = await this.redis.get(this.keyOf(key));
    if (raw === null) return null;
    try {
      const parsed = TicketStateSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  async set(key: TicketKey, state: TicketState): Promise<void> {
    await this.redis.set(this.keyOf(key), JSON.stringify(TicketStateSchema.parse(state)), 'EX', this.ttlSeconds);
  }
}
