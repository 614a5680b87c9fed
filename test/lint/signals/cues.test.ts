import type { Cue } from '../../../src/lint/signals/cue.js';
import { cueCatalogue } from '../../../src/lint/signals/cue-catalogue.js';
import { EMPTY_VOCABULARY } from '../../../src/lint/vocabulary.js';
import { cueExampleFailures } from './cue-tester.js';

const catalogue = cueCatalogue(EMPTY_VOCABULARY);
const everyCue = Object.entries(catalogue).flatMap(([reading, cues]) => cues.map((cue) => [`${reading}/${cue.id}`, cue] as const));

describe('every cue of every detector', () => {
  it.each(everyCue)('%s matches the examples it must match and none it must not', (_name, cue) => {
    expect(cueExampleFailures(cue)).toEqual([]);
  });

  it('has an id of its own within its reading, as the learned judgement names it', () => {
    for (const cues of Object.values(catalogue)) expect(new Set(cues.map((c) => c.id)).size).toBe(cues.length);
  });
});

describe('the cue tester', () => {
  const cue = (examples: Cue['examples'], where?: Cue['where']): Cue => ({ id: 'probe', pattern: /\bexport\b/, weight: 1, examples, ...(where ? { where } : {}) });

  it('fails a cue without examples', () => {
    expect(cueExampleFailures(cue({ match: [], noMatch: [] }))).toEqual(['has no example it must match', 'has no example it must not match']);
  });

  it('names the example a cue misses and the one it wrongly matches', () => {
    expect(cueExampleFailures(cue({ match: ['Import the list'], noMatch: ['Export the list'] }))).toEqual([
      'must match "Import the list" but does not',
      'must not match "Export the list" but does',
    ]);
  });

  it('reads a title cue\'s examples as a title and a body cue\'s as a body', () => {
    const anchored = (where: Cue['where']): Cue => ({ ...cue({ match: ['export now'], noMatch: ['do it'] }, where), pattern: /^export/ });
    expect(cueExampleFailures(anchored('title'))).toEqual([]);
    expect(cueExampleFailures(anchored('body'))).toEqual(['must match "export now" but does not']);
  });
});
