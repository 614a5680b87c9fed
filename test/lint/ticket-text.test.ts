import fc from 'fast-check';
import { TicketText, countSpaceSeparated, isWhiteSpace } from '../../src/lint/ticket-text.js';

describe('isWhiteSpace', () => {
  it('agrees with \\s on every UTF-16 code unit', () => {
    const disagree: number[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (isWhiteSpace(code) !== /\s/.test(String.fromCharCode(code))) disagree.push(code);
    }
    expect(disagree).toEqual([]);
  });
});

describe('countSpaceSeparated', () => {
  it('counts what splitting on single spaces and dropping empty pieces counts', () => {
    for (const s of ['', ' ', 'a', '  a  b ', 'a\tb c', 'we run\nit', '🚀 x', ' ǂǂ  y']) {
      expect([s, countSpaceSeparated(s)]).toEqual([s, s.split(' ').filter(Boolean).length]);
    }
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(' ', 'a', '\n', '\t', 'é', '\u3000'), maxLength: 40 }), (s) => {
      expect(countSpaceSeparated(s)).toBe(s.split(' ').filter(Boolean).length);
    }), { seed: 5_2025, numRuns: 300 });
  });
});

describe('TicketText', () => {
  it('blanks code, links and issue-template placeholders out of the lower-cased text, keeping its length', () => {
    const cases = [
      'Run `npm test` first',
      'See https://example.com/a?b=c for more',
      'Trace:\n```\nTypeError at x\n```\nthen',
      'Log {code}as a user{code} done',
      'Log {noformat}so that{noformat} done',
      'A clear and concise description of what the bug is. Then more',
      "Ex. I'm always frustrated when [...] and more",
      'Add any other context or screenshots about the request here. Then more',
    ];
    for (const body of cases) {
      const text = TicketText.of('Title', body);
      expect(text.lower).toHaveLength(text.full.length);
      expect(text.lower).not.toEqual(text.full.toLowerCase());
    }
    expect(TicketText.of('T', 'Plain words, nothing hidden').lower).toBe('t\n\nplain words, nothing hidden');
  });

  it('fills a long run of spaces past three with a character that is neither a word nor a space', () => {
    expect(TicketText.of('T', 'a      b').lower).toBe('t\n\na   \u01c2\u01c2\u01c2b');
    expect(TicketText.of('T', 'a   b').lower).toBe('t\n\na   b');
  });

  it('finds the segment holding an offset, and none in the gaps between segments', () => {
    const text = TicketText.of('Add export', 'First one. Second one!\n\nThird   here');
    const segments = text.segments.map((s) => s.text);
    expect(segments).toEqual(['Add export', 'First one.', 'Second one!', 'Third', 'here']);
    for (let offset = 0; offset <= text.full.length; offset++) {
      const plain = text.segments.find((s) => s.start <= offset && offset < s.end);
      expect([offset, text.segmentAt(offset)]).toEqual([offset, plain]);
    }
    expect(text.segmentAt(text.full.indexOf('\n'))).toBeUndefined();
  });
});

describe('TicketText segments on hostile text', () => {
  it('splits long runs of sentence punctuation, spaces and line breaks in time linear in their length', () => {
    // 20,000 dots took 3 s when each start of the run scanned the rest of it; linear, it is about a millisecond.
    for (const run of ['.', '!?', '. ', '\t', '  - ', '\n']) {
      const started = performance.now();
      const segments = TicketText.of('x', run.repeat(100_000)).segments;
      expect(performance.now() - started).toBeLessThan(500);
      expect(segments.length).toBeGreaterThan(0);
    }
  });
});
