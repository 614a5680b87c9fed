import { makeTicket } from '../../../src/domain/ticket.js';
import { check } from '../../../src/lint/kinds/bare-bug-report.js';
import { handMadeAnalysis } from './hand-made-analysis.js';

const ticket = makeTicket({ id: 't1', title: 'Invoice page is broken' });

describe('the bare-bug-report rule kind', () => {
  it('fires on a bug with no body, citing its title', () => {
    const analysis = handMadeAnalysis({ title: 'Invoice page is broken', kind: 'bug', present: ['outcome'] });
    expect(check({ ticket, analysis }, {})).toEqual([{ evidence: ['Invoice page is broken'] }]);
  });

  it('fires on a bug whose body describes no failure and no expected result', () => {
    const analysis = handMadeAnalysis({ title: 'Invoice page is broken', body: 'Please look into it asap.', kind: 'bug' });
    expect(check({ ticket, analysis }, {})).toHaveLength(1);
  });

  it('stays silent on a bug whose body describes what goes wrong', () => {
    const analysis = handMadeAnalysis({ title: 'Invoice page is broken', body: 'It shows a blank page after login.', kind: 'bug', present: ['outcome'] });
    expect(check({ ticket, analysis }, {})).toEqual([]);
  });

  it('stays silent on a bug whose body gives the expected result', () => {
    const analysis = handMadeAnalysis({ title: 'Invoice page is broken', body: 'Expected: the totals appear.', kind: 'bug', present: ['successMeasure'] });
    expect(check({ ticket, analysis }, {})).toEqual([]);
  });

  it('stays silent on a ticket that is not a bug', () => {
    const analysis = handMadeAnalysis({ title: 'Invoice page is broken', kind: 'feature' });
    expect(check({ ticket, analysis }, {})).toEqual([]);
  });
});
