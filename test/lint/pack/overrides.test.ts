import { makeTicket, type TicketInput } from '../../../src/domain/ticket.js';
import { lint } from '../../../src/lint/lint.js';
import { compilePack, type PackLayer } from '../../../src/lint/pack/compile-pack.js';
import { parsePackYaml } from '../../../src/lint/pack/parse-pack.js';
import { runPackExamples } from '../../../src/lint/pack/run-examples.js';
import type { RulePack } from '../../../src/lint/pack/rule-pack.js';

const layer = (file: string, yaml: string): PackLayer => ({ file, pack: parsePackYaml(yaml, file) });

/** `bare-bug` fires on every bug report with an empty body, whatever the detectors read. */
const BASE = layer('base.yaml', `
name: base
rules:
  bare-bug:
    kind: bare-bug-report
    level: info
    message: A bare bug.
  missing-user:
    kind: missing-signal
    signal: user
    level: info
    message: No user.
`);

const bareBug = (extra: Partial<TicketInput> = {}) => makeTicket({ id: 'T-1', title: 'Login is broken', kind: 'bug', ...extra });
const levels = (pack: RulePack, extra: Partial<TicketInput> = {}) => lint(bareBug(extra), pack).findings.map((f) => `${f.rule}:${f.level}`);
const child = (yaml: string) => compilePack([BASE, layer('child.yaml', `name: child\n${yaml}`)]);

describe('overrides', () => {
  it('raises a level for one team and leaves every other team as it was', () => {
    const pack = child('overrides:\n  - teams: [GROWTH]\n    rules:\n      bare-bug: { level: warn }\n');
    expect(levels(pack, { team: 'GROWTH' })).toContain('bare-bug:warn');
    expect(levels(pack, { team: 'growth' })).toContain('bare-bug:warn');
    expect(levels(pack, { team: 'CORE' })).toContain('bare-bug:info');
    expect(levels(pack)).toContain('bare-bug:info');
  });

  it('differs from when, which silences the rule for every other team', () => {
    const pack = child('rules:\n  bare-bug: { level: warn, when: { teams: [GROWTH] } }\n');
    expect(levels(pack, { team: 'GROWTH' })).toContain('bare-bug:warn');
    expect(levels(pack, { team: 'CORE' }).filter((f) => f.startsWith('bare-bug'))).toEqual([]);
  });

  it('matches a Jira project by projects, and the inferred kind by kinds', () => {
    const pack = child('overrides:\n  - projects: [SHOP]\n    kinds: [bug]\n    rules:\n      bare-bug: { level: error }\n');
    expect(levels(pack, { team: 'SHOP' })).toContain('bare-bug:error');
    expect(lint(makeTicket({ id: 'T-2', title: 'Upgrade the build to Node 22', kind: 'task', team: 'SHOP' }), pack).findings).toEqual([]);
  });

  it('applies every matching override in order, the later winning, field by field', () => {
    const pack = child(`overrides:
  - teams: [GROWTH]
    rules:
      bare-bug: { level: error, message: Growth wants steps. }
  - labels: [spike]
    rules:
      bare-bug: { level: off }
`);
    expect(lint(bareBug({ team: 'GROWTH' }), pack).findings.find((f) => f.rule === 'bare-bug')).toMatchObject({ level: 'error', message: 'Growth wants steps.' });
    expect(levels(pack, { team: 'GROWTH', labels: ['spike'] }).filter((f) => f.startsWith('bare-bug'))).toEqual([]);
  });

  it("applies a parent's overrides before a child's", () => {
    const parent = layer('parent.yaml', 'name: parent\nextends: base\noverrides:\n  - teams: [GROWTH]\n    rules:\n      bare-bug: { level: error }\n');
    const pack = compilePack([BASE, parent, layer('child.yaml', 'name: child\noverrides:\n  - teams: [GROWTH]\n    rules:\n      bare-bug: { level: warn }\n')]);
    expect(levels(pack, { team: 'GROWTH' })).toContain('bare-bug:warn');
  });

  it("changes a kind's option, checked against the rule's kind", () => {
    const pack = child('overrides:\n  - teams: [GROWTH]\n    rules:\n      missing-user: { signal: successMeasure, message: No measure. }\n');
    expect(pack.overrides[0]?.rules.get('missing-user')).toEqual({ options: { signal: 'successMeasure' }, message: 'No measure.' });
    expect(pack.rules.find((r) => r.id === 'missing-user')?.options).toEqual({ signal: 'user' });
  });

  it('lets a flagged example expect a rule that is off but that an override turns on for its team', () => {
    const pack = child(`rules:
  bare-bug: { level: off }
overrides:
  - teams: [GROWTH]
    rules:
      bare-bug: { level: warn }
examples:
  flagged:
    - { title: Login is broken, kind: bug, team: GROWTH, rules: [bare-bug] }
  passes:
    - { title: Login is broken, kind: bug, team: CORE }
`);
    expect(runPackExamples(pack).filter((o) => !o.ok)).toEqual([]);
  });
});

describe('overrides that are wrong', () => {
  it.each([
    ['a misspelt rule id', 'overrides:\n  - teams: [GROWTH]\n    rules:\n      bare-bgu: { level: warn }\n',
      'child.yaml: overrides.0.rules.bare-bgu: expected a rule of this pack; did you mean bare-bug? known rules: bare-bug, missing-user'],
    ['an unknown level', 'overrides:\n  - teams: [GROWTH]\n    rules:\n      bare-bug: { level: loud }\n',
      'child.yaml: overrides.0.rules.bare-bug.level: expected off | info | warn | error'],
    ['an option the kind does not take', 'overrides:\n  - teams: [GROWTH]\n    rules:\n      missing-user: { signal: vibes }\n',
      'child.yaml: overrides.0.rules.missing-user.signal: expected user | outcome | successMeasure | alternatives'],
    ['a kind', 'overrides:\n  - teams: [GROWTH]\n    rules:\n      bare-bug: { kind: output-only }\n',
      "child.yaml: overrides.0.rules.bare-bug.kind: expected no kind in an override: it changes a rule's level, message, question or options"],
    ['a when', 'overrides:\n  - teams: [GROWTH]\n    rules:\n      bare-bug: { when: { teams: [X] } }\n',
      "child.yaml: overrides.0.rules.bare-bug.when: expected no when in an override: it changes a rule's level, message, question or options"],
    ['no tickets to match', 'overrides:\n  - rules:\n      bare-bug: { level: warn }\n',
      'child.yaml: overrides.0: expected teams, projects, kinds or labels: an override for every ticket belongs in rules'],
    ['a key it does not know', 'overrides:\n  - team: [GROWTH]\n    rules: {}\n',
      'child.yaml: overrides.0.team: expected a known key: kinds, labels, teams, projects, rules'],
    ['an unknown placeholder', 'overrides:\n  - teams: [GROWTH]\n    rules:\n      bare-bug: { message: "No {usr}." }\n',
      'child.yaml: overrides.0.rules.bare-bug.message: expected only the placeholders'],
  ])('names the file, the path and what was expected for %s', (_what, yaml, message) => {
    expect(() => child(yaml)).toThrow(message);
  });
});
