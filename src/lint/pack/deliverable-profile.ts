import type { Analysis } from '../analysis.js';
import { PREPOSITIONS } from '../language/english-words.js';
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
export function deliverableProfileFor(analysis: Analysis, pack: Pick<RulePack, 'deliverables'>): DeliverableProfile | null {
  return matchRequestedProfile(pack.deliverables, analysis.signals.deliverable.output);
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

/** Words after which a noun phrase goes on about something else: "dashboard for CSV exports". */
const CHUNK_END = new Set([...PREPOSITIONS, 'when', 'that', 'which', 'so', 'if']);
const WAY_TO = /^an? way (?:for .+? )?to (\S+)\s*(.*)$/i;

/**
 * The profile of what a deliverable phrase asks for, never of a word it merely mentions. In "a way
 * to export members" the verb decides; in a noun phrase its head does, the last word before any
 * preposition ("Slack notification" is a notification, "dashboard for CSV exports" a dashboard,
 * "email sequence" an email sequence before an email), then its modifiers from the right; only a
 * head no profile names ("support for SSO") lets the words after the preposition decide.
 */
export function matchRequestedProfile(profiles: readonly DeliverableProfile[], phrase: string | null): DeliverableProfile | null {
  if (!phrase) return null;
  const way = WAY_TO.exec(phrase);
  const words = wordsOf(way ? way[2]! : phrase);
  const index = indexOf(profiles);
  if (way) {
    const byVerb = lastProfileIn(index, wordsOf(way[1]!));
    if (byVerb !== null) return profiles[byVerb]!;
  }
  let end = words.findIndex((w) => CHUNK_END.has(w));
  if (end < 0) end = words.length;
  const byHead = lastProfileIn(index, words.slice(0, end));
  if (byHead !== null) return profiles[byHead]!;
  return matchDeliverableProfile(profiles, [words.slice(end).join(' ')]);
}

/** The profile whose term ends last in `words` (then the longer term, then the profile listed first). */
function lastProfileIn(index: ReadonlyMap<string, readonly TermEntry[]>, words: readonly string[]): number | null {
  let best: { end: number; length: number; order: number } | null = null;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    for (const key of new Set([word, word.replace(/e?s$/, '')])) {
      for (const entry of index.get(key) ?? []) {
        if (!termAt(words, i, entry.words)) continue;
        const found = { end: i + entry.words.length, length: entry.words.length, order: entry.order };
        if (!best || found.end > best.end || (found.end === best.end && (found.length > best.length || (found.length === best.length && found.order < best.order)))) best = found;
      }
    }
  }
  return best?.order ?? null;
}
