import { findUnknownPlaceholder, joinAlternatives, renderTemplate } from '../../../src/lint/pack/template.js';

describe('templates', () => {
  it('fills every placeholder it has a value for', () => {
    expect(renderTemplate('Who needs {deliverable}? Or {alternatives}?', { deliverable: 'CSV export', alternatives: 'a report' }))
      .toBe('Who needs CSV export? Or a report?');
  });

  it('fills the same placeholder each time it appears', () => {
    expect(renderTemplate('{title} / {title}', { title: 'Add SSO' })).toBe('Add SSO / Add SSO');
  });

  it('finds the first placeholder that is not allowed', () => {
    expect(findUnknownPlaceholder('Who {who} needs {deliverables} and {user}?')).toBe('{deliverables}');
    expect(findUnknownPlaceholder('Who needs {deliverable}?', ['title'])).toBe('{deliverable}');
    expect(findUnknownPlaceholder('Who needs {deliverable} for {title}?')).toBeNull();
  });

  it('joins alternatives as a sentence does', () => {
    expect(joinAlternatives([])).toBe('');
    expect(joinAlternatives(['a dashboard'])).toBe('a dashboard');
    expect(joinAlternatives(['a dashboard', 'an API'])).toBe('a dashboard or an API');
    expect(joinAlternatives(['a dashboard', 'a scheduled report', 'an API'])).toBe('a dashboard, a scheduled report or an API');
  });
});
