import { makeTicket } from '../../../src/domain/ticket.js';
import { compilePack } from '../../../src/lint/pack/compile-pack.js';
import { parsePackYaml } from '../../../src/lint/pack/parse-pack.js';
import { templateValuesFor } from '../../../src/lint/pack/template-values.js';
import { handMadeAnalysis } from '../kinds/hand-made-analysis.js';

const pack = compilePack([{ file: 'values.yaml', pack: parsePackYaml(`
name: values
deliverables:
  - name: export
    match: [export, csv]
    who: Who is exporting {deliverable}, and what for?
    alternatives: [a dashboard, a scheduled report, an API]
  - name: map
    match: [map]
defaultAlternatives: [an existing feature, a workaround]
defaultWho: Who would use {deliverable}?
`, 'values.yaml') }]);

function valuesFor(title: string, detected: { output?: string; verb?: string } = {}) {
  const ticket = makeTicket({ id: 't1', title });
  return templateValuesFor(ticket, handMadeAnalysis({ title, kind: 'feature', ...detected }), pack);
}

describe('templateValuesFor', () => {
  it('uses the detected deliverable and verb', () => {
    expect(valuesFor('Add CSV export please', { output: 'CSV export', verb: 'add' })).toMatchObject({
      deliverable: 'CSV export', verb: 'add', title: 'Add CSV export please',
    });
  });

  it('says "this change" when no deliverable is detected, never the raw title', () => {
    expect(valuesFor('Allow bulk archive of projects.')).toMatchObject({ deliverable: 'this change', verb: 'allow' });
    expect(valuesFor('Dark mode')).toMatchObject({ deliverable: 'this change', verb: 'build' });
  });

  it('takes who and alternatives from the matching deliverable profile', () => {
    expect(valuesFor('Add CSV export', { output: 'CSV export', verb: 'add' })).toMatchObject({
      who: 'Who is exporting CSV export, and what for?',
      alternatives: 'a dashboard, a scheduled report or an API',
    });
  });

  it('uses the pack defaults when the matching profile leaves them out', () => {
    expect(valuesFor('Add a store map', { output: 'store map' })).toMatchObject({
      who: 'Who would use store map?',
      alternatives: 'an existing feature or a workaround',
    });
  });

  it('uses the pack defaults when no profile matches', () => {
    expect(valuesFor('Add dark mode', { output: 'dark mode' })).toMatchObject({
      who: 'Who would use dark mode?',
      alternatives: 'an existing feature or a workaround',
    });
  });
});
