import { strictnessSettings } from '../../src/training/strictness-settings.js';

/** Tickets as [the probability the model gave, output-only (true) or good (false)]. */
const scoredOf = (pairs: [number, boolean][]) => pairs.map(([probability, expected]) => ({ probability, expected }));

/** Output-only tickets (true) and good ones (false), each with the probability the model gave it. */
const scored = scoredOf([
  [0.95, true],
  [0.9, true],
  [0.85, false],
  [0.8, true],
  [0.7, true],
  [0.6, false],
  [0.55, true],
  [0.5, false],
  [0.4, false],
  [0.3, false],
  [0.2, false],
  [0.1, false],
  [0.05, false],
  [0.02, false],
  [0.01, false],
]);
// Ten good tickets: 0% flagged allows no false alarm, 10% one, 20% two.

describe('strictnessSettings', () => {
  it('gives, for each share of good tickets, the lowest strictness that flags no more, and what it flags', () => {
    const settings = strictnessSettings(scored, [0, 0.1, 0.2, 1]);
    expect(settings.map((s) => [s.maxGoodFlagged, s.strictness])).toEqual([
      [0, 0.851], // the two above the first good ticket (0.85)
      [0.1, 0.601], // four of five output-only, one false alarm, over the next good one (0.6)
      [0.2, 0.501], // all five, two false alarms, over the third good one (0.5)
      [1, 0.01], // every ticket
    ]);
    expect(settings.map((s) => [s.scores.tp, s.scores.fp, s.scores.falsePositiveRate, s.scores.recall])).toEqual([
      [2, 0, 0, 0.4],
      [4, 1, 0.1, 0.8],
      [5, 2, 0.2, 1],
      [5, 10, 1, 1],
    ]);
  });

  it('writes a strictness in thousandths that flags the same tickets, where one falls between the two it cuts between', () => {
    // Halfway is 0.60015: rounded up (0.601) it would miss the output-only ticket, to the nearest (0.600) it keeps it.
    const [kept] = strictnessSettings([{ probability: 0.6004, expected: true }, { probability: 0.5999, expected: false }], [0]);
    expect(kept!.strictness).toBe(0.6);
    expect([kept!.scores.tp, kept!.scores.fp]).toEqual([1, 0]);
    // Halfway is 0.60025: to the nearest thousandth (0.600) it would flag the good ticket too.
    const [fewer] = strictnessSettings([{ probability: 0.6004, expected: true }, { probability: 0.6001, expected: false }], [0]);
    expect(fewer!.strictness).toBe(0.601);
    expect([fewer!.scores.tp, fewer!.scores.fp]).toEqual([0, 0]);
  });

  it("goes over a good ticket's probability that is itself in thousandths", () => {
    const [setting] = strictnessSettings([{ probability: 0.7, expected: true }, { probability: 0.601, expected: false }], [0]);
    expect(setting!.strictness).toBe(0.602);
    expect(setting!.scores.fp).toBe(0);
  });

  it('flags nothing where no cut keeps under the share', () => {
    const [setting] = strictnessSettings([{ probability: 0.9, expected: false }, { probability: 0.2, expected: true }], [0]);
    expect(setting!.scores.tp + setting!.scores.fp).toBe(0);
  });

  it('flags tickets of one probability together: a tie that would pass the share is left out whole', () => {
    const tied = scoredOf([
      [0.8, true],
      [0.5, true],
      [0.5, false],
      [0.5, false],
      [0.1, false],
      [0.1, false],
    ]);
    // Four good tickets: at 25% one may be flagged, but the tie at 0.5 holds two.
    const [setting] = strictnessSettings(tied, [0.25]);
    expect(setting!.strictness).toBe(0.501);
    expect([setting!.scores.tp, setting!.scores.fp]).toEqual([1, 0]);
  });

  it('catches the most output-only tickets under the share, even where F1 would be higher flagging fewer', () => {
    // F1 is best flagging only the first (2/3); flagging down to 0.3 catches both at one false alarm in two.
    const [setting] = strictnessSettings([{ probability: 0.9, expected: true }, { probability: 0.6, expected: false }, { probability: 0.3, expected: true }, { probability: 0.2, expected: false }], [0.5]);
    expect(setting!.strictness).toBe(0.201);
    expect([setting!.scores.tp, setting!.scores.fp]).toEqual([2, 1]);
  });
});
