/**
 * Thresholds chosen on out-of-fold probabilities (never on the test part): a signal's is the one with the
 * best F1; output-only's is the one with the best F1 among those that flag at most `maxGoodFlagged` of good
 * tickets, since a false alarm on a good ticket is what users hate most.
 */
export interface Scored {
  readonly probability: number;
  readonly expected: boolean;
}

export function bestF1Threshold(scored: readonly Scored[], maxFalsePositiveRate = 1): { threshold: number; f1: number; falsePositiveRate: number } {
  const sorted = [...scored].sort((a, b) => b.probability - a.probability);
  const positives = sorted.filter((s) => s.expected).length;
  const negatives = sorted.length - positives;
  let tp = 0, fp = 0;
  let best = { threshold: 1, f1: 0, falsePositiveRate: 0 };
  for (let i = 0; i < sorted.length; i++) {
    const s = sorted[i]!;
    if (s.expected) tp++;
    else fp++;
    // Only cut between distinct probabilities: a threshold cannot split ties.
    const next = sorted[i + 1];
    if (next && next.probability === s.probability) continue;
    const fpr = negatives ? fp / negatives : 0;
    if (fpr > maxFalsePositiveRate) break;
    const f1 = tp ? (2 * tp) / (2 * tp + fp + (positives - tp)) : 0;
    if (f1 > best.f1) best = { threshold: next ? (s.probability + next.probability) / 2 : s.probability, f1, falsePositiveRate: fpr };
  }
  return best;
}
