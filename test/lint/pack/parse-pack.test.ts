import { PackError } from '../../../src/lint/pack/pack-error.js';
import { parsePackYaml } from '../../../src/lint/pack/parse-pack.js';

const FILE = 'rules/acme.yaml';

/** The message of the PackError that parsing `yaml` throws; fails the test if it throws none. */
function errorOf(yaml: string): string {
  try {
    parsePackYaml(yaml, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(PackError);
    return (error as PackError).message;
  }
  throw new Error('expected a PackError');
}

const rule = (body: string): string => `name: acme\nrules:\n  missing-user:\n${body}`;

describe('parsePackYaml', () => {
  it('returns the pack as written when it is valid', () => {
    const pack = parsePackYaml(rule('    kind: missing-signal\n    signal: user\n    level: warn\n    question: Who needs {deliverable}?\n'), FILE);
    expect(pack.rules?.['missing-user']).toEqual({ kind: 'missing-signal', signal: 'user', level: 'warn', question: 'Who needs {deliverable}?' });
  });

  it('reads a single extends as a list of one', () => {
    expect(parsePackYaml('name: acme\nextends: product-sense\n', FILE).extends).toEqual(['product-sense']);
  });

  it('names the file, the path and the levels when a level is wrong', () => {
    expect(errorOf(rule('    kind: missing-signal\n    signal: user\n    level: loud\n')))
      .toBe('rules/acme.yaml: rules.missing-user.level: expected off | info | warn | error');
  });

  it('exposes file, path and expectation as fields of the error', () => {
    try {
      parsePackYaml(rule('    level: loud\n'), FILE);
      throw new Error('expected a PackError');
    } catch (error) {
      expect(error).toMatchObject({ file: FILE, path: 'rules.missing-user.level', expected: 'expected off | info | warn | error' });
    }
  });

  it('lists the rule kinds when a rule names an unknown one', () => {
    expect(errorOf(rule('    kind: missing-signals\n')))
      .toBe('rules/acme.yaml: rules.missing-user.kind: expected output-only | missing-signal | bare-bug-report');
  });

  it('checks a rule option against the schema of its kind', () => {
    expect(errorOf(rule('    kind: missing-signal\n    signal: mood\n')))
      .toBe('rules/acme.yaml: rules.missing-user.signal: expected user | outcome | successMeasure | alternatives');
  });

  it('names an option its kind does not know, with the keys it does', () => {
    expect(errorOf(rule('    kind: missing-signal\n    signal: user\n    levle: warn\n')))
      .toBe('rules/acme.yaml: rules.missing-user.levle: expected a known key: kind, level, message, question, when, signal');
  });

  it('names an unknown placeholder in a question and the placeholders there are', () => {
    expect(errorOf(rule('    kind: missing-signal\n    signal: user\n    question: Who needs {deliverabel}?\n')))
      .toBe('rules/acme.yaml: rules.missing-user.question: expected only the placeholders {deliverable}, {title}, {verb}, {alternatives}, {who}; found {deliverabel}');
  });

  it('does not let a who text use {who}', () => {
    expect(errorOf('name: acme\ndeliverables:\n  - name: export\n    match: [export]\n    who: "{who}?"\n'))
      .toBe('rules/acme.yaml: deliverables.0.who: expected only the placeholders {deliverable}, {title}, {verb}, {alternatives}; found {who}');
  });

  it('points at a wrong type deep inside the examples', () => {
    expect(errorOf('name: acme\nexamples:\n  flagged:\n    - title: fine\n    - title: [not, text]\n'))
      .toBe('rules/acme.yaml: examples.flagged.1.title: expected text');
  });

  it('says when a required field is missing', () => {
    expect(errorOf('name: acme\nexamples:\n  passes:\n    - body: no title here\n'))
      .toBe('rules/acme.yaml: examples.passes.0.title: expected text (missing)');
  });

  it('names an unknown top-level key with the keys a pack has', () => {
    expect(errorOf('name: acme\nrule: {}\n')).toMatch(/^rules\/acme\.yaml: rule: expected a known key: name, description, extends, .*rules, overrides, examples$/);
  });

  it('rejects a rule id that is not lower-case words joined by dashes', () => {
    expect(errorOf('name: acme\nrules:\n  Missing_User: { level: off }\n'))
      .toBe('rules/acme.yaml: rules.Missing_User: expected a rule id in lower-case words joined by dashes, like missing-user');
  });

  it('rejects a when filter on a kind the engine does not infer', () => {
    expect(errorOf(rule('    when: { kinds: [story] }\n')))
      .toBe('rules/acme.yaml: rules.missing-user.when.kinds.0: expected feature | task | bug | other');
  });

  it('gives the line and column of a YAML syntax error', () => {
    expect(errorOf('name: acme\nrules:\n  a: b: c\n'))
      .toBe('rules/acme.yaml: 3:6: expected valid YAML (Nested mappings are not allowed in compact mappings)');
  });

  it('treats a repeated key as a YAML error, not a silent override', () => {
    expect(errorOf('name: acme\nname: other\n')).toBe('rules/acme.yaml: 2:1: expected valid YAML (Map keys must be unique)');
  });

  it('says an empty file is not a pack', () => {
    expect(errorOf('')).toBe('rules/acme.yaml: (root): expected a mapping (key: value lines)');
  });

  it('lets a rule that names no kind through, so a pack can override an inherited rule', () => {
    expect(parsePackYaml(rule('    level: off\n'), FILE).rules).toEqual({ 'missing-user': { level: 'off' } });
  });
});
