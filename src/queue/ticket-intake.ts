import type { Redis } from 'ioredis';
import type { Provider, WebhookTicketEvent } from '../domain/ticket-event.js';
import { bodyFingerprint } from '../providers/hmac-digest.js';
import { PRODUCER_COMMAND_TIMEOUT_MS } from './redis-connection.js';
import { jobIdFor, TICKET_EVENTS_QUEUE, type QueuedTicketJob } from './ticket-job.js';

/**
 * How long a signed body is remembered, so that the same body under a new delivery id (the delivery
 * headers are not signed) does not make a second job: Linear's retry horizon (1 min + 1 h + 6 h) with
 * slack, which is also where checkLinearWebhookTimestamp stops accepting the body at all.
 */
export const SIGNED_BODY_TTL_MS = 8 * 60 * 60 * 1000;

/** The most deliveries one batch sends to Redis; more in the same turn of the event loop go in further batches. */
export const MAX_BATCH = 200;

/** Redis did not take the delivery: the server answers 503 and the tracker retries it later. */
export class QueueUnavailableError extends Error {
  override readonly name = 'QueueUnavailableError';

  constructor(reason: string, options?: { cause?: unknown }) {
    super(`the ticket queue is unavailable: ${reason}`, options);
  }
}

export interface EnqueueResult {
  /** The job that holds (or will hold) the event: `jobIdFor(event)`, or the earlier job of a replayed body. */
  readonly jobId: string;
  /**
   * True when the same signed body was already taken under another delivery id within
   * SIGNED_BODY_TTL_MS. (A redelivery under the same id finds its own job id and is not told apart.)
   */
  readonly replay: boolean;
  /**
   * True when the delivery id was already taken by another signed body within SIGNED_BODY_TTL_MS: a
   * different event under a reused id. It is queued all the same, as job `<jobIdFor(event)>-<body fingerprint>`.
   */
  readonly reusedDeliveryId: boolean;
}

/** The Redis keys of the intake: its stream, the signed bodies it has seen, and the delivery ids taken. */
export interface IntakeKeys {
  readonly stream: string;
  seen(bodyId: string): string;
  delivery(jobId: string): string;
}

/** The intake's keys under a BullMQ prefix (default `bull`), beside the ticket queue's own keys. */
export function intakeKeys(prefix = 'bull'): IntakeKeys {
  const base = `${prefix}:${TICKET_EVENTS_QUEUE}`;
  return { stream: `${base}:intake`, seen: (bodyId) => `${base}:seen:${bodyId}`, delivery: (jobId) => `${base}:delivery:${jobId}` };
}

/** The fields of one stream entry: the job's id and name, and its data as JSON (a QueuedTicketJob). */
export const ENTRY_FIELDS = { jobId: 'job', name: 'name', data: 'data' } as const;

/**
 * One delivery per (seen key, delivery key) and (job id, job id if the delivery id is reused, name,
 * data). A body seen before answers the job that holds it and adds nothing ('seen'). A new one is marked
 * seen (for SIGNED_BODY_TTL_MS) and appended to the stream, in the same script, so a failed add marks
 * nothing as seen and the tracker's retry gets in ('new'). When its delivery id was taken by another
 * body, it is a different event under a reused id: it goes in under its second job id ('reused'), since
 * BullMQ would take a job id it already holds for a redelivery and drop the event. SET NX comes first:
 * a new body, the common case, then costs Redis one command less than a GET before the SET.
 */
const TAKE_DELIVERIES = `
local ttl = ARGV[1]
local taken = {}
for d = 1, (#KEYS - 1) / 2 do
  local seenKey = KEYS[2 * d]
  local at = (d - 1) * 4 + 2
  local jobId = ARGV[at]
  if redis.call('SET', seenKey, jobId, 'PX', ttl, 'NX') then
    local status = 'new'
    if not redis.call('SET', KEYS[2 * d + 1], seenKey, 'PX', ttl, 'NX') then
      jobId = ARGV[at + 1]
      status = 'reused'
      redis.call('SET', seenKey, jobId, 'PX', ttl)
    end
    redis.call('XADD', KEYS[1], '*', '${ENTRY_FIELDS.jobId}', jobId, '${ENTRY_FIELDS.name}', ARGV[at + 2], '${ENTRY_FIELDS.data}', ARGV[at + 3])
    taken[d] = { jobId, status }
  else
    taken[d] = { redis.call('GET', seenKey), 'seen' }
  end
end
return taken
`;

type IntakeConnection = Redis & { takeDeliveries(numberOfKeys: number, ...keysAndArgs: string[]): Promise<[string, TakenAs][]> };

/** How the script took a delivery (TAKE_DELIVERIES). */
type TakenAs = 'new' | 'reused' | 'seen';

export interface TicketIntakeOptions {
  /** A connection from createProducerConnection; the caller closes it. */
  readonly connection: Redis;
  /** BullMQ key prefix; default `bull`. Tests use a unique one per file. */
  readonly prefix?: string;
  /** The longest an add may take before it counts as failed; default PRODUCER_COMMAND_TIMEOUT_MS. */
  readonly addTimeoutMs?: number;
}

/** A delivery waiting for its batch: what to store, and whom to tell once Redis has it (or has not). */
interface PendingDelivery {
  readonly seenKey: string;
  readonly deliveryKey: string;
  readonly jobId: string;
  /** The job id should the delivery id turn out to be taken by another body. */
  readonly reusedJobId: string;
  readonly name: string;
  readonly data: string;
  resolve(result: EnqueueResult): void;
  reject(error: unknown): void;
}

/**
 * Where the server puts a verified delivery: a Redis stream in front of the ticket queue, which the
 * workers' IntakeRelay moves into BullMQ. Appending to a stream costs Redis a few microseconds, against
 * about fifty for BullMQ's add script, and the server's client a fraction of BullMQ's, which is what
 * lets the server take webhooks as fast as bare express answers them (README, Performance). A delivery
 * is durable once it is in the stream: the answer waits for that, and nothing after it can drop it.
 *
 * Deliveries taken in the same turn of the event loop (50 at a time under load) go to Redis as one
 * script call; each still resolves only once its own entry is stored. A signed body seen before is not
 * appended again: its answer names the earlier job and says it is a replay.
 */
export class TicketIntake {
  private readonly connection: IntakeConnection;
  private readonly keys: IntakeKeys;
  private readonly addTimeoutMs: number;
  private pending: PendingDelivery[] = [];

  constructor(options: TicketIntakeOptions) {
    this.connection = options.connection as IntakeConnection;
    if (typeof this.connection.takeDeliveries !== 'function') this.connection.defineCommand('takeDeliveries', { lua: TAKE_DELIVERIES });
    this.keys = intakeKeys(options.prefix);
    this.addTimeoutMs = options.addTimeoutMs ?? PRODUCER_COMMAND_TIMEOUT_MS;
  }

  /**
   * Takes the event as job `jobIdFor(event)` and resolves once Redis has stored it. `bodyDigest`, the
   * HMAC of the signed body that the server verified, names the body for dedupe (signedBodyId). Throws
   * QueueUnavailableError when Redis does not answer.
   */
  enqueue(event: WebhookTicketEvent, receivedAt: number, bodyDigest: Buffer): Promise<EnqueueResult> {
    if (this.connection.status !== 'ready') return Promise.reject(new QueueUnavailableError(`Redis is ${this.connection.status}`));
    const job: QueuedTicketJob = { event, receivedAt };
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => this.sendPending());
      const jobId = jobIdFor(event);
      this.pending.push({
        seenKey: this.keys.seen(signedBodyId(event.provider, bodyDigest)),
        deliveryKey: this.keys.delivery(jobId),
        jobId,
        reusedJobId: `${jobId}-${bodyFingerprint(bodyDigest)}`,
        name: event.type,
        data: JSON.stringify(job),
        resolve,
        reject,
      });
    });
  }

  /** Sends the deliveries gathered in this turn, MAX_BATCH at a time. */
  private sendPending(): void {
    const pending = this.pending;
    this.pending = [];
    for (let start = 0; start < pending.length; start += MAX_BATCH) void this.sendBatch(pending.slice(start, start + MAX_BATCH));
  }

  /** One script call for the batch; should Redis refuse or miss it, every delivery in it fails alike (and nothing of it was stored). */
  private async sendBatch(batch: readonly PendingDelivery[]): Promise<void> {
    const keys = [this.keys.stream, ...batch.flatMap((delivery) => [delivery.seenKey, delivery.deliveryKey])];
    const args = [String(SIGNED_BODY_TTL_MS), ...batch.flatMap((delivery) => [delivery.jobId, delivery.reusedJobId, delivery.name, delivery.data])];
    try {
      const taken = await withDeadline(this.connection.takeDeliveries(keys.length, ...keys, ...args), this.addTimeoutMs);
      batch.forEach((delivery, i) => {
        const [jobId = delivery.jobId, as = 'new'] = taken[i] ?? [];
        // A body seen before under this very delivery (either of its job ids) is the tracker's redelivery, not a replay.
        const replay = as === 'seen' && jobId !== delivery.jobId && jobId !== delivery.reusedJobId;
        delivery.resolve({ jobId, replay, reusedDeliveryId: as === 'reused' });
      });
    } catch (error) {
      for (const delivery of batch) delivery.reject(error);
    }
  }

  /** Deliveries taken and not yet moved into the ticket queue; for tests, benches and operators. */
  backlog(): Promise<number> {
    return this.connection.xlen(this.keys.stream);
  }
}

/**
 * The dedupe id of a signed body: the provider and the body's HMAC-SHA256 under the webhook secret,
 * which the server computed to verify it. Under one secret it names the body as well as a plain
 * SHA-256 would, without hashing the body a second time; a body signed under a rotated secret no
 * longer verifies at all.
 */
export function signedBodyId(provider: Provider, bodyDigest: Buffer): string {
  return `${provider}-hmac-${bodyDigest.toString('hex')}`;
}

async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new QueueUnavailableError(`Redis did not acknowledge the delivery within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } catch (error) {
    // Redis answering with an error (the script refusing the batch) is a bug to see as such, not an outage.
    if (error instanceof QueueUnavailableError || (error instanceof Error && error.name === 'ReplyError')) throw error;
    throw new QueueUnavailableError(error instanceof Error ? error.message : String(error), { cause: error });
  } finally {
    clearTimeout(timer);
  }
}
