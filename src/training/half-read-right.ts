import { flagProbability, outputOnlyProbability, type ModelReading } from '../lint/model/judgement-model.js';
import { bestF1Threshold } from './choose-thresholds.js';
import type { LabelledTicket } from './labelled-ticket.js';

/**
 * Where output-only's errors come from. In the labels, output-only is exactly "a feature that says no
 * why", and the model reads it as P(feature) × (1 − P(why | feature)). Each half is replaced in turn by
 * what the labels say, and output-only is scored again as the shipped strictness is chosen (the best F1
 * that flags at most `maxGoodFlagged` of good tickets): what reading the kind perfectly, or the why
 * perfectly, would be worth on its own.
 */
export interface HalfReadRight {
  readonly name: 'the model' | 'the kind read right' | 'the why read right';
  readonly f1: number;
  readonly goodFlagged: number;
}

export interface ReadTicket {
  readonly ticket: Pick<LabelledTicket, 'label'>;
  readonly reading: ModelReading;
  /** Whether a cue heard a why, which vetoes a flag (flagProbability). */
  readonly cueHeardOutcome: boolean;
}

export function halfReadRight(read: readonly ReadTicket[], maxGoodFlagged: number): HalfReadRight[] {
  const score = (name: HalfReadRight['name'], probability: (r: ReadTicket) => number): HalfReadRight => {
    const best = bestF1Threshold(read.map((r) => ({ probability: probability(r), expected: r.ticket.label.output_only })), maxGoodFlagged);
    return { name, f1: best.f1, goodFlagged: best.falsePositiveRate };
  };
  const isFeature = (r: ReadTicket): number => (r.ticket.label.kind === 'feature' ? 1 : 0);
  const saysWhy = (r: ReadTicket): number => (r.ticket.label.has_outcome ? 1 : 0);
  return [
    score('the model', (r) => flagProbability(r.reading.outputOnly, r.cueHeardOutcome)),
    score('the kind read right', (r) => flagProbability(isFeature(r) * (1 - r.reading.heads.featureOutcome), r.cueHeardOutcome)),
    // The why is read right here, so no cue's veto is needed.
    score('the why read right', (r) => outputOnlyProbability({ ...r.reading.kind }, { ...r.reading.heads, featureOutcome: saysWhy(r) })),
  ];
}
