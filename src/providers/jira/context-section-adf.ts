import { CONTEXT_END, CONTEXT_HEADING, CONTEXT_START, type ContextEntry, type ContextSection } from '../../bot/context-section.js';
import { AdfNodeSchema, type AdfMark, type AdfNode } from './adf.js';
import { adfToPlainText } from './adf-text.js';

/**
 * The bot's Context section as top-level ADF nodes: a level-2 heading, the start marker paragraph, a
 * bullet list (label in bold, the answer, who gave it and a link mark to the comment), the end marker
 * paragraph. Text nodes never hold a newline and are never empty, as Jira requires.
 */
export function contextSectionAdf(section: ContextSection, commentUrl: (commentId: string) => string): AdfNode[] {
  return [
    { type: 'heading', attrs: { level: 2 }, content: text(CONTEXT_HEADING) },
    { type: 'paragraph', content: text(CONTEXT_START) },
    {
      type: 'bulletList',
      content: section.entries.map((entry) => ({ type: 'listItem', content: [{ type: 'paragraph', content: entryInline(entry, commentUrl) }] })),
    },
    { type: 'paragraph', content: text(CONTEXT_END) },
  ];
}

function entryInline(entry: ContextEntry, commentUrl: (commentId: string) => string): AdfNode[] {
  const answer = entry.quote ? ` "${oneLine(entry.quote)}"` : ' answered across the replies';
  const by = entry.by ? oneLine(entry.by) : '';
  const link = entry.commentId ? text('comment', [{ type: 'link', attrs: { href: commentUrl(entry.commentId) } }]) : [];
  const source = by || link.length > 0
    ? [...text(` (${by}${by && link.length > 0 ? ', ' : ''}`), ...link, ...text(')')]
    : [];
  return [...text(`${oneLine(entry.label)}:`, [{ type: 'strong' }]), ...text(answer), ...source];
}

/** A text node, or none for empty text: Jira refuses empty text nodes. */
function text(value: string, marks?: AdfMark[]): AdfNode[] {
  if (value.length === 0) return [];
  return [{ type: 'text', text: value, ...(marks ? { marks } : {}) }];
}

/**
 * The description document with the section's nodes put in place of the old ones, or appended. The
 * other top-level nodes are the very values that came in (not re-parsed), so attributes this code does
 * not know survive. `changed` is false when the old section reads the same and links the same comments.
 */
export function withContextAdf(description: unknown, section: readonly AdfNode[]): { doc: Record<string, unknown>; changed: boolean } {
  const isDoc = isRecord(description) && description.type === 'doc' && Array.isArray(description.content);
  const content: unknown[] = isDoc ? (description.content as unknown[]) : [];
  const base: Record<string, unknown> = isDoc ? description : { type: 'doc', version: 1 };
  const at = sectionRange(content);
  if (at && fingerprint(content.slice(at.first, at.last + 1)) === fingerprint(section)) return { doc: base, changed: false };
  const next = at ? [...content.slice(0, at.first), ...section, ...content.slice(at.last + 1)] : [...content, ...section];
  return { doc: { ...base, content: next }, changed: true };
}

function sectionRange(content: readonly unknown[]): { first: number; last: number } | null {
  const texts = content.map(plainText);
  const start = texts.findIndex((t) => squeeze(t).includes(CONTEXT_START));
  if (start < 0) return null;
  const before = content[start - 1];
  const first = start > 0 && isRecord(before) && before.type === 'heading' && squeeze(texts[start - 1]!) === CONTEXT_HEADING ? start - 1 : start;
  const end = texts.findIndex((t, i) => i > start && squeeze(t).includes(CONTEXT_END));
  // Without its end marker, the section stops before the next heading: what follows stays the author's.
  const nextHeading = content.findIndex((node, i) => i > start && isRecord(node) && node.type === 'heading');
  const last = end >= 0 ? end : nextHeading >= 0 ? nextHeading - 1 : content.length - 1;
  return { first, last };
}

/** What a reader sees of the nodes: their text, and where their links go. Jira may add attributes (localId) that do not count. */
function fingerprint(nodes: readonly unknown[]): string {
  return `${squeeze(nodes.map(plainText).join(' '))}\n${nodes.flatMap(hrefs).join(' ')}`;
}

function plainText(node: unknown): string {
  const parsed = AdfNodeSchema.safeParse(node);
  return parsed.success ? adfToPlainText({ type: 'doc', content: [parsed.data] }) : '';
}

function hrefs(node: unknown): string[] {
  if (!isRecord(node)) return [];
  const own = Array.isArray(node.marks)
    ? node.marks.flatMap((mark: unknown) => (isRecord(mark) && mark.type === 'link' && isRecord(mark.attrs) ? [String(mark.attrs.href)] : []))
    : [];
  return [...own, ...(Array.isArray(node.content) ? node.content.flatMap(hrefs) : [])];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function squeeze(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

function oneLine(value: string): string {
  return squeeze(value);
}
