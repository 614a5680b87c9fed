import type { Redis } from 'ioredis';
import { closeRedis, createWorkerConnection, PRODUCER_COMMAND_TIMEOUT_MS } from '../queue/redis-connection.js';
import { inspectRedisDurability } from '../queue/redis-durability.js';
import { registerRedisVolatile } from '../server/ticketlint-metrics.js';
import type { ProcessBasics } from './process-lifecycle.js';
import { SettingsError } from './settings-error.js';

/** Redis would lose accepted webhooks and ALLOW_VOLATILE_REDIS is not set: the process does not start (exit 2). */
export class VolatileRedisError extends SettingsError {
  constructor(problems: readonly string[]) {
    super(problems);
    this.message = [
      'ticketlint cannot start: Redis would lose webhooks it has accepted:',
      ...problems.map((p) => `  - ${p}`),
      'Configure Redis so, or set ALLOW_VOLATILE_REDIS=1 to start anyway (tests, a throwaway setup).',
    ].join('\n');
  }
}

/**
 * A check that waits for Redis to answer: `outcome` is null when Redis may be used, a VolatileRedisError
 * when the process must not run on it. (Wrapped: an async function would wait for a promise it returns.)
 */
export interface PendingRedisCheck {
  readonly outcome: Promise<VolatileRedisError | null>;
}

/**
 * Checks at start that Redis keeps what the server acknowledges (inspectRedisDurability): throws a
 * VolatileRedisError when it does not, unless ALLOW_VOLATILE_REDIS=1, which starts with a warning and
 * ticketlint_redis_volatile 1. What CONFIG does not let it read is logged as a warning. A Redis that does
 * not answer within `timeoutMs` does not stop the start (the process answers /healthz, and 503 to
 * webhooks, until Redis is back, as before): the check is then returned pending, to be acted on once
 * Redis answers.
 */
export async function requireDurableRedis(basics: ProcessBasics, timeoutMs = PRODUCER_COMMAND_TIMEOUT_MS): Promise<PendingRedisCheck | null> {
  const { settings, log } = basics;
  const redis = createWorkerConnection(settings.redisUrl);
  // Connection errors are what the pending case is for; the processes' own connections log them.
  redis.on('error', () => undefined);
  const check = judge(redis, basics).finally(() => closeRedis(redis));
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => { timer = setTimeout(() => resolve('late'), timeoutMs); });
  const first = await Promise.race([check, late]);
  clearTimeout(timer);
  if (first === 'late') {
    log.warn('Redis does not answer yet: whether it keeps accepted webhooks is checked once it does');
    return { outcome: check };
  }
  if (first) throw first;
  return null;
}

async function judge(redis: Redis, { settings, log, registry }: ProcessBasics): Promise<VolatileRedisError | null> {
  const { problems, unchecked } = await inspectRedisDurability(redis);
  for (const what of unchecked) log.warn({ redis: what }, 'Redis cannot be checked fully: make sure it persists and never evicts');
  if (problems.length > 0 && !settings.allowVolatileRedis) return new VolatileRedisError(problems);
  if (problems.length > 0) {
    log.warn({ problems }, 'ALLOW_VOLATILE_REDIS=1: runs on a Redis that loses accepted webhooks when it restarts or fills up. Never in production');
  }
  registerRedisVolatile(registry, problems.length > 0);
  return null;
}
