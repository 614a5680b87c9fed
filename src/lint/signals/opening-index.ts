import { ALL_SYMBOLS, MAYBE_NOT_WORD, MAYBE_WORD, isWordCode, symbolOf, symbolsIn } from './opening-symbols.js';
import type { Opening } from './regex-openings.js';

/** How many characters of an opening the index looks at: three in the key, two more as masks. */
export const OPENING_LENGTH = 5;
const SYMBOL_BITS = 5;
const KEY_BITS = SYMBOL_BITS * 3;
/** Keys at a word start live in the upper half of the table: a `\b` cue never opens mid-word. */
const WORD_START = 1 << KEY_BITS;
/** A candidate is packed as position * MEMBER_SLOTS + member (texts are capped at 20,000 characters, so it stays a small integer). */
export const MEMBER_BITS = 6;
export const MEMBER_SLOTS = 1 << MEMBER_BITS;

/**
 * For one ticket's text: for each registered group, the places where one of its members may
 * match, packed as `position * MEMBER_SLOTS + member`, by position and then member: group g's are
 * `lists[g][0 .. counts[g])`. `version` is the registry's size when the text was read: a group
 * registered later is not in here.
 * A registry reuses one TextCandidates for every read (a ticket's pass allocates nothing), so a
 * reading is only valid until the registry's next read.
 */
export class TextCandidates {
  version = 0;
  lists: Int32Array[] = [];
  counts = new Int32Array(0);

  /** A copy of one group's candidates. */
  listOf(group: number): number[] {
    return group < this.counts.length ? [...this.lists[group]!.subarray(0, this.counts[group]!)] : [];
  }

  /** Starts a reading for `groups` groups, keeping the lists already grown. */
  reset(groups: number): void {
    this.version = groups;
    if (this.counts.length !== groups) {
      this.counts = new Int32Array(groups);
      while (this.lists.length < groups) this.lists.push(new Int32Array(64));
    } else {
      this.counts.fill(0);
    }
  }

  add(group: number, candidate: number): void {
    const at = this.counts[group]!;
    let list = this.lists[group]!;
    if (at === list.length) {
      const grown = new Int32Array(list.length * 2);
      grown.set(list);
      this.lists[group] = list = grown;
    }
    list[at] = candidate;
    this.counts[group] = at + 1;
  }
}

/** One group's members that may only match at the very start of the text (a leading `^`). */
export interface GroupOpenings {
  readonly id: number;
  readonly atTextStart: readonly number[];
}

/** One member of one group under one key, with what its 4th and 5th characters may be. */
interface Entry {
  readonly groupMember: number;
  fourth: number;
  fifth: number;
}

/**
 * Where every registered group of cue patterns may open. The key of a position is its first three
 * symbols (opening-symbols.ts) and whether it starts a word; each key lists entries (group, member,
 * masks for the 4th and 5th symbols). All groups share one registry, so a ticket's text is read
 * once for every detector (read), whatever their pack.
 */
export class OpeningRegistry {
  private readonly entriesByKey = new Map<number, Entry[]>();
  private groupCount = 0;
  private layout: Layout = layoutOf(this.entriesByKey);
  /** The last reading (see read). */
  readonly reading = new TextCandidates();

  get version(): number {
    return this.groupCount;
  }

  /** Registers a group (its members' openings, in member order). */
  addGroup(openingsByMember: readonly (readonly Opening[])[]): GroupOpenings {
    if (openingsByMember.length > MEMBER_SLOTS) throw new RangeError(`a cue group holds at most ${MEMBER_SLOTS} patterns`);
    const group = this.groupCount++;
    const atTextStart: number[] = [];
    const entryOf = new Map<number, Entry>();
    openingsByMember.forEach((openings, member) => {
      for (const opening of openings) {
        if (opening.atTextStart) {
          if (atTextStart[atTextStart.length - 1] !== member) atTextStart.push(member);
          continue;
        }
        const [first, second, third, fourth, fifth] = padded(opening.symbols);
        // At a word start the first character is a word character; elsewhere it is one only
        // mid-word, where a `\b` cannot stand before it.
        const atWordStart = first & MAYBE_WORD;
        const elsewhere = opening.boundary ? first & MAYBE_NOT_WORD : first;
        for (const [wordStart, firsts] of [[true, atWordStart], [false, elsewhere]] as const) {
          for (const a of symbolsIn(firsts)) {
            for (const b of symbolsIn(second)) {
              for (const c of symbolsIn(third)) {
                const key = keyOf(wordStart, a, b, c);
                const seen = entryOf.get(key * MEMBER_SLOTS + member);
                if (seen) {
                  // Another opening of the same member under the same key: either's 4th and 5th characters will do.
                  seen.fourth |= fourth;
                  seen.fifth |= fifth;
                  continue;
                }
                const entry = { groupMember: group * MEMBER_SLOTS + member, fourth, fifth };
                entryOf.set(key * MEMBER_SLOTS + member, entry);
                let list = this.entriesByKey.get(key);
                if (!list) this.entriesByKey.set(key, (list = []));
                list.push(entry);
              }
            }
          }
        }
      }
    });
    this.layout = layoutOf(this.entriesByKey);
    return { id: group, atTextStart };
  }

  /**
   * One pass over the text: every place where a member of a registered group may open. Each
   * character's symbol is looked up once, into a window of the next three; a position costs one
   * table test (does any key open with these two symbols, at a word start or not), and only the
   * positions that pass it look up their key. The result is the registry's own TextCandidates,
   * overwritten by the next read.
   */
  read(text: string): TextCandidates {
    const out = this.reading;
    out.reset(this.groupCount);
    const n = text.length;
    const { firstTwo, keyStart, entries } = this.layout;
    // Classes (symbol, plus WORD_CLASS for a `\b` word character) of the characters at p, p + 1, p + 2.
    let next = classAt(text, 0);
    let afterNext = classAt(text, 1);
    let previousIsWord = false;
    for (let p = 0; p < n; p++) {
      const here = next;
      next = afterNext;
      afterNext = classAt(text, p + 2);
      const isWord = here >= WORD_CLASS;
      // A word start reads the word-start half of firstTwo; `1 << next` ignores next's WORD_CLASS bit.
      const wordStart = isWord && !previousIsWord;
      previousIsWord = isWord;
      const first = wordStart ? here : here & SYMBOL_MASK;
      if ((firstTwo[first]! & (1 << next)) === 0) continue;
      const key = (first << (2 * SYMBOL_BITS)) | ((next & SYMBOL_MASK) << SYMBOL_BITS) | (afterNext & SYMBOL_MASK);
      const end = keyStart[key + 1]!;
      let e = keyStart[key]!;
      if (e === end) continue;
      const fourth = 1 << symbolAt(text, p + 3);
      const fifth = 1 << symbolAt(text, p + 4);
      for (; e < end; e += ENTRY_INTS) {
        if ((entries[e + 1]! & fourth) === 0 || (entries[e + 2]! & fifth) === 0) continue;
        const groupMember = entries[e]!;
        out.add(groupMember >> MEMBER_BITS, p * MEMBER_SLOTS + (groupMember & (MEMBER_SLOTS - 1)));
      }
    }
    return out;
  }
}

/** The bit a character class carries when the character is a word character for `\b`: [A-Za-z0-9_]. */
const WORD_CLASS = 1 << SYMBOL_BITS;
const SYMBOL_MASK = WORD_CLASS - 1;
const ASCII_CLASSES: Uint8Array = (() => {
  const table = new Uint8Array(128);
  for (let code = 0; code < 128; code++) table[code] = symbolOf(code) | (isWordCode(code) ? WORD_CLASS : 0);
  return table;
})();

/** The class of the code unit at `i`: beyond ASCII (and past the end) the symbol OTHER, never a word character. */
function classAt(text: string, i: number): number {
  if (i >= text.length) return 0;
  const code = text.charCodeAt(i);
  return code < 128 ? ASCII_CLASSES[code]! : 0;
}

const ENTRY_INTS = 3;

/**
 * The entries laid out for reading: for each key, a run of `entries` (group and member, 4th mask,
 * 5th mask) from keyStart[key] to keyStart[key + 1]; and for each first symbol (at a word start
 * or not) the second symbols any key goes on with, so most positions need no key at all.
 */
interface Layout {
  readonly firstTwo: Int32Array;
  readonly keyStart: Int32Array;
  readonly entries: Int32Array;
}

function layoutOf(entriesByKey: ReadonlyMap<number, readonly Entry[]>): Layout {
  const firstTwo = new Int32Array(2 << SYMBOL_BITS);
  const keyStart = new Int32Array((2 << KEY_BITS) + 1);
  let total = 0;
  for (const list of entriesByKey.values()) total += list.length;
  const entries = new Int32Array(total * ENTRY_INTS);
  let at = 0;
  for (let key = 0; key < 2 << KEY_BITS; key++) {
    keyStart[key] = at;
    const list = entriesByKey.get(key);
    if (!list) continue;
    firstTwo[(key >> (2 * SYMBOL_BITS))]! |= 1 << ((key >> SYMBOL_BITS) & 31);
    for (const { groupMember, fourth, fifth } of list) {
      entries[at++] = groupMember;
      entries[at++] = fourth;
      entries[at++] = fifth;
    }
  }
  keyStart[2 << KEY_BITS] = at;
  return { firstTwo, keyStart, entries };
}

function keyOf(atWordStart: boolean, first: number, second: number, third: number): number {
  return (atWordStart ? WORD_START : 0) | (first << (2 * SYMBOL_BITS)) | (second << SYMBOL_BITS) | third;
}

function symbolAt(text: string, i: number): number {
  return i < text.length ? symbolOf(text.charCodeAt(i)) : 0;
}

/** The opening's five symbol masks; past its end, any symbol. */
function padded(symbols: readonly number[]): [number, number, number, number, number] {
  const at = (i: number): number => symbols[i] ?? ALL_SYMBOLS;
  return [at(0), at(1), at(2), at(3), at(4)];
}
