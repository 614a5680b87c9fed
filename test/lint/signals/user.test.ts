import { analyse } from './analyse.js';
import { extendVocabulary, EMPTY_VOCABULARY } from '../../../src/lint/vocabulary.js';

describe('user detector', () => {
  it.each([
    ['As a course admin I want to bulk enrol students', '', 'As a course admin'],
    ['Add SSO', 'Enterprise customers on Okta ask for it during every security review.', 'Enterprise customers'],
    ['Export to PDF', 'Our accountants file these reports with the tax office.', 'accountants'],
    ['Offline mode', 'For people on slow mobile networks the page never finishes loading.', 'people on'],
    ['Restart agents from the UI', 'I run 40 agents and restart them by hand every night.', 'I run 40'],
    ['Dark ward board', 'Nurses on night shifts read the board in dim rooms.', 'Nurses on night shifts'],
    ['Let night-shift nurses dim the board', '', 'night-shift nurses'],
    ['Import from OneNote', 'Those of us moving over from OneNote have years of notebooks.', 'Those of us'],
    ['Stable theme API', 'I maintain three themes and each release breaks one of them.', 'I maintain three'],
    ['Quieter boss music', 'Players with hearing aids say the boss music drowns out the dialogue.', 'Players'],
    ['Search by postcode', 'Call-center agents type the postcode first, then cannot find the account.', 'Call-center agents'],
  ])('names who needs it in "%s"', (title, body, words) => {
    const user = analyse(title, body).signals.user;
    expect(user.present).toBe(true);
    expect(user.evidence.map((e) => e.text).join(' ')).toContain(words);
  });

  it.each([
    ['As a user, I want a CSV export', ''],
    ['Add CSV export', 'Users want this. Customers asked for it.'],
    ['Speed up the build', 'Our team waits for CI and we would like it faster.'],
    ['Fix the exit code', 'If I run the following command with a wrong id the status is 0.'],
    ['Create Admin Dashboard', 'Admin page changes. Staff management in one place.'],
    ['Embed the video player', 'The video player should autoplay muted.'],
  ])('sees nobody in particular in "%s"', (title, body) => {
    expect(analyse(title, body).signals.user.present).toBe(false);
  });

  it('finds a persona a pack lists in the singular when the ticket uses the plural', () => {
    const vocab = extendVocabulary(EMPTY_VOCABULARY, { personas: ['harbour pilot'] });
    expect(analyse('Tide table', 'Our harbour pilots plan each berth from the tide table.', vocab).signals.user.present).toBe(true);
  });

  it('learns personas from the vocabulary a pack adds', () => {
    const vocab = extendVocabulary(EMPTY_VOCABULARY, { personas: ['lock keeper'] });
    expect(analyse('Route view', 'The lock keeper needs the tide times on one screen.', vocab).signals.user.present).toBe(true);
    expect(analyse('Route view', 'The lock keeper needs the tide times on one screen.').signals.user.present).toBe(false);
  });
});

describe('user detector, reporter situations and segments', () => {
  it.each([
    ['Multi-currency invoices', 'We invoice clients in both EUR and USD from one account.'],
    ['Faster site builds', 'My docs site has about 800 templates and every build recompiles them.'],
    ['Offline forms', 'Surveyors often work in basements with no signal.'],
    ['VAT rules', 'Prices are wrong for Portuguese customers since the last release.'],
    ['Slack alerts', 'The ops team lives in Slack, not in email.'],
  ])('finds who in "%s"', (title, body) => {
    expect(analyse(title, body).signals.user.present).toBe(true);
  });

  it('does not take a role word that modifies a screen for a user', () => {
    expect(analyse('Translate the student dashboard', 'Translate the student dashboard into Spanish.').signals.user.present).toBe(false);
  });
});

describe('user detector, the reporter describing their own setup', () => {
  it('takes "we run it in 15 services" or "I use it at work" as who needs it', () => {
    expect(analyse('Connection pool metrics', 'We run the client in 15 services against one managed database.').signals.user.present).toBe(true);
    expect(analyse('Keep-alive option', 'I use the web terminal at work behind a strict proxy.').signals.user.present).toBe(true);
  });

  it('does not take the team doing the work, its wishes or its own code for a user', () => {
    expect(analyse('Faster CI', 'Our CI has been slow since the new test suite landed.').signals.user.present).toBe(false);
    expect(analyse('CSV export', 'We would like a CSV export of the member list.').signals.user.present).toBe(false);
    expect(analyse('Switch parser', 'We changed the parser library last year and it is unmaintained now.').signals.user.present).toBe(false);
  });
});

describe('user detector, markdown', () => {
  it('finds people who open the first line under a heading', () => {
    const body = '## Problem\nAccount managers close 30 projects a month and archive each one by hand.';
    expect(analyse('Bulk archive', body).signals.user.present).toBe(true);
  });
});
