/**
 * How much a figure on the test part could move with another draw of projects: the projects are drawn
 * again with replacement, `resamples` times, each draw's tickets scored, and the middle 95% of the
 * figures kept. Projects, not tickets, are drawn because the test part was drawn by project. The draws
 * come from a seeded generator, so a rerun prints the same interval.
 */
export interface Interval {
  readonly low: number;
  readonly high: number;
}

export interface BootstrapOptions {
  readonly resamples: number;
  readonly seed: number;
}

export const DEFAULT_BOOTSTRAP: BootstrapOptions = { resamples: 1000, seed: 20261207 };

/**
 * The 95% interval of `statistic` over draws of whole groups. A draw where the statistic is undefined
 * (null: 0/0) is left out; null when every draw is.
 */
export function bootstrapInterval<T>(
  groups: readonly (readonly T[])[],
  statistic: (items: readonly T[]) => number | null,
  options: BootstrapOptions = DEFAULT_BOOTSTRAP,
): Interval | null {
  if (groups.length === 0) throw new Error('bootstrap over no groups');
  const random = mulberry32(options.seed);
  const values: number[] = [];
  for (let r = 0; r < options.resamples; r++) {
    const draw: T[] = [];
    for (let g = 0; g < groups.length; g++) draw.push(...groups[Math.floor(random() * groups.length)]!);
    const value = statistic(draw);
    if (value !== null) values.push(value);
  }
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  return { low: quantile(values, 0.025), high: quantile(values, 0.975) };
}

/** The q-quantile of sorted values, interpolating between neighbours. */
function quantile(sorted: readonly number[], q: number): number {
  const at = q * (sorted.length - 1);
  const below = Math.floor(at);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (at - below) * (sorted[above]! - sorted[below]!);
}

/** A small seeded generator of numbers in [0, 1) (Mulberry32): the same seed, the same draws, on every machine. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
