import { fileURLToPath } from 'node:url';
import { makeTicket, type TicketInput } from '../../../src/domain/ticket.js';
import { signalAskedBy } from '../../../src/lint/judge/model-question.js';
import { judgeRequest, packQuestions } from '../../../src/lint/judge/judge-request.js';
import { analyseTicket } from '../../../src/lint/analysis.js';
import { lint } from '../../../src/lint/lint.js';
import type { RulePack } from '../../../src/lint/pack/rule-pack.js';
import { loadPack } from '../../../src/packs/load-pack.js';

const productSense = loadPack('product-sense');
const plainSpoken = loadPack(fileURLToPath(new URL('../../fixtures/packs/plain-spoken.yaml', import.meta.url)));
const teamLevels = loadPack(fileURLToPath(new URL('../../../rules/examples/team-levels.yaml', import.meta.url)));
const csvExport = (input: Partial<TicketInput> = {}) => makeTicket({ id: 'T-1', title: 'Add CSV export', description: '', ...input });
const questionsOf = (ticket: ReturnType<typeof csvExport>, pack: RulePack) => packQuestions(ticket, pack, analyseTicket(ticket, pack.vocabulary, pack.judgement));

describe('the questions the pack puts to a ticket, for the judge', () => {
  it('are the offline verdict\'s questions for a ticket that lacks every signal, by the signal each asks for', () => {
    const ticket = csvExport();
    const verdict = lint(ticket, productSense);
    const bySignal = Object.fromEntries(verdict.findings.map((f) => [signalAskedBy(productSense.rules.find((r) => r.id === f.rule)!), f.question]));
    expect(Object.keys(bySignal).sort()).toEqual(['alternatives', 'outcome', 'successMeasure', 'user']);
    expect(questionsOf(ticket, productSense)).toEqual(bySignal);
  });

  it('are worded as the team\'s pack words them, with the ticket\'s values, and leave out the signals it does not ask', () => {
    expect(questionsOf(csvExport(), plainSpoken)).toEqual({
      outcome: 'Why do we need CSV export?',
      user: 'Who is CSV export for?',
      successMeasure: 'How will we know "Add CSV export" worked?',
    });
  });

  it('follow the pack\'s `when`: a question one team is asked and another is not', () => {
    expect(questionsOf(csvExport({ team: 'PLAT' }), teamLevels)).toHaveProperty('alternatives');
    expect(questionsOf(csvExport({ team: 'CORE' }), teamLevels)).not.toHaveProperty('alternatives');
  });

  it('include a signal the offline judge found, since the judge may find it missing', () => {
    const ticket = csvExport({ description: 'Finance admins retype every invoice by hand at month end.' });
    expect(lint(ticket, productSense).findings.map((f) => f.rule)).not.toContain('missing-user');
    expect(questionsOf(ticket, productSense)).toHaveProperty('user');
  });

  it('come with the ticket and its offline analysis in one request', () => {
    const ticket = csvExport();
    const request = judgeRequest(ticket, plainSpoken);
    expect(request.ticket).toBe(ticket);
    expect(request.offline.signals.deliverable.output).toBe('CSV export');
    expect(request.packQuestions).toEqual(questionsOf(ticket, plainSpoken));
  });
});
