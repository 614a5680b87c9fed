/**
 * "did you mean" for a misspelt rule id or pack name: the known names closest to what was written,
 * by edit distance, and the whole list, so a PM can fix the typo without opening another file.
 */

/**
 * Edit distance counting an insertion, deletion, substitution or swap of two neighbours as one edit
 * (optimal string alignment), so "growht" is one edit from "growth". Names are short: the quadratic
 * table costs nothing here, and inputs are cut to 100 characters so a hostile one cannot make it cost.
 */
export function editDistance(from: string, to: string): number {
  const a = from.slice(0, 100);
  const b = to.slice(0, 100);
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/** The known names nearest `word` (case ignored), if near enough to be a typo: a third of its length, at least 2 edits. */
export function closestNames(word: string, known: readonly string[]): string[] {
  const limit = Math.max(2, Math.floor(word.length / 3));
  const scored = known.map((name) => ({ name, distance: editDistance(word.toLowerCase(), name.toLowerCase()) }));
  const best = Math.min(...scored.map((s) => s.distance));
  return best > limit ? [] : scored.filter((s) => s.distance === best).map((s) => s.name);
}

/** `did you mean missing-user? known rules: output-only, missing-user`, or only the list when nothing is near. */
export function didYouMean(word: string, known: readonly string[], what: string): string {
  const near = closestNames(word, known);
  const list = known.length ? `known ${what}: ${known.join(', ')}` : `there are no ${what}`;
  return near.length ? `did you mean ${near.join(' or ')}? ${list}` : list;
}
