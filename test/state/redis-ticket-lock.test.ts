import { Redis } from 'ioredis';
import type { TicketKey } from '../../src/bot/ticket-state.js';
import { RedisTicketLocks } from '../../src/state/redis-ticket-lock.js';
import { deleteKeysUnder } from '../redis-prefix.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('RedisTicketLocks on real Redis', () => {
  const prefix = `tl-test-lock-${process.pid}-${Date.now().toString(36)}`;
  const redis = new Redis('redis://127.0.0.1:6379');
  const failures: string[] = [];
  const locks = new RedisTicketLocks({ redis, prefix, lockMs: 300, onRenewalFailed: (_key, reason) => failures.push(reason) });
  const key: TicketKey = { provider: 'jira', workspace: 'https://acme.atlassian.net', ticketId: '10482' };

  afterEach(async () => {
    await deleteKeysUnder(redis, prefix);
    failures.length = 0;
  });
  afterAll(() => redis.quit());

  it('gives a ticket to one holder at a time, and each ticket its own lock', async () => {
    const held = await locks.acquire(key);
    expect(held).not.toBeNull();
    expect(await locks.acquire(key)).toBeNull();
    const other = await locks.acquire({ ...key, ticketId: '10483' });
    expect(other).not.toBeNull();
    await held!.release();
    await other!.release();
    const again = await locks.acquire(key);
    expect(again).not.toBeNull();
    await again!.release();
  });

  it('keeps the lock past its expiry while the holder runs', async () => {
    const held = await locks.acquire(key);
    await pause(1000);
    expect(await locks.acquire(key)).toBeNull();
    expect(failures).toEqual([]);
    await held!.release();
    expect(await redis.exists(locks.keyOf(key))).toBe(0);
  });

  it('frees the ticket of a holder that stopped renewing (a dead worker) once its lock expires', async () => {
    await redis.set(locks.keyOf(key), 'a-dead-workers-token', 'PX', 300);
    expect(await locks.acquire(key)).toBeNull();
    await pause(400);
    const held = await locks.acquire(key);
    expect(held).not.toBeNull();
    await held!.release();
  });

  it('never releases or renews a lock that expired and now belongs to another holder', async () => {
    const held = (await locks.acquire(key))!;
    // Another job's lock under the key, as after an expiry: the first holder must not touch it.
    await redis.set(locks.keyOf(key), 'another-holders-token', 'PX', 10_000);
    await pause(250);
    expect(failures).toContain('the lock expired and may be held by another job');
    await held.release();
    expect(await redis.get(locks.keyOf(key))).toBe('another-holders-token');
    expect(await redis.pttl(locks.keyOf(key))).toBeGreaterThan(5000);
  });
});
