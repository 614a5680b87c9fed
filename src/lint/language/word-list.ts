/**
 * A word list written as data, one word a line (blank lines and `#` comments skipped), so it reads
 * and diffs as a list; the engine does no I/O, so the lists live in modules rather than text files.
 */
export function wordList(lines: string): ReadonlySet<string> {
  const words = lines.split('\n').map((line) => line.trim().toLowerCase()).filter((line) => line.length > 0 && !line.startsWith('#'));
  return new Set(words);
}
