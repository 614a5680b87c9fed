import { calibrationOf, furthestBin } from '../../src/training/calibration.js';

const many = (probability: number, truths: number, falses: number) => [
  ...Array.from({ length: truths }, () => ({ probability, truth: true })),
  ...Array.from({ length: falses }, () => ({ probability, truth: false })),
];

describe('calibrationOf', () => {
  it('is 0 for probabilities that match the frequencies', () => {
    const c = calibrationOf([...many(0.2, 2, 8), ...many(0.9, 9, 1)]);
    expect(c.expectedError).toBeCloseTo(0, 12);
    expect(c.bins.map((b) => [b.from, b.count, b.observed])).toEqual([[0.2, 10, 0.2], [0.9, 10, 0.9]]);
  });

  it('weights each bin\'s gap by its share of the tickets', () => {
    // 30 tickets at 0.8 of which half are true (gap 0.3), 10 at 0.05 of which none are (gap 0.05).
    const c = calibrationOf([...many(0.8, 15, 15), ...many(0.05, 0, 10)]);
    expect(c.expectedError).toBeCloseTo((30 / 40) * 0.3 + (10 / 40) * 0.05, 12);
  });

  it('puts a probability of exactly 1 in the top bin', () => {
    expect(calibrationOf(many(1, 3, 1)).bins).toEqual([{ from: 0.9, count: 4, meanProbability: 1, observed: 0.75 }]);
  });

  it('refuses what is not a probability, and an empty list', () => {
    expect(() => calibrationOf([{ probability: 1.2, truth: true }])).toThrow(/1.2 is not a probability/);
    expect(() => calibrationOf([{ probability: Number.NaN, truth: true }])).toThrow(/not a probability/);
    expect(() => calibrationOf([])).toThrow(/no tickets/);
  });

  it('finds the bin of enough tickets that is furthest off, or none', () => {
    const c = calibrationOf([...many(0.15, 1, 9), ...many(0.55, 9, 3), ...many(0.95, 0, 2)]);
    expect(furthestBin(c, 10)).toMatchObject({ from: 0.5, count: 12 });
    expect(furthestBin(c, 1)).toMatchObject({ from: 0.9, count: 2 });
    expect(furthestBin(c, 13)).toBeNull();
  });
});
