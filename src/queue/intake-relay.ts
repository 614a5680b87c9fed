import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { ENTRY_FIELDS, intakeKeys, MAX_BATCH, type IntakeKeys } from './ticket-intake.js';
import type { QueuedJob, TicketQueue } from './ticket-queue.js';

/** The consumer group every relay reads the intake stream in: each entry goes to one relay. */
export const RELAY_GROUP = 'relay';

/**
 * How long an entry another relay read may stay unmoved before this one takes it over: that relay died
 * between reading and storing (BullMQ's own stalled-job check waits as long).
 */
export const RELAY_CLAIM_IDLE_MS = 30_000;

export interface IntakeRelayOptions {
  /** A connection of the relay's own (createWorkerConnection): it blocks on the stream. The caller closes it. */
  readonly connection: Redis;
  /** Where the moved deliveries go. */
  readonly queue: TicketQueue;
  /** BullMQ key prefix; default `bull`. */
  readonly prefix?: string;
  readonly log: Logger;
  /** Told how many jobs each batch stored (metrics). */
  readonly moved?: (jobs: number) => void;
  /** Default RELAY_CLAIM_IDLE_MS; the fault tests shorten it. */
  readonly claimIdleMs?: number;
  /** How long one read waits for new entries before the loop looks around again (stop, stale entries); default 1 s. */
  readonly blockMs?: number;
}

type StreamEntry = [id: string, fields: string[]];
type ReadReply = [stream: string, entries: StreamEntry[]][] | null;

/**
 * Moves what the server took (TicketIntake's stream) into the ticket queue, in the worker processes, a
 * batch of up to MAX_BATCH at a time: read in the consumer group, store with one addBulk, then
 * acknowledge and delete. An entry is deleted only once its job is stored, so a relay that dies
 * in between leaves it pending: another relay (or this one) takes it over after `claimIdleMs` and
 * stores it again, which finds the job by its id and adds nothing.
 */
export class IntakeRelay {
  private readonly keys: IntakeKeys;
  private readonly consumer = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  private readonly claimIdleMs: number;
  private readonly blockMs: number;
  private running = false;
  private loop: Promise<void> | null = null;
  private groupReady = false;
  /** Set when a move failed: what this consumer read may still be pending for it, and is read again first. */
  private ownPendingFirst = true;
  private nextClaimAt = 0;

  constructor(private readonly options: IntakeRelayOptions) {
    this.keys = intakeKeys(options.prefix);
    this.claimIdleMs = options.claimIdleMs ?? RELAY_CLAIM_IDLE_MS;
    this.blockMs = options.blockMs ?? 1000;
  }

  /** Starts moving, until stop(). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /**
   * Stops after the batch in hand is stored (at most one read's wait later). While Redis is away the
   * loop may be waiting on a reconnect: after a second more, stop returns anyway, and closing the
   * connection ends the wait (a batch cut off there stays pending, to be taken over).
   */
  async stop(): Promise<void> {
    this.running = false;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.loop, new Promise((resolve) => { timer = setTimeout(resolve, this.blockMs + 1000); })]);
    clearTimeout(timer);
    this.loop = null;
  }

  /** Moves everything in the stream now, without waiting for more; returns the jobs stored. For tests and tools. */
  async moveAvailable(): Promise<number> {
    let stored = 0;
    for (let moved = await this.moveNext(false); moved !== null; moved = await this.moveNext(false)) stored += moved;
    return stored;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.moveNext(true);
      } catch (error) {
        this.options.log.warn({ err: error }, 'Could not move webhooks from the intake into the ticket queue; tries again in a second');
        await sleep(1000);
      }
    }
  }

  /**
   * Reads the next entries (waiting for new ones up to blockMs when `wait`) and moves them; the jobs
   * stored, or null when there was nothing to move. On any failure, entries this relay read may be left
   * pending for it (a batch not stored, or a read whose reply was lost), so its own are read first next.
   */
  private async moveNext(wait: boolean): Promise<number | null> {
    try {
      const entries = await this.nextEntries(wait);
      return entries === null ? null : await this.move(entries);
    } catch (error) {
      this.ownPendingFirst = true;
      throw error;
    }
  }

  /** The next entries to move: stale ones of a dead relay, then this relay's own unstored ones, then new ones; null when none. */
  private async nextEntries(wait: boolean): Promise<StreamEntry[] | null> {
    try {
      return await this.nextEntriesInGroup(wait);
    } catch (error) {
      if (!isNoGroup(error)) throw error;
      // The stream or its group went away (Redis restarted empty, or was flushed): make them again.
      this.groupReady = false;
      return this.nextEntriesInGroup(wait);
    }
  }

  private async nextEntriesInGroup(wait: boolean): Promise<StreamEntry[] | null> {
    await this.ensureGroup();
    if (Date.now() >= this.nextClaimAt) {
      this.nextClaimAt = Date.now() + this.claimIdleMs / 2;
      const stale = await this.claimStale();
      if (stale.length > 0) return stale;
    }
    if (this.ownPendingFirst) {
      const own = await this.read('0');
      if (own.length > 0) return own;
      this.ownPendingFirst = false;
    }
    const fresh = await this.read('>', wait ? this.blockMs : undefined);
    return fresh.length > 0 ? fresh : null;
  }

  private async ensureGroup(): Promise<void> {
    if (this.groupReady) return;
    try {
      // From the stream's start: deliveries taken before any relay ran are moved too.
      await this.options.connection.xgroup('CREATE', this.keys.stream, RELAY_GROUP, '0', 'MKSTREAM');
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith('BUSYGROUP'))) throw error;
    }
    this.groupReady = true;
  }

  /** Entries read by another relay and left unmoved for claimIdleMs, now this relay's. */
  private async claimStale(): Promise<StreamEntry[]> {
    const reply = await this.options.connection.xautoclaim(this.keys.stream, RELAY_GROUP, this.consumer, this.claimIdleMs, '0-0', 'COUNT', MAX_BATCH) as [string, (StreamEntry | null)[]];
    const claimed = reply[1].filter((entry): entry is StreamEntry => entry !== null);
    if (claimed.length > 0) this.options.log.warn({ entries: claimed.length }, 'Takes over webhooks another relay read but did not move');
    return claimed;
  }

  /** XREADGROUP from `from` ('>' for new entries, '0' for this consumer's pending ones), waiting up to `blockMs` when given. */
  private async read(from: '>' | '0', blockMs?: number): Promise<StreamEntry[]> {
    const { connection } = this.options;
    const reply = (blockMs === undefined
      ? await connection.xreadgroup('GROUP', RELAY_GROUP, this.consumer, 'COUNT', MAX_BATCH, 'STREAMS', this.keys.stream, from)
      : await connection.xreadgroup('GROUP', RELAY_GROUP, this.consumer, 'COUNT', MAX_BATCH, 'BLOCK', blockMs, 'STREAMS', this.keys.stream, from)) as ReadReply;
    return reply?.[0]?.[1] ?? [];
  }

  /** Stores the entries' jobs, then acknowledges and deletes the entries; returns the jobs stored. */
  private async move(entries: readonly StreamEntry[]): Promise<number> {
    const jobs: QueuedJob[] = [];
    for (const [id, fields] of entries) {
      const job = jobOf(fields);
      if (job) jobs.push(job);
      // Only a bug or a version mismatch writes such an entry; kept, it would be read again forever.
      else this.options.log.error({ entry: id }, 'Drops an intake entry that is not a job');
    }
    await this.options.queue.store(jobs);
    const ids = entries.map(([id]) => id);
    await this.options.connection.multi().xack(this.keys.stream, RELAY_GROUP, ...ids).xdel(this.keys.stream, ...ids).exec();
    this.options.moved?.(jobs.length);
    return jobs.length;
  }
}

/** A stream entry's job, or null when its fields are not those TicketIntake writes. */
export function jobOf(fields: readonly string[]): QueuedJob | null {
  const value: Partial<Record<string, string>> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) value[fields[i]!] = fields[i + 1];
  const jobId = value[ENTRY_FIELDS.jobId];
  const name = value[ENTRY_FIELDS.name];
  const text = value[ENTRY_FIELDS.data];
  if (!jobId || !name || text === undefined) return null;
  try {
    return { jobId, name, data: JSON.parse(text) as unknown };
  } catch {
    return null;
  }
}

/** The stream or its group is gone: NOGROUP, or UNBLOCKED for a read that was waiting on the stream when it went. */
function isNoGroup(error: unknown): boolean {
  return error instanceof Error && (error.message.startsWith('NOGROUP') || error.message.startsWith('UNBLOCKED'));
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
