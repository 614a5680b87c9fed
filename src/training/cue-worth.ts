import { MODEL_KINDS, MODEL_SIGNALS, type ModelReading, type ModelSignal } from '../lint/model/judgement-model.js';
import { countBinary, scoreBinary } from '../cli/eval/metrics.js';
import type { Example } from './judgement-training.js';
import type { OutOfFoldChoice } from './train-main.js';

/**
 * What a cue is worth: the figures of the train part read with every cue and read without it, each by the
 * learned judgement in cross-validation (as `npm run train` chooses its thresholds) and by the cue engine.
 * A cue is needed when taking it out costs at least TOLERANCE on any figure: smaller moves come and go
 * with any refit.
 */
export const TOLERANCE = 0.003;

export interface CueWorthFigures {
  /** Output-only F1 at the strictness cross-validation chooses (at most 5% of good tickets flagged). */
  readonly outputOnlyF1: number;
  /** Each signal's F1 under the rule and threshold cross-validation chooses. */
  readonly signalF1: Readonly<Record<ModelSignal, number>>;
  readonly kindAccuracy: number;
  /** The cue engine's own verdict on the same tickets: output-only F1, good tickets flagged, kind accuracy. */
  readonly cueEngine: { readonly outputOnlyF1: number; readonly goodFlagged: number; readonly kindAccuracy: number };
}

/** One figure, how it is named, and whether a higher value is better. */
interface Figure {
  readonly name: string;
  readonly of: (f: CueWorthFigures) => number;
  readonly higherIsBetter: boolean;
}

export const FIGURES: readonly Figure[] = [
  { name: 'outputOnly F1', of: (f) => f.outputOnlyF1, higherIsBetter: true },
  ...MODEL_SIGNALS.map((s): Figure => ({ name: `${s} F1`, of: (f) => f.signalF1[s], higherIsBetter: true })),
  { name: 'kind accuracy', of: (f) => f.kindAccuracy, higherIsBetter: true },
  { name: 'cue engine outputOnly F1', of: (f) => f.cueEngine.outputOnlyF1, higherIsBetter: true },
  { name: 'cue engine good flagged', of: (f) => f.cueEngine.goodFlagged, higherIsBetter: false },
  { name: 'cue engine kind accuracy', of: (f) => f.cueEngine.kindAccuracy, higherIsBetter: true },
];

/**
 * The figures of examples read one way: the learned judgement's out-of-fold readings and what cross-validation
 * chose on them, and the cue engine's verdict, which each example's features record (`cue:outputOnly`,
 * `cue:kind=…`).
 */
export function cueWorthFigures(examples: readonly Example[], outOfFold: readonly ModelReading[], chosen: OutOfFoldChoice): CueWorthFigures {
  const labels = examples.map((e) => e.ticket.label);
  const share = (hits: boolean[]): number => (hits.length ? hits.filter(Boolean).length / hits.length : 0);
  const learnedKind = (r: ModelReading): string => MODEL_KINDS.reduce((a, b) => (r.kind[b] > r.kind[a] ? b : a));
  const cueKind = (features: readonly string[]): string | undefined => features.find((f) => f.startsWith('cue:kind='))?.slice('cue:kind='.length);
  const cueFlags = scoreBinary(countBinary(labels.map((l) => l.output_only), examples.map((e) => e.features.includes('cue:outputOnly'))));
  return {
    outputOnlyF1: chosen.outputOnly.f1,
    signalF1: Object.fromEntries(MODEL_SIGNALS.map((s) => [s, chosen.signalF1[s][chosen.signalRules[s]]])) as Record<ModelSignal, number>,
    kindAccuracy: share(outOfFold.map((r, i) => learnedKind(r) === labels[i]!.kind)),
    cueEngine: {
      outputOnlyF1: cueFlags.f1 ?? 0,
      goodFlagged: cueFlags.falsePositiveRate ?? 0,
      kindAccuracy: share(examples.map((e, i) => cueKind(e.features) === labels[i]!.kind)),
    },
  };
}

/** Each figure's cost of reading without the cue (positive: worse without it), and which costs reach TOLERANCE. */
export function costOf(withEvery: CueWorthFigures, without: CueWorthFigures): { costs: number[]; neededBy: string[] } {
  const costs = FIGURES.map((f) => (f.higherIsBetter ? f.of(withEvery) - f.of(without) : f.of(without) - f.of(withEvery)));
  // Compared as printed, to three decimals: a cost shown as +0.003 needs the cue, one shown as +0.002 does not.
  const neededBy = FIGURES.filter((_, i) => Math.round(costs[i]! * 1000) >= Math.round(TOLERANCE * 1000)).map((f) => f.name);
  return { costs, neededBy };
}
