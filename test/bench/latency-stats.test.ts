/// <reference types="jest" />
// The build compiles test/bench without jest's types; this reference brings them in for this file.
import { measure, percentile, summarise } from './latency-stats.js';

describe('percentile', () => {
  it('takes the nearest rank: p50 of 1..10 is 5, p99 is 10', () => {
    const sorted = Float64Array.from({ length: 10 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(5);
    expect(percentile(sorted, 99)).toBe(10);
    expect(percentile(sorted, 0)).toBe(1);
  });

  it('is NaN for no values', () => {
    expect(percentile(new Float64Array(0), 50)).toBeNaN();
  });
});

describe('summarise', () => {
  it('reports throughput from the wall time and latencies in microseconds', () => {
    const stats = summarise(Float64Array.from([3000, 1000, 2000, 4000]), 1e6);
    expect(stats.count).toBe(4);
    expect(stats.perSecond).toBeCloseTo(4000);
    expect(stats.p50Us).toBe(2);
    expect(stats.maxUs).toBe(4);
  });
});

describe('measure', () => {
  it('calls the function once per item per round', () => {
    const seen: number[] = [];
    const stats = measure([1, 2, 3], 2, (n) => seen.push(n));
    expect(seen).toEqual([1, 2, 3, 1, 2, 3]);
    expect(stats.count).toBe(6);
  });
});
