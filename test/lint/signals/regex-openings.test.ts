import fc from 'fast-check';
import { isWordCode, symbolOf } from '../../../src/lint/signals/opening-symbols.js';
import { openingsOf, type Opening } from '../../../src/lint/signals/regex-openings.js';

const RUNS = { seed: 2_2025, numRuns: 300 };

/** Whether the text opens at `p` the way one of the openings says (the cue scan's test, written plainly). */
function opensAt(openings: readonly Opening[], text: string, p: number): boolean {
  return openings.some((o) => {
    if (o.atTextStart && p !== 0) return false;
    if (o.boundary) {
      const before = p > 0 && isWordCode(text.charCodeAt(p - 1));
      const after = p < text.length && isWordCode(text.charCodeAt(p));
      if (before === after) return false;
    }
    return o.symbols.every((mask, i) => p + i < text.length && (mask & (1 << symbolOf(text.charCodeAt(p + i)))) !== 0);
  });
}

/** Every offset where the pattern matches something (not the empty string). */
function matchOffsets(pattern: RegExp, text: string): number[] {
  const sticky = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '') + 'y');
  const offsets: number[] = [];
  for (let p = 0; p < text.length; p++) {
    sticky.lastIndex = p;
    const m = sticky.exec(text);
    if (m && m[0].length > 0) offsets.push(p);
  }
  return offsets;
}

const PATTERNS: readonly RegExp[] = [
  /\bso +that\b/,
  /\b(?:as +(?:an?|the):?\W{0,4}(?!\W{0,6}(?:user|customer)\b)[\w +-]{0,30}?\b(?:admins?|nurses?))/,
  /(?:^|[.:] |  |\n)since (?!version|v\d)/,
  /(?:,|;|—| -) so (?!that\b)[a-z]+/,
  /\b(?:(?<!description +of +(?:any +)?)alternatives?|[-–—:,] ?rejected\b|\(b\)|\bwhether\b[^.?]{3,80}?\bor\b)/,
  /^\W{0,3}(?:feat|fix)(?:\([^)]{0,30}\))?\s?:/,
  /\?\W{0,3}$/,
  /\bthe +[A-Za-z]+ +team\b/i,
  /\b(?=(?:fails?|stuck))(?<!\b(?:when|if) +(?:[\w-]+ +){0,3})(?:fails?|stuck)\b/,
  /(?:^|\s)(?:cos|ac|dod):/,
  /\b(?:x|y)*z{2,3}\b/,
  /a?b?c?/,
  /[^\S \n]+é/,
  /\bnaïve\b|\bdéjà vu\b/,
  /\b[a-z]{3,}(?:ers|ors) often\b/,
];

const FRAGMENTS = ['so', 'that', 'as', 'an', 'the', 'admin', 'admins', 'nurses', 'user', ' ', '  ', '\n', '.', ':', ',', ';', '—',
  ' -', 'since', 'version', 'alternative', 'rejected', '(b)', 'whether', 'or', 'feat', 'fix', '(x)', '?', 'Team', 'team', 'fails',
  'stuck', 'when', 'if', 'cos', 'ac', 'dod', 'x', 'y', 'z', 'zz', 'a', 'b', 'c', '\t', 'é', 'naïve', 'déjà vu', 'also', 'ers',
  'often', 'teachers', '🚀', 'ǂ', '_', 'İ'];

describe('openingsOf', () => {
  it.each(PATTERNS.map((p) => [p.source, p] as const))('opens wherever %s matches', (_source, pattern) => {
    const openings = openingsOf(pattern.source, pattern.flags);
    expect(openings).not.toBeNull();
    const text = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(fc.property(text, (t) => {
      for (const p of matchOffsets(pattern, t)) expect([t, p, opensAt(openings!, t, p)]).toEqual([t, p, true]);
    }), RUNS);
  });

  it('reads a `\\b` cue as opening only at a word start, with its first characters', () => {
    const openings = openingsOf(String.raw`\bso +that\b`)!;
    expect(openings).toHaveLength(1);
    expect(openings[0]!.boundary).toBe(true);
    expect(openingsOf(String.raw`\bso +that\b`, '', 2)![0]!.symbols).toEqual([1 << symbolOf(115), 1 << symbolOf(111)]);
    expect(opensAt(openings, 'also that', 2)).toBe(false);
    expect(opensAt(openings, 'al so that', 3)).toBe(true);
    expect(opensAt(openings, 'so\nthat', 0)).toBe(false);
  });

  it('keeps a leading `^` as an opening at the start of the text only', () => {
    const openings = openingsOf(String.raw`(?:^|\n)since`)!;
    expect(openings.filter((o) => o.atTextStart)).toHaveLength(1);
    expect(opensAt(openings, 'since x', 0)).toBe(true);
    expect(opensAt(openings, 'a since', 2)).toBe(false);
    expect(opensAt(openings, 'a\nsince', 1)).toBe(true);
  });

  it('counts a character beyond ASCII, a line break or an upper-case letter (with the i flag) as what it can be', () => {
    expect(opensAt(openingsOf('—x')!, 'a—x', 1)).toBe(true);
    expect(opensAt(openingsOf('\\nx')!, 'a\nx', 1)).toBe(true);
    expect(opensAt(openingsOf('\\nx')!, 'a x', 1)).toBe(false);
    expect(opensAt(openingsOf('ABC', 'i')!, 'abc', 0)).toBe(true);
  });

  it('ignores what only narrows a match: look-arounds, `$` and `\\B`', () => {
    const openings = openingsOf(String.raw`(?<=x)(?=ab)\Bab$`)!;
    expect(opensAt(openings, 'xab', 1)).toBe(true);
  });

  it('lets any character open a pattern it cannot follow from the first character (a back-reference)', () => {
    const openings = openingsOf(String.raw`\1a|(b)`)!;
    expect(opensAt(openings, 'zzz', 1)).toBe(true);
  });

  it('skips what can only match the empty string', () => {
    expect(openingsOf(String.raw`(?:)|\b`)).toEqual([]);
  });

  it('gives up on flags that change the meaning of the syntax, and on syntax errors', () => {
    for (const flags of ['m', 's', 'u', 'v']) expect(openingsOf('a', flags)).toBeNull();
    for (const source of ['(a', 'a)', '*a', '[a', '(?x)', 'a\\']) expect(openingsOf(source)).toBeNull();
  });

  it('settles for shorter openings when a pattern has too many', () => {
    const letters = '[a-z]';
    const many = `(?:${letters}|\\d|\\s|-)(?:${Array.from({ length: 26 }, (_, i) => String.fromCharCode(97 + i)).join('|')})`.repeat(4);
    const openings = openingsOf(many, '', 5);
    expect(openings).not.toBeNull();
    expect(opensAt(openings!, 'aaaaaaaa', 0)).toBe(true);
  });
});
