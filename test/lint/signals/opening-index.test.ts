import fc from 'fast-check';
import { findCues, type Cue } from '../../../src/lint/signals/cue.js';
import { MEMBER_SLOTS, OpeningRegistry } from '../../../src/lint/signals/opening-index.js';
import { openingsOf } from '../../../src/lint/signals/regex-openings.js';
import { TicketText } from '../../../src/lint/ticket-text.js';

const RUNS = { seed: 3_2025, numRuns: 200 };

function registryWith(...patterns: string[]): { registry: OpeningRegistry; id: number } {
  const registry = new OpeningRegistry();
  const group = registry.addGroup(patterns.map((p) => openingsOf(p, '', 5)!));
  return { registry, id: group.id };
}

/** The (position, member) pairs a reading lists for one group. */
function candidates(registry: OpeningRegistry, id: number, text: string): [number, number][] {
  return registry.read(text).listOf(id).map((c) => [Math.floor(c / MEMBER_SLOTS), c % MEMBER_SLOTS]);
}

describe('OpeningRegistry', () => {
  it('lists the positions where a member may open, by position and then member, as UTF-16 offsets', () => {
    const { registry, id } = registryWith(String.raw`\bso +that\b`, String.raw`\b(?:so|as) +\w+`);
    expect(candidates(registry, id, 'so that, also 🚀 as that')).toEqual([[0, 0], [0, 1], [17, 1]]);
  });

  it('tells a word start from the middle of a word and reads across line breaks', () => {
    const { registry, id } = registryWith(String.raw`\bcat`, String.raw`\nsince`);
    expect(candidates(registry, id, 'cat\nsince\nconcat catalog')).toEqual([[0, 0], [3, 1], [17, 0]]);
  });

  it('looks at the 4th and 5th characters too: "the " does not open "theme"', () => {
    const { registry, id } = registryWith(String.raw`\btheme +dev`);
    expect(candidates(registry, id, 'the theme devs, them, theme')).toEqual([[4, 0], [22, 0]]);
  });

  it('finds a pattern shorter than the key at the very end of the text', () => {
    const { registry, id } = registryWith(String.raw`\bci\b`, String.raw`\?$`);
    expect(candidates(registry, id, 'ci')).toEqual([[0, 0]]);
    expect(candidates(registry, id, 'why?')).toEqual([[3, 1]]);
    expect(candidates(registry, id, '')).toEqual([]);
  });

  it('counts every character beyond ASCII as one symbol, so accented and other-script words still open', () => {
    const { registry, id } = registryWith('\\bdéjà', '数据');
    // All four CJK characters look alike to the index; the pattern itself then tells them apart.
    expect(candidates(registry, id, 'un déjà-vu, 数据导出')).toEqual([[3, 0], [12, 1], [13, 1], [14, 1], [15, 1]]);
    expect(candidates(registry, id, 'un deja-vu')).toEqual([]);
  });

  it('grows its lists for a long text, and a new reading leaves nothing of the last one', () => {
    const { registry, id } = registryWith(String.raw`\bso +that\b`, String.raw`\bfix`);
    const long = 'so that '.repeat(300);
    expect(candidates(registry, id, long)).toEqual(Array.from({ length: 300 }, (_, i) => [i * 8, 0]));
    expect(candidates(registry, id, 'fix it')).toEqual([[0, 1]]);
    expect(candidates(registry, id, 'nothing here')).toEqual([]);
    expect(candidates(registry, id, long)).toHaveLength(300);
  });

  it('keeps each group apart and reports leading `^` members separately', () => {
    const registry = new OpeningRegistry();
    const a = registry.addGroup([openingsOf('\\bfix', '', 5)!]);
    const b = registry.addGroup([openingsOf('^fix', '', 5)!, openingsOf('\\bfix', '', 5)!]);
    expect(a.id).not.toBe(b.id);
    expect(b.atTextStart).toEqual([0]);
    expect(registry.version).toBe(2);
    const read = registry.read('fix it, fix');
    expect(read.listOf(a.id)).toEqual([0, 8 * MEMBER_SLOTS]);
    expect(read.listOf(b.id)).toEqual([1, 8 * MEMBER_SLOTS + 1]);
  });
});

/**
 * What findCues promises, done the slow way: every cue tried at every offset of its part of the
 * text, non-overlapping, at most `perCue` each; hits by group (both, title, body), then by offset, then by cue.
 */
function findCuesPlainly(text: TicketText, cues: readonly Cue[], perCue: number): { id: string; start: number; end: number }[] {
  return (([undefined, 'title', 'body'] as const)).flatMap((where) => {
    const haystack = where === 'title' ? text.lowerTitle : text.lower;
    const from = where === 'body' ? text.titleEnd : 0;
    const hits = cues.filter((c) => c.where === where).flatMap((cue, member) => {
      const sticky = new RegExp(cue.pattern.source.replace(/ (?![+*?{])/g, ' +'), cue.pattern.flags.replace(/[gy]/g, '') + 'y');
      const own: { id: string; start: number; end: number; member: number }[] = [];
      for (let at = from; at < haystack.length && own.length < perCue; at++) {
        sticky.lastIndex = at;
        const hit = sticky.exec(haystack);
        if (!hit || hit[0].length === 0) continue;
        own.push({ id: cue.id, start: at, end: at + hit[0].length, member });
        at += hit[0].length - 1;
      }
      return own;
    });
    return hits.sort((a, b) => a.start - b.start || a.member - b.member).map(({ id, start, end }) => ({ id, start, end }));
  });
}

const CUES: readonly Cue[] = [
  { id: 'purpose', pattern: /\bso that\b|\bin order (?:to|for)\b/, weight: 1 },
  { id: 'persona', pattern: /\b(?:our|the|my) (?:[\w-]+ )?(?:admins?|nurses?|teachers?)\b(?! (?:page|view)\b)/, weight: 1 },
  { id: 'since', pattern: /(?:^|[.:] |  |\n)since (?!version)/, weight: 1 },
  { id: 'consequence', pattern: /(?:,|;|—| -) so (?!that\b)[a-z]+/, weight: 1 },
  { id: 'named-team', pattern: /\bthe [A-Za-z]+ team\b/i, weight: 1 },
  { id: 'question', pattern: /\?\W{0,3}$/, weight: 1, where: 'title' },
  { id: 'prefix', pattern: /^\W{0,3}(?:feat|fix)\s?:/, weight: 1, where: 'title' },
  { id: 'habit', pattern: /\b(?:complain|ask)\b(?<=\b[a-z]{3,}(?:ers|ors) (?:often )?(?:complain|ask))/, weight: 1, where: 'body' },
  { id: 'by-hand', pattern: /\b(?:by hand|manually)\b/, weight: 1, where: 'body' },
];

const WORDS = ['so', 'that', 'in', 'order', 'to', 'our', 'the', 'my', 'new', 'admins', 'nurse', 'teachers', 'page', 'since', 'version',
  'Sales', 'team', 'feat', 'fix', 'complain', 'ask', 'often', 'teachers', 'by', 'hand', 'manually', 'also', 'é', '数据', '🚀'];
const GLUE = [' ', ' ', ' ', '  ', '\n', '. ', ': ', ', ', '; ', ' — ', ' - ', '?', '\t', ' `x` '];

describe('findCues with the opening index', () => {
  it('gives a text the same hits when other texts were read in between', () => {
    const a = TicketText.of('Fix it', 'so that our admins can work. Since then, so that');
    const b = TicketText.of('Other', 'in order to help the teachers');
    const plainA = findCuesPlainly(a, CUES, 3);
    const plainB = findCuesPlainly(b, CUES, 3);
    const ids = (hits: readonly { cue: Cue; start: number; end: number }[]): { id: string; start: number; end: number }[] =>
      hits.map((h) => ({ id: h.cue.id, start: h.start, end: h.end }));
    expect(ids(findCues(a, CUES, 3))).toEqual(plainA);
    expect(ids(findCues(b, CUES, 3))).toEqual(plainB);
    expect(ids(findCues(a, CUES, 3))).toEqual(plainA);
    expect(plainA.length).toBeGreaterThan(0);
    expect(plainB.length).toBeGreaterThan(0);
  });

  it('finds exactly what trying every cue at every offset finds', () => {
    const words = fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...GLUE)), { maxLength: 40 })
      .map((parts) => parts.map(([w, g]) => w + g).join(''));
    fc.assert(fc.property(words, words, fc.integer({ min: 1, max: 3 }), (title, body, perCue) => {
      const text = TicketText.of(title, body);
      const found = findCues(text, CUES, perCue).map((h) => ({ id: h.cue.id, start: h.start, end: h.end }));
      expect(found).toEqual(findCuesPlainly(text, CUES, perCue));
    }), RUNS);
  });
});
