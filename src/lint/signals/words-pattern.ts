/**
 * A regular-expression alternation of literal words or phrases, safely escaped and shaped as a
 * trie ("admin(?:istrators?|s)?" rather than a flat list), so the engine decides by the first
 * letters instead of trying every word in turn: a hundred personas cost about as much as ten.
 * Longer words are tried before their prefixes, as in a longest-first list. With `plural`, a
 * phrase also matches with -s or -es on its last word ("account owner" finds "account owners").
 */
export function wordsPattern(words: readonly string[], options: { plural?: boolean } = {}): string {
  const cleaned = words.map((w) => w.trim().toLowerCase().replace(/\s+/g, ' ')).filter(Boolean);
  return trieOf(cleaned, options.plural ? '(?:e?s)?' : '', '\\s+');
}

/** `wordsPattern` as whole words: the words or phrases of the list, each between word boundaries. */
export function wholeWordsPattern(words: readonly string[], options: { plural?: boolean } = {}): string {
  return `\\b(?:${wordsPattern(words, options)})\\b`;
}

/**
 * Rewrites every group of a pattern source that lists only literal words, such as
 * `(?:page|dashboard|button)`, as a trie. The author's list reads better; the trie scans faster.
 */
export function withLiteralGroupsAsTries(source: string): string {
  return source.replace(LITERAL_GROUP, (_whole, body: string) => `(?:${trieOf(body.split('|'), '', ' ')})`);
}

/** A non-capturing group whose alternatives are all plain lower-case words, spaces or hyphens. */
const LITERAL_GROUP = /(?<!\\)\(\?:((?:[a-z0-9' -]+\|)+[a-z0-9' -]+)\)/g;

/** `space` is what a space in a word becomes: `\s+` for word lists, a plain space inside a pattern. */
function trieOf(words: readonly string[], suffix: string, space: string): string {
  const root: TrieNode = { children: new Map(), end: false };
  for (const word of new Set(words)) {
    let node = root;
    for (const ch of word) {
      let next = node.children.get(ch);
      if (!next) node.children.set(ch, (next = { children: new Map(), end: false }));
      node = next;
    }
    node.end = true;
  }
  return alternativesOf(root, suffix, space);
}

interface TrieNode {
  readonly children: Map<string, TrieNode>;
  end: boolean;
}

function alternativesOf(node: TrieNode, suffix: string, space: string): string {
  const branches = [...node.children].map(([ch, child]) => (ch === ' ' ? space : escapeChar(ch)) + continuationOf(child, suffix, space));
  return branches.join('|');
}

/** What may follow a node: its children, longest first, then (if a word ends here) nothing more. */
function continuationOf(node: TrieNode, suffix: string, space: string): string {
  if (node.children.size === 0) return suffix;
  const children = alternativesOf(node, suffix, space);
  if (!node.end) return node.children.size === 1 ? children : `(?:${children})`;
  return `(?:${children}|${suffix})`;
}

function escapeChar(ch: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(ch) ? `\\${ch}` : ch;
}
