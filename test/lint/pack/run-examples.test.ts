import { compilePack } from '../../../src/lint/pack/compile-pack.js';
import { parsePackYaml } from '../../../src/lint/pack/parse-pack.js';
import { runPackExamples } from '../../../src/lint/pack/run-examples.js';

// The rules fire on bugs with no body and are told apart by label, so the outcomes below depend on
// runPackExamples and lint() alone, not on how well the detectors read the text.
const pack = compilePack([{ file: 'examples.yaml', pack: parsePackYaml(`
name: examples
exempt: { labels: [skip] }
rules:
  any-bug: { kind: bare-bug-report, level: info, message: A bare bug. }
  billing-bug: { kind: bare-bug-report, level: error, message: A bare billing bug., when: { labels: [billing] } }
examples:
  flagged:
    - { title: Invoices are wrong, kind: bug, labels: [billing], rules: [billing-bug] }
    - { title: Invoices are wrong, kind: bug, labels: [billing] }
    - { title: Search is slow, kind: bug, rules: [billing-bug] }
    - { title: Search is slow, kind: bug }
    - { title: Invoices are wrong, kind: bug, labels: [billing, skip] }
  passes:
    - { title: Search is slow, kind: bug }
    - { title: Invoices are wrong, kind: bug, labels: [billing] }
`, 'examples.yaml') }]);

describe('runPackExamples', () => {
  const outcomes = runPackExamples(pack);

  it('reports every example, flagged then passing, with its index and title', () => {
    expect(outcomes.map((o) => [o.kind, o.index, o.title])).toEqual([
      ['flagged', 0, 'Invoices are wrong'], ['flagged', 1, 'Invoices are wrong'], ['flagged', 2, 'Search is slow'],
      ['flagged', 3, 'Search is slow'], ['flagged', 4, 'Invoices are wrong'],
      ['passes', 0, 'Search is slow'], ['passes', 1, 'Invoices are wrong'],
    ]);
  });

  it('passes a flagged example when the rules it lists fire', () => {
    expect(outcomes[0]).toMatchObject({ ok: true, problem: null });
  });

  it('passes a flagged example that lists no rules when something fires at warn or error', () => {
    expect(outcomes[1]).toMatchObject({ ok: true, problem: null });
  });

  it('fails a flagged example whose rule does not fire, saying what fired instead', () => {
    expect(outcomes[2]).toMatchObject({ ok: false, problem: 'expected billing-bug to fire; got any-bug (info): A bare bug.' });
  });

  it('fails a flagged example that lists no rules when only info findings come out', () => {
    expect(outcomes[3]).toMatchObject({ ok: false, problem: 'expected a finding at warn or error; got any-bug (info): A bare bug.' });
  });

  it('fails a flagged example that the pack exempts', () => {
    expect(outcomes[4]).toMatchObject({ ok: false, problem: 'the example is exempt (label "skip"), so nothing is linted' });
  });

  it('passes a passing example that gets info findings only', () => {
    expect(outcomes[5]).toMatchObject({ ok: true, problem: null });
  });

  it('fails a passing example that gets a finding at warn or error, naming it', () => {
    expect(outcomes[6]).toMatchObject({ ok: false, problem: 'expected no finding at warn or error; got billing-bug (error): A bare billing bug.' });
  });
});
