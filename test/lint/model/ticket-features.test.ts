import fc from 'fast-check';
import { makeTicket } from '../../../src/domain/ticket.js';
import { analyseTicket } from '../../../src/lint/analysis.js';
import { ticketFeatures, words } from '../../../src/lint/model/ticket-features.js';
import { EMPTY_VOCABULARY } from '../../../src/lint/vocabulary.js';

function featuresOf(title: string, body = '', labels: string[] = [], kind: 'bug' | 'unknown' = 'unknown'): string[] {
  const analysis = analyseTicket(makeTicket({ id: 't', title, description: body, labels }), EMPTY_VOCABULARY);
  return ticketFeatures(analysis.text, analysis, { labels, kind });
}

describe('the learned judgement reads named features', () => {
  it('names title words, title pairs and the title\'s first word apart from the words of the whole ticket', () => {
    const f = featuresOf('Add CSV export', 'Finance needs it.');
    expect(f).toEqual(expect.arrayContaining(['t:add', 't:csv_export', 't0:add', 'add', 'finance', 'needs_it']));
    expect(f).not.toContain('t:finance');
  });

  it('skips a bracketed tag when it names the first word of the title', () => {
    expect(featuresOf('[Feature] Dark mode')).toContain('t0:dark');
  });

  it('does not pair the last title word with the first body word', () => {
    expect(featuresOf('Add export', 'Customers ask')).not.toContain('export_customers');
  });

  it('carries what the cue engine read, as inputs', () => {
    const f = featuresOf('Add CSV export');
    expect(f).toEqual(expect.arrayContaining(['cue:kind=feature', 'cue:deliverable', 'cue:outputOnly']));
    expect(featuresOf('Add CSV export', 'Finance admins reconcile invoices by hand every month, which takes two days.')).toContain('cue:outcome');
  });

  it('reads the ticket\'s shape: an empty body, a stack trace, a checklist, a question title', () => {
    expect(featuresOf('Crash')).toContain('shape:body-words-0');
    expect(featuresOf('Crash', 'java.lang.NullPointerException: x\n  at com.acme.Foo.bar(Foo.java:12)')).toContain('shape:stack-trace');
    expect(featuresOf('Release', '- [ ] tag\n- [x] notes')).toContain('shape:checklist');
    expect(featuresOf('How do I configure a proxy?')).toContain('shape:title-question');
  });

  it('folds tracker labels and type to a few names, and ignores the rest', () => {
    const f = featuresOf('Login fails', '', ['Type: Bug', 'good first issue', 'enhancement'], 'bug');
    expect(f).toEqual(expect.arrayContaining(['label:bug', 'label:feature', 'type:bug']));
    expect(f.filter((x) => x.startsWith('label:'))).toHaveLength(2);
  });

  it('turns long numbers into one token, so ids and figures do not each become a feature', () => {
    expect(words('Issue 12345 takes 40 s')).toEqual(['issue', '#num', 'takes', '40', 's']);
  });

  it('reads 100,000 repeats of any character, or a random mix, in bounded time', () => {
    // The ticket's text is hostile until measured (STYLE.md): every pattern here is linear in its input.
    featuresOf('Warm up', 'the cue engine compiles its patterns on first use.');
    for (const ch of ['\t', ' ', '\n', '[', '(', '#', '|', '`', '*', 'a', '1', "'", '-', '.', 'at ', 'Error: ', 'é']) {
      const started = performance.now();
      featuresOf('x', ch.repeat(100_000));
      expect(performance.now() - started).toBeLessThan(1000);
    }
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '\n', '#', '-', '[', ']', '(', ')', 'at ', 'Error', ':', '1', "'"), maxLength: 20_000 }), (body) => {
        const started = performance.now();
        featuresOf('t', body);
        return performance.now() - started < 1000;
      }),
      { numRuns: 30 },
    );
  });
});
