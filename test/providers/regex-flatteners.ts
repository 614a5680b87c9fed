/**
 * The flatteners as they were before issue 13, built on regular expressions that backtrack quadratically
 * over long runs of one character. Kept only as the reference the linear flatteners must agree with on
 * short text (test/providers/hostile-rich-text.test.ts); never used by the bot.
 */

/**
 * Linear markdown -> plain text for the lint engine: markup goes, words stay, one block per line.
 * Deliberately light: Linear descriptions are short prose, lists and the odd code block or table.
 */

/** Stands in for an escaped character while the markup is stripped, so `\*` survives as `*`. */
const MD_ESCAPE_START = '\u{F0000}';
const MD_ESCAPE_END = '\u{F0001}';

export function regexMarkdownToPlainText(markdown: string): string {
  const lines = md_protectEscapes(markdown.replace(/\r\n?/g, '\n').replace(/<!--[\s\S]*?-->/g, '')).split('\n');
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of lines) {
    const opener = /^\s*(`{3,}|~{3,})/.exec(line)?.[1] ?? null;
    if (fence !== null) {
      if (opener !== null && opener[0] === fence[0]) fence = null;
      else out.push(line);
    } else if (opener !== null) {
      fence = opener;
    } else {
      out.push(md_blockLineToText(line));
    }
  }
  return md_restoreEscapes(out.join('\n')).replace(/\n{3,}/g, '\n\n').trim();
}

function md_blockLineToText(line: string): string {
  if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) return '';
  if (/^\s*\|?(\s*:?-{2,}:?\s*\|)+\s*(:?-{2,}:?\s*)?\|?\s*$/.test(line)) return '';
  let text = line
    .replace(/^\s{0,3}#{1,6}\s+/, '')
    .replace(/\s+#+\s*$/, '')
    .replace(/^\s*(>\s?)+/, '')
    .replace(/^(\s*)[-*+]\s+\[[ xX]\]\s+/, '$1- ')
    .replace(/^(\s*)[*+]\s+/, '$1- ');
  if (/^\s*\|.*\|\s*$/.test(text)) {
    text = text.trim().slice(1, -1).split('|').map((cell) => cell.trim()).join(' | ');
  }
  return md_inlineToText(text);
}

/** Every inline rule below needs one of these characters; most lines of prose have none. */
const MD_INLINE_MARKUP = /[[<`*_~]/;

function md_inlineToText(text: string): string {
  if (!MD_INLINE_MARKUP.test(text)) return text;
  return text
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\(([^)]*)\)/g, (_m, label: string, href: string) => label || href)
    .replace(/<\/?[a-zA-Z][^>]*>/g, '')
    .replace(/`+([^`]+)`+/g, '$1')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, '$1')
    .replace(/(^|[^\p{L}\p{N}*])\*(?=\S)(.+?)(?<=\S)\*(?![\p{L}\p{N}*])/gu, '$1$2')
    .replace(/(^|[^\p{L}\p{N}_])_(?=\S)(.+?)(?<=\S)_(?![\p{L}\p{N}_])/gu, '$1$2');
}

function md_protectEscapes(text: string): string {
  return text.replace(/\\([\\`*_{}[\]()#+\-.!~|<>])/g, (_m, ch: string) => `${MD_ESCAPE_START}${ch.codePointAt(0)}${MD_ESCAPE_END}`);
}

const MD_PROTECTED_ESCAPE = new RegExp(`${MD_ESCAPE_START}(\\d+)${MD_ESCAPE_END}`, 'gu');

function md_restoreEscapes(text: string): string {
  if (!text.includes(MD_ESCAPE_START)) return text;
  return text.replace(MD_PROTECTED_ESCAPE, (_m, code: string) => String.fromCodePoint(Number(code)));
}

const W_SLOT_START = '\u{F0000}';
const W_SLOT_END = '\u{F0001}';
const W_SLOT = new RegExp(`${W_SLOT_START}(\\d+)${W_SLOT_END}`, 'gu');

/**
 * Text effects that wrap a phrase in the same character on both sides: *strong*, _emphasis_, ... Each
 * with the character it needs, so a line without it skips the regex.
 */
const W_EFFECTS = [['*', '\\*'], ['_', '_'], ['??', '\\?\\?'], ['-', '-'], ['+', '\\+'], ['^', '\\^'], ['~', '~']].map(([marker, m]) => ({
  marker: marker!,
  pattern: new RegExp(`(^|[^\\p{L}\\p{N}])${m}(?=\\S)(.+?)(?<=\\S)${m}(?![\\p{L}\\p{N}])`, 'gu'),
}));

export function regexWikiToPlainText(wiki: string): string {
  const slots: string[] = [];
  const keep = (text: string): string => `${W_SLOT_START}${slots.push(text) - 1}${W_SLOT_END}`;
  const protectedText = wiki
    .replace(/\r\n?/g, '\n')
    .replace(/\{(code|noformat)(?::[^}]*)?\}\n?([\s\S]*?)\n?\{\1\}/g, (_m, _kind: string, body: string) => keep(body))
    .replace(/\\\\/g, '\n')
    .replace(/\\([^\s\\])/g, (_m, ch: string) => keep(ch));
  const lines = protectedText.split('\n').map(w_lineToText);
  const text = lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  return text.replace(W_SLOT, (_m, i: string) => slots[Number(i)] ?? '');
}

function w_lineToText(line: string): string {
  if (/^\s*-{4,}\s*$/.test(line)) return '';
  let text = line
    .replace(/^\s*h[1-6]\.\s+/, '')
    .replace(/^\s*bq\.\s+/, '')
    .replace(/^\s*([*#-]+)\s+/, (_m, markers: string) => `${'  '.repeat(markers.length - 1)}- `);
  if (/^\s*\|\|?/.test(text)) text = w_tableRowToText(text);
  return w_inlineToText(text).trimEnd();
}

function w_tableRowToText(row: string): string {
  return row.trim().replace(/^\|\|?/, '').replace(/\|\|?$/, '').split(/\|\|?/).map((cell) => cell.trim()).join(' | ');
}

function w_inlineToText(text: string): string {
  let out = text;
  // Each replacement only where its opening character appears: most lines of a description are words.
  if (out.includes('{')) out = out.replace(/\{\{(.+?)\}\}/g, '$1').replace(/\{[a-zA-Z]+(?::[^}]*)?\}/g, '');
  if (out.includes('!')) out = out.replace(/!([^\s!|]+)(\|[^!\n]*)?!/g, '');
  if (out.includes('[')) {
    out = out
      .replace(/\[~[^\]]+\]/g, '')
      .replace(/\[([^|\]]*)\|([^\]]*)\]/g, (_m, label: string, target: string) => (label.trim() ? label : target))
      .replace(/\[[#^]?([^\]]+)\]/g, '$1');
  }
  for (const effect of W_EFFECTS) if (out.includes(effect.marker)) out = out.replace(effect.pattern, '$1$2');
  return out;
}
