import { analyse } from './analyse.js';
import { EMPTY_VOCABULARY } from '../../../src/lint/vocabulary.js';

describe('outcome detector', () => {
  it.each([
    ['Add CSV export', 'Finance admins rebuild the invoice list by hand every month, which takes two days.', 'by hand'],
    ['Add dark mode', 'Night-shift nurses read the screen in dark wards so that they do not wake patients.', 'so that'],
    ['Cache downloaded plugins', 'Every restart pulls 300 MB again because nothing is kept, which slows down deploys.', 'because'],
    ['Bulk archive projects', 'Cleaning up after a semester is tedious: 80 clicks per course.', 'tedious'],
    ['Weekly digest email', 'This would make it easier for managers to spot stalled work early.', 'easier'],
    ['Bulk rename files', 'Renaming a season of episodes one by one takes an afternoon.', 'takes an afternoon'],
    ['Split the billing module', 'Every change to the 3,000-line file breaks something else.', 'breaks something'],
    ['Add CSV export so that finance can reconcile invoices', '', 'so that'],
  ])('finds the why in "%s"', (title, body, words) => {
    const outcome = analyse(title, body).signals.outcome;
    expect(outcome.present).toBe(true);
    expect(outcome.evidence.map((e) => e.text).join(' ')).toContain(words);
  });

  it.each([
    ['Add CSV export', ''],
    ['Allow exporting reports', 'There is currently no way to export reports. It would be nice to have.'],
    ['Dark mode', 'It would be great if the app had a dark mode. Requested by several users.'],
    ['Keyboard shortcut for search', 'Please add a shortcut that opens the search bar. It should be Ctrl+K.'],
    ['Add CSV export', 'So that users can export their data as CSV.'],
    ['Export patient visit summary as PDF', 'This is needed so you can download the visit summary as a PDF.'],
  ])('finds no why in "%s" (gap restated, wish, how, or a purpose that says the title again)', (title, body) => {
    expect(analyse(title, body).signals.outcome.present).toBe(false);
  });

  it('counts a described failure as the pain of a bug report, but not a bare title', () => {
    expect(analyse('Upload fails on large files', 'Uploading a 200 MB video shows an error and the file is lost.').signals.outcome.present).toBe(true);
    expect(analyse('Upload is broken').signals.outcome.present).toBe(false);
  });

  it('ignores words inside code blocks and links', () => {
    const body = 'Add the field:\n```\n// needed in order to keep backwards compatibility\n```\nhttps://example.com/so-that-we-can';
    expect(analyse('Add a labels field to the project API', body).signals.outcome.present).toBe(false);
  });
});

describe('outcome detector, consequences in everyday words', () => {
  it.each([
    ['Show upload progress', 'Big uploads look frozen, so people cancel and retry.'],
    ['Quiet flag', 'The output is way too noisy in CI logs and the real warnings get buried.'],
    ['Upgrade the runtime', 'The current version no longer gets security patches.'],
    ['Index the audit table', 'The nightly cleanup runs for about 3 hours and overlaps the backup window.'],
  ])('finds the pain in "%s"', (title, body) => {
    expect(analyse(title, body).signals.outcome.present).toBe(true);
  });

  it('counts any description in a bug report as its pain, but not the template placeholders of a feature form', () => {
    expect(analyse('Leaderboard shows negative scores', 'After the reset some players have -3 points.').signals.outcome.present).toBe(true);
    const form = '**Is your feature request related to a problem?**\nA clear and concise description of what the problem is. Ex. I\'m always frustrated when [...]\n\n**Describe the solution**\nAn env var for the log level.';
    expect(analyse('Configure log level via environment variable', form).signals.outcome.present).toBe(false);
  });
});

describe('outcome detector, people in trouble', () => {
  it('takes a sentence about people in a situation that goes badly as the why, in any wording', () => {
    const a = analyse('Shift swap button', 'Our porters still phone the desk to swap a shift, and half the swaps never reach the rota.');
    expect(a.signals.outcome.present).toBe(true);
    expect(a.outputOnly).toBe(false);
  });

  it.each([
    ['Shift swap button', 'Add a button to swap shifts. It should only show for porters.'],
    ['Shift swap button', 'We would like a button to swap shifts, not only a form.'],
    ['Shift swap button', 'There is no way for porters to swap a shift in the app today.'],
  ])('does not take an instruction, a wish or a restated gap for one (%s: %s)', (title, body) => {
    expect(analyse(title, body).signals.outcome.present).toBe(false);
  });
});

describe('outcome detector, what is at stake for the business', () => {
  it.each([
    ['Add SSO via Okta', "Enterprise customers can't roll us out without SSO; security reviews block the deal."],
    ['SCIM provisioning', 'Two deals stalled last quarter over user provisioning.'],
    ['Audit log retention', 'This is blocking the renewal with our largest customer.'],
    ['Audit log retention setting', 'Healthcare customers must keep logs for 6 years under HIPAA; today we delete after 1 year. This is blocking the Medibank renewal in March.'],
  ])('finds the stake in "%s"', (title, body) => {
    expect(analyse(title, body).signals.outcome.present).toBe(true);
  });

  it.each([
    ['Add deal pipeline view', 'Show each deal and its stage in one board.'],
    ['Roll out the new editor', 'Enable it for every workspace.'],
    ['Block deleting a deal once it is won', 'Only admins may reopen it.'],
  ])('does not take a deal or a rollout named as the deliverable for a stake: "%s"', (title, body) => {
    expect(analyse(title, body).signals.outcome.present).toBe(false);
  });
});

describe('the pain cue, as lists of words, stems and shapes', () => {
  it.each([
    ['Bulk rename', 'Renaming files one at a time is tedious.'],
    ['Export', 'Finance rebuilds the list by hand.'],
    ['Sync', 'The nightly sync is flaky.'],
    ['Filters', 'The current filter screen is confusing for new admins.'],
    ['Drafts', 'We keep losing drafts, which is a real problem for the support team.'],
    ['Import', 'The import takes them an afternoon.'],
    ['Search', 'Search is too slow on large workspaces.'],
  ])('finds a pain in "%s: %s"', (title, body) => {
    expect(analyse(title, body).signals.outcome.present).toBe(true);
  });

  it.each([
    ['Add dark mode', '### Is your feature request related to a problem?\nNo.\n### Describe the solution\nA dark theme.'],
    ['Add CSV export', 'What problem does this solve? Export.'],
  ])('does not take an issue form\'s question for a pain: "%s"', (title, body) => {
    expect(analyse(title, body).signals.outcome.present).toBe(false);
  });
});

describe('outcome detector, a pack\'s instruction verbs', () => {
  const body = 'Reconcile the ledgers that our accountants still retype every month.';

  it('reads a sentence opening with a verb the pack adds as an instruction, not as people in trouble', () => {
    expect(analyse('Ledger reconciliation', body).signals.outcome.cues).toEqual(['people-in-trouble']);
    const vocabulary = { ...EMPTY_VOCABULARY, outputVerbs: ['reconcile'] };
    expect(analyse('Ledger reconciliation', body, vocabulary).signals.outcome.present).toBe(false);
  });
});
