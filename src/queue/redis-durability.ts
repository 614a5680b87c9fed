import type { Redis } from 'ioredis';

/** What the queue needs of Redis so that a webhook answered 200 is never lost, as this Redis runs now. */
export interface RedisDurability {
  /** What makes this Redis lose accepted webhooks, one sentence each, with the redis-server flag that fixes it. */
  readonly problems: readonly string[];
  /** What could not be checked (CONFIG disabled, as on some managed Redis), one sentence each. */
  readonly unchecked: readonly string[];
}

/**
 * Reads `appendonly` and `maxmemory-policy` with CONFIG GET. Without an append-only file, a Redis restart
 * loses every webhook taken and not yet handled (the trackers do not resend what was answered 200); any
 * eviction policy but `noeviction` lets a full Redis drop queued jobs, which is why BullMQ requires it.
 * A Redis that refuses CONFIG (renamed or forbidden, as on managed services) still reports its eviction
 * policy in INFO, as BullMQ reads it; whether it persists is then left unchecked.
 */
export async function inspectRedisDurability(redis: Redis): Promise<RedisDurability> {
  const problems: string[] = [];
  const unchecked: string[] = [];
  const appendonly = await configValue(redis, 'appendonly');
  if (appendonly.value === undefined) {
    unchecked.push(`whether Redis keeps an append-only file could not be checked (${appendonly.why}); without one, a Redis restart loses the webhooks queued but not yet handled`);
  } else if (appendonly.value !== 'yes') {
    problems.push(`Redis runs without an append-only file (appendonly ${appendonly.value}): a restart loses every webhook queued but not yet handled. Start redis-server with --appendonly yes --appendfsync everysec`);
  }
  const policy = await evictionPolicy(redis);
  if (policy.value === undefined) {
    unchecked.push(`Redis's eviction policy could not be read (${policy.why}); BullMQ requires maxmemory-policy noeviction`);
  } else if (policy.value !== 'noeviction') {
    problems.push(`Redis evicts keys when full (maxmemory-policy ${policy.value}), queued jobs among them; BullMQ requires noeviction. Start redis-server with --maxmemory-policy noeviction`);
  }
  return { problems, unchecked };
}

interface Reading {
  readonly value?: string;
  readonly why?: string;
}

async function configValue(redis: Redis, name: string): Promise<Reading> {
  try {
    const reply = (await redis.config('GET', name)) as unknown[];
    return reply.length >= 2 ? { value: String(reply[1]) } : { why: `CONFIG GET ${name} answers nothing` };
  } catch (error) {
    return { why: `CONFIG GET is refused: ${error instanceof Error ? error.message : String(error)}` };
  }
}

async function evictionPolicy(redis: Redis): Promise<Reading> {
  const configured = await configValue(redis, 'maxmemory-policy');
  if (configured.value !== undefined) return configured;
  try {
    const info = await redis.info('memory');
    const value = /^maxmemory_policy:(\S+)/m.exec(info)?.[1];
    return value ? { value } : { why: `${configured.why}, and INFO memory names no maxmemory_policy` };
  } catch (error) {
    return { why: `${configured.why}, and INFO is refused too: ${error instanceof Error ? error.message : String(error)}` };
  }
}
