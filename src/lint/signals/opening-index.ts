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
 * match, packed as `position * MEMBER_SLOTS + member`, by position and then member.
 * `version` is the registry's size when the text was read: a group registered later is not in here.
 */
export interface TextCandidates {
  readonly version: number;
  readonly byGroup: readonly (readonly number[] | undefined)[];
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
   * One pass over the text: every place where a member of a registered group may open. Inside a
   * word only the characters some mid-word key starts with are looked at (in practice `_`), so
   * most characters cost one comparison.
   */
  read(text: string): TextCandidates {
    const byGroup: number[][] = [];
    const n = text.length;
    const layout = this.layout;
    const opensMidWord = layout.opensMidWord;
    const beyondAsciiOpensMidWord = (opensMidWord[OTHER_CODE] ?? 0) !== 0;
    for (let p = 0; p < n;) {
      const code = text.charCodeAt(p);
      if (!isWordCode(code)) {
        if (code < 128 ? opensMidWord[code] : beyondAsciiOpensMidWord) lookUp(layout, text, p, 0, byGroup);
        p++;
        continue;
      }
      lookUp(layout, text, p, WORD_START, byGroup);
      for (p++; p < n; p++) {
        const inWord = text.charCodeAt(p);
        if (!isWordCode(inWord)) break;
        if (opensMidWord[inWord]) lookUp(layout, text, p, 0, byGroup);
      }
    }
    return { version: this.groupCount, byGroup };
  }
}

/** Adds the members that may open at `p` (a word start or not, as `start` says) to their groups' lists. */
function lookUp(layout: Layout, text: string, p: number, start: number, byGroup: number[][]): void {
  const s0 = symbolAt(text, p);
  const s1 = symbolAt(text, p + 1);
  if ((layout.firstTwo[(start >> KEY_BITS << SYMBOL_BITS) | s0]! & (1 << s1)) === 0) return;
  const key = start | (s0 << (2 * SYMBOL_BITS)) | (s1 << SYMBOL_BITS) | symbolAt(text, p + 2);
  const { keyStart, entries } = layout;
  const end = keyStart[key + 1]!;
  let e = keyStart[key]!;
  if (e === end) return;
  const fourth = 1 << symbolAt(text, p + 3);
  const fifth = 1 << symbolAt(text, p + 4);
  for (; e < end; e += ENTRY_INTS) {
    if ((entries[e + 1]! & fourth) === 0 || (entries[e + 2]! & fifth) === 0) continue;
    const groupMember = entries[e]!;
    (byGroup[groupMember >> MEMBER_BITS] ??= []).push(p * MEMBER_SLOTS + (groupMember & (MEMBER_SLOTS - 1)));
  }
}

/** Stands for every character beyond ASCII in `opensMidWord` (they all have the symbol OTHER). */
const OTHER_CODE = 128;

const ENTRY_INTS = 3;

/**
 * The entries laid out for reading: for each key, a run of `entries` (group and member, 4th mask,
 * 5th mask) from keyStart[key] to keyStart[key + 1]; and for each first symbol (at a word start
 * or not) the second symbols any key goes on with, so most positions need no key at all.
 */
interface Layout {
  /** By ASCII code (and OTHER_CODE for the rest): whether some key opens there when it is not a word start. */
  readonly opensMidWord: Uint8Array;
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
  const opensMidWord = new Uint8Array(OTHER_CODE + 1);
  for (let code = 0; code <= OTHER_CODE; code++) opensMidWord[code] = firstTwo[symbolOf(code)] === 0 ? 0 : 1;
  return { opensMidWord, firstTwo, keyStart, entries };
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
