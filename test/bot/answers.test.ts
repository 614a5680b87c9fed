import { askedQuestions, readAnswers, type Reply } from '../../src/bot/answers.js';
import { questionItems } from '../../src/bot/comment-topics.js';
import type { JudgeReading, ReplyReading } from '../../src/lint/judge/judge.js';
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

describe('readAnswers with the language model reading the replies', () => {
  const absent = { present: false, quotes: [], confidence: 0.9 };
  const modelReading: JudgeReading = {
    judge: 'llm', version: 'stub-mini prompt-v3', fallback: null, kind: 'feature', outputOnly: true,
    signals: { user: absent, outcome: absent, successMeasure: absent, alternatives: absent }, questions: {},
  };
  const HANNAH = 'Hannah in payroll pastes the totals into the bank portal every Friday. Nobody else touches it.';
  const replies = [reply('c-1', 'Priya Raman', 'Let me check.'), reply('c-2', 'Tom Berg', HANNAH)];
  const byModel = (answers: ReplyReading['answers']): ReplyReading => ({ judge: 'llm', version: 'stub-mini prompt-v3', fallback: null, answers });

  it('ticks the question whose answer the model quoted from a reply, with the sentence and who wrote it', () => {
    expect(readAnswers(ticket, replies, strict, modelReading).answers.size).toBe(0);
    const sheet = readAnswers(ticket, replies, strict, modelReading, byModel({
      user: { reply: 1, quote: 'Hannah in payroll', confidence: 0.8 },
      outcome: { reply: 1, quote: 'pastes the totals into the bank portal every Friday', confidence: 0.7 },
    }));
    const who = questionItems(sheet.asked.findings, strict).find((item) => item.label === 'Who and why')!.question;
    expect(sheet.answers.get(who)).toEqual({ quote: 'Hannah in payroll pastes the totals into the bank portal every Friday.', by: 'Tom Berg', commentId: 'c-2' });
    expect(sheet.answers.size).toBe(1);
    expect(sheet.replyReading?.judge).toBe('llm');
  });

  it('leaves a question open while the model finds only one of the topics it asks about answered', () => {
    const sheet = readAnswers(ticket, replies, strict, modelReading, byModel({ user: { reply: 1, quote: 'Hannah in payroll', confidence: 0.8 } }));
    expect(sheet.answers.size).toBe(0);
  });

  it('is done once the model finds every warn and error question answered', () => {
    const sheet = readAnswers(ticket, replies, strict, modelReading, byModel({
      user: { reply: 1, quote: 'Hannah in payroll', confidence: 0.8 },
      outcome: { reply: 1, quote: 'pastes the totals into the bank portal every Friday', confidence: 0.8 },
      successMeasure: { reply: 1, quote: 'Nobody else touches it', confidence: 0.6 },
    }));
    expect(sheet.done).toBe(true);
  });

  it('reads the replies offline when the model fell back, as the cue engine would', () => {
    const offline = readAnswers(ticket, [reply('c-1', 'Priya Raman', WHO_AND_WHY)], strict, modelReading);
    const fellBack = readAnswers(ticket, [reply('c-1', 'Priya Raman', WHO_AND_WHY)], strict, modelReading, { judge: 'offline', version: null, fallback: 'llm: timeout', answers: {} });
    expect(fellBack.answers).toEqual(offline.answers);
    expect(fellBack.answers.size).toBeGreaterThan(0);
  });

  it('asks a judge of replies one question per signal, in the comment\'s words', () => {
    const asked = askedQuestions(readAnswers(ticket, [], strict, modelReading).asked, strict);
    expect(asked.map((q) => q.signal)).toEqual(expect.arrayContaining(['user', 'outcome', 'successMeasure']));
    expect(new Set(asked.map((q) => q.signal)).size).toBe(asked.length);
  });
});
