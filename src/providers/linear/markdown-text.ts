/**
 * Linear markdown -> plain text for the lint engine: markup goes, words stay, one block per line.
 * Deliberately light: Linear descriptions are short prose, lists and the odd code block or table.
 */

/** Stands in for an escaped character while the markup is stripped, so `\*` survives as `*`. */
const ESCAPE_START = '\u{F0000}';
const ESCAPE_END = '\u{F0001}';

export function linearMarkdownToPlainText(markdown: string): string {
  const lines = protectEscapes(markdown.replace(/\r\n?/g, '\n').replace(/<!--[\s\S]*?-->/g, '')).split('\n');
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
      out.push(blockLineToText(line));
    }
  }
  return restoreEscapes(out.join('\n')).replace(/\n{3,}/g, '\n\n').trim();
}

function blockLineToText(line: string): string {
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
  return inlineToText(text);
}

/** Every inline rule below needs one of these characters; most lines of prose have none. */
const INLINE_MARKUP = /[[<`*_~]/;

function inlineToText(text: string): string {
  if (!INLINE_MARKUP.test(text)) return text;
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

function protectEscapes(text: string): string {
  return text.replace(/\\([\\`*_{}[\]()#+\-.!~|<>])/g, (_m, ch: string) => `${ESCAPE_START}${ch.codePointAt(0)}${ESCAPE_END}`);
}

const PROTECTED_ESCAPE = new RegExp(`${ESCAPE_START}(\\d+)${ESCAPE_END}`, 'gu');

function restoreEscapes(text: string): string {
  if (!text.includes(ESCAPE_START)) return text;
  return text.replace(PROTECTED_ESCAPE, (_m, code: string) => String.fromCodePoint(Number(code)));
}
