import { Redis } from 'ioredis';
import { emptyTicketState, type TicketKey } from '../../src/bot/ticket-state.js';
import { RedisTicketStateStore } from '../../src/state/redis-ticket-state-store.js';
import { deleteKeysUnder } from '../redis-prefix.js';

describe('RedisTicketStateStore on real Redis', () => {
  const prefix = `tl-test-state-${process.pid}-${Date.now().toString(36)}`;
  const redis = new Redis('redis://127.0.0.1:6379');
  const store = new RedisTicketStateStore({ redis, prefix, ttlSeconds: 600 });
  const key: TicketKey = { provider: 'jira', workspace: 'https://acme.atlassian.net', ticketId: '10482' };

  afterAll(async () => {
    await deleteKeysUnder(redis, prefix);
    await redis.quit();
  });

  it('reads back what it stored, per provider, workspace and ticket', async () => {
    const state = { ...emptyTicketState('2025-04-03T10:00:00.000Z'), commentId: 'c-9', muted: { by: 'Lena', reason: 'spike', at: '2025-04-03T10:00:00.000Z' } };
    await store.set(key, state);
    expect(await store.get(key)).toEqual(state);
    expect(await store.get({ ...key, provider: 'linear' })).toBeNull();
    expect(await store.get({ ...key, workspace: 'https://other.atlassian.net' })).toBeNull();
  });

  it('writes with a TTL, so quiet tickets are forgotten', async () => {
    await store.set(key, emptyTicketState('2025-04-03T10:00:00.000Z'));
    const ttl = await redis.ttl(store.keyOf(key));
    expect(ttl).toBeGreaterThan(590);
    expect(ttl).toBeLessThanOrEqual(600);
  });

  it('reads a state written before /ticketlint explain existed as one without the explanation', async () => {
    const { explain: _explain, ...older } = { ...emptyTicketState('2025-04-03T10:00:00.000Z'), commentId: 'c-9', help: true };
    await redis.set(store.keyOf(key), JSON.stringify(older));
    expect(await store.get(key)).toEqual({ ...older, explain: false });
  });

  it('reads a value it cannot parse as missing, so the bot rebuilds it from the tracker', async () => {
    await redis.set(store.keyOf(key), '{"commentId": 42');
    expect(await store.get(key)).toBeNull();
    await redis.set(store.keyOf(key), JSON.stringify({ commentId: 42 }));
    expect(await store.get(key)).toBeNull();
  });
});
