import { analyse } from './analyse.js';

describe('alternatives detector', () => {
  it.each([
    ['Scheduled report', 'We considered a live dashboard, but the auditors need a file they can archive.', 'considered'],
    ['Invoice CSV', 'Today I copy the table into a spreadsheet by hand.', 'by hand'],
    ['SSO', 'Out of scope: SCIM provisioning, which gets its own ticket.', 'Out of scope'],
    ['Webhooks', 'Alternatives: polling the API, but it needs a token per user.', 'Alternatives'],
    ['Faster export', 'Options discussed: stream rows as they are read, or cache the last file.', 'Options discussed'],
    ['Drop the legacy renderer', 'Two renderers double the test matrix. Options:\n1. keep both\n2. remove it in 3.0', 'Options'],
    ['High-contrast theme', 'Browser extensions exist but break the charts on every release.', 'exist but'],
    ['Sync hangs on large vaults', 'Restarting the app works around it for a day.', 'works around'],
    ['Customer lookup by phone', 'Agents end up asking for the order number instead, which adds a minute.', 'end up asking'],
  ])('finds the options weighed in "%s"', (title, body, words) => {
    const alt = analyse(title, body).signals.alternatives;
    expect(alt.present).toBe(true);
    expect(alt.evidence.map((e) => e.text).join(' ')).toContain(words);
  });

  it.each([
    ['Add CSV export', ''],
    ['Dark mode', '**Describe alternatives you have considered**\nNone'],
    ['Dark mode', 'A clear and concise description of any alternative solutions or features you have considered.'],
    ['Export options', 'Add the export options to the settings page.'],
  ])('finds none in "%s"', (title, body) => {
    expect(analyse(title, body).signals.alternatives.present).toBe(false);
  });
});

describe('alternatives detector, how people cope today', () => {
  it.each([
    ['Retry with backoff', 'Today we wrap every call in a retry loop ourselves.'],
    ['Shift swaps', 'Swaps end up in a group chat and half get lost.'],
    ['Bulk import', 'Adding them one by one in the admin would take days.'],
    ['Diff before apply', 'The diff plugin works but needs a separate install.'],
    ['Two-person approval', 'Considered: SMS confirmation only - rejected, it does not stop an insider.'],
    ['Slow report', 'We need to find out whether an index fixes it or we rewrite the query.'],
  ])('finds the option weighed in "%s"', (title, body) => {
    expect(analyse(title, body).signals.alternatives.present).toBe(true);
  });

  it('treats an alternatives heading left as the template (next heading follows) as empty', () => {
    const form = '**Describe alternatives you have considered**\n\n**Additional context**\nNone.';
    expect(analyse('Dark mode', form).signals.alternatives.present).toBe(false);
  });
});
