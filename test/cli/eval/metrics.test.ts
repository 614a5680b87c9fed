import { computeFigures, countBinary, findMisses, scoreBinary, scoreKinds, type Observation, type Reading } from '../../../src/cli/eval/metrics.js';

const reading = (over: Partial<Reading> = {}): Reading => ({
  kind: 'feature', outputOnly: false, user: false, outcome: false, successMeasure: false, alternatives: false, ...over,
});

describe('countBinary', () => {
  it('counts true and false positives and negatives pairwise', () => {
    const expected = [true, true, true, false, false, false, false];
    const predicted = [true, true, false, true, false, false, false];
    expect(countBinary(expected, predicted)).toEqual({ tp: 2, fn: 1, fp: 1, tn: 3 });
  });

  it('refuses arrays of different lengths', () => {
    expect(() => countBinary([true], [true, false])).toThrow(RangeError);
  });
});

describe('scoreBinary', () => {
  it('computes precision, recall, F1, accuracy and the false-positive rate from counts', () => {
    const s = scoreBinary({ tp: 6, fp: 2, fn: 4, tn: 8 });
    expect(s.precision).toBeCloseTo(0.75);
    expect(s.recall).toBeCloseTo(0.6);
    expect(s.f1).toBeCloseTo((2 * 0.75 * 0.6) / (0.75 + 0.6));
    expect(s.accuracy).toBeCloseTo(14 / 20);
    expect(s.falsePositiveRate).toBeCloseTo(0.2);
  });

  it('reports precision as null, not 0 or 1, when nothing was predicted positive', () => {
    const s = scoreBinary({ tp: 0, fp: 0, fn: 3, tn: 5 });
    expect(s.precision).toBeNull();
    expect(s.recall).toBe(0);
    expect(s.f1).toBe(0);
  });

  it('reports every ratio as null on an empty set', () => {
    const s = scoreBinary({ tp: 0, fp: 0, fn: 0, tn: 0 });
    expect([s.precision, s.recall, s.f1, s.accuracy, s.falsePositiveRate]).toEqual([null, null, null, null, null]);
  });
});

describe('scoreKinds', () => {
  it('fills the confusion matrix by expected row and predicted column', () => {
    const k = scoreKinds(['feature', 'feature', 'bug', 'task', 'other'], ['feature', 'task', 'bug', 'task', 'feature']);
    expect(k.accuracy).toBeCloseTo(3 / 5);
    expect(k.confusion.feature).toEqual({ feature: 1, task: 1, bug: 0, other: 0 });
    expect(k.confusion.other.feature).toBe(1);
    expect(k.confusion.bug.bug).toBe(1);
  });
});

describe('computeFigures', () => {
  const observations: Observation[] = [
    { id: 'a', title: 'A', expected: reading({ outputOnly: true }), predicted: reading({ outputOnly: true }) },
    { id: 'b', title: 'B', expected: reading({ outcome: true, user: true }), predicted: reading({ outputOnly: true, user: true }) },
    { id: 'c', title: 'C', expected: reading({ kind: 'bug', outcome: true }), predicted: reading({ kind: 'bug', outcome: true }) },
  ];

  it('scores outputOnly and each signal from the labels and readings', () => {
    const f = computeFigures(observations);
    expect(f.tickets).toBe(3);
    expect(f.outputOnly).toMatchObject({ tp: 1, fp: 1, fn: 0, tn: 1 });
    expect(f.outputOnly.falsePositiveRate).toBeCloseTo(0.5);
    expect(f.signals.user).toMatchObject({ tp: 1, fp: 0, fn: 0, tn: 2 });
    expect(f.signals.outcome).toMatchObject({ tp: 1, fp: 0, fn: 1, tn: 1 });
    expect(f.kind.accuracy).toBe(1);
  });

  it('lists each misread field of each ticket in input order', () => {
    expect(findMisses(observations)).toEqual([
      { id: 'b', title: 'B', field: 'outputOnly', expected: false, got: true },
      { id: 'b', title: 'B', field: 'outcome', expected: true, got: false },
    ]);
    expect(findMisses(observations, 'outcome')).toHaveLength(1);
    expect(findMisses(observations, 'kind')).toEqual([]);
  });
});
