import { countBinary, scoreBinary, type BinaryScores } from '../cli/eval/metrics.js';
import type { Scored } from './choose-thresholds.js';

/**
 * What a PM gets for each `judgement.strictness`: a probability means little to someone tuning a pack,
 * a share of good tickets flagged does. For each share, the lowest strictness (in thousandths, as a pack
 * would hold it) that flags at most that share of good tickets, so catches the most output-only tickets
 * under it, and what it flags on the tickets it was chosen on.
 */
export const GOOD_FLAGGED_SHARES = [0.02, 0.05, 0.08, 0.1, 0.15, 0.2] as const;

export interface StrictnessSetting {
  /** The share of good tickets this setting may flag on the tickets it was chosen on. */
  readonly maxGoodFlagged: number;
  readonly strictness: number;
  /** Output-only as this setting reads the tickets it was chosen on. */
  readonly scores: BinaryScores;
}

export function strictnessSettings(scored: readonly Scored[], shares: readonly number[] = GOOD_FLAGGED_SHARES): StrictnessSetting[] {
  const expected = scored.map((s) => s.expected);
  const sorted = [...scored].sort((a, b) => b.probability - a.probability);
  const good = sorted.filter((s) => !s.expected).length;
  return shares.map((maxGoodFlagged) => {
    const strictness = lowestStrictness(sorted, good, maxGoodFlagged);
    const scores = scoreBinary(countBinary(expected, scored.map((s) => s.probability >= strictness)));
    return { maxGoodFlagged, strictness, scores };
  });
}

/**
 * The smallest thousandth over the highest probability that flagging would take past the share: it flags
 * every ticket over that cut when a thousandth falls between the two probabilities there, else fewer,
 * never more. Tickets of one probability are flagged together or not at all.
 */
function lowestStrictness(sorted: readonly Scored[], good: number, maxGoodFlagged: number): number {
  let flaggedGood = 0;
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    let goodHere = 0;
    while (j < sorted.length && sorted[j]!.probability === sorted[i]!.probability) if (!sorted[j++]!.expected) goodHere++;
    if (good > 0 && (flaggedGood + goodHere) / good > maxGoodFlagged) return Math.min(1, (Math.floor(sorted[i]!.probability * 1000) + 1) / 1000);
    flaggedGood += goodHere;
    i = j;
  }
  return sorted.length ? Math.floor(sorted[sorted.length - 1]!.probability * 1000) / 1000 : 1;
}
