import { DEFAULT_CONFIG, parseConfigFile } from '../../src/config/config-file.js';

describe('parseConfigFile', () => {
  it('reads team and project routes, labels and dry run', () => {
    const text = [
      'defaultPack: product-sense',
      'dryRun: true',
      'labels: { needsContext: needs-why, contextComplete: why-given }',
      'linear:',
      '  teams: { GROWTH: strict, PLAT: ./packs/platform.yaml }',
      'jira:',
      '  projects: { SHOP: strict }',
    ].join('\n');
    expect(parseConfigFile(text, 'ticketlint.yaml')).toEqual({
      config: {
        defaultPack: 'product-sense', dryRun: true, labels: { needsContext: 'needs-why', contextComplete: 'why-given' },
        linear: { teams: { GROWTH: 'strict', PLAT: './packs/platform.yaml' } }, jira: { projects: { SHOP: 'strict' } },
      },
      problems: [],
    });
  });

  it('reads an empty file as the defaults', () => {
    expect(parseConfigFile('', 'ticketlint.yaml')).toEqual({ config: DEFAULT_CONFIG, problems: [] });
  });

  it('names the line and column of a YAML syntax error', () => {
    const { problems } = parseConfigFile('linear:\n  teams: { ENG: strict\n', 'ticketlint.yaml');
    expect(problems[0]).toMatch(/^ticketlint\.yaml: \d+:\d+: expected valid YAML/);
  });

  it('refuses a duplicated key', () => {
    expect(parseConfigFile('dryRun: true\ndryRun: false\n', 'c.yaml').problems[0]).toMatch(/^c\.yaml: 2:1: expected valid YAML/);
  });

  it('refuses a label name with a space, which Jira would refuse', () => {
    expect(parseConfigFile('labels: { needsContext: needs context }', 'c.yaml').problems)
      .toEqual(['c.yaml: labels.needsContext: expected a label name without spaces (Jira refuses them)']);
  });

  it('lists every problem, not only the first', () => {
    const { problems } = parseConfigFile('dryRun: sometimes\njira: { projects: [SHOP] }\n', 'c.yaml');
    expect(problems).toEqual(['c.yaml: dryRun: expected true or false', 'c.yaml: jira.projects: expected a mapping (key: value lines)']);
  });
});
