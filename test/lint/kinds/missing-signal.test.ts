import { makeTicket } from '../../../src/domain/ticket.js';
import { check, meta } from '../../../src/lint/kinds/missing-signal.js';
import { handMadeAnalysis } from './hand-made-analysis.js';

const ticket = makeTicket({ id: 't1', title: 'Add a usage dashboard' });

describe('the missing-signal rule kind', () => {
  it('fires on a feature that lacks the signal, citing the deliverable words', () => {
    const analysis = handMadeAnalysis({ title: 'Add a usage dashboard', kind: 'feature', present: ['outcome'], deliverableWords: ['usage dashboard'] });
    expect(check({ ticket, analysis }, { signal: 'user' })).toEqual([{ evidence: ['usage dashboard'] }]);
  });

  it('stays silent when the feature carries the signal', () => {
    const analysis = handMadeAnalysis({ title: 'Add a usage dashboard', kind: 'feature', present: ['successMeasure'] });
    expect(check({ ticket, analysis }, { signal: 'successMeasure' })).toEqual([]);
  });

  it.each(['task', 'bug', 'other'] as const)('stays silent on a ticket read as a %s', (kind) => {
    const analysis = handMadeAnalysis({ title: 'Add a usage dashboard', kind });
    expect(check({ ticket, analysis }, { signal: 'alternatives' })).toEqual([]);
  });

  it('accepts only the signals a feature may leave out', () => {
    expect(meta.optionsSchema.safeParse({ signal: 'outcome' }).success).toBe(true);
    expect(meta.optionsSchema.safeParse({ signal: 'deliverable' }).success).toBe(false);
    expect(meta.optionsSchema.safeParse({}).success).toBe(false);
  });
});
