import { analyse } from './analyse.js';
import { extendVocabulary, EMPTY_VOCABULARY } from '../../../src/lint/vocabulary.js';

describe('success measure detector', () => {
  it.each([
    ['Faster month-end close', 'Goal: cut the close from 2 days to under 2 hours.', 'under 2 hours'],
    ['Invoice export', '## Acceptance criteria\n- the file opens in Excel\n- totals match the ledger', 'Acceptance criteria'],
    ['Password reset', 'Given a locked account, when the user asks for a reset, then an email arrives within a minute.', 'Given'],
    ['Onboarding checklist', 'We want to raise activation, as measured by projects created in week one.', 'measured by'],
    ['Seat reports', 'Success: finance stops asking for the seat count by email.', 'Success:'],
    ['Dunning emails', 'Success: cut lapsed subscriptions caused by declined cards by half this quarter.', 'by half'],
  ])('finds how we will know in "%s"', (title, body, words) => {
    const m = analyse(title, body).signals.successMeasure;
    expect(m.present).toBe(true);
    expect(m.evidence.map((e) => e.text).join(' ')).toContain(words);
  });

  it.each([
    ['Add CSV export', 'The export should be a CSV with one row per invoice.'],
    ['Slow build', 'The build takes 15 minutes.'],
    ['Add search', '## Definition of done\nImplemented and tested'],
  ])('finds no measure in "%s" (description, current figure, empty done)', (title, body) => {
    expect(analyse(title, body).signals.successMeasure.present).toBe(false);
  });

  it('takes a checkable expected result of a bug report as its measure', () => {
    const bug = analyse('Save dialog crashes', 'Steps to reproduce: press save twice. The dialog should close and the file should be saved.');
    expect(analyse('Crash on paste', 'Paste an image into a comment: the editor crashes. Expected: the image is attached.').signals.successMeasure.present).toBe(true);
    expect(bug.kind).toBe('bug');
    expect(bug.signals.successMeasure.present).toBe(true);
  });

  it('learns metric words from the vocabulary a pack adds', () => {
    const vocab = extendVocabulary(EMPTY_VOCABULARY, { metrics: ['basket size'] });
    expect(analyse('Bundle offers', 'We expect to increase the average basket size.', vocab).signals.successMeasure.present).toBe(true);
    expect(analyse('Bundle offers', 'We expect to increase the average basket size.').signals.successMeasure.present).toBe(false);
  });
});
