import type { AdfNode } from './adf.js';

/**
 * ADF -> plain text for the lint engine: blocks separated by blank lines, list items as `- item`
 * lines (nested ones indented), table cells joined by ` | `, media and rules dropped. Unknown nodes
 * give their children's text, so new ADF node types degrade to words, not to nothing.
 */
export function adfToPlainText(doc: AdfNode | null | undefined): string {
  if (!doc) return '';
  return blocksToText(doc.content ?? [], 0).replace(/\n{3,}/g, '\n\n').trim();
}

/** ADF nests lists, quotes, panels and tables; a hostile or broken document must not blow the stack. */
const MAX_DEPTH = 40;

const DROPPED = new Set(['rule', 'media', 'mediaSingle', 'mediaGroup', 'mediaInline', 'extension', 'bodiedExtension']);

function blocksToText(nodes: readonly AdfNode[], depth: number): string {
  return nodes
    .map((node) => blockToText(node, depth + 1))
    .filter((text) => text.trim().length > 0)
    .join('\n\n');
}

function blockToText(node: AdfNode, depth: number): string {
  if (depth > MAX_DEPTH || DROPPED.has(node.type)) return '';
  const children = node.content ?? [];
  switch (node.type) {
    case 'paragraph':
    case 'heading':
    case 'codeBlock':
      return inlineToText(children, depth);
    case 'bulletList':
    case 'orderedList':
    case 'taskList':
    case 'decisionList':
      return listToText(children, depth);
    case 'table':
      return children.map((row) => (row.content ?? []).map((cell) => cellToText(cell, depth)).join(' | ')).join('\n');
    case 'expand':
    case 'nestedExpand': {
      const title = typeof node.attrs?.title === 'string' ? node.attrs.title : '';
      return [title, blocksToText(children, depth)].filter(Boolean).join('\n\n');
    }
    default:
      if (node.type === 'text' || isInline(node)) return inlineToText([node], depth);
      return blocksToText(children, depth);
  }
}

function cellToText(cell: AdfNode, depth: number): string {
  return blocksToText(cell.content ?? [], depth).replace(/\s*\n+\s*/g, ' ');
}

/** One `- ` line per item; an item's own nested list follows it, indented by two spaces. */
function listToText(items: readonly AdfNode[], depth: number): string {
  return items
    .map((item) => {
      const parts = (item.content ?? []).length > 0 && isInline((item.content ?? [])[0]!)
        ? [inlineToText(item.content ?? [], depth)]
        : (item.content ?? []).map((child) => blockToText(child, depth + 1)).filter((t) => t.trim().length > 0);
      const [first = '', ...rest] = parts;
      const nested = rest.map((text) => text.replace(/^/gm, '  '));
      return [`- ${first}`, ...nested].join('\n');
    })
    .join('\n');
}

const INLINE = new Set(['text', 'hardBreak', 'mention', 'emoji', 'inlineCard', 'date', 'status', 'placeholder', 'inlineExtension']);

function isInline(node: AdfNode): boolean {
  return INLINE.has(node.type);
}

function inlineToText(nodes: readonly AdfNode[], depth: number): string {
  return nodes.map((node) => inlineNodeToText(node, depth)).join('');
}

function inlineNodeToText(node: AdfNode, depth: number): string {
  const attr = (name: string): string => {
    const value = node.attrs?.[name];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  };
  switch (node.type) {
    case 'text':
      return node.text ?? '';
    case 'hardBreak':
      return '\n';
    case 'mention':
      return attr('text');
    case 'emoji':
      return attr('text') || attr('shortName');
    case 'inlineCard':
      return attr('url');
    case 'status':
      return attr('text');
    case 'date': {
      const when = new Date(Number(attr('timestamp')));
      return Number.isNaN(when.getTime()) ? '' : when.toISOString().slice(0, 10);
    }
    default:
      return depth > MAX_DEPTH ? '' : inlineToText(node.content ?? [], depth + 1);
  }
}
