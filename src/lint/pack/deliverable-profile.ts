import type { DeliverableProfile } from './pack-schema.js';

const WORD = /[\p{L}\p{N}]+/gu;

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/**
 * The profile whose `match` terms name the deliverable. Each text is tried in turn (the detected
 * output first, then the title); within a text the term that comes first wins, so "Import a CSV"
 * is an import, not an export; ties go to the profile listed first. A term matches whole words,
 * and its last word also matches its plural ("report" matches "reports").
 */
export function matchDeliverableProfile(
  profiles: readonly DeliverableProfile[],
  texts: readonly (string | null)[],
): DeliverableProfile | null {
  for (const text of texts) {
    if (!text) continue;
    const words = wordsOf(text);
    let best: { profile: DeliverableProfile; at: number } | null = null;
    for (const profile of profiles) {
      const at = Math.min(...termsOf(profile).map((term) => firstIndexOf(words, term)));
      if (at < (best?.at ?? Infinity)) best = { profile, at };
    }
    if (best) return best.profile;
  }
  return null;
}

/** A pack's profiles live as long as the pack, so their terms are split into words once. */
const termCache = new WeakMap<DeliverableProfile, readonly (readonly string[])[]>();

function termsOf(profile: DeliverableProfile): readonly (readonly string[])[] {
  let terms = termCache.get(profile);
  if (!terms) {
    terms = profile.match.map(wordsOf);
    termCache.set(profile, terms);
  }
  return terms;
}

function firstIndexOf(words: readonly string[], term: readonly string[]): number {
  if (term.length === 0) return Infinity;
  for (let i = 0; i + term.length <= words.length; i++) {
    if (term.every((t, k) => sameWord(words[i + k]!, t, k === term.length - 1))) return i;
  }
  return Infinity;
}

function sameWord(word: string, term: string, last: boolean): boolean {
  return word === term || (last && (word === `${term}s` || word === `${term}es`));
}
