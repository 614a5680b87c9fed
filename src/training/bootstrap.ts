import { seededRandom } from './seeded-random.js';

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
  return bootstrapIntervals(groups, (items) => items, [statistic], options)[0]!;
}

/**
 * The 95% interval of each of several figures read off one summary of each draw (the eval's figures of a
 * draw's tickets, say): every draw is summarised once, and all the figures see the same draws.
 */
export function bootstrapIntervals<T, S>(
  groups: readonly (readonly T[])[],
  summarise: (items: readonly T[]) => S,
  figures: readonly ((summary: S) => number | null)[],
  options: BootstrapOptions = DEFAULT_BOOTSTRAP,
): (Interval | null)[] {
  if (groups.length === 0) throw new Error('bootstrap over no groups');
  const random = seededRandom(options.seed);
  const values = figures.map((): number[] => []);
  for (let r = 0; r < options.resamples; r++) {
    const draw: T[] = [];
    for (let g = 0; g < groups.length; g++) draw.push(...groups[Math.floor(random() * groups.length)]!);
    const summary = summarise(draw);
    figures.forEach((figure, i) => {
      const value = figure(summary);
      if (value !== null) values[i]!.push(value);
    });
  }
  return values.map((v) => {
    if (v.length === 0) return null;
    v.sort((x, y) => x - y);
    return { low: quantile(v, 0.025), high: quantile(v, 0.975) };
  });
}

/** The q-quantile of sorted values, interpolating between neighbours. */
function quantile(sorted: readonly number[], q: number): number {
  const at = q * (sorted.length - 1);
  const below = Math.floor(at);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (at - below) * (sorted[above]! - sorted[below]!);
}
