/** A regular-expression alternation of literal words or phrases, longest first, safely escaped. */
export function wordsPattern(words: readonly string[]): string {
  const unique = [...new Set(words.map((w) => w.trim().toLowerCase()).filter(Boolean))];
  unique.sort((a, b) => b.length - a.length);
  return unique.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')).join('|');
}
