import type { Ticket } from '../../domain/ticket.js';
import type { Analysis } from '../analysis.js';
import type { DeliverableProfile } from './pack-schema.js';
import type { RulePack } from './rule-pack.js';

const WORD = /[\p{L}\p{N}]+/gu;

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/**
 * The profile a ticket's questions are phrased with: the one matching the detected output, else the
 * title. The templates (template-values.ts) and `ticketlint print-pack` both ask this.
 */
export function deliverableProfileFor(ticket: Ticket, analysis: Analysis, pack: Pick<RulePack, 'deliverables'>): DeliverableProfile | null {
  const title = analysis.text.title || ticket.title.trim();
  return matchDeliverableProfile(pack.deliverables, [analysis.signals.deliverable.output, title]);
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
  const index = indexOf(profiles);
  for (const text of texts) {
    if (!text) continue;
    const words = wordsOf(text);
    for (let i = 0; i < words.length; i++) {
      const order = firstProfileAt(index, words, i);
      if (order !== Infinity) return profiles[order]!;
    }
  }
  return null;
}

/** One term of one profile, with the profile's place in the list (ties go to the earlier one). */
interface TermEntry {
  readonly order: number;
  readonly words: readonly string[];
}

/** A pack's profiles live as long as the pack: their terms are indexed by first word once. */
const indexCache = new WeakMap<readonly DeliverableProfile[], ReadonlyMap<string, readonly TermEntry[]>>();

function indexOf(profiles: readonly DeliverableProfile[]): ReadonlyMap<string, readonly TermEntry[]> {
  let index = indexCache.get(profiles);
  if (!index) {
    const byFirst = new Map<string, TermEntry[]>();
    profiles.forEach((profile, order) => {
      for (const words of profile.match.map(wordsOf)) {
        if (words.length === 0) continue;
        const list = byFirst.get(words[0]!) ?? [];
        list.push({ order, words });
        byFirst.set(words[0]!, list);
      }
    });
    index = byFirst;
    indexCache.set(profiles, index);
  }
  return index;
}

/** The earliest-listed profile with a term starting at word `i`, or Infinity. */
function firstProfileAt(index: ReadonlyMap<string, readonly TermEntry[]>, words: readonly string[], i: number): number {
  const word = words[i]!;
  let best = Infinity;
  // A one-word term also matches its plural, so "reports" looks up "report" too.
  for (const key of [word, word.endsWith('s') ? word.slice(0, -1) : null, word.endsWith('es') ? word.slice(0, -2) : null]) {
    if (key === null) continue;
    for (const entry of index.get(key) ?? []) {
      if (entry.order < best && termAt(words, i, entry.words)) best = entry.order;
    }
  }
  return best;
}

function termAt(words: readonly string[], i: number, term: readonly string[]): boolean {
  if (i + term.length > words.length) return false;
  for (let k = 0; k < term.length; k++) {
    if (!sameWord(words[i + k]!, term[k]!, k === term.length - 1)) return false;
  }
  return true;
}

function sameWord(word: string, term: string, last: boolean): boolean {
  return word === term || (last && (word === `${term}s` || word === `${term}es`));
}
