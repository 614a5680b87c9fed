import { Redis } from 'ioredis';

/** How long the producer waits on Redis before answering 503: far below a tracker's webhook timeout. */
export const PRODUCER_COMMAND_TIMEOUT_MS = 2000;

/**
 * The server's connection. A webhook request must never hang on Redis, so commands fail at once while
 * Redis is unreachable (`enableOfflineQueue: false`), a command gets PRODUCER_COMMAND_TIMEOUT_MS, and a
 * failed command is not resent; the connection itself keeps reconnecting in the background, so the
 * server recovers when Redis does. (A Queue is not a blocking connection, so BullMQ allows
 * `maxRetriesPerRequest` to be set here.)
 */
export function createProducerConnection(redisUrl: string): Redis {
  return new Redis(redisUrl, {
    enableOfflineQueue: false,
    commandTimeout: PRODUCER_COMMAND_TIMEOUT_MS,
    connectTimeout: PRODUCER_COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
    // Commands issued in one event-loop tick go to Redis in one write: a worker's concurrent jobs each
    // add a review. (The server's webhook deliveries already go as one script call per tick: TicketIntake.)
    enableAutoPipelining: true,
    // Closing while Redis is down arms a timer on the last (already closed) socket that nothing clears;
    // ioredis's default 2 s of it would keep a stopped process alive that long.
    disconnectTimeout: 200,
  });
}

/**
 * A worker's connection: BullMQ requires `maxRetriesPerRequest: null` on the blocking connection a
 * Worker waits for jobs on, and commands may wait for a reconnect (the worker has no caller to answer).
 */
export function createWorkerConnection(redisUrl: string): Redis {
  return new Redis(redisUrl, {
    maxRetriesPerRequest: null,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
  });
}

/**
 * Resolves once the connection is ready, or after `timeoutMs` whatever its state: a process starts
 * (and answers /healthz, and 503 to webhooks) even while Redis is down.
 */
export async function settleConnection(connection: Redis, timeoutMs = PRODUCER_COMMAND_TIMEOUT_MS): Promise<void> {
  if (connection.status === 'ready') return;
  let timer: NodeJS.Timeout | undefined;
  let onReady: (() => void) | undefined;
  await new Promise<void>((resolve) => {
    onReady = resolve;
    connection.once('ready', onReady);
    timer = setTimeout(resolve, timeoutMs);
  });
  clearTimeout(timer);
  if (onReady) connection.off('ready', onReady);
}

/** True when Redis answers PING within `timeoutMs`; never throws, never waits longer. */
export async function redisAnswers(connection: Redis, timeoutMs = PRODUCER_COMMAND_TIMEOUT_MS): Promise<boolean> {
  if (connection.status !== 'ready') return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), timeoutMs); });
  try {
    return await Promise.race([connection.ping().then((answer) => answer === 'PONG', () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** QUIT when connected (lets Redis finish what was sent), else just drop the socket and stop reconnecting. */
export async function closeRedis(connection: Redis): Promise<void> {
  if (connection.status === 'end') return;
  if (connection.status === 'ready') {
    try {
      await connection.quit();
      return;
    } catch {
      // fall through: the connection broke while quitting
    }
  }
  connection.disconnect(false);
}
