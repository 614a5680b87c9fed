import { makeTicket } from '../../../src/domain/ticket.js';
import { check, meta } from '../../../src/lint/kinds/output-only.js';
import { handMadeAnalysis } from './hand-made-analysis.js';

const ticket = makeTicket({ id: 't1', title: 'Add CSV export' });

describe('the output-only rule kind', () => {
  it('reports the deliverable words when the analysis reads the ticket as output-only', () => {
    const analysis = handMadeAnalysis({ title: 'Add CSV export', kind: 'feature', outputOnly: true, deliverableWords: ['Add CSV export'] });
    expect(check({ ticket, analysis }, {})).toEqual([{ evidence: ['Add CSV export'] }]);
  });

  it('stays silent when the analysis does not read the ticket as output-only', () => {
    const analysis = handMadeAnalysis({ title: 'Add CSV export', kind: 'feature', outputOnly: false, present: ['outcome'] });
    expect(check({ ticket, analysis }, {})).toEqual([]);
  });

  it('takes no options', () => {
    expect(meta.optionsSchema.safeParse({ signal: 'user' }).success).toBe(false);
  });
});
