import { Redis, type RedisOptions } from 'ioredis';

/**
 * Every test file keeps its Redis keys under a prefix of its own on the shared Redis; these remove
 * them, so one file's jobs and ticket state never meet another's (and nothing else is touched).
 */
export async function deleteKeysUnder(redis: Redis, prefix: string): Promise<void> {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
}

/** deleteKeysUnder on a connection of its own, closed afterwards. */
export async function deleteKeysUnderOn(connection: string | RedisOptions, prefix: string): Promise<void> {
  const redis = typeof connection === 'string' ? new Redis(connection) : new Redis(connection);
  try {
    await deleteKeysUnder(redis, prefix);
  } finally {
    await redis.quit();
  }
}
