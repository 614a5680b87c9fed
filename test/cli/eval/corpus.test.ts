import { labelToReading, readCorpus } from '../../../src/cli/eval/corpus.js';

const label = { kind: 'feature', output_only: true, has_user: false, has_outcome: false, has_success_measure: false, has_alternatives: true };

describe('readCorpus', () => {
  it('reads labelled tickets and maps has_* labels to the engine signal names', () => {
    const text = JSON.stringify({ id: 'k1', title: 'Add a dark theme', body: null, label, source: 'made up' }) + '\n\n';
    const { entries, errors } = readCorpus(text);
    expect(errors).toEqual([]);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.body).toBe('');
    expect(labelToReading(entries[0]!.label)).toEqual({
      kind: 'feature', outputOnly: true, user: false, outcome: false, successMeasure: false, alternatives: true,
    });
  });

  it('reports every bad line with its number and what was wrong', () => {
    const good = JSON.stringify({ id: 'k1', title: 't', body: 'b', label });
    const noLabel = JSON.stringify({ id: 'k2', title: 't', body: 'b' });
    const { entries, errors } = readCorpus([good, '{oops', noLabel].join('\n'));
    expect(entries).toHaveLength(1);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^line 2: not valid JSON/);
    expect(errors[1]).toMatch(/^line 3: label /);
  });
});
