import { readFileSync } from 'node:fs';
import { corpusPartOf, TEST_PERCENT } from '../../../src/cli/eval/corpus-part.js';

interface Row { id: string; project: string; part: string; origin: string }
const rows: Row[] = readFileSync(new URL('../../../corpus/tickets.jsonl', import.meta.url), 'utf8')
  .split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Row);

describe('the frozen split of corpus/tickets.jsonl', () => {
  it('puts every ticket on the side its project is drawn to, so no ticket was moved by hand', () => {
    const moved = rows.filter((r) => r.part !== corpusPartOf(r.project)).map((r) => r.id);
    expect(moved).toEqual([]);
  });

  it('keeps every project whole: no project has tickets on both sides', () => {
    const sides = new Map<string, Set<string>>();
    for (const r of rows) sides.set(r.project.toLowerCase(), (sides.get(r.project.toLowerCase()) ?? new Set()).add(r.part));
    expect([...sides].filter(([, s]) => s.size > 1).map(([p]) => p)).toEqual([]);
  });

  it('draws about a fifth of the projects into the test part', () => {
    const projects = [...new Set(rows.map((r) => r.project.toLowerCase()))];
    const share = projects.filter((p) => corpusPartOf(p) === 'test').length / projects.length;
    expect(share).toBeGreaterThan(TEST_PERCENT / 100 - 0.06);
    expect(share).toBeLessThan(TEST_PERCENT / 100 + 0.06);
  });

  it('leaves out the rows of dev.jsonl that fall in the test part (the cue engine was tuned on them)', () => {
    expect(rows.filter((r) => r.origin === 'shared/dev' && r.part === 'test')).toEqual([]);
  });
});
