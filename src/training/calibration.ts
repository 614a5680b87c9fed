/**
 * How far a model's probabilities are from the frequencies they claim: the tickets are put in ten bins
 * by probability (0–0.1, …, 0.9–1), and each bin's mean probability is compared with the share of its
 * tickets that truly have the label. The expected calibration error is the mean gap, each bin weighted
 * by its share of the tickets: 0.04 means "probability 0.8" is true of about 76% to 84% of tickets.
 */
export interface CalibrationBin {
  /** The bin's lower edge (0, 0.1, …, 0.9). */
  readonly from: number;
  readonly count: number;
  readonly meanProbability: number;
  /** The share of the bin's tickets whose label is true. */
  readonly observed: number;
}

export interface Calibration {
  readonly expectedError: number;
  /** The bins that hold any ticket, lowest first. */
  readonly bins: readonly CalibrationBin[];
}

export interface ScoredTruth {
  readonly probability: number;
  readonly truth: boolean;
}

export function calibrationOf(scored: readonly ScoredTruth[], binCount = 10): Calibration {
  if (scored.length === 0) throw new Error('calibration of no tickets');
  const sums = Array.from({ length: binCount }, () => ({ count: 0, probability: 0, truths: 0 }));
  for (const { probability, truth } of scored) {
    if (!(probability >= 0 && probability <= 1)) throw new Error(`calibration: ${probability} is not a probability`);
    const bin = sums[Math.min(binCount - 1, Math.floor(probability * binCount))]!;
    bin.count += 1;
    bin.probability += probability;
    if (truth) bin.truths += 1;
  }
  const bins: CalibrationBin[] = [];
  let expectedError = 0;
  sums.forEach((s, i) => {
    if (s.count === 0) return;
    const meanProbability = s.probability / s.count;
    const observed = s.truths / s.count;
    bins.push({ from: i / binCount, count: s.count, meanProbability, observed });
    expectedError += (s.count / scored.length) * Math.abs(meanProbability - observed);
  });
  return { expectedError, bins };
}

/** The bin of at least `minCount` tickets whose mean probability is furthest from what was observed; null when none is that big. */
export function furthestBin(calibration: Calibration, minCount: number): CalibrationBin | null {
  let worst: CalibrationBin | null = null;
  for (const b of calibration.bins) {
    if (b.count < minCount) continue;
    if (worst === null || Math.abs(b.meanProbability - b.observed) > Math.abs(worst.meanProbability - worst.observed)) worst = b;
  }
  return worst;
}
