import { readFileSync } from 'node:fs';
import { corpusReadings, READINGS_FILE } from '../../src/training/corpus-readings.js';

const root = new URL('../..', import.meta.url).pathname;

describe('the readings of the committed corpus', () => {
  it('are the accepted ones: a change that reads any ticket differently must be accepted with npm run accept-readings', () => {
    const accepted = readFileSync(root + READINGS_FILE, 'utf8').split('\n').filter(Boolean);
    const now = corpusReadings(root + 'corpus/tickets.jsonl').split('\n').filter(Boolean);
    const changed = now.filter((line, i) => line !== accepted[i]);
    expect(changed.slice(0, 20)).toEqual([]);
    expect(now).toHaveLength(accepted.length);
  }, 120_000);
});
