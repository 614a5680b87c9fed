import { loadPack } from '../../src/packs/load-pack.js';
import type { LabelledTicket } from '../../src/training/labelled-ticket.js';
import { quoteFigures } from '../../src/training/quote-eval.js';

/* The quote measurement on tickets written for this test, read by the cue engine (its quotes are its phrases). */
const cues = loadPack('product-sense', { learnedJudgement: false });
const label = { kind: 'feature' as const, output_only: false, has_user: false, has_outcome: true, has_success_measure: false, has_alternatives: false };
const ticket = (id: string, body: string, evidence: Record<string, string>, change: Partial<LabelledTicket['label']> = {}): LabelledTicket => ({
  id, title: 'Add CSV export', body, tracker_labels: [], project: 'p', tracker: 'github', part: 'test', label: { ...label, ...change }, evidence,
});

describe('quoteFigures', () => {
  const WHY = 'Finance admins retype every invoice into the ledger by hand, which takes them two days.';
  const figures = quoteFigures([
    // The labels and the cue engine both find the why, and the cue engine quotes the labelled sentence.
    ticket('q1', `Export the invoice table. ${WHY}`, { outcome: 'retype every invoice into the ledger by hand' }),
    // Both find a why, but the labellers quote other words than the engine can have found.
    ticket('q2', `${WHY} The columns are id, date and total.`, { outcome: 'The columns are id, date and total' }),
    // The labelled evidence is not in the text: not counted.
    ticket('q3', WHY, { outcome: 'words that stand nowhere in the ticket' }),
    // No why by the labels: not counted, whatever the engine quotes.
    ticket('q4', WHY, {}, { has_outcome: false, output_only: true }),
  ], cues);

  it('counts the signals both find whose labelled evidence stands in the text, and those the quote overlaps', () => {
    expect(figures.outcome).toEqual({ both: 2, overlapping: 1 });
    expect(figures.user).toEqual({ both: 0, overlapping: 0 });
  });
});
