import type { DeliverableProfile } from './pack-schema.js';

/** A deliverable profile and the pack file that last defined it. */
export interface PlacedProfile {
  readonly profile: DeliverableProfile;
  readonly file: string;
}

/**
 * Two profiles that can match the same words: the one ranked first (`winner`) is the one a ticket gets.
 * `terms` are the loser's terms that the winner's shadow where they start.
 */
export interface DeliverableOverlap {
  readonly winner: { readonly name: string; readonly file: string };
  readonly loser: { readonly name: string; readonly file: string };
  readonly terms: readonly string[];
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Every pair of profiles, in rank order, with terms that can match at the same word: equal terms, a
 * term and its plural, or a term that starts another ("sign" and "sign in"). At such a word the
 * profile ranked first wins (matchDeliverableProfile), so the other's term never decides there.
 */
export function deliverableOverlaps(ranked: readonly PlacedProfile[]): DeliverableOverlap[] {
  const overlaps: DeliverableOverlap[] = [];
  ranked.forEach((first, i) => {
    for (const later of ranked.slice(i + 1)) {
      const terms = later.profile.match.filter((term) => first.profile.match.some((mine) => termsOverlap(words(mine), words(term))));
      if (terms.length === 0) continue;
      overlaps.push({ winner: { name: first.profile.name, file: first.file }, loser: { name: later.profile.name, file: later.file }, terms });
    }
  });
  return overlaps;
}

function words(term: string): string[] {
  return term.toLowerCase().match(WORD) ?? [];
}

/** True when some text starts a match of both terms at one word: the shorter is a prefix of the longer, a plural allowed on its last word. */
function termsOverlap(a: readonly string[], b: readonly string[]): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length === 0) return false;
  return short.every((word, k) => {
    const other = long[k]!;
    if (k < short.length - 1) return word === other;
    return sameOrPlural(word, other) || (short.length === long.length && sameOrPlural(other, word));
  });
}

function sameOrPlural(term: string, word: string): boolean {
  return word === term || word === `${term}s` || word === `${term}es`;
}
