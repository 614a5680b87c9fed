import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { TicketKey } from '../bot/ticket-state.js';
import { ticketRedisKey } from './redis-ticket-state-store.js';

/**
 * BullMQ's own lock lasts 30 s and is renewed while a job runs; a ticket's lock does the same, so a
 * review that takes longer than one lock period keeps its ticket, and the ticket of a worker that died
 * mid-review is free again about as soon as BullMQ hands that job to another worker.
 */
export const DEFAULT_TICKET_LOCK_MS = 30_000;

// Delete or extend the lock only while it still holds our token: after an expiry another job's lock
// may sit under the same key, and it is not ours to touch.
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";
const RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0";

/** A ticket's lock while one job holds it. */
export interface HeldTicketLock {
  /** Stops renewing it and deletes it if it is still ours; never throws (the lock expires anyway). */
  release(): Promise<void>;
}

/** One review of a ticket at a time, across every worker on the Redis. */
export interface TicketLocks {
  /** The ticket's lock, or null when another job holds it now. */
  acquire(key: TicketKey): Promise<HeldTicketLock | null>;
}

export interface RedisTicketLocksOptions {
  /** A worker's connection; the caller closes it. */
  readonly redis: Redis;
  /** Key prefix, as the ticket state's; tests use their own. Default `ticketlint`. */
  readonly prefix?: string;
  /** How long a lock lasts unless renewed; it is renewed every third of this while held. Default DEFAULT_TICKET_LOCK_MS. */
  readonly lockMs?: number;
  /** Told when a renewal finds the lock gone or taken (the event loop stalled past lockMs), or Redis fails it. */
  readonly onRenewalFailed?: (key: string, reason: string) => void;
}

/**
 * `<prefix>:ticket-lock:<provider>:<workspace>:<ticket id>`: SET NX PX with a random token, renewed
 * while held, released by a compare-and-delete script (the single-instance lock of the Redis docs,
 * https://redis.io/docs/latest/develop/use/patterns/distributed-locks/).
 */
export class RedisTicketLocks implements TicketLocks {
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly lockMs: number;
  private readonly onRenewalFailed: (key: string, reason: string) => void;

  constructor(options: RedisTicketLocksOptions) {
    this.redis = options.redis;
    this.prefix = options.prefix ?? 'ticketlint';
    this.lockMs = options.lockMs ?? DEFAULT_TICKET_LOCK_MS;
    this.onRenewalFailed = options.onRenewalFailed ?? (() => undefined);
  }

  keyOf(key: TicketKey): string {
    return ticketRedisKey(this.prefix, 'ticket-lock', key);
  }

  async acquire(ticket: TicketKey): Promise<HeldTicketLock | null> {
    const key = this.keyOf(ticket);
    const token = randomUUID();
    if ((await this.redis.set(key, token, 'PX', this.lockMs, 'NX')) !== 'OK') return null;
    const renewal = setInterval(() => void this.renew(key, token), Math.max(1, Math.floor(this.lockMs / 3)));
    renewal.unref();
    return {
      release: async () => {
        clearInterval(renewal);
        await this.redis.eval(RELEASE, 1, key, token).catch(() => undefined);
      },
    };
  }

  private async renew(key: string, token: string): Promise<void> {
    try {
      const renewed = await this.redis.eval(RENEW, 1, key, token, String(this.lockMs));
      if (renewed !== 1) this.onRenewalFailed(key, 'the lock expired and may be held by another job');
    } catch (error) {
      this.onRenewalFailed(key, error instanceof Error ? error.message : String(error));
    }
  }
}
