import { makeTicket, type TicketInput } from '../../../src/domain/ticket.js';
import { lint } from '../../../src/lint/lint.js';
import type { RulePack } from '../../../src/lint/pack/rule-pack.js';
import { verdictToJson } from '../../../src/lint/verdict.js';
import { loadPack } from '../../../src/packs/load-pack.js';
import { shippedJudgement } from '../../../src/packs/shipped-judgement.js';

const bundled = loadPack('product-sense', { learnedJudgement: false });
const learned: RulePack = { ...bundled, judgement: { engine: 'learned', strictness: null, model: shippedJudgement() } };
const read = (input: Omit<TicketInput, 'id'>, pack: RulePack = learned) => lint(makeTicket({ id: 't', ...input }), pack);

/** Clearly motivated tickets the cue engine flagged (issue 15): each states a pain. */
const MOTIVATED: [string, string][] = [
  ['Add SSO via Okta', "Our enterprise customers (e.g. Acme, 2,000 seats) can't roll us out without SSO; security reviews block the deal. Two deals stalled last quarter."],
  ['Show last-sync time on the dashboard', 'Support gets ~30 tickets a week from admins asking whether the integration is still syncing. If they could see when it last synced, most of those would go away.'],
  ['Audit log retention setting', 'Healthcare customers must keep logs for 6 years under HIPAA; today we delete after 1 year. This is blocking the Medibank renewal in March.'],
  ['Warn customers before they hit their usage limit', 'Customers on the usage plan get surprised by overage charges at month end and open angry tickets; support handled 40 of these last month.'],
];

describe('the learned judgement (the shipped model)', () => {
  it('flags "Add CSV export" offline, and records which judgement decided, its version and its probabilities', () => {
    const verdict = read({ title: 'Add CSV export' });
    expect(verdict.outputOnly).toBe(true);
    expect(verdict.analysis.kind).toBe('feature');
    const note = verdict.analysis.judgement;
    expect(note).toMatchObject({ judge: 'learned', version: shippedJudgement().version });
    expect(note.probabilities!.outputOnly).toBeGreaterThanOrEqual(shippedJudgement().thresholds.outputOnly);
    expect(verdictToJson(verdict).judgement).toMatchObject({ judge: 'learned', version: shippedJudgement().version });
  });

  it.each(MOTIVATED)('leaves the motivated ticket "%s" unflagged', (title, description) => {
    expect(read({ title, description }).outputOnly).toBe(false);
  });

  it('takes a Bug from the tracker as the last word, and a Jira Task as no verdict at all', () => {
    expect(read({ title: 'Add CSV export', kind: 'bug' })).toMatchObject({ outputOnly: false, analysis: { kind: 'bug' } });
    expect(read({ title: 'Add CSV export', kind: 'task' }).outputOnly).toBe(true);
  });

  it('takes a Feature from the tracker as a feature, so a story without a why is flagged', () => {
    const verdict = read({ title: 'Slack notification when a deploy finishes', description: 'We should post a message to a channel after every deploy.', kind: 'feature' });
    expect(verdict).toMatchObject({ outputOnly: true, analysis: { kind: 'feature' } });
  });

  it("reads a Feature's sentences as a feature's: a \"should\" is no bug report's expected result, so no success measure", () => {
    const timeout = { title: 'Configurable session timeout', description: 'Admins should be able to set the session timeout. It should default to 30 minutes.' };
    expect(read({ ...timeout, kind: 'feature' }).analysis.signals.successMeasure.present).toBe(false);
    // Without the tracker's word the cue engine reads it as a bug report, whose "should" is the expected result.
    expect(read(timeout).analysis.signals.successMeasure.present).toBe(true);
  });

  it('never flags a ticket in which the cue engine finds an outcome', () => {
    const verdict = read({ title: 'Add CSV export', description: 'Security reviews block the deal.' });
    expect(verdict.outputOnly).toBe(false);
    expect(verdict.analysis.signals.outcome.present).toBe(true);
  });

  it("flags fewer tickets as the pack's strictness rises", () => {
    const strictest: RulePack = { ...learned, judgement: { ...learned.judgement, strictness: 0.999 } };
    expect(read({ title: 'Add CSV export' }, strictest).outputOnly).toBe(false);
  });

  it('quotes words of the ticket for every signal it finds', () => {
    const description = [
      'As a finance admin I reconcile 400 invoices by hand each month, which takes two days.',
      'Done when month-end close takes under half a day.',
      'We considered a Xero integration, but it is a quarter of work.',
    ].join(' ');
    const verdict = read({ title: 'Export invoices to CSV', description });
    const text = `Export invoices to CSV\n\n${description}`;
    for (const name of ['user', 'outcome', 'successMeasure', 'alternatives'] as const) {
      const signal = verdict.analysis.signals[name];
      for (const e of signal.evidence) expect(text).toContain(e.text);
      if (signal.present) expect(signal.evidence.length).toBeGreaterThan(0);
    }
    expect(verdict.analysis.signals.outcome.present).toBe(true);
  });

  it('reads with the cue engine alone when the pack says so', () => {
    const cues: RulePack = { ...bundled, judgement: { engine: 'cues', strictness: null, model: null } };
    expect(read({ title: 'Add CSV export' }, cues).analysis.judgement).toEqual({ judge: 'cues', version: null, probabilities: null });
  });
});
