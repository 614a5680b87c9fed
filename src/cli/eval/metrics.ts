/**
 * The figures of an accuracy run, computed from expected and predicted readings only: no I/O, no
 * engine, so they can be checked on small hand-made arrays.
 */
export const KINDS = ['feature', 'task', 'bug', 'other'] as const;
export type Kind = (typeof KINDS)[number];
export const SCORED_SIGNALS = ['user', 'outcome', 'successMeasure', 'alternatives'] as const;
export type ScoredSignal = (typeof SCORED_SIGNALS)[number];
export const READING_FIELDS = ['outputOnly', ...SCORED_SIGNALS, 'kind'] as const;
export type ReadingField = (typeof READING_FIELDS)[number];

/** What one ticket is (the label) or was read as (the engine). */
export type Reading = { readonly kind: Kind; readonly outputOnly: boolean } & Readonly<Record<ScoredSignal, boolean>>;

export interface Observation {
  readonly id: string;
  readonly title: string;
  readonly expected: Reading;
  readonly predicted: Reading;
}

export interface BinaryCounts {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly tn: number;
}

/** Ratios are null where they are 0/0 (no positives predicted, none expected), never a made-up 0 or 1. */
export interface BinaryScores extends BinaryCounts {
  readonly precision: number | null;
  readonly recall: number | null;
  readonly f1: number | null;
  readonly accuracy: number | null;
  /** The share of expected negatives predicted positive: for outputOnly, good tickets wrongly flagged. */
  readonly falsePositiveRate: number | null;
}

export interface KindScores {
  readonly accuracy: number | null;
  /** confusion[expected][predicted] = count. */
  readonly confusion: Readonly<Record<Kind, Readonly<Record<Kind, number>>>>;
}

export interface EvalFigures {
  readonly tickets: number;
  readonly outputOnly: BinaryScores;
  readonly signals: Readonly<Record<ScoredSignal, BinaryScores>>;
  readonly kind: KindScores;
}

export function countBinary(expected: readonly boolean[], predicted: readonly boolean[]): BinaryCounts {
  if (expected.length !== predicted.length) {
    throw new RangeError(`countBinary: ${expected.length} expected values but ${predicted.length} predicted`);
  }
  let tp = 0, fp = 0, fn = 0, tn = 0;
  expected.forEach((e, i) => {
    const p = predicted[i];
    if (e && p) tp++;
    else if (!e && p) fp++;
    else if (e && !p) fn++;
    else tn++;
  });
  return { tp, fp, fn, tn };
}

const ratio = (num: number, den: number): number | null => (den === 0 ? null : num / den);

export function scoreBinary(counts: BinaryCounts): BinaryScores {
  const { tp, fp, fn, tn } = counts;
  return {
    ...counts,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    f1: ratio(2 * tp, 2 * tp + fp + fn),
    accuracy: ratio(tp + tn, tp + fp + fn + tn),
    falsePositiveRate: ratio(fp, fp + tn),
  };
}

export function scoreKinds(expected: readonly Kind[], predicted: readonly Kind[]): KindScores {
  const confusion = Object.fromEntries(KINDS.map((e) => [e, Object.fromEntries(KINDS.map((p) => [p, 0]))])) as Record<Kind, Record<Kind, number>>;
  let right = 0;
  expected.forEach((e, i) => {
    const p = predicted[i]!;
    confusion[e][p]++;
    if (e === p) right++;
  });
  return { accuracy: ratio(right, expected.length), confusion };
}

export function computeFigures(observations: readonly Observation[]): EvalFigures {
  const score = (field: 'outputOnly' | ScoredSignal): BinaryScores =>
    scoreBinary(countBinary(observations.map((o) => o.expected[field]), observations.map((o) => o.predicted[field])));
  const signals = Object.fromEntries(SCORED_SIGNALS.map((s) => [s, score(s)])) as Record<ScoredSignal, BinaryScores>;
  return {
    tickets: observations.length,
    outputOnly: score('outputOnly'),
    signals,
    kind: scoreKinds(observations.map((o) => o.expected.kind), observations.map((o) => o.predicted.kind)),
  };
}

/** One field of one ticket where the engine disagrees with the label. */
export interface Miss {
  readonly id: string;
  readonly title: string;
  readonly field: ReadingField;
  readonly expected: boolean | Kind;
  readonly got: boolean | Kind;
}

/** Every disagreement, ticket by ticket in input order, optionally for one field only. */
export function findMisses(observations: readonly Observation[], only?: ReadingField): Miss[] {
  const fields = only ? [only] : READING_FIELDS;
  return observations.flatMap((o) =>
    fields
      .filter((f) => o.expected[f] !== o.predicted[f])
      .map((field) => ({ id: o.id, title: o.title, field, expected: o.expected[field], got: o.predicted[field] })),
  );
}
