import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { BARE_BUG_PACK, bug, jsonLines, runInProcess, scratchDir, task } from './cli-harness.js';

const scratch = scratchDir();
const pack = scratch.write('bare-bug.yaml', BARE_BUG_PACK);
afterAll(() => scratch.remove());

describe('ticketlint lint --format json', () => {
  it('prints one verdict per ticket, in input order, in the stable verdict shape', async () => {
    const input = [task('Upgrade the build to Node 22', { id: 'OPS-1' }), bug('Login is broken')].join('\n');
    const run = await runInProcess(['lint', '-', '--pack', pack, '--format', 'json'], { stdin: input });
    const verdicts = jsonLines(run.stdout) as Record<string, unknown>[];
    expect(verdicts.map((v) => v['id'])).toEqual(['OPS-1', '2']);
    expect(Object.keys(verdicts[1]!).sort()).toEqual(['deliverable', 'findings', 'id', 'judgement', 'kind', 'outputOnly', 'questions', 'signals', 'wouldComment']);
    expect(Object.keys(verdicts[1]!['signals'] as object).sort()).toEqual(['alternatives', 'deliverable', 'outcome', 'successMeasure', 'user']);
    expect(verdicts[1]).toMatchObject({
      kind: 'bug',
      findings: [{ rule: 'bare-bug', level: 'error' }],
      questions: ['What goes wrong, and what should happen instead?'],
    });
    expect(verdicts[0]).toMatchObject({ kind: 'task', findings: [] });
  });

  it('turns a malformed middle line into an error record and still lints the lines around it, in order', async () => {
    const file = scratch.write('mixed.jsonl', [task('Tidy the CI cache'), '{"title": "half a ticket"', task('Bump eslint')].join('\n'));
    const run = await runInProcess(['lint', file, '--pack', pack, '--format', 'json']);
    const records = jsonLines(run.stdout) as Record<string, unknown>[];
    expect(records.map((r) => r['id'])).toEqual(['1', '2', '3']);
    expect(records[1]).toEqual({ id: '2', error: expect.stringMatching(/^line 2: not valid JSON/) as unknown });
    expect(records[2]).toHaveProperty('outputOnly');
    expect(run.code).toBe(1);
  });
});

describe('ticketlint lint exit codes', () => {
  it('exits 0 when no finding is at error level', async () => {
    const run = await runInProcess(['lint', '--pack', pack], { stdin: task('Bump eslint') });
    expect(run.code).toBe(0);
  });

  it('exits 1 when a finding is at error level', async () => {
    const run = await runInProcess(['lint', '--pack', pack], { stdin: bug('Login is broken') });
    expect(run.code).toBe(1);
  });

  it('skips an exempt ticket and says why', async () => {
    const run = await runInProcess(['lint', '--pack', pack], { stdin: bug('Login is broken', { labels: ['no-lint'] }) });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('exempt');
    expect(run.stdout).toContain('label "no-lint"');
  });

  it('exits 2 on an unknown flag', async () => {
    const run = await runInProcess(['lint', '--colour', 'pink']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown option '--colour'");
  });

  it('exits 2 on a format it does not know', async () => {
    const run = await runInProcess(['lint', '--title', 'x', '--format', 'xml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('xml');
  });

  it('exits 2 and names the file when the input cannot be read', async () => {
    const run = await runInProcess(['lint', 'no-such-tickets.jsonl', '--pack', pack], { cwd: scratch.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('ticketlint: cannot read no-such-tickets.jsonl: no such file\n');
  });

  it('exits 2 when the input holds no ticket at all', async () => {
    const run = await runInProcess(['lint', '--pack', pack], { stdin: '\n\n' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no tickets in standard input');
  });

  it('exits 2 with the file, the path inside it and what was expected when the pack is broken', async () => {
    const broken = scratch.write('broken.yaml', 'name: broken\nrules:\n  why:\n    kind: output-only\n    level: loud\n');
    const run = await runInProcess(['lint', '--title', 'Add CSV export', '--pack', broken], { cwd: scratch.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('broken.yaml');
    expect(run.stderr).toContain('rules.why.level');
  });

  it('exits 2 when both a file and --title are given', async () => {
    const run = await runInProcess(['lint', 'tickets.jsonl', '--title', 'Add CSV export']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('either FILE or --title');
  });
});

describe('ticketlint lint --format text', () => {
  it('reports a malformed line on stderr and lints the rest, ending with a tally', async () => {
    const run = await runInProcess(['lint', '--pack', pack], { stdin: [bug('Login is broken'), 'nope', task('Bump eslint')].join('\n') });
    expect(run.stderr).toMatch(/^error line 2: not valid JSON/);
    expect(run.stdout).toContain('Login is broken');
    expect(run.stdout).toContain('Bump eslint');
    expect(run.stdout).toContain('error  A bare bug report');
    expect(run.stdout).toContain('? What goes wrong, and what should happen instead?');
    expect(run.stdout.trim().split('\n').pop()).toBe('2 tickets: 0 output-only, 1 needing context, 1 ok; the bot would comment on 1, 1 malformed record');
    expect(run.code).toBe(1);
  });

  it('writes no colour codes when the stream is not a terminal', async () => {
    const run = await runInProcess(['lint', '--pack', pack], { stdin: bug('Login is broken') });
    expect(run.stdout).not.toContain('\u001b[');
  });
});

describe('ticketlint lint --title', () => {
  it('lints the one ticket given on the command line, numbered 1', async () => {
    const json = await runInProcess(['lint', '--title', 'Tidy the CI cache', '--pack', pack, '--format', 'json']);
    expect(jsonLines(json.stdout)).toEqual([expect.objectContaining({ id: '1' })]);
    const text = await runInProcess(['lint', '--title', 'Tidy the CI cache', '--pack', pack]);
    expect(text.stdout.split('\n')[0]).toMatch(/^. \S+ +1  Tidy the CI cache$/);
  });

  it('refuses --body or --description without --title', async () => {
    const run = await runInProcess(['lint', '--body', 'text'], { stdin: task('x') });
    expect(run.code).toBe(2);
    const described = await runInProcess(['lint', '--description', 'text'], { stdin: task('x') });
    expect(described.code).toBe(2);
    expect(described.stderr).toContain('--description goes with --title');
  });
});

describe('ticketlint test-pack', () => {
  it('prints each example with a tick and exits 0 when all behave', async () => {
    const run = await runInProcess(['test-pack', pack]);
    expect(run.stdout).toMatch(/✓ flagged #1 +Login is broken/);
    expect(run.stdout).toMatch(/✓ passes +#1 +Upgrade the build to Node 22/);
    expect(run.stdout).toContain('all 2 examples pass');
    expect(run.code).toBe(0);
  });

  it('marks a failing example with a cross and its problem, and exits 1', async () => {
    const failing = scratch.write('failing.yaml', BARE_BUG_PACK.replace('    - title: Login is broken\n      kind: bug', '    - title: Tidy the CI cache\n      kind: task'));
    const run = await runInProcess(['test-pack', failing]);
    expect(run.stdout).toMatch(/✗ flagged #1 +Tidy the CI cache\n +expected a finding at warn or error/);
    expect(run.stdout).toContain('1 of 2 examples fail');
    expect(run.code).toBe(1);
  });

  it('exits 2 on a pack that does not load', async () => {
    const run = await runInProcess(['test-pack', 'missing.yaml'], { cwd: scratch.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('missing.yaml');
  });
});

describe('ticketlint validate', () => {
  it('says ok with the number of rules and what the pack extends', async () => {
    scratch.write('child.yaml', 'name: child\nextends: ./bare-bug.yaml\nrules:\n  bare-bug:\n    level: warn\n');
    const run = await runInProcess(['validate', 'child.yaml'], { cwd: scratch.dir });
    expect(run.stdout).toBe('child.yaml: ok (1 rule, extends bare-bug)\n');
    expect(run.code).toBe(0);
  });

  it('prints the PackError and exits 2 on an invalid pack', async () => {
    scratch.write('typo.yaml', 'name: typo\nrulez: {}\n');
    const run = await runInProcess(['validate', 'typo.yaml'], { cwd: scratch.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^ticketlint: typo\.yaml: /);
  });
});

describe('ticketlint --help', () => {
  it.each([['lint'], ['test-pack'], ['validate'], ['eval']])('shows examples for %s and exits 0', async (command) => {
    const run = await runInProcess([command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Examples:');
  });

  it('lists the exit codes in the top-level help', async () => {
    const run = await runInProcess(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Exit codes:');
  });

  it('exits 2 with the help on stderr when no command is given', async () => {
    const run = await runInProcess([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: ticketlint');
  });
});

describe('ticketlint --pack with a misspelt name', () => {
  it('exits 2 asking "did you mean" and listing the bundled packs', async () => {
    const run = await runInProcess(['lint', '--title', 'Add CSV export', '--pack', 'strcit']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('there is no pack strcit: did you mean strict? known packs: product-sense, strict');
  });
});

describe('ticketlint validate', () => {
  it("reports a new profile whose words overlap an inherited one, and that the pack's own wins", async () => {
    const acme = scratch.write('acme.yaml', [
      'name: acme', 'extends: product-sense', 'deliverables:',
      '  - name: invoices', '    match: [invoice, csv]', '    who: Who reconciles the invoices, and how often?', '',
    ].join('\n'));
    const run = await runInProcess(['validate', acme], { cwd: scratch.dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/deliverables: "invoices" \(acme\.yaml\) and "export" \(\S*product-sense\.yaml\) both match csv; "invoices" wins/);
    const lintRun = await runInProcess(['lint', '--title', 'Add a CSV of the ledger', '--pack', acme, '--format', 'json'], { cwd: scratch.dir });
    expect((jsonLines(lintRun.stdout)[0] as { questions: string[] }).questions[0]).toBe('Who reconciles the invoices, and how often?');
  });
});

describe('ticketlint lint with what trackers export', () => {
  const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/cli/${name}`, import.meta.url));

  it("lints Jira's CSV export as it is, detected by its header", async () => {
    const run = await runInProcess(['lint', fixture('jira-export.csv'), '--format', 'json']);
    const verdicts = jsonLines(run.stdout) as { id: string; exempt?: string }[];
    expect(verdicts.map((v) => v.id)).toEqual(['SHOP-12', 'SHOP-13', 'SHOP-14']);
    expect(verdicts[2]!.exempt).toBe('label "no-ticketlint"');
  });

  it('lints CSV from standard input with --input csv', async () => {
    const run = await runInProcess(['lint', '-', '--input', 'csv', '--format', 'json'], { stdin: 'Title,Description\nAdd CSV export,\n' });
    expect(jsonLines(run.stdout)).toEqual([expect.objectContaining({ id: '2', deliverable: 'CSV export' })]);
  });

  it('takes --team, --kind and --labels with --title, so a per-team override can be tried', async () => {
    const pack = 'rules/examples/team-levels.yaml';
    const body = 'Answering seat questions by hand takes support hours every week. Done when support gets no seat-count tickets for a month.';
    const run = async (...flags: string[]) =>
      jsonLines((await runInProcess(['lint', '--title', 'Add a seat usage report', '--body', body, '--pack', pack, '--format', 'json', ...flags])).stdout)[0] as
        { wouldComment: boolean; findings: { rule: string; level: string }[] };
    expect((await run('--team', 'GROWTH')).findings).toContainEqual(expect.objectContaining({ rule: 'missing-user', level: 'warn' }));
    expect((await run('--team', 'CORE')).wouldComment).toBe(false);
    expect((await run('--team', 'GROWTH', '--labels', 'no-ticketlint, spike')).wouldComment).toBe(false);
    const bug = await runInProcess(['lint', '--title', 'Checkout button does nothing', '--kind', 'bug', '--team', 'SHOP', '--pack', pack, '--format', 'json']);
    expect((jsonLines(bug.stdout)[0] as { findings: unknown[] }).findings).toContainEqual(expect.objectContaining({ rule: 'bare-bug-report', level: 'error' }));
  });

  it('refuses --team without --title', async () => {
    const run = await runInProcess(['lint', '--team', 'GROWTH'], { stdin: task('x') });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--team goes with --title');
  });
});

describe('ticketlint print-pack', () => {
  it('prints the merged pack as YAML: rules with their levels, profiles in rank order, overrides', async () => {
    const run = await runInProcess(['print-pack', 'rules/examples/team-levels.yaml']);
    expect(run.code).toBe(0);
    const printed = parse(run.stdout) as { name: string; files: string[]; rules: Record<string, { level: string }>; deliverables: { name: string }[]; overrides: unknown[] };
    expect(printed.name).toBe('team-levels');
    expect(printed.files).toEqual([expect.stringMatching(/product-sense\.yaml$/), 'rules/examples/team-levels.yaml']);
    expect(printed.rules['missing-user']!.level).toBe('info');
    expect(printed.rules['missing-alternatives']).toMatchObject({ when: { teams: ['PLAT'] } });
    expect(printed.deliverables[0]!.name).toBe('export');
    expect(printed.overrides).toEqual([{ teams: ['GROWTH'], rules: { 'missing-user': { level: 'warn' } } }, expect.anything()]);
  });

  it('says which deliverable profile a ticket matched, and the rules as they stand for its team', async () => {
    const run = await runInProcess(['print-pack', 'rules/examples/team-levels.yaml', '--title', 'Add CSV export', '--team', 'GROWTH']);
    expect(run.stdout).toContain('# for "Add CSV export" (team GROWTH): deliverable "CSV export", profile export');
    expect(run.stdout).toMatch(/# missing-user: warn \(overridden\)/);
  });

  it('says "did you mean" for a misspelt bundled pack', async () => {
    const run = await runInProcess(['print-pack', 'strcit']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('did you mean strict?');
  });
});
