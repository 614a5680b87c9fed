import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { makeTicket } from '../../src/domain/ticket.js';
import { lint } from '../../src/lint/lint.js';
import { runPackExamples } from '../../src/lint/pack/run-examples.js';
import { BUNDLED_RULES_DIR, DEFAULT_PACK_NAME, loadPack } from '../../src/packs/load-pack.js';
import { runInProcess } from '../cli/cli-harness.js';

const BUNDLED = readdirSync(BUNDLED_RULES_DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));

describe('the bundled packs', () => {
  it.each(BUNDLED)('%s loads and carries examples', (name) => {
    const pack = loadPack(name);
    expect(pack.examples.flagged.length + pack.examples.passes.length).toBeGreaterThan(0);
  });

  // These run the real detectors: a failure here means a detector change broke a pack's own
  // promise (what `ticketlint test-pack` checks in CI), so read the problem before editing the pack.
  it.each(BUNDLED)('%s keeps every one of its examples', (name) => {
    const failing = runPackExamples(loadPack(name)).filter((o) => !o.ok);
    expect(failing).toEqual([]);
  });

  it('asks about a CSV export in terms of exporting, and offers the other ways to get the data', () => {
    const verdict = lint(makeTicket({ id: 'ps-1', title: 'Add CSV export', kind: 'feature' }), loadPack(DEFAULT_PACK_NAME));
    expect(verdict.findings.map((f) => [f.rule, f.level])).toContainEqual(['output-only', 'error']);
    expect(verdict.questions[0]).toBe('Who is exporting, and what do they do with the data once they have it?');
    expect(verdict.questions).toContainEqual(expect.stringMatching(/, or would a dashboard, a scheduled report or an API serve them better\?$/));
    expect(verdict.questions).toContainEqual(expect.stringMatching(/how will we know it worked\?/));
  });

  it('asks each of the three questions once, even when two rules share one', () => {
    const verdict = lint(makeTicket({ id: 'ps-2', title: 'Add CSV export', kind: 'feature' }), loadPack(DEFAULT_PACK_NAME));
    expect(verdict.questions).toHaveLength(3);
  });

  it('warns in product-sense only about a feature with no why, so a motivated ticket gets no warning', () => {
    const loud = loadPack(DEFAULT_PACK_NAME).rules.filter((r) => r.level === 'warn' || r.level === 'error');
    expect(loud.map((r) => r.kind)).toEqual(['output-only']);
  });

  it('lets strict raise the levels of product-sense and keep its wording', () => {
    const base = loadPack(DEFAULT_PACK_NAME);
    const strict = loadPack('strict');
    const rule = (pack: typeof base, id: string) => pack.rules.find((r) => r.id === id);
    expect(rule(base, 'missing-user')?.level).toBe('info');
    expect(rule(strict, 'missing-user')).toEqual({ ...rule(base, 'missing-user'), level: 'warn' });
    expect(strict.deliverables).toEqual(base.deliverables);
  });

  it('skips tickets labelled no-ticketlint', () => {
    const verdict = lint(makeTicket({ id: 'ps-3', title: 'Add CSV export', labels: ['no-ticketlint'] }), loadPack(DEFAULT_PACK_NAME));
    expect(verdict).toMatchObject({ exemptBecause: 'label "no-ticketlint"', findings: [] });
  });
});

describe('the example packs the README shows (rules/examples)', () => {
  const EXAMPLES = readdirSync(join(BUNDLED_RULES_DIR, 'examples')).filter((f) => f.endsWith('.yaml'));

  it.each(EXAMPLES)('%s passes `ticketlint test-pack`', async (file) => {
    const run = await runInProcess(['test-pack', join(BUNDLED_RULES_DIR, 'examples', file)]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/all \d+ examples pass/);
    expect(run.code).toBe(0);
  });

  it('team-levels raises missing-user for Growth only, and asks PLAT alone about alternatives', () => {
    const pack = loadPack(join(BUNDLED_RULES_DIR, 'examples', 'team-levels.yaml'));
    const body = 'Answering seat questions by hand takes support hours every week. Done when support gets no seat-count tickets for a month.';
    const level = (team: string) => lint(makeTicket({ id: team, title: 'Add a seat usage report', description: body, team }), pack)
      .findings.find((f) => f.rule === 'missing-user')?.level;
    expect([level('GROWTH'), level('CORE')]).toEqual(['warn', 'info']);
    const rules = (team: string) => lint(makeTicket({ id: team, title: 'Add CSV export', team }), pack).findings.map((f) => f.rule);
    expect(rules('PLAT')).toContain('missing-alternatives');
    expect(rules('CORE')).not.toContain('missing-alternatives');
  });
});
