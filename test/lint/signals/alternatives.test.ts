import { analyse } from './analyse.js';

describe('alternatives detector', () => {
  it.each([
    ['Scheduled report', 'We considered a live dashboard, but the auditors need a file they can archive.', 'considered'],
    ['Invoice CSV', 'Today I copy the table into a spreadsheet by hand.', 'by hand'],
    ['SSO', 'Out of scope: SCIM provisioning, which gets its own ticket.', 'Out of scope'],
    ['Webhooks', 'Alternatives: polling the API, but it needs a token per user.', 'Alternatives'],
  ])('finds the options weighed in "%s"', (title, body, words) => {
    const alt = analyse(title, body).signals.alternatives;
    expect(alt.present).toBe(true);
    expect(alt.evidence.map((e) => e.text).join(' ')).toContain(words);
  });

  it.each([
    ['Add CSV export', ''],
    ['Dark mode', '**Describe alternatives you have considered**\nNone'],
    ['Dark mode', 'A clear and concise description of any alternative solutions or features you have considered.'],
  ])('finds none in "%s"', (title, body) => {
    expect(analyse(title, body).signals.alternatives.present).toBe(false);
  });
});
