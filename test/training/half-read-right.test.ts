import type { ModelReading } from '../../src/lint/model/judgement-model.js';
import { halfReadRight, type ReadTicket } from '../../src/training/half-read-right.js';
import type { LabelledTicket } from '../../src/training/labelled-ticket.js';

type Kind = LabelledTicket['label']['kind'];

/** A ticket of this kind, with or without a why, read by a model with P(feature) and P(why | feature). */
function ticket(kind: Kind, hasOutcome: boolean, pFeature: number, pWhy: number, cueHeardOutcome = false): ReadTicket {
  const label = {
    kind,
    output_only: kind === 'feature' && !hasOutcome,
    has_user: false,
    has_outcome: hasOutcome,
    has_success_measure: false,
    has_alternatives: false,
  };
  const rest = (1 - pFeature) / 3;
  const reading: ModelReading = {
    kind: { feature: pFeature, task: rest, bug: rest, other: rest },
    heads: { user: 0.1, outcome: pWhy, successMeasure: 0.1, alternatives: 0.1, featureOutcome: pWhy },
    outputOnly: pFeature * (1 - pWhy),
  };
  return { ticket: { label }, reading, cueHeardOutcome };
}

const byName = (rows: ReturnType<typeof halfReadRight>) => Object.fromEntries(rows.map((r) => [r.name, { f1: r.f1, goodFlagged: r.goodFlagged }]));

describe('halfReadRight', () => {
  it('scores the model, then the model with the kind taken from the labels, then with the why', () => {
    const read = [
      ticket('feature', false, 0.9, 0.1), // output-only, read right
      ticket('feature', false, 0.2, 0.1), // output-only, read as a task: only the right kind finds it
      ticket('feature', false, 0.9, 0.8), // output-only, a why heard that is not there: only the right why finds it
      ticket('task', false, 0.3, 0.1), // good
      ticket('feature', true, 0.9, 0.7), // good: a motivated feature, its why heard only faintly
      ticket('bug', true, 0.05, 0.2), // good
    ];
    // The model flags only the first at no false alarm: F1 2·1/(2·1+0+2) = 0.5.
    // Kind right: the first two score 0.9, then the motivated feature 0.3 above the third's 0.2 (F1 0.8).
    // Why right: the first and third score 0.9, then the task 0.3 above the second's 0.2 (F1 0.8).
    expect(byName(halfReadRight(read, 0))).toEqual({
      'the model': { f1: 0.5, goodFlagged: 0 },
      'the kind read right': { f1: 0.8, goodFlagged: 0 },
      'the why read right': { f1: 0.8, goodFlagged: 0 },
    });
  });

  it('lets a cue that heard a why veto the flag, but not once the why is taken from the labels', () => {
    const read = [ticket('feature', false, 0.9, 0.1, true), ticket('task', false, 0.1, 0.1)];
    const rows = byName(halfReadRight(read, 0));
    expect(rows['the model']!.f1).toBe(0);
    expect(rows['the kind read right']!.f1).toBe(0);
    expect(rows['the why read right']!.f1).toBe(1);
  });

  it('chooses each threshold within the share of good tickets it may flag', () => {
    const read = [ticket('feature', false, 0.5, 0.1), ticket('task', false, 0.9, 0.1), ticket('bug', true, 0.05, 0.2)];
    // The task outranks the output-only feature: finding it flags one good ticket in two.
    expect(byName(halfReadRight(read, 0.4))['the model']).toEqual({ f1: 0, goodFlagged: 0 });
    expect(byName(halfReadRight(read, 0.5))['the model']).toEqual({ f1: 2 / 3, goodFlagged: 0.5 });
  });
});
