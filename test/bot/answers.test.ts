import { readAnswers, type Reply } from '../../src/bot/answers.js';
import { makeTicket } from '../../src/domain/ticket.js';
import { loadPack } from '../../src/packs/load-pack.js';

const strict = loadPack('strict');
const ticket = makeTicket({ id: 't-1', title: 'Add CSV export', kind: 'feature' });
const reply = (id: string, name: string, body: string): Reply => ({ id, author: { id: name, name, isBot: false }, body });
const WHO_AND_WHY = 'Our accountants retype every invoice into the ledger by hand at month end, which takes them two days.';
const MEASURE = 'Success: the month-end close takes under half a day.';

describe('readAnswers', () => {
  it('asks the ticket its questions and answers none of them without replies', () => {
    const sheet = readAnswers(ticket, [], strict);
    expect(sheet.asked.questions.length).toBeGreaterThan(1);
    expect(sheet.answers.size).toBe(0);
    expect(sheet.done).toBe(false);
  });

  it('answers the question whose signal a reply supplies, quoting the sentence and naming who wrote it', () => {
    const sheet = readAnswers(ticket, [reply('c-1', 'Priya Raman', WHO_AND_WHY)], strict);
    const who = sheet.asked.questions[0]!;
    expect(sheet.answers.get(who)).toEqual({ quote: WHO_AND_WHY, by: 'Priya Raman', commentId: 'c-1' });
    expect(sheet.done).toBe(false);
  });

  it('is done once the replies answer every warn and error question, each answer from its own reply', () => {
    const sheet = readAnswers(ticket, [reply('c-1', 'Priya Raman', WHO_AND_WHY), reply('c-2', 'Tom Berg', MEASURE)], strict);
    expect(sheet.done).toBe(true);
    expect([...sheet.answers.values()].map((a) => a.by)).toEqual(expect.arrayContaining(['Priya Raman', 'Tom Berg']));
    expect([...sheet.answers.values()].find((a) => a.by === 'Tom Berg')?.quote).toBe(MEASURE);
  });

  it('answers nothing for a reply that says nothing about the questions', () => {
    const sheet = readAnswers(ticket, [reply('c-1', 'Priya Raman', 'Sounds good, thanks!')], strict);
    expect(sheet.answers.size).toBe(0);
    expect(sheet.done).toBe(false);
  });

  it('quotes the whole sentence of the reply that holds the evidence, not only the clause a cue matched', () => {
    const measure = 'Success: the month-end close takes under half a day, measured on the next two closes.';
    const sheet = readAnswers(ticket, [reply('c-1', 'Priya Raman', WHO_AND_WHY), reply('c-2', 'Tom Berg', `We agreed. ${measure} Anything else?`)], strict);
    expect([...sheet.answers.values()].find((a) => a.by === 'Tom Berg')?.quote).toBe(measure);
  });

  it('keeps reading a feature as a feature when a reply talks about errors', () => {
    const unknownKind = makeTicket({ id: 't-2', title: 'Add CSV export' });
    const sheet = readAnswers(unknownKind, [reply('c-1', 'Priya Raman', 'It crashes and throws an error when I click it.')], strict);
    expect(sheet.combined.analysis.kind).toBe(sheet.asked.analysis.kind);
    expect(sheet.done).toBe(false);
  });
});
