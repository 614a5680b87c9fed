/// <reference types="jest" />
// The build compiles test/bench without jest's types; this reference brings them in for this file.
import { keyKindOf, summariseKeys, type KeySample } from './redis-keys.js';

const QUEUE = 'bull:ticketlint-events:';

describe('keyKindOf', () => {
  it('tells jobs, their logs, seen bodies, delivery ids taken, dedupe keys, ticket state, the intake and the queue structures apart', () => {
    expect(keyKindOf('bull:ticketlint-events:linear-bench-1-7', QUEUE)).toBe('job');
    expect(keyKindOf('bull:ticketlint-events:4711', QUEUE)).toBe('job');
    expect(keyKindOf('bull:ticketlint-events:4711:logs', QUEUE)).toBe('job logs');
    expect(keyKindOf('bull:ticketlint-events:seen:linear-body-9f86d0', QUEUE)).toBe('signed body seen (seen:)');
    expect(keyKindOf('bull:ticketlint-events:delivery:linear-5f1c2a9e', QUEUE)).toBe('delivery id taken (delivery:)');
    expect(keyKindOf('bull:ticketlint-events:de:review-linear-org-1-issue-1', QUEUE)).toBe('BullMQ dedupe (de:)');
    expect(keyKindOf('bull:ticketlint-events:intake', QUEUE)).toBe('intake stream');
    expect(keyKindOf('ticketlint:ticket-state:linear:org-1:be0c0001-0000', QUEUE)).toBe('ticket state');
    expect(keyKindOf('bull:ticketlint-events:completed', QUEUE)).toBe('queue: completed');
    expect(keyKindOf('bull:ticketlint-events:events', QUEUE)).toBe('queue: events');
    expect(keyKindOf('bull:other-queue:1', QUEUE)).toBe('other');
  });
});

describe('summariseKeys', () => {
  it('gives each kind its count, the mean sampled size and the TTL range of the keys that expire, most keys first', () => {
    const samples: KeySample[] = [
      { key: 'a', kind: 'job', bytes: 100, ttlMs: -1 },
      { key: 'b', kind: 'job', bytes: 300, ttlMs: -1 },
      { key: 'c', kind: 'ticket state', bytes: 50, ttlMs: 2000 },
      { key: 'd', kind: 'ticket state', bytes: 50, ttlMs: 1000 },
    ];
    expect(summariseKeys(new Map([['job', 2], ['ticket state', 10]]), samples)).toEqual([
      { kind: 'ticket state', count: 10, meanBytes: 50, minTtlMs: 1000, maxTtlMs: 2000 },
      { kind: 'job', count: 2, meanBytes: 200, minTtlMs: null, maxTtlMs: null },
    ]);
  });
});
