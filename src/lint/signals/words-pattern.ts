/**
 * A regular-expression alternation of literal words or phrases, safely escaped and shaped as a
 * trie ("admin(?:istrators?|s)?" rather than a flat list), so the engine decides by the first
 * letters instead of trying every word in turn: a hundred personas cost about as much as ten.
 * Longer words are tried before their prefixes, as in a longest-first list. With `plural`, a
 * phrase also matches with -s or -es on its last word ("account owner" finds "account owners").
 */
export function wordsPattern(words: readonly string[], options: { plural?: boolean } = {}): string {
  const root: TrieNode = { children: new Map(), end: false };
  for (const word of new Set(words.map((w) => w.trim().toLowerCase()).filter(Boolean))) {
    let node = root;
    for (const ch of word.replace(/\s+/g, ' ')) {
      let next = node.children.get(ch);
      if (!next) node.children.set(ch, (next = { children: new Map(), end: false }));
      node = next;
    }
    node.end = true;
  }
  return alternativesOf(root, options.plural ? '(?:e?s)?' : '');
}

interface TrieNode {
  readonly children: Map<string, TrieNode>;
  end: boolean;
}

function alternativesOf(node: TrieNode, suffix: string): string {
  const branches = [...node.children].map(([ch, child]) => escapeChar(ch) + continuationOf(child, suffix));
  return branches.join('|');
}

/** What may follow a node: its children, longest first, then (if a word ends here) nothing more. */
function continuationOf(node: TrieNode, suffix: string): string {
  if (node.children.size === 0) return suffix;
  const children = alternativesOf(node, suffix);
  if (!node.end) return node.children.size === 1 ? children : `(?:${children})`;
  return `(?:${children}|${suffix})`;
}

function escapeChar(ch: string): string {
  if (ch === ' ') return '\\s+';
  return /[.*+?^${}()|[\]\\/]/.test(ch) ? `\\${ch}` : ch;
}
