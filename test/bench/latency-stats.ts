/** Per-call timings in nanoseconds, summarised. */
export interface LatencyStats {
  readonly count: number;
  readonly totalNs: number;
  readonly perSecond: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly maxUs: number;
}

/** Nearest-rank percentile of sorted values: the smallest value with at least p% of values at or below it. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export function summarise(timingsNs: Float64Array, wallNs: number): LatencyStats {
  const sorted = Float64Array.from(timingsNs).sort();
  return {
    count: sorted.length,
    totalNs: wallNs,
    perSecond: sorted.length / (wallNs / 1e9),
    p50Us: percentile(sorted, 50) / 1000,
    p99Us: percentile(sorted, 99) / 1000,
    maxUs: (sorted[sorted.length - 1] ?? NaN) / 1000,
  };
}

/**
 * Calls `fn` on each item in turn, `rounds` times over the set, timing each call. Throughput uses
 * the wall time of the whole loop, timer calls included (about 0.1 µs each, noise at these sizes).
 */
export function measure<T>(items: readonly T[], rounds: number, fn: (item: T) => unknown): LatencyStats {
  const timings = new Float64Array(items.length * rounds);
  let sink = 0;
  const start = process.hrtime.bigint();
  let k = 0;
  for (let r = 0; r < rounds; r++) {
    for (const item of items) {
      const t0 = process.hrtime.bigint();
      const result = fn(item);
      timings[k++] = Number(process.hrtime.bigint() - t0);
      if (result) sink++;
    }
  }
  const wall = Number(process.hrtime.bigint() - start);
  if (sink < 0) console.log(sink); // keeps the results observable, so no call is optimised away
  return summarise(timings, wall);
}
