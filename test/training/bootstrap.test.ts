import { bootstrapInterval, bootstrapIntervals } from '../../src/training/bootstrap.js';

const mean = (xs: readonly number[]): number | null => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);

describe('bootstrapInterval', () => {
  it('is a single point when every group gives the same figure', () => {
    expect(bootstrapInterval([[1, 1], [1], [1, 1, 1]], mean, { resamples: 200, seed: 1 })).toEqual({ low: 1, high: 1 });
  });

  it('holds the figure of the whole and narrows as the groups grow in number', () => {
    const groups = (n: number) => Array.from({ length: n }, (_, i) => [i % 2]);
    const few = bootstrapInterval(groups(20), mean, { resamples: 500, seed: 7 })!;
    const many = bootstrapInterval(groups(2000), mean, { resamples: 500, seed: 7 })!;
    for (const i of [few, many]) {
      expect(i.low).toBeLessThanOrEqual(0.5);
      expect(i.high).toBeGreaterThanOrEqual(0.5);
    }
    expect(many.high - many.low).toBeLessThan((few.high - few.low) / 4);
  });

  it('draws whole groups: a group of many equal items moves the figure as one', () => {
    // One group of 99 ones and 99 groups of one zero: by tickets the mean is 0.5, but a draw holds that
    // big group 0, 1, 2… times, so the interval is wide; by tickets it would be narrow.
    const groups = [Array<number>(99).fill(1), ...Array.from({ length: 99 }, () => [0])];
    const i = bootstrapInterval(groups, mean, { resamples: 500, seed: 3 })!;
    expect(i.low).toBeLessThan(0.2);
    expect(i.high).toBeGreaterThan(0.7);
  });

  it('leaves out draws where the figure is undefined, and gives the same interval for the same seed', () => {
    const groups = [[], [], [1]] as number[][];
    const a = bootstrapInterval(groups, mean, { resamples: 300, seed: 11 });
    expect(a).toEqual({ low: 1, high: 1 });
    expect(bootstrapInterval([[]], mean, { resamples: 10, seed: 1 })).toBeNull();
    const g = [[0.1], [0.4], [0.9], [0.3]];
    expect(bootstrapInterval(g, mean, { resamples: 100, seed: 5 })).toEqual(bootstrapInterval(g, mean, { resamples: 100, seed: 5 }));
    expect(() => bootstrapInterval([], mean)).toThrow(/no groups/);
  });
});

describe('bootstrapIntervals', () => {
  it('summarises each draw once and gives every figure the intervals bootstrapInterval gives it alone', () => {
    const groups = [[0.1, 0.2], [0.4], [0.9], [0.3, 0.8]];
    let summaries = 0;
    const summarise = (items: readonly number[]) => {
      summaries += 1;
      return { mean: mean(items), max: Math.max(...items) };
    };
    const options = { resamples: 200, seed: 9 };
    const [byMean, byMax] = bootstrapIntervals(groups, summarise, [(s) => s.mean, (s) => s.max], options);
    expect(summaries).toBe(200);
    expect(byMean).toEqual(bootstrapInterval(groups, mean, options));
    expect(byMax).toEqual(bootstrapInterval(groups, (items) => Math.max(...items), options));
  });
});
