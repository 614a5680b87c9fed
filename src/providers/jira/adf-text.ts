import { MAX_RICH_TEXT_LENGTH } from '../rich-text-limit.js';
import type { AdfNode } from './adf.js';

/**
 * ADF -> plain text for the lint engine: blocks separated by blank lines, list items as `- item`
 * lines (nested ones indented), table cells joined by ` | `, media and rules dropped. Unknown nodes
 * give their children's text, so new ADF node types degrade to words, not to nothing.
 */
export function adfToPlainText(doc: AdfNode | null | undefined): string {
  if (!doc) return '';
  return blocksToText(doc.content ?? [], 0, { left: MAX_RICH_TEXT_LENGTH }).replace(/\n{3,}/g, '\n\n').trim();
}

/**
 * How many more characters of text the document may give: as the other flatteners read only the first
 * MAX_RICH_TEXT_LENGTH characters of their source, a document is read until its text reaches as many.
 */
interface Budget {
  left: number;
}

function take(text: string, budget: Budget): string {
  const taken = text.length <= budget.left ? text : text.slice(0, budget.left);
  budget.left -= taken.length;
  return taken;
}

/** ADF nests lists, quotes, panels and tables; a hostile or broken document must not blow the stack. */
const MAX_DEPTH = 40;

const DROPPED = new Set(['rule', 'media', 'mediaSingle', 'mediaGroup', 'mediaInline', 'extension', 'bodiedExtension']);

function blocksToText(nodes: readonly AdfNode[], depth: number, budget: Budget): string {
  return nodes
    .map((node) => blockToText(node, depth + 1, budget))
    .filter((text) => text.trim().length > 0)
    .join('\n\n');
}

function blockToText(node: AdfNode, depth: number, budget: Budget): string {
  if (depth > MAX_DEPTH || DROPPED.has(node.type) || budget.left <= 0) return '';
  const children = node.content ?? [];
  switch (node.type) {
    case 'paragraph':
    case 'heading':
    case 'codeBlock':
      return inlineToText(children, depth, budget);
    case 'bulletList':
    case 'orderedList':
    case 'taskList':
    case 'decisionList':
      return listToText(children, depth, budget);
    case 'table':
      return children.map((row) => (row.content ?? []).map((cell) => cellToText(cell, depth, budget)).join(' | ')).join('\n');
    case 'expand':
    case 'nestedExpand': {
      const title = typeof node.attrs?.title === 'string' ? take(node.attrs.title, budget) : '';
      return [title, blocksToText(children, depth, budget)].filter(Boolean).join('\n\n');
    }
    default:
      if (node.type === 'text' || isInline(node)) return inlineToText([node], depth, budget);
      return blocksToText(children, depth, budget);
  }
}

/**
 * A cell on one line: each run of white space holding a line break becomes one space. A run of spaces
 * is matched once here, where a pattern of white space, line breaks, white space backtracked over it.
 */
function cellToText(cell: AdfNode, depth: number, budget: Budget): string {
  return blocksToText(cell.content ?? [], depth, budget).replace(/\s+/g, (run) => (run.includes('\n') ? ' ' : run));
}

/** One `- ` line per item; an item's own nested list follows it, indented by two spaces. */
function listToText(items: readonly AdfNode[], depth: number, budget: Budget): string {
  return items
    .map((item) => {
      const parts = (item.content ?? []).length > 0 && isInline((item.content ?? [])[0]!)
        ? [inlineToText(item.content ?? [], depth, budget)]
        : (item.content ?? []).map((child) => blockToText(child, depth + 1, budget)).filter((t) => t.trim().length > 0);
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

function inlineToText(nodes: readonly AdfNode[], depth: number, budget: Budget): string {
  return nodes.map((node) => (budget.left > 0 ? inlineNodeToText(node, depth, budget) : '')).join('');
}

function inlineNodeToText(node: AdfNode, depth: number, budget: Budget): string {
  const attr = (name: string): string => {
    const value = node.attrs?.[name];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  };
  switch (node.type) {
    case 'text':
      return take(node.text ?? '', budget);
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
      return depth > MAX_DEPTH ? '' : inlineToText(node.content ?? [], depth + 1, budget);
  }
}
