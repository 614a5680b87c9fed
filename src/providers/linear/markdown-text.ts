import { replaceOpenings } from '../replace-openings.js';
import { capRichText } from '../rich-text-limit.js';
import { unwrapEffect, type TextEffect } from '../text-effects.js';

/**
 * Linear markdown -> plain text for the lint engine: markup goes, words stay, one block per line.
 * Deliberately light: Linear descriptions are short prose, lists and the odd code block or table.
 * Text from a ticket is hostile until measured: every step runs in time linear in the text (no pattern
 * here can backtrack over a run of one character, and links, tags and code spans are read by hand),
 * and only the first MAX_RICH_TEXT_LENGTH characters are read.
 */

/** Stands in for an escaped character while the markup is stripped, so `\*` survives as `*`. */
const ESCAPE_START = '\u{F0000}';
const ESCAPE_END = '\u{F0001}';

const FENCE = /^\s*(`{3,}|~{3,})/;

export function linearMarkdownToPlainText(markdown: string): string {
  const lines = protectEscapes(withoutHtmlComments(capRichText(markdown).replace(/\r\n?/g, '\n'))).split('\n');
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of lines) {
    const opener = FENCE.exec(line)?.[1] ?? null;
    if (fence !== null) {
      if (opener !== null && opener[0] === fence[0]) fence = null;
      else out.push(line);
    } else if (opener !== null) {
      fence = opener;
    } else {
      out.push(blockLineToText(line));
    }
  }
  return restoreEscapes(out.join('\n')).replace(/\n{3,}/g, '\n\n').trim();
}

/** `<!-- ... -->` removed; an unclosed one stays, as no later one can close either. */
function withoutHtmlComments(text: string): string {
  return replaceOpenings(text, '<!--', (open, search) => {
    const close = search.indexOf('-->', open + 4);
    return close === -1 ? 'done' : { end: close + 3, replacement: '' };
  });
}

/** Every block and inline rule below needs one of these characters; most lines have none. */
const MARKUP = /[-*_|#>+[<`~]/;

function blockLineToText(line: string): string {
  if (!MARKUP.test(line)) return line;
  if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) return '';
  // Each block rule only where its character appears: a line of markup costs what its rules need.
  if (line.includes('|') && line.includes('--') && isTableSeparator(line)) return '';
  let text = line.includes('#') ? withoutClosingHashes(line.replace(/^\s{0,3}#{1,6}\s+/, '')) : line;
  if (text.includes('>')) text = text.replace(/^\s*(>\s?)+/, '');
  if (LIST_MARKER.test(text)) text = text.replace(/^(\s*)[-*+]\s+\[[ xX]\]\s+/, '$1- ').replace(/^(\s*)[*+]\s+/, '$1- ');
  if (text.includes('|') && /^\s*\|.*\|\s*$/.test(text)) {
    text = text.trim().slice(1, -1).split('|').map((cell) => cell.trim()).join(' | ');
  }
  return inlineToText(text);
}

const LIST_MARKER = /^\s*[-*+]\s/;

/**
 * A table's separator row, `| --- | :---: |`: cells of two or more dashes (with optional colons) between
 * bars, at least one bar after a cell. As `/^\s*\|?(\s*:?-{2,}:?\s*\|)+\s*(:?-{2,}:?\s*)?\|?\s*$/`, whose
 * nested and adjacent `\s*` backtrack quadratically over a long run of spaces.
 */
function isTableSeparator(line: string): boolean {
  const row = line.trim();
  const cells = (row.startsWith('|') ? row.slice(1) : row).split('|');
  if (cells.length < 2) return false;
  // A blank cell may stand only before a last bar: `| -- ||`.
  if (cells.length > 2 && isBlank(cells.at(-1)!) && isBlank(cells.at(-2)!)) cells.pop();
  const last = cells.pop()!;
  return cells.every(isSeparatorCell) && (isBlank(last) || isSeparatorCell(last));
}

function isSeparatorCell(cell: string): boolean {
  return /^:?-{2,}:?$/.test(cell.trim());
}

function isBlank(text: string): boolean {
  return text.trim() === '';
}

/** An ATX heading's closing `#`s and the space before them, as `.replace(/\s+#+\s*$/, '')` without its quadratic backtracking. */
function withoutClosingHashes(text: string): string {
  const end = text.trimEnd().length;
  let hashes = end;
  while (hashes > 0 && text[hashes - 1] === '#') hashes--;
  if (hashes === end || hashes === 0 || !/\s/.test(text[hashes - 1]!)) return text;
  return text.slice(0, hashes).trimEnd();
}

/** Every inline rule below needs one of these characters; most lines of prose have none. */
const INLINE_MARKUP = /[[<`*_~]/;

const EFFECTS: readonly TextEffect[] = [
  { markers: ['**', '__'] },
  { markers: ['~~'] },
  { markers: ['*'], wordEdges: { joins: '*' } },
  { markers: ['_'], wordEdges: { joins: '_' } },
];

function inlineToText(text: string): string {
  if (!INLINE_MARKUP.test(text)) return text;
  let out = withoutCodeMarks(withoutHtmlTags(withLinksAsText(text)));
  for (const effect of EFFECTS) out = unwrapEffect(out, effect);
  return out;
}

/**
 * Images dropped, then each link `[label](href)` as its label (or its href when the label is empty): as
 * `/!\[[^\]]*\]\([^)]*\)/g` and `/\[([^\]]*)\]\(([^)]*)\)/g` would, each `]` and `)` found once.
 */
function withLinksAsText(text: string): string {
  if (!text.includes('](')) return text;
  return replaceLinks(replaceLinks(text, '![', () => ''), '[', (label, href) => label || href);
}

function replaceLinks(text: string, opener: '[' | '![', replace: (label: string, href: string) => string): string {
  return replaceOpenings(text, opener, (open, search) => {
    const labelStart = open + opener.length;
    const labelEnd = search.indexOf(']', labelStart);
    if (labelEnd === -1) return 'done';
    if (text[labelEnd + 1] !== '(') return 'none';
    const hrefEnd = search.indexOf(')', labelEnd + 2);
    if (hrefEnd === -1) return 'done';
    return { end: hrefEnd + 1, replacement: replace(text.slice(labelStart, labelEnd), text.slice(labelEnd + 2, hrefEnd)) };
  });
}

/** HTML tags dropped, as `/<\/?[a-zA-Z][^>]*>/g` would, each `>` found once. */
function withoutHtmlTags(text: string): string {
  return replaceOpenings(text, '<', (open, search) => {
    const name = text[open + 1] === '/' ? open + 2 : open + 1;
    if (!/[a-zA-Z]/.test(text[name] ?? '')) return 'none';
    const close = search.indexOf('>', name + 1);
    return close === -1 ? 'done' : { end: close + 1, replacement: '' };
  });
}

/**
 * Code spans as their text: a run of backticks, text without one, another run, as `/`+([^`]+)`+/g`
 * would (the runs need not be as long as each other), reading each run once.
 */
function withoutCodeMarks(text: string): string {
  return replaceOpenings(text, '`', (open, search) => {
    const wordsStart = endOfRun(text, open, '`');
    const close = search.indexOf('`', wordsStart);
    if (wordsStart === text.length || close === -1) return 'done';
    return { end: endOfRun(text, close, '`'), replacement: text.slice(wordsStart, close) };
  });
}

function endOfRun(text: string, from: number, char: string): number {
  let end = from;
  while (text[end] === char) end++;
  return end;
}

/** The characters a backslash escapes, and what stands in for each while the markup is stripped. */
const PROTECTED = new Map([...'\\`*_{}[]()#+-.!~|<>'].map((ch) => [ch, `${ESCAPE_START}${ch.codePointAt(0)}${ESCAPE_END}`]));
const RESTORED = new Map([...PROTECTED.keys()].map((ch) => [String(ch.codePointAt(0)), ch]));

/**
 * Each `\x` of an escapable character as its stand-in, as `text.replace(/\\([\\`*_{}[\]()#+\-.!~|<>])/g, ...)`
 * would, read by hand: a replacement function called for each of 50,000 escapes costs tens of milliseconds.
 */
function protectEscapes(text: string): string {
  const parts: string[] = [];
  let copied = 0;
  for (let at = text.indexOf('\\'); at !== -1 && at + 1 < text.length; at = text.indexOf('\\', at + 1)) {
    const standIn = PROTECTED.get(text[at + 1]!);
    if (!standIn) continue;
    parts.push(text.slice(copied, at), standIn);
    copied = at + 2;
    at += 1;
  }
  if (copied === 0) return text;
  parts.push(text.slice(copied));
  return parts.join('');
}

/** The escaped characters back in place of their stand-ins. */
function restoreEscapes(text: string): string {
  if (!text.includes(ESCAPE_START)) return text;
  const [first = '', ...rest] = text.split(ESCAPE_START);
  const parts = [first];
  for (const part of rest) {
    const end = part.indexOf(ESCAPE_END);
    const ch = end > 0 ? RESTORED.get(part.slice(0, end)) : undefined;
    parts.push(ch === undefined ? ESCAPE_START + part : ch + part.slice(end + ESCAPE_END.length));
  }
  return parts.join('');
}
