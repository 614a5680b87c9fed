import { DEFAULT_CONFIG, enrichFor, judgeFor, parseConfigFile, usesJudge } from '../../src/config/config-file.js';

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

describe('enrichFor', () => {
  const read = (text: string) => parseConfigFile(text, 'c.yaml').config!;

  it('enriches every team and project when the file says nothing', () => {
    expect([enrichFor(DEFAULT_CONFIG, 'linear', 'GROWTH'), enrichFor(DEFAULT_CONFIG, 'jira', null)]).toEqual([true, true]);
  });

  it('turns enrichment off everywhere with enrich: false at the top', () => {
    const config = read('enrich: false');
    expect([enrichFor(config, 'linear', 'GROWTH'), enrichFor(config, 'jira', 'SHOP')]).toEqual([false, false]);
  });

  it('lets a team or project override the top-level setting, matching its key without regard to case', () => {
    const config = read('enrich: false\nlinear: { teams: { GROWTH: strict }, enrich: { growth: true } }\njira: { enrich: { SHOP: false } }');
    expect(enrichFor(config, 'linear', 'GROWTH')).toBe(true);
    expect(enrichFor(config, 'linear', 'PLAT')).toBe(false);
    expect(enrichFor(read('jira: { enrich: { SHOP: false } }'), 'jira', 'shop')).toBe(false);
    expect(enrichFor(read('jira: { enrich: { SHOP: false } }'), 'jira', 'OPS')).toBe(true);
    expect(enrichFor(config, 'jira', 'SHOP')).toBe(false);
  });

  it('keeps the team routes working beside the enrich map', () => {
    expect(read('linear: { teams: { GROWTH: strict }, enrich: { GROWTH: false } }').linear.teams).toEqual({ GROWTH: 'strict' });
  });

  it('refuses an enrich value that is not true or false', () => {
    expect(parseConfigFile('jira: { enrich: { SHOP: sometimes } }', 'c.yaml').problems).toEqual(['c.yaml: jira.enrich.SHOP: expected true or false']);
  });
});

describe('judgeFor', () => {
  const read = (text: string) => parseConfigFile(text, 'c.yaml').config!;

  it('uses the offline judge everywhere when the file says nothing', () => {
    expect([judgeFor(DEFAULT_CONFIG, 'linear', 'PLAT'), judgeFor(DEFAULT_CONFIG, 'jira', null)]).toEqual(['offline', 'offline']);
    expect(usesJudge(DEFAULT_CONFIG, 'llm')).toBe(false);
  });

  it('gives the language model to the teams and projects that ask for it, over the top-level judge, matching keys without regard to case', () => {
    const config = read('judge: offline\nlinear: { judge: { plat: llm } }\njira: { judge: { SHOP: llm } }');
    expect(judgeFor(config, 'linear', 'PLAT')).toBe('llm');
    expect(judgeFor(config, 'linear', 'GROWTH')).toBe('offline');
    expect(judgeFor(config, 'jira', 'shop')).toBe('llm');
    expect(judgeFor(read('judge: llm\nlinear: { judge: { OPS: offline } }'), 'linear', 'OPS')).toBe('offline');
    expect(judgeFor(read('judge: llm'), 'jira', null)).toBe('llm');
    expect(usesJudge(config, 'llm')).toBe(true);
  });

  it('refuses a judge it does not know', () => {
    expect(parseConfigFile('linear: { judge: { PLAT: gpt } }', 'c.yaml').problems).toEqual(['c.yaml: linear.judge.PLAT: expected offline | llm']);
  });
});
