import { makeTicket } from '../../../src/domain/ticket.js';
import { analyseTicket } from '../../../src/lint/analysis.js';
import { EMPTY_VOCABULARY } from '../../../src/lint/vocabulary.js';
import { analyse } from './analyse.js';

describe('kind reading', () => {
  it.each([
    ['Add CSV export', '', 'feature'],
    ['[Feature request] Dark mode toggle', '', 'feature'],
    ['Refactor the auth package', 'Split the 900-line module.', 'task'],
    ['Upgrade to Node 22', '', 'task'],
    ['Add integration tests for the billing service', '', 'task'],
    ['Speed up the CI pipeline', 'Builds take 20 minutes.', 'task'],
    ['Login page crashes on Safari', 'Steps to reproduce: open /login. Expected result: the form shows.', 'bug'],
    ['Add email alerts for failed backups', 'Operators want to hear about failed backups the same night.', 'feature'],
    ['Sidebar after login', '**Describe the bug**\nThe sidebar vanishes once you log in.', 'bug'],
    ['How do I import my notes?', '', 'other'],
    ['Invoice import silently skips rows with a blank VAT id', 'Nothing in the log says so.', 'bug'],
    ['`report --sort date` sorts by day of month', '', 'bug'],
    ['Editor lag since 4.1', 'Every keystroke takes a second to appear.', 'bug'],
    ['Reminder emails', 'They worked fine until the upgrade last week.', 'bug'],
    ['Remove the deprecated sync client', 'Deprecated since 2.4.', 'task'],
    ['Backfill region codes on old invoices', '', 'task'],
    ['Extract the tax rules out of CheckoutService', '', 'task'],
  ])('reads "%s" as a %s', (title, body, kind) => {
    expect(analyse(title, body).kind).toBe(kind);
  });

  it('trusts the kind the tracker gives', () => {
    const a = analyseTicket(makeTicket({ id: '1', title: 'Add CSV export', kind: 'bug' }), EMPTY_VOCABULARY);
    expect(a.kind).toBe('bug');
    expect(a.outputOnly).toBe(false);
  });
});

describe('deliverable detector', () => {
  it.each([
    ['Display name field', 'display name field'],
    ['Display settings page', 'display settings page'],
    ['Show notes', 'notes'],
    ['Audit log retention setting', 'audit log retention setting'],
  ])('keeps "%s", a thing with a name of its own, as "%s"', (title, output) => {
    expect(analyse(title).signals.deliverable.output).toBe(output);
  });

  it('reads "Audit the …" as asking to audit, while "Audit log …" names a log', () => {
    expect(analyse('Audit the permissions of every role').signals.deliverable.output).toBe('a way to audit the permissions of every role');
  });

  it('names no deliverable for a "Show" that the clause after it leaves alone', () => {
    expect(analyse('Show which step failed in the import log').signals.deliverable.output).toBeNull();
  });

  it.each([
    ['Add CSV export', 'CSV export', 'add'],
    ['Feature request: Support SSO login', 'SSO login', 'support'],
    ['Build a usage dashboard for admins', 'a usage dashboard for admins', 'build'],
    ['Allow bulk delete', 'bulk delete', 'allow'],
    ['Allow admins to archive projects', 'a way for admins to archive projects', 'allow'],
    ['Export members as CSV', 'a way to export members as CSV', 'export'],
    ['Show last-sync time on the dashboard', 'last-sync time on the dashboard', 'show'],
    ['Display invoice totals', 'invoice totals', 'display'],
  ])('reads the output of "%s" as "%s"', (title, output, verb) => {
    const d = analyse(title).signals.deliverable;
    expect(d.present).toBe(true);
    expect(d.output).toBe(output);
    expect(d.verb).toBe(verb);
  });

  it('names no deliverable for internal work', () => {
    expect(analyse('Refactor the auth package').signals.deliverable.present).toBe(false);
  });
});

describe('output-only', () => {
  it('flags a feature that names an output and never says why', () => {
    expect(analyse('Add CSV export').outputOnly).toBe(true);
    expect(analyse('Allow exporting reports', 'It would be nice to have. Requested in #12.').outputOnly).toBe(true);
  });

  it('passes a feature with a why, and never flags a bug or a task', () => {
    expect(analyse('Add CSV export', 'Finance admins retype the invoice table by hand each month, which takes two days.').outputOnly).toBe(false);
    expect(analyse('Export crashes with an error', 'Clicking export shows a 500 error and nothing downloads.').outputOnly).toBe(false);
    expect(analyse('Upgrade to Node 22').outputOnly).toBe(false);
  });
});

describe('kind reading of statements, gaps and questions', () => {
  it.each([
    ['Date picker ignores the locale', 'With de-DE the week starts on Sunday.', 'bug'],
    ['Upload progress stuck at 99%', '', 'bug'],
    ['Mobile app does not support fingerprint login', '', 'feature'],
    ['Offline mode for field inspections', 'The form fails to save without signal.', 'feature'],
    ['Is the client thread-safe?', '', 'other'],
    ['Enable strict mode in tsconfig', '', 'task'],
    ['Thank you!', 'This library saved me a week.', 'other'],
  ])('reads "%s" as a %s', (title, body, kind) => {
    expect(analyse(title, body).kind).toBe(kind);
  });
});

describe('kind reading of operations work and trackers', () => {
  it.each([
    ['Rotate DB credentials for the billing-service', '', 'task'],
    ['Decommission the old reporting VM', '', 'task'],
    ['CLN: merge the two date helpers', '', 'task'],
    ['Self-service password reset', '', 'feature'],
    ['Tracking: accessibility fixes', '* ACME-1 focus order\n* ACME-2 contrast', 'other'],
    ['Sync stops when the screen is off', '', 'bug'],
    ['Allow configuring the upload timeout', '', 'feature'],
    ['Show which step failed in the import log', '', 'feature'],
    ['Export fails with a ZipException', '', 'bug'],
  ])('reads "%s" as a %s', (title, body, kind) => {
    expect(analyse(title, body).kind).toBe(kind);
  });
});
