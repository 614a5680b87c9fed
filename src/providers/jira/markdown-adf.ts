import type { AdfDocument, AdfMark, AdfNode } from './adf.js';

/**
 * The bot's markdown -> ADF for Jira comments. Covers what the bot writes: paragraphs (a single line
 * break inside one becomes a hardBreak), `#` headings, `-`/`*`/`1.` lists (nested by indentation),
 * `>` quotes, fenced code, `---` rules, and **strong**, *em*, ~~strike~~, `code`, [links](url).
 * Text nodes never hold a newline (except inside a code block, where ADF expects them) and are never
 * empty. HTML comments are dropped. A fuller converter exists (marklassian, on marked), see README.
 */
export function markdownToAdf(markdown: string): AdfDocument {
  const lines = markdown.replace(/\r\n?/g, '\n').replace(/<!--[\s\S]*?-->/g, '').split('\n');
  return { type: 'doc', version: 1, content: parseBlocks(lines) };
}

const LIST_ITEM = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/;
const FENCE = /^\s*(`{3,}|~{3,})\s*([\w+-]*)\s*$/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;

function parseBlocks(lines: readonly string[]): AdfNode[] {
  const blocks: AdfNode[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') { i++; continue; }
    const fence = FENCE.exec(line);
    if (fence) { i = codeBlock(lines, i, fence, blocks); continue; }
    const heading = HEADING.exec(line);
    if (heading) { pushIfContent(blocks, { type: 'heading', attrs: { level: heading[1]!.length }, content: parseInline(heading[2]!) }); i++; continue; }
    if (RULE.test(line)) { blocks.push({ type: 'rule' }); i++; continue; }
    if (QUOTE.test(line)) { i = quote(lines, i, blocks); continue; }
    if (LIST_ITEM.test(line)) { i = list(lines, i, blocks); continue; }
    i = paragraph(lines, i, blocks);
  }
  return blocks;
}

function startsBlock(line: string): boolean {
  return line.trim() === '' || FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || LIST_ITEM.test(line);
}

function paragraph(lines: readonly string[], start: number, blocks: AdfNode[]): number {
  const collected: string[] = [];
  let i = start;
  while (i < lines.length && (i === start || !startsBlock(lines[i]!))) collected.push(lines[i++]!.trim());
  pushIfContent(blocks, { type: 'paragraph', content: inlineWithBreaks(collected) });
  return i;
}

function codeBlock(lines: readonly string[], start: number, fence: RegExpExecArray, blocks: AdfNode[]): number {
  const body: string[] = [];
  let i = start + 1;
  while (i < lines.length && !lines[i]!.trim().startsWith(fence[1]!)) body.push(lines[i++]!);
  const text = body.join('\n');
  blocks.push({
    type: 'codeBlock',
    ...(fence[2] ? { attrs: { language: fence[2] } } : {}),
    ...(text ? { content: [{ type: 'text', text }] } : {}),
  });
  return i + 1;
}

function quote(lines: readonly string[], start: number, blocks: AdfNode[]): number {
  const inner: string[] = [];
  let i = start;
  for (let m = QUOTE.exec(lines[i] ?? ''); m && i < lines.length; m = QUOTE.exec(lines[++i] ?? '')) inner.push(m[1]!);
  const content = parseBlocks(inner).filter((b) => ['paragraph', 'bulletList', 'orderedList', 'codeBlock'].includes(b.type));
  if (content.length > 0) blocks.push({ type: 'blockquote', content });
  return i;
}

/** A list at the indentation of its first item; deeper-indented items become a nested list of the previous item. */
function list(lines: readonly string[], start: number, blocks: AdfNode[]): number {
  const first = LIST_ITEM.exec(lines[start]!)!;
  const indent = first[1]!.length;
  const ordered = /\d/.test(first[2]!);
  const items: AdfNode[] = [];
  let i = start;
  while (i < lines.length) {
    const m = LIST_ITEM.exec(lines[i]!);
    if (!m || m[1]!.length < indent) break;
    if (m[1]!.length > indent) {
      const last = items[items.length - 1];
      if (!last) break;
      const nested: AdfNode[] = [];
      i = list(lines, i, nested);
      last.content = [...(last.content ?? []), ...nested];
      continue;
    }
    if (/\d/.test(m[2]!) !== ordered) break;
    const text = [m[3]!.trim()];
    i++;
    while (i < lines.length && lines[i]!.trim() !== '' && !startsBlock(lines[i]!)) text.push(lines[i++]!.trim());
    const content = inlineWithBreaks(text);
    items.push({ type: 'listItem', content: content.length > 0 ? [{ type: 'paragraph', content }] : [] });
  }
  const kept = items.filter((item) => (item.content ?? []).length > 0);
  if (kept.length > 0) blocks.push({ type: ordered ? 'orderedList' : 'bulletList', content: kept });
  return i;
}

function pushIfContent(blocks: AdfNode[], node: AdfNode): void {
  if ((node.content ?? []).length > 0) blocks.push(node);
}

function inlineWithBreaks(lines: readonly string[]): AdfNode[] {
  const out: AdfNode[] = [];
  for (const line of lines.filter((l) => l.length > 0)) {
    if (out.length > 0) out.push({ type: 'hardBreak' });
    out.push(...parseInline(line));
  }
  return out;
}

const DELIMITERS = [
  { token: '**', mark: 'strong' },
  { token: '__', mark: 'strong' },
  { token: '~~', mark: 'strike' },
  { token: '*', mark: 'em' },
  { token: '_', mark: 'em' },
] as const;

/** Inline markdown -> text nodes with marks; unmatched delimiters stay as literal text. */
export function parseInline(text: string, marks: readonly AdfMark[] = []): AdfNode[] {
  const out: AdfNode[] = [];
  let buffer = '';
  const flush = (): void => { if (buffer) out.push(textNode(buffer, marks)); buffer = ''; };
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length && /[\\`*_{}[\]()#+\-.!~|>]/.test(text[i + 1]!)) { buffer += text[i + 1]; i += 2; continue; }
    if (ch === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i + 1) { flush(); out.push(textNode(text.slice(i + 1, end), codeMarks(marks))); i = end + 1; continue; }
    }
    const link = ch === '[' ? /^\[([^\]]+)\]\(([^)\s]+)\)/.exec(text.slice(i)) : null;
    if (link) { flush(); out.push(...parseInline(link[1]!, withMark(marks, { type: 'link', attrs: { href: link[2]! } }))); i += link[0].length; continue; }
    const delimiter = DELIMITERS.find((d) => text.startsWith(d.token, i) && opens(text, i, d.token));
    const close = delimiter ? closingIndex(text, i + delimiter.token.length, delimiter.token) : -1;
    if (delimiter && close > 0) {
      flush();
      out.push(...parseInline(text.slice(i + delimiter.token.length, close), withMark(marks, { type: delimiter.mark })));
      i = close + delimiter.token.length;
      continue;
    }
    buffer += ch;
    i++;
  }
  flush();
  return mergeText(out);
}

function opens(text: string, at: number, token: string): boolean {
  const next = text[at + token.length];
  const previous = text[at - 1];
  if (next === undefined || /\s/.test(next)) return false;
  return !(token.startsWith('_') && previous !== undefined && /[\p{L}\p{N}]/u.test(previous));
}

function closingIndex(text: string, from: number, token: string): number {
  for (let at = text.indexOf(token, from); at > from; at = text.indexOf(token, at + 1)) {
    const before = text[at - 1]!;
    const after = text[at + token.length];
    const doubled = token.length === 1 && (after === token || before === token);
    const wordAfter = token.startsWith('_') && after !== undefined && /[\p{L}\p{N}]/u.test(after);
    if (!/\s/.test(before) && !doubled && !wordAfter) return at;
  }
  return -1;
}

function withMark(marks: readonly AdfMark[], mark: AdfMark): AdfMark[] {
  return [...marks.filter((m) => m.type !== mark.type), mark];
}

/** ADF allows `code` only alongside `link`. */
function codeMarks(marks: readonly AdfMark[]): AdfMark[] {
  return [...marks.filter((m) => m.type === 'link'), { type: 'code' }];
}

function textNode(text: string, marks: readonly AdfMark[]): AdfNode {
  return marks.length > 0 ? { type: 'text', text, marks: [...marks] } : { type: 'text', text };
}

function mergeText(nodes: readonly AdfNode[]): AdfNode[] {
  const out: AdfNode[] = [];
  for (const node of nodes) {
    const last = out[out.length - 1];
    if (last?.type === 'text' && node.type === 'text' && JSON.stringify(last.marks ?? []) === JSON.stringify(node.marks ?? [])) {
      out[out.length - 1] = { ...last, text: (last.text ?? '') + (node.text ?? '') };
    } else if (node.type !== 'text' || node.text) {
      out.push(node);
    }
  }
  return out;
}
