import { formatTally, formatVerdictText, oneLine, quoteEvidence } from '../../src/cli/verdict-text.js';
import { NO_PAINT, paintFor } from '../../src/cli/text-style.js';
import { TicketText } from '../../src/lint/ticket-text.js';
import type { Analysis } from '../../src/lint/analysis.js';
import type { Signal } from '../../src/lint/signal.js';
import type { Verdict } from '../../src/lint/verdict.js';
import { PassThrough } from 'node:stream';

const absent: Signal = { present: false, evidence: [] };
const said = (...texts: string[]): Signal => ({ present: true, evidence: texts.map((text) => ({ text, start: 0, end: text.length })) });

function verdictFor(title: string, over: Partial<Verdict> = {}, signals: Partial<Analysis['signals']> = {}): Verdict {
  const analysis: Analysis = {
    text: TicketText.of(title, ''),
    language: { language: 'en', englishWords: 0, otherWords: 0 },
    kind: 'feature',
    kindEvidence: [],
    judgement: { judge: 'cues', version: null, probabilities: null },
    signals: {
      deliverable: { ...said(title), output: title, verb: null },
      user: absent, outcome: absent, successMeasure: absent, alternatives: absent,
      ...signals,
    },
    outputOnly: true,
  };
  return { id: 'T-1', analysis, outputOnly: true, exemptBecause: null, notJudged: null, findings: [], questions: [], ...over };
}

describe('formatVerdictText', () => {
  it('heads an output-only verdict with the id and title, then its signals, findings and questions', () => {
    const verdict = verdictFor('Add a kiosk mode', {
      findings: [{ rule: 'outcome-required', level: 'error', message: 'Says what, not why.', question: null, evidence: [] }],
      questions: ['Who needs a kiosk mode, and what goes wrong for them today?'],
    });
    const lines = formatVerdictText(verdict, NO_PAINT).split('\n');
    expect(lines[0]).toBe('✗ output-only  T-1  Add a kiosk mode');
    expect(lines[1]).toMatch(/^ {4}✓ deliverable +"Add a kiosk mode"$/);
    expect(lines[2]).toBe('    ✗ user · outcome · success measure · alternatives');
    expect(lines[3]).toBe('    error  Says what, not why.  outcome-required');
    expect(lines[4]).toBe('    ? Who needs a kiosk mode, and what goes wrong for them today?');
  });

  it('marks a good ticket ok and quotes the words that carry each signal found', () => {
    const verdict = verdictFor('Add a kiosk mode', { outputOnly: false }, { user: said('front desk staff'), outcome: said('queue out the door') });
    const text = formatVerdictText(verdict, NO_PAINT);
    expect(text.split('\n')[0]).toBe('✓ ok  T-1  Add a kiosk mode');
    expect(text).toMatch(/✓ user +"front desk staff"/);
    expect(text).toMatch(/✓ outcome +"queue out the door"/);
    expect(text).toContain('✗ success measure · alternatives');
  });

  it('says why an exempt ticket was skipped and shows nothing else', () => {
    const text = formatVerdictText(verdictFor('Add a kiosk mode', { outputOnly: false, exemptBecause: 'label "spike"' }), NO_PAINT);
    expect(text).toBe('– exempt  T-1  Add a kiosk mode  (label "spike")\n    would comment: no');
  });
});

describe('quoteEvidence', () => {
  it('quotes at most three distinct pieces on one line each and counts the rest', () => {
    expect(quoteEvidence(['a\nb', 'a b', 'c', 'd', 'e'])).toBe('"a b", "c", "d" +1 more');
  });

  it('cuts a long quote short with an ellipsis', () => {
    expect(oneLine('x'.repeat(100), 10)).toBe('x'.repeat(9) + '…');
  });
});

describe('formatTally', () => {
  it('sums up tickets, output-only ones, error findings and malformed records', () => {
    expect(formatTally({ tickets: 3, outputOnly: 1, exempt: 0, needsContext: 0, wouldComment: 1, malformed: 1 }, NO_PAINT))
      .toBe('3 tickets: 1 output-only, 2 ok; the bot would comment on 1, 1 malformed record');
  });
});

describe('paintFor', () => {
  const tty = (): PassThrough => Object.assign(new PassThrough(), { isTTY: true });

  it('colours only a TTY', () => {
    expect(paintFor(tty(), {})('red', 'x')).toBe('\u001b[31mx\u001b[39m');
    expect(paintFor(new PassThrough(), {})('red', 'x')).toBe('x');
  });

  it('does not colour when NO_COLOR is set, but does when it is empty', () => {
    expect(paintFor(tty(), { NO_COLOR: '1' })('red', 'x')).toBe('x');
    expect(paintFor(tty(), { NO_COLOR: '' })('red', 'x')).not.toBe('x');
  });
});
