import { ALL_SYMBOLS, MAYBE_NOT_WORD, MAYBE_WORD, isWordCode, symbolOf, symbolsIn } from './opening-symbols.js';
import type { Opening } from './regex-openings.js';

/** How many characters of an opening the index looks at: three in the key, two more as masks. */
export const OPENING_LENGTH = 5;
const SYMBOL_BITS = 5;
const KEY_BITS = SYMBOL_BITS * 3;
/** Keys at a word start live in the upper half of the table: a `\b` cue never opens mid-word. */
const WORD_START = 1 << KEY_BITS;
/** A candidate is packed as position * MEMBER_SLOTS + member. */
export const MEMBER_SLOTS = 64;

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

/**
 * Where every registered group of cue patterns may open. The key of a position is its first three
 * symbols (opening-symbols.ts) and whether it starts a word; each key lists entries (group, member,
 * masks for the 4th and 5th symbols). All groups share one registry, so a ticket's text is read
 * once for every detector (read), whatever their pack.
 */
export class OpeningRegistry {
  private readonly keyIds = new Int32Array(2 << KEY_BITS).fill(-1);
  private readonly entriesByKey: number[][] = [];
  private entryGroup: Int32Array = new Int32Array(1024);
  private entryMember: Int32Array = new Int32Array(1024);
  private entryFourth: Int32Array = new Int32Array(1024);
  private entryFifth: Int32Array = new Int32Array(1024);
  private entryCount = 0;
  private groupCount = 0;
  /** The first symbols of keys that open mid-word or on a non-word character: elsewhere no lookup is needed. */
  private midWordFirst = 0;

  get version(): number {
    return this.groupCount;
  }

  /** Registers a group (its members' openings, in member order). */
  addGroup(openingsByMember: readonly (readonly Opening[])[]): GroupOpenings {
    if (openingsByMember.length > MEMBER_SLOTS) throw new RangeError(`a cue group holds at most ${MEMBER_SLOTS} patterns`);
    const group = this.groupCount++;
    const atTextStart: number[] = [];
    const entryOf = new Map<string, number>();
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
                const key = this.keyOf(wordStart, a, b, c);
                const seen = entryOf.get(`${key}:${member}`);
                if (seen === undefined) entryOf.set(`${key}:${member}`, this.addEntry(key, group, member, fourth, fifth));
                else this.widenEntry(seen, fourth, fifth);
              }
            }
          }
        }
      }
    });
    return { id: group, atTextStart };
  }

  /** One pass over the text: every place where a member of a registered group may open. */
  read(text: string): TextCandidates {
    const byGroup: number[][] = [];
    const n = text.length;
    const { keyIds, entriesByKey, entryGroup, entryMember, entryFourth, entryFifth, midWordFirst } = this;
    let previousIsWord = false;
    // The symbols at p .. p + 4; past the end of the text, OTHER (0).
    let s1 = symbolAt(text, 0);
    let s2 = symbolAt(text, 1);
    let s3 = symbolAt(text, 2);
    let s4 = symbolAt(text, 3);
    for (let p = 0; p < n; p++) {
      const s0 = s1;
      s1 = s2;
      s2 = s3;
      s3 = s4;
      s4 = symbolAt(text, p + 4);
      const isWord = isWordCode(text.charCodeAt(p));
      const atWordStart = isWord && !previousIsWord;
      previousIsWord = isWord;
      if (!atWordStart && (midWordFirst & (1 << s0)) === 0) continue;
      const key = keyIds[(atWordStart ? WORD_START : 0) | (s0 << (2 * SYMBOL_BITS)) | (s1 << SYMBOL_BITS) | s2]!;
      if (key < 0) continue;
      const fourth = 1 << s3;
      const fifth = 1 << s4;
      for (const e of entriesByKey[key]!) {
        if ((entryFourth[e]! & fourth) === 0 || (entryFifth[e]! & fifth) === 0) continue;
        (byGroup[entryGroup[e]!] ??= []).push(p * MEMBER_SLOTS + entryMember[e]!);
      }
    }
    return { version: this.groupCount, byGroup };
  }

  private keyOf(atWordStart: boolean, first: number, second: number, third: number): number {
    const slot = (atWordStart ? WORD_START : 0) | (first << (2 * SYMBOL_BITS)) | (second << SYMBOL_BITS) | third;
    let key = this.keyIds[slot]!;
    if (key < 0) {
      key = this.entriesByKey.length;
      this.entriesByKey.push([]);
      this.keyIds[slot] = key;
      if (!atWordStart) this.midWordFirst |= 1 << first;
    }
    return key;
  }

  private addEntry(key: number, group: number, member: number, fourth: number, fifth: number): number {
    if (this.entryCount === this.entryGroup.length) this.grow();
    const e = this.entryCount++;
    this.entryGroup[e] = group;
    this.entryMember[e] = member;
    this.entryFourth[e] = fourth;
    this.entryFifth[e] = fifth;
    this.entriesByKey[key]!.push(e);
    return e;
  }

  /** Another opening of the same member under the same key: either's 4th and 5th symbols will do. */
  private widenEntry(e: number, fourth: number, fifth: number): void {
    this.entryFourth[e] = this.entryFourth[e]! | fourth;
    this.entryFifth[e] = this.entryFifth[e]! | fifth;
  }

  private grow(): void {
    const twice = (a: Int32Array): Int32Array => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.entryGroup = twice(this.entryGroup);
    this.entryMember = twice(this.entryMember);
    this.entryFourth = twice(this.entryFourth);
    this.entryFifth = twice(this.entryFifth);
  }
}

function symbolAt(text: string, i: number): number {
  return i < text.length ? symbolOf(text.charCodeAt(i)) : 0;
}

/** The opening's five symbol masks; past its end, any symbol. */
function padded(symbols: readonly number[]): [number, number, number, number, number] {
  const at = (i: number): number => symbols[i] ?? ALL_SYMBOLS;
  return [at(0), at(1), at(2), at(3), at(4)];
}
