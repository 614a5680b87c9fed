import { fileURLToPath } from 'node:url';
import { makeTicket } from '../../../src/domain/ticket.js';
import { analyseTicket } from '../../../src/lint/analysis.js';
import { offlineReading, type JudgeReading } from '../../../src/lint/judge/judge.js';
import { locateQuote } from '../../../src/lint/judge/quote-locator.js';
import { lint } from '../../../src/lint/lint.js';
import { TicketText } from '../../../src/lint/ticket-text.js';
import { loadPack } from '../../../src/packs/load-pack.js';

const pack = loadPack('product-sense');
const ticket = makeTicket({
  id: 'T-1',
  title: 'Add CSV export',
  description: 'Finance admins retype   every invoice\nby hand at month end.',
});

function llmReading(overrides: Partial<JudgeReading> = {}): JudgeReading {
  const absent = { present: false, quotes: [], confidence: 0.9 };
  return {
    judge: 'llm', version: 'stub-model prompt-v3', fallback: null, kind: 'feature', outputOnly: false,
    signals: {
      user: { present: true, quotes: ['Finance admins'], confidence: 0.9 },
      outcome: { present: true, quotes: ['retype every invoice by hand'], confidence: 0.8 },
      successMeasure: absent,
      alternatives: absent,
    },
    questions: {},
    ...overrides,
  };
}

describe('locating a quote in the ticket', () => {
  const text = TicketText.of(ticket.title, ticket.description);

  it('finds a quote whose white space and case differ from the ticket and returns the ticket\'s own words', () => {
    const evidence = locateQuote(text, '"RETYPE every invoice by hand"');
    expect(evidence?.text).toBe('retype   every invoice\nby hand');
  });

  it('finds nothing for words the ticket does not hold, an empty quote or one longer than the limit', () => {
    expect(locateQuote(text, 'accountants lose two days')).toBeNull();
    expect(locateQuote(text, '   ')).toBeNull();
    expect(locateQuote(text, 'a'.repeat(401))).toBeNull();
  });
});

describe('linting with a judge\'s reading', () => {
  it('takes the signals of the reading, quoting the ticket\'s words, and records the model', () => {
    const verdict = lint(ticket, pack, llmReading());
    expect(verdict.analysis.signals.outcome).toMatchObject({ present: true, evidence: [{ text: 'retype   every invoice\nby hand' }] });
    expect(verdict.outputOnly).toBe(false);
    expect(verdict.analysis.judgement).toMatchObject({ judge: 'llm', version: 'stub-model prompt-v3' });
  });

  it('treats a signal whose quote the ticket does not hold as absent, so a made-up why still flags the ticket', () => {
    const reading = llmReading({ signals: { ...llmReading().signals, outcome: { present: true, quotes: ['so that month-end close takes one hour'], confidence: 0.99 } } });
    const verdict = lint(ticket, pack, reading);
    expect(verdict.analysis.signals.outcome).toEqual({ present: false, evidence: [] });
    expect(verdict.outputOnly).toBe(true);
    expect(verdict.findings.map((f) => f.evidence).flat().join(' ')).not.toMatch(/one hour/);
  });

  it('asks the judge\'s question for the ticket when it passes the checks, and the pack\'s template when it does not', () => {
    const outcome = { present: false, quotes: [], confidence: 0.9 };
    const good = 'What does the CSV export let finance admins do that they cannot do today?';
    const asked = lint(ticket, pack, llmReading({ signals: { ...llmReading().signals, outcome }, questions: { outcome: good } }));
    expect(asked.questions).toContain(good);
    const templates = lint(ticket, pack, llmReading({ signals: { ...llmReading().signals, outcome }, questions: {} })).questions;
    for (const bad of ['Why?', `What does the CSV export change${' really'.repeat(40)}?`, 'Tell us why the CSV export matters.', 'What problem does this solve for them?']) {
      const verdict = lint(ticket, pack, llmReading({ signals: { ...llmReading().signals, outcome }, questions: { outcome: bad } }));
      expect(verdict.questions).toEqual(templates);
    }
  });

  it('asks the pack\'s template instead of a question more than twice as long as the pack\'s own, under the absolute limit too', () => {
    const outcome = { present: false, quotes: [], confidence: 0.9 };
    const plainSpoken = loadPack(fileURLToPath(new URL('../../fixtures/packs/plain-spoken.yaml', import.meta.url)));
    const question = 'What does the CSV export let finance admins do that they cannot do today?';
    const reading = llmReading({ signals: { ...llmReading().signals, outcome }, questions: { outcome: question } });
    // product-sense asks "Who is exporting, and what do they do with the data once they have it?" (72 characters).
    expect(lint(ticket, pack, reading).questions).toContain(question);
    // plain-spoken asks "Why do we need CSV export?" (26): 74 characters is more than twice that.
    expect(lint(ticket, plainSpoken, reading).questions).toEqual(lint(ticket, plainSpoken, { ...reading, questions: {} }).questions);
    expect(lint(ticket, plainSpoken, reading).questions).toContain('Why do we need CSV export?');
    const short = 'Why does finance need a CSV export?';
    expect(lint(ticket, plainSpoken, { ...reading, questions: { outcome: short } }).questions).toContain(short);
  });

  it('reads as today with the offline judge\'s reading, noting a fallback when there was one', () => {
    const today = lint(ticket, pack);
    const offline = offlineReading(analyseTicket(ticket, pack.vocabulary, pack.judgement), 'llm: timeout');
    const verdict = lint(ticket, pack, offline);
    expect(verdict.findings).toEqual(today.findings);
    expect(verdict.questions).toEqual(today.questions);
    expect(verdict.analysis.judgement.fallback).toBe('llm: timeout');
  });
});
