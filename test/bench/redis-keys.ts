// What the keys in a Redis holding ticketlint's queue are, by name alone (pure, for memory.bench.ts).

/**
 * 'job', 'job logs', 'signed body seen (seen:)', 'delivery id taken (delivery:)', 'BullMQ dedupe (de:)', 'ticket state', 'intake stream',
 * 'queue: <name>' (BullMQ's lists, sets, stream, meta), 'other'.
 */
export type KeyKind = string;

/** BullMQ's own keys of a queue (`<prefix>:<queue>:<name>`), as opposed to its jobs (`<prefix>:<queue>:<job id>`). */
const QUEUE_STRUCTURES = new Set([
  'wait', 'paused', 'active', 'delayed', 'prioritized', 'completed', 'failed', 'waiting-children', 'stalled', 'stalled-check',
  'events', 'meta', 'id', 'marker', 'pc', 'limiter', 'metrics', 'repeat', 'priority',
]);

/** The kind of `key`, where `queueKeys` is `<prefix>:<queue name>:` (BullMQ's default prefix is `bull`). */
export function keyKindOf(key: string, queueKeys: string): KeyKind {
  if (/^[^:]+:ticket-state:/.test(key)) return 'ticket state';
  if (!key.startsWith(queueKeys)) return 'other';
  const rest = key.slice(queueKeys.length);
  if (rest.startsWith('seen:')) return 'signed body seen (seen:)';
  if (rest.startsWith('delivery:')) return 'delivery id taken (delivery:)';
  if (rest.startsWith('de:')) return 'BullMQ dedupe (de:)';
  if (rest === 'intake') return 'intake stream';
  const [head, ...tail] = rest.split(':');
  if (QUEUE_STRUCTURES.has(head!)) return `queue: ${rest}`;
  if (tail.length === 0) return 'job';
  if (tail.join(':') === 'logs') return 'job logs';
  return 'other';
}

export interface KeySample {
  readonly key: string;
  readonly kind: KeyKind;
  /** MEMORY USAGE */
  readonly bytes: number;
  /** PTTL: -1 no expiry, -2 gone. */
  readonly ttlMs: number;
}

export interface KeyKindSummary {
  readonly kind: KeyKind;
  readonly count: number;
  readonly meanBytes: number;
  /** Smallest and largest TTL among sampled keys that have one; null when none of them expires. */
  readonly minTtlMs: number | null;
  readonly maxTtlMs: number | null;
}

/** One line per kind, most keys first: the count, the mean sampled size, the TTL range of the sample. */
export function summariseKeys(counts: ReadonlyMap<KeyKind, number>, samples: readonly KeySample[]): KeyKindSummary[] {
  return [...counts].map(([kind, count]) => {
    const mine = samples.filter((s) => s.kind === kind);
    const ttls = mine.map((s) => s.ttlMs).filter((t) => t >= 0);
    return {
      kind, count,
      meanBytes: mine.length ? mine.reduce((sum, s) => sum + s.bytes, 0) / mine.length : 0,
      minTtlMs: ttls.length ? Math.min(...ttls) : null,
      maxTtlMs: ttls.length ? Math.max(...ttls) : null,
    };
  }).sort((a, b) => b.count - a.count);
}
