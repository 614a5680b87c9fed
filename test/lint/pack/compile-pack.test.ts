import { compilePack, type PackLayer } from '../../../src/lint/pack/compile-pack.js';
import { matchDeliverableProfile } from '../../../src/lint/pack/deliverable-profile.js';
import { parsePackYaml } from '../../../src/lint/pack/parse-pack.js';

const layer = (file: string, yaml: string): PackLayer => ({ file, pack: parsePackYaml(yaml, file) });

const BASE = layer('base.yaml', `
name: base
description: The base pack.
vocabulary: { personas: [ranger] }
deliverables:
  - { name: export, match: [export], who: Who exports?, alternatives: [a report] }
defaultAlternatives: [doing nothing]
exempt: { labels: [skip-me] }
rules:
  missing-user:
    kind: missing-signal
    signal: user
    level: info
    message: No user for {deliverable}.
    question: Who needs {deliverable}?
  bare-bug:
    kind: bare-bug-report
`);

describe('compilePack', () => {
  it('fills in what the kind provides when a rule leaves it out', () => {
    const pack = compilePack([BASE]);
    expect(pack.rules.find((r) => r.id === 'bare-bug')).toMatchObject({ kind: 'bare-bug-report', level: 'info', question: null, when: {}, options: {} });
    expect(pack.rules.find((r) => r.id === 'missing-user')).toMatchObject({ options: { signal: 'user' } });
  });

  it('lets a child change one field of an inherited rule and keeps the others', () => {
    const pack = compilePack([BASE, layer('child.yaml', 'name: child\nrules:\n  missing-user: { level: error }\n')]);
    expect(pack.rules.find((r) => r.id === 'missing-user')).toEqual({
      id: 'missing-user', kind: 'missing-signal', level: 'error', message: 'No user for {deliverable}.',
      question: 'Who needs {deliverable}?', when: {}, options: { signal: 'user' },
    });
  });

  it('keeps inherited rules in their place and adds new ones after them', () => {
    const pack = compilePack([BASE, layer('child.yaml', 'name: child\nrules:\n  output-only: { kind: output-only }\n  missing-user: { level: off }\n')]);
    expect(pack.rules.map((r) => r.id)).toEqual(['missing-user', 'bare-bug', 'output-only']);
  });

  it('starts a rule afresh when a child gives it another kind', () => {
    const pack = compilePack([BASE, layer('child.yaml', 'name: child\nrules:\n  missing-user: { kind: output-only }\n')]);
    expect(pack.rules.find((r) => r.id === 'missing-user')).toMatchObject({ kind: 'output-only', level: 'error', question: null, options: {} });
  });

  it('lets a child remove an inherited question', () => {
    const pack = compilePack([BASE, layer('child.yaml', 'name: child\nrules:\n  missing-user:\n    question:\n')]);
    expect(pack.rules.find((r) => r.id === 'missing-user')?.question).toBeNull();
  });

  it('accumulates vocabulary and exemptions and merges deliverable profiles by name', () => {
    const pack = compilePack([BASE, layer('child.yaml', `
name: child
vocabulary: { personas: [Park Visitor], metrics: [visits] }
exempt: { labels: [wip], authors: [robot] }
deliverables:
  - { name: export, match: [export, csv] }
  - { name: map, match: [map] }
`)]);
    expect(pack.vocabulary).toEqual({ personas: ['ranger', 'park visitor'], metrics: ['visits'], outputVerbs: [] });
    expect(pack.exempt).toEqual({ labels: ['skip-me', 'wip'], authors: ['robot'] });
    expect(pack.deliverables).toEqual([
      { name: 'export', match: ['export', 'csv'], who: 'Who exports?', alternatives: ['a report'] },
      { name: 'map', match: ['map'] },
    ]);
  });

  it("ranks a child's new profile before an overlapping inherited one, and reports the overlap", () => {
    const pack = compilePack([BASE, layer('child.yaml', 'name: child\ndeliverables:\n  - { name: invoice export, match: [invoice, exports], who: Who reconciles invoices? }\n')]);
    expect(pack.deliverables.map((p) => p.name)).toEqual(['invoice export', 'export']);
    expect(matchDeliverableProfile(pack.deliverables, ['Add exports of invoices'])?.name).toBe('invoice export');
    expect(pack.deliverableOverlaps).toEqual([
      { winner: { name: 'invoice export', file: 'child.yaml' }, loser: { name: 'export', file: 'base.yaml' }, terms: ['export'] },
    ]);
  });

  it('reports no overlap between profiles whose words differ', () => {
    const pack = compilePack([BASE, layer('child.yaml', 'name: child\ndeliverables:\n  - { name: map, match: [map, map export] }\n')]);
    expect(pack.deliverableOverlaps).toEqual([]);
  });

  it('lets the later layer win for scalars and replaces the default alternatives', () => {
    const pack = compilePack([BASE, layer('child.yaml', 'name: child\ndefaultAlternatives: [a spreadsheet]\nlabels: { needsContext: why-please }\n')]);
    expect(pack).toMatchObject({
      name: 'child', description: 'The base pack.', file: 'child.yaml', files: ['base.yaml', 'child.yaml'],
      defaultAlternatives: ['a spreadsheet'], labels: { needsContext: 'why-please', contextComplete: 'context-complete' },
    });
  });

  it('asks for the kind of a rule that a pack extending nothing gives none', () => {
    expect(() => compilePack([layer('solo.yaml', 'name: solo\nrules:\n  new-rule: { level: warn }\n')]))
      .toThrow('solo.yaml: rules.new-rule.kind: expected output-only | missing-signal | bare-bug-report (missing)');
  });

  it('asks "did you mean" when a child changes a rule the packs it extends do not have', () => {
    expect(() => compilePack([BASE, layer('child.yaml', 'name: child\nrules:\n  missing-usr: { level: warn }\n')]))
      .toThrow('child.yaml: rules.missing-usr: expected the id of an inherited rule, or a kind for a new rule; did you mean missing-user? known rules: missing-user, bare-bug');
  });

  it('says "did you mean" for a misspelt rule in a flagged example', () => {
    const child = layer('child.yaml', 'name: child\nexamples:\n  flagged:\n    - { title: Add a map, rules: [missing-usr] }\n');
    expect(() => compilePack([BASE, child])).toThrow('child.yaml: examples.flagged.0.rules.0: expected a rule of this pack; did you mean missing-user? known rules: missing-user, bare-bug');
  });

  it('checks an inherited rule with a child option against the kind', () => {
    expect(() => compilePack([BASE, layer('child.yaml', 'name: child\nrules:\n  missing-user: { signal: vibes }\n')]))
      .toThrow('child.yaml: rules.missing-user.signal: expected user | outcome | successMeasure | alternatives');
  });

  it('rejects a flagged example that expects a rule the pack does not have', () => {
    const child = layer('child.yaml', 'name: child\nexamples:\n  flagged:\n    - { title: Add a map, rules: [missing-user, missing-map] }\n');
    expect(() => compilePack([BASE, child])).toThrow('child.yaml: examples.flagged.0.rules.1: expected a rule of this pack; known rules: missing-user, bare-bug');
  });

  it('rejects a flagged example that expects a rule that is off', () => {
    const child = layer('child.yaml', 'name: child\nrules:\n  bare-bug: { level: off }\nexamples:\n  flagged:\n    - { title: It broke, rules: [bare-bug] }\n');
    expect(() => compilePack([BASE, child])).toThrow('child.yaml: examples.flagged.0.rules.0: expected a rule that is on; bare-bug is off');
  });

  it('keeps only the examples of the top pack, whose levels they were written for', () => {
    const base = layer('base.yaml', 'name: base\nexamples:\n  passes: [{ title: Fine }]\n');
    const pack = compilePack([base, layer('child.yaml', 'name: child\nexamples:\n  passes: [{ title: Also fine }]\n')]);
    expect(pack.examples.passes.map((e) => e.title)).toEqual(['Also fine']);
  });
});
