import fc from 'fast-check';
import type { AdfNode } from '../../src/providers/jira/adf.js';
import { adfToPlainText } from '../../src/providers/jira/adf-text.js';
import { jiraWikiToPlainText } from '../../src/providers/jira/wiki-markup-text.js';
import { linearMarkdownToPlainText } from '../../src/providers/linear/markdown-text.js';
import { plainTextOf } from '../../src/providers/plain-text.js';
import { MAX_RICH_TEXT_LENGTH } from '../../src/providers/rich-text-limit.js';
import { regexMarkdownToPlainText, regexWikiToPlainText } from './regex-flatteners.js';

/*
 * Text from a ticket is hostile until measured (issue 13): one line of 80,000 tabs took the markdown
 * flattener 6 s and 80,000 `[` the wiki one 5 s, while the event loop stood still. Every flattener must
 * read a line of 100,000 repeated characters of any kind, and random mixes of markup, in under 50 ms
 * (the bound the issue sets); the quadratic ones took seconds. What is timed is the CPU time the
 * process spends (process.cpuUsage), best of five runs after two warm ones: on a shared machine wall time
 * also counts the time spent waiting for a core, which says nothing about the flattener.
 */
const BOUND_MS = 50;
const RUNS = { seed: Number(process.env.HOSTILE_SEED ?? 13_2025), numRuns: Number(process.env.HOSTILE_RUNS ?? 40) };

const paragraph = (text: string): AdfNode => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const FLATTENERS: Record<string, (text: string) => string> = {
  'Linear markdown': linearMarkdownToPlainText,
  'Jira wiki markup': jiraWikiToPlainText,
  'ADF paragraph': (text) => adfToPlainText({ type: 'doc', content: [paragraph(text)] }),
  'ADF table cell': (text) => adfToPlainText({ type: 'doc', content: [{ type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableCell', content: [paragraph(text)] }] }] }] }),
  'ADF list item': (text) => adfToPlainText({ type: 'doc', content: [{ type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text)] }] }] }),
  'queued markdown': (text) => plainTextOf({ format: 'markdown', source: text }),
};

const RUN_CHARACTERS = ['\t', ' ', '[', '(', '#', '|', '`', '*', ']', '{', '_', '-', '!', '\\', '~', '<', '>', '+', '^', '?', '}', ')', ':', '\n', '\r', '\u2028'];
/** Pieces whose repetition is hostile to one pattern or another: unclosed links, tags, macros, effects. */
const RUN_PIECES = [...RUN_CHARACTERS, '\t\n', '[a|', '[~', '![', '](', '{{', '{a:', '{code}', '{code:', '<a', '<!--', '**a', 'x *', 'a_', ' #', '| -- ', '\\\\', '`a', '!a|'];

/**
 * The CPU milliseconds `run` takes, best of five, after two runs that are not counted: the first runs on a
 * new shape of input pay for compiling and garbage the runs after it do not. For 100,000 characters of a
 * mix of `[~`, `^`, `](` and `{a:` the Jira wiki flattener took 169 ms, then 36, then 12, 14, 10 and 11 ms
 * on a 2-core Intel Xeon; under the load of the whole suite one best of three after a single warm run read
 * 50.2 ms. A server reads ticket after ticket, so what is bounded is the steady state.
 */
function bestOfFive(run: () => void): number {
  run();
  run();
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const start = process.cpuUsage();
    run();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

describe.each(Object.entries(FLATTENERS))('the %s flattener on hostile text', (_name, flatten) => {
  beforeAll(() => {
    flatten('warm *up* [the](code) {{paths}} `here` ## once'.repeat(200));
  });

  it.each(RUN_PIECES.map((piece) => [JSON.stringify(piece), piece] as const))('reads a line of 100,000 %s and an x in under 50 ms', (_shown, piece) => {
    const line = piece.repeat(Math.ceil(100_000 / piece.length)) + 'x';
    expect(bestOfFive(() => flatten(line))).toBeLessThan(BOUND_MS);
  });

  it('reads any mix of 100,000 markup characters in under 50 ms', () => {
    const mix = fc.array(fc.constantFrom(...RUN_PIECES, 'a', 'word ', 'x'), { minLength: 1, maxLength: 40 });
    fc.assert(fc.property(mix, fc.nat(), (pieces, seed) => {
      let line = '';
      for (let i = 0; line.length < 100_000; i++) line += pieces[(i * 7 + seed) % pieces.length];
      expect(bestOfFive(() => flatten(line))).toBeLessThan(BOUND_MS);
    }), { ...RUNS, numRuns: 15 });
  });
});

describe('the flatteners read at most MAX_RICH_TEXT_LENGTH characters', () => {
  const words = 'Finance admins retype every invoice by hand. ';
  const long = words.repeat(Math.ceil((MAX_RICH_TEXT_LENGTH * 2) / words.length));

  it.each(Object.entries(FLATTENERS))('%s gives the text of its first MAX_RICH_TEXT_LENGTH characters', (_name, flatten) => {
    const text = flatten(long).replace(/^- /, '');
    expect(text.length).toBeLessThanOrEqual(MAX_RICH_TEXT_LENGTH);
    expect(text.length).toBeGreaterThan(MAX_RICH_TEXT_LENGTH - words.length);
    expect(long.startsWith(text)).toBe(true);
  });

  it('never cuts a surrogate pair in half', () => {
    const text = linearMarkdownToPlainText('a'.repeat(MAX_RICH_TEXT_LENGTH - 1) + '😀'.repeat(10));
    expect(text.endsWith('a')).toBe(true);
    expect(text.length).toBe(MAX_RICH_TEXT_LENGTH - 1);
  });
});

/*
 * Same outputs as before: on short text, where backtracking costs nothing, the linear flatteners give
 * exactly what the regular expressions they replace gave (test/providers/regex-flatteners.ts).
 */
describe('the linear flatteners agree with the regular expressions they replace', () => {
  const markdownPieces = ['a', 'b ', ' ', '  ', '\t', '\n', '*', '**', '_', '__', '~~', '`', '```', '[', ']', '(', ')', '![', '](', '<', '>', '</', '<b>', '<!--', '-->',
    '#', '## ', ' #', '|', ' | ', '--', ':', '-', '- ', '+ ', '> ', '[x] ', '\\', '\\*', 'é', '😀', '1', '.', '\u2028', '\r\n'];
  const wikiPieces = ['a', 'b ', ' ', '\t', '\n', '*', '_', '??', '-', '+', '^', '~', '[', ']', '|', '||', '[~', '#', '^', '{', '}', '{{', '}}', '{code}', '{code:x}', '{noformat}',
    '{panel:t=1}', '{color}', '!', '!a.png!', 'h1. ', 'bq. ', '* ', '# ', '----', '\\', '\\\\', 'é', '😀', '1', ':', '\u2028', '\r\n'];
  const textOf = (pieces: string[]) => fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((parts) => parts.join(''));

  it('Linear markdown', () => {
    fc.assert(fc.property(textOf(markdownPieces), (text) => {
      expect(linearMarkdownToPlainText(text)).toBe(regexMarkdownToPlainText(text));
    }), { ...RUNS, numRuns: 3_000 });
  });

  it('Jira wiki markup', () => {
    fc.assert(fc.property(textOf(wikiPieces), (text) => {
      expect(jiraWikiToPlainText(text)).toBe(regexWikiToPlainText(text));
    }), { ...RUNS, numRuns: 3_000 });
  });

  it('ADF table cells put a cell on one line as before', () => {
    const cell = (text: string) => adfToPlainText({ type: 'doc', content: [{ type: 'table', content: [{ type: 'tableRow', content: [
      { type: 'tableCell', content: [paragraph(text)] }, { type: 'tableCell', content: [paragraph('b'), paragraph('c')] }] }] }] });
    expect(cell('a \n\n  b\tc  d')).toBe('a b\tc  d | b c');
    fc.assert(fc.property(textOf([' ', '\t', '\n', 'a', '\u00a0']).filter((text) => text.trim() !== ''), (text) => {
      expect(cell(text)).toBe(`${text.replace(/\s*\n+\s*/g, ' ')} | b c`.trimStart());
    }), RUNS);
  });
});
