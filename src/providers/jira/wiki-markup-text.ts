import type { ForwardSearch } from '../forward-search.js';
import { replaceOpenings } from '../replace-openings.js';
import { capRichText } from '../rich-text-limit.js';
import { unwrapEffect, type TextEffect } from '../text-effects.js';

/**
 * Jira wiki markup -> plain text for the lint engine. Jira Cloud webhooks carry `description` and
 * `comment.body` as wiki markup (https://jira.atlassian.com/secure/WikiRendererHelpAction.jspa).
 * Markup goes, words stay; lists become `- item` lines, table cells are joined by ` | `.
 * Text from a ticket is hostile until measured: every step runs in time linear in the text (blocks,
 * macros and links are read by hand, each closing character found once), and only the first
 * MAX_RICH_TEXT_LENGTH characters are read.
 */

const SLOT_START = '\u{F0000}';
const SLOT_END = '\u{F0001}';
const SLOT = new RegExp(`${SLOT_START}(\\d+)${SLOT_END}`, 'gu');

/** Text effects that wrap a phrase in the same character on both sides: *strong*, _emphasis_, ... */
const EFFECTS: readonly TextEffect[] = ['*', '_', '??', '-', '+', '^', '~'].map((marker) => ({ markers: [marker], wordEdges: { joins: '' } }));

export function jiraWikiToPlainText(wiki: string): string {
  const slots: string[] = [];
  const keep = (text: string): string => `${SLOT_START}${slots.push(text) - 1}${SLOT_END}`;
  const protectedText = withCodeBlocksKept(capRichText(wiki).replace(/\r\n?/g, '\n'), keep)
    .replace(/\\\\/g, '\n')
    .replace(/\\([^\s\\])/g, (_m, ch: string) => keep(ch));
  const lines = protectedText.split('\n').map(lineToText);
  const text = lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  return text.replace(SLOT, (_m, i: string) => slots[Number(i)] ?? '');
}

const CODE_BLOCKS = ['code', 'noformat'];

/**
 * Each `{code}` or `{noformat}` block (with optional `:parameters`) replaced by `keep(its body)`, a line
 * break after the opening tag and before the closing one left out, as
 * `/\{(code|noformat)(?::[^}]*)?\}\n?([\s\S]*?)\n?\{\1\}/g` would, each closing tag found once.
 */
function withCodeBlocksKept(text: string, keep: (body: string) => string): string {
  return replaceOpenings(text, '{', (open, search) => {
    const kind = CODE_BLOCKS.find((name) => text.startsWith(name, open + 1));
    if (!kind) return 'none';
    let tagEnd = open + 1 + kind.length;
    if (text[tagEnd] === ':') tagEnd = search.indexOf('}', tagEnd + 1);
    if (tagEnd === -1 || text[tagEnd] !== '}') return 'none';
    const bodyStart = text[tagEnd + 1] === '\n' ? tagEnd + 2 : tagEnd + 1;
    const closer = search.indexOf(`{${kind}}`, bodyStart);
    if (closer === -1) return 'none';
    const bodyEnd = closer > bodyStart && text[closer - 1] === '\n' ? closer - 1 : closer;
    return { end: closer + kind.length + 2, replacement: keep(text.slice(bodyStart, bodyEnd)) };
  });
}

function lineToText(line: string): string {
  if (line.length === 0) return line;
  if (line.includes('----') && /^\s*-{4,}\s*$/.test(line)) return '';
  // Each block rule only where the line can hold it: a line of markup costs what its rules need.
  let text = BLOCK_START.test(line) ? line.replace(/^\s*h[1-6]\.\s+/, '').replace(/^\s*bq\.\s+/, '') : line;
  if (LIST_START.test(text)) text = text.replace(/^\s*([*#-]+)\s+/, (_m, markers: string) => `${'  '.repeat(markers.length - 1)}- `);
  if (text.includes('|') && /^\s*\|\|?/.test(text)) text = tableRowToText(text);
  return inlineToText(text).trimEnd();
}

const BLOCK_START = /^\s*(?:h[1-6]|bq)\./;
const LIST_START = /^\s*[*#-]+\s/;

function tableRowToText(row: string): string {
  return row.trim().replace(/^\|\|?/, '').replace(/\|\|?$/, '').split(/\|\|?/).map((cell) => cell.trim()).join(' | ');
}

function inlineToText(text: string): string {
  let out = text;
  // Each replacement only where its opening character appears: most lines of a description are words.
  if (out.includes('{')) out = withoutMacros(withMonospaceAsText(out));
  if (out.includes('!')) out = out.replace(/!([^\s!|]+)(\|[^!\n]*)?!/g, '');
  if (out.includes('[')) out = withLinksAsText(withLinksAsText(withLinksAsText(out, mentionAsText), labelledLinkAsText), bareLinkAsText);
  for (const effect of EFFECTS) out = unwrapEffect(out, effect);
  return out;
}

/** `{{monospaced}}` as its text, as `/\{\{(.+?)\}\}/g` would: the first `}}` after at least one character, on the same line. */
function withMonospaceAsText(text: string): string {
  return replaceOpenings(text, '{{', (open, search) => {
    const wordsStart = open + 2;
    const close = wordsStart < text.length ? search.indexOf('}}', wordsStart + 1) : -1;
    if (close === -1 || search.lineBreak(wordsStart) < close) return 'none';
    return { end: close + 2, replacement: text.slice(wordsStart, close) };
  });
}

/** Macros such as `{panel:title=Note}` and `{color}` dropped, as `/\{[a-zA-Z]+(?::[^}]*)?\}/g` would. */
function withoutMacros(text: string): string {
  return replaceOpenings(text, '{', (open, search) => {
    let end = open + 1;
    while (/[a-zA-Z]/.test(text[end] ?? '')) end++;
    if (end === open + 1) return 'none';
    if (text[end] === ':') end = search.indexOf('}', end + 1);
    if (end === -1 || text[end] !== '}') return 'none';
    return { end: end + 1, replacement: '' };
  });
}

/** What the `[...]` from `open` to `close` becomes, or null when the pattern does not take it. */
type BracketReader = (text: string, open: number, close: number, search: ForwardSearch) => string | null;

/** `[~accountid:...]`, a mention: dropped (`/\[~[^\]]+\]/g`). */
const mentionAsText: BracketReader = (text, open, close) => (text[open + 1] === '~' && close > open + 2 ? '' : null);

/** `[label|target]`: the label, or the target when the label is blank (`/\[([^|\]]*)\|([^\]]*)\]/g`). */
const labelledLinkAsText: BracketReader = (text, open, close, search) => {
  const bar = search.indexOf('|', open + 1);
  if (bar === -1 || bar > close) return null;
  const label = text.slice(open + 1, bar);
  return label.trim() ? label : text.slice(bar + 1, close);
};

/** `[target]`, `[#anchor]`, `[^attachment]`: the target (`/\[[#^]?([^\]]+)\]/g`). */
const bareLinkAsText: BracketReader = (text, open, close) => {
  if (close === open + 1) return null;
  const marked = close > open + 2 && (text[open + 1] === '#' || text[open + 1] === '^');
  return text.slice(marked ? open + 2 : open + 1, close);
};

/** Each `[...]` (up to the first `]`) that `read` takes, replaced by what it reads; each `]` and `|` found once. */
function withLinksAsText(text: string, read: BracketReader): string {
  return replaceOpenings(text, '[', (open, search) => {
    const close = search.indexOf(']', open + 1);
    if (close === -1) return 'done';
    const replacement = read(text, open, close, search);
    return replacement === null ? 'none' : { end: close + 1, replacement };
  });
}
