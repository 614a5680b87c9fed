/**
 * A regular-expression alternation of literal words or phrases, longest first, safely escaped.
 * With `plural`, a phrase also matches with -s or -es on its last word, so a pack that lists
 * "account owner" finds "account owners" too.
 */
export function wordsPattern(words: readonly string[], options: { plural?: boolean } = {}): string {
  const unique = [...new Set(words.map((w) => w.trim().toLowerCase()).filter(Boolean))];
  unique.sort((a, b) => b.length - a.length);
  const suffix = options.plural ? '(?:e?s)?' : '';
  return unique.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+') + suffix).join('|');
}
