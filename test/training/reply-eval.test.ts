import { loadPack } from '../../src/packs/load-pack.js';
import type { LabelledTicket } from '../../src/training/labelled-ticket.js';
import { replyFigures } from '../../src/training/reply-eval.js';

/*
 * The reply measurement on tickets written for this test: each feature ticket is asked from its title
 * alone and answered by its description; a question's truth is what the labels say of the description.
 */
const pack = loadPack('product-sense');
const label = { kind: 'feature' as const, output_only: false, has_user: false, has_outcome: true, has_success_measure: false, has_alternatives: false };
const ticket = (id: string, title: string, body: string, change: Partial<LabelledTicket['label']>, evidence: Record<string, string> = {}): LabelledTicket => ({
  id, title, body, tracker_labels: [], project: 'p', tracker: 'github', part: 'test', label: { ...label, ...change }, evidence,
});

const WHY = 'Finance admins retype every invoice into the ledger by hand at month end, which takes them two days.';
const tickets = [
  // The description says why, and the bot hears it.
  ticket('r1', 'Add CSV export', `Please add it. ${WHY}`, {}, { outcome: 'retype every invoice into the ledger by hand' }),
  // The description only says how: no why, and the bot keeps asking.
  ticket('r2', 'Add PDF export', 'Put a button next to the print icon that downloads the page as a PDF.', { has_outcome: false, output_only: true }),
  // The labels give a why, but in the title (which the model does not hear): not said in the reply, so its truth is no.
  ticket('r3', 'Add dark mode so night-shift nurses stop waking patients', 'Add a dark theme toggle in settings.', {}, { outcome: 'night-shift nurses stop waking patients' }),
  // Not a feature, or no description: not asked from the title and answered by the description.
  ticket('r4', 'Crash on save', 'It crashes when I press save.', { kind: 'bug' }, { outcome: 'It crashes' }),
  ticket('r5', 'Add tags to notes', '', { has_outcome: false, output_only: true }),
];

describe('replyFigures', () => {
  const figures = replyFigures(tickets, pack);

  it('counts only feature tickets with a description that the title alone leaves with questions', () => {
    expect(figures.tickets).toBe(3);
  });

  it('counts each why question asked: answered in truth when the description holds the why, and heard as such', () => {
    const why = figures.byTopic.why;
    expect(why.tp + why.fn + why.fp + why.tn).toBe(3);
    expect(why.tp + why.fn).toBe(1);
    expect(why.tp).toBe(1);
  });
});
