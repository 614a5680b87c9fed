// Which tickets get flagged depends on the signal detectors and the bundled default pack. These tests
// hold only blatant cases, through the whole CLI: they name the behaviour a user of the CLI relies on.
import { jsonLines, runInProcess, scratchDir } from './cli-harness.js';

const GOOD_TITLE = 'Let finance admins export invoices to CSV';
const GOOD_BODY =
  'Finance admins reconcile invoices by hand every month, which takes two days and causes errors in the books. ' +
  'Add a CSV export of the invoice list so that they can load it into their accounting tool and close the month in an afternoon.';

describe('the default pack through ticketlint lint', () => {
  it('flags "Add CSV export" with an empty body as output-only, at error level, and asks about the CSV export', async () => {
    const run = await runInProcess(['lint', '--title', 'Add CSV export', '--format', 'json']);
    const [verdict] = jsonLines(run.stdout) as { outputOnly: boolean; deliverable: string; findings: { level: string }[]; questions: string[] }[];
    expect(verdict!.outputOnly).toBe(true);
    expect(verdict!.findings.some((f) => f.level === 'error')).toBe(true);
    expect(verdict!.questions.some((q) => /CSV export/i.test(q))).toBe(true);
    expect(run.code).toBe(1);
  });

  it('passes a ticket that says who hurts today and what the export is for', async () => {
    const run = await runInProcess(['lint', '--title', GOOD_TITLE, '--body', GOOD_BODY, '--format', 'json']);
    const [verdict] = jsonLines(run.stdout) as { outputOnly: boolean; signals: Record<string, { present: boolean; evidence: string[] }> }[];
    expect(verdict!.outputOnly).toBe(false);
    expect(verdict!.signals['outcome']!.present).toBe(true);
    expect(run.code).toBe(0);
  });

  it('reads the body given with --description, the name Linear and Jira give it, as with --body', async () => {
    const run = await runInProcess(['lint', '--title', GOOD_TITLE, '--description', GOOD_BODY, '--format', 'json']);
    const [verdict] = jsonLines(run.stdout) as { outputOnly: boolean }[];
    expect(verdict!.outputOnly).toBe(false);
    const both = await runInProcess(['lint', '--title', GOOD_TITLE, '--body', GOOD_BODY, '--description', GOOD_BODY]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--body or --description, not both');
  });

  it('reads the body given with --body: the same title alone is flagged', async () => {
    const run = await runInProcess(['lint', '--title', GOOD_TITLE, '--format', 'json']);
    const [verdict] = jsonLines(run.stdout) as { outputOnly: boolean }[];
    expect(verdict!.outputOnly).toBe(true);
  });

  it('shows the flagged ticket to a person with a verdict line, the signals with ✓ and ✗, and the questions', async () => {
    const run = await runInProcess(['lint', '--title', 'Add CSV export']);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('✗ output-only  1  Add CSV export');
    expect(run.stdout).toMatch(/✓ deliverable +"Add CSV export"/);
    expect(run.stdout).toMatch(/✗ user · outcome/);
    expect(lines.some((l) => /^ {4}error {2}/.test(l))).toBe(true);
    expect(lines.some((l) => /^ {4}\? .*CSV export/i.test(l))).toBe(true);
  });

  it('runs the bundled pack examples green', async () => {
    const run = await runInProcess(['test-pack', 'rules/product-sense.yaml']);
    expect(run.stdout).toMatch(/all \d+ examples pass/);
    expect(run.code).toBe(0);
  });
});

describe('the default pack through ticketlint eval', () => {
  it('lists a blatant output-only ticket labelled good as a miss, expected no and got yes', async () => {
    const scratch = scratchDir();
    const label = { kind: 'feature', output_only: false, has_user: false, has_outcome: true, has_success_measure: false, has_alternatives: false };
    const file = scratch.write('mislabelled.jsonl', JSON.stringify({ id: 'm1', title: 'Add CSV export', body: '', label }) + '\n');
    const run = await runInProcess(['eval', file, '--errors']);
    scratch.remove();
    expect(run.stdout).toMatch(/m1 +outputOnly no→yes.*Add CSV export/);
    expect(run.stdout).toMatch(/outputOnly .* 0 +1 +0 +0$/m);
  });
});
