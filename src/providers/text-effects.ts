import { ForwardSearch } from './forward-search.js';

/**
 * A text effect that wraps a phrase in the same marker on both sides: `*strong*`, `~~strike~~`, `??cite??`.
 * Markdown and Jira wiki markup both have them.
 */
export interface TextEffect {
  /** The markers, tried in this order at each position; a phrase closes with the marker it opened with. */
  readonly markers: readonly string[];
  /**
   * Set: the effect stands at word edges. Its opening marker starts the text or follows a character
   * that is no letter, no digit and none of `joins`; its closing marker is followed by none of them.
   */
  readonly wordEdges?: { readonly joins: string };
}

/**
 * The text with each phrase of `effect` unwrapped: its markers dropped, its words kept. Gives what
 * `text.replace(/(^|[^\p{L}\p{N}])m(?=\S)(.+?)(?<=\S)m(?![\p{L}\p{N}])/gu, '$1$2')` gives (or the
 * pattern without word edges), in time linear in the text: the lazy `.+?` of that regex searches the
 * rest of the line for a closing marker from every opening one, which 100,000 `*` make quadratic.
 * Here each position is tested once as a closing marker, however many opening ones look for it.
 */
export function unwrapEffect(text: string, effect: TextEffect): string {
  if (!effect.markers.some((marker) => text.includes(marker))) return text;
  const closers = new Map<string, (from: number) => number>();
  const scan: EffectScan = {
    text,
    effect,
    // Made on first use: most lines hold no phrase at all, and a line of one `*` should cost nothing.
    closerOf: (marker) => {
      let finder = closers.get(marker);
      if (!finder) closers.set(marker, (finder = forwardFinder(text.length, (at) => closesAt(text, at, marker, effect))));
      return finder;
    },
    lineBreak: lazily(() => forwardFinder(text.length, (at) => isLineTerminator(text.charCodeAt(at)))),
  };
  const markers = new ForwardSearch(text);
  const parts: string[] = [];
  let copied = 0;
  let at = 0;
  while (at < text.length) {
    // Only an attempt next to a marker can succeed: at the marker, or (at word edges) one character before it.
    let marker = text.length;
    for (const m of effect.markers) {
      const found = markers.indexOf(m, at);
      if (found !== -1 && found < marker) marker = found;
    }
    if (marker === text.length) break;
    const before = effect.wordEdges && marker > 0 ? marker - codePointWidthBefore(text, marker) : -1;
    const phrase = (before >= at ? phraseAt(scan, before) : null) ?? phraseAt(scan, marker);
    if (phrase) {
      parts.push(text.slice(copied, phrase.open), text.slice(phrase.wordsStart, phrase.close));
      copied = at = phrase.end;
    } else {
      at = marker + 1;
    }
  }
  if (copied === 0) return text;
  parts.push(text.slice(copied));
  return parts.join('');
}

/** The text being scanned, with its finders of closing markers (one per marker) and of line breaks. */
interface EffectScan {
  readonly text: string;
  readonly effect: TextEffect;
  closerOf(marker: string): (from: number) => number;
  readonly lineBreak: (from: number) => number;
}

interface Phrase {
  /** Where the opening marker starts, where the words start, where the closing marker starts, where it ends. */
  readonly open: number;
  readonly wordsStart: number;
  readonly close: number;
  readonly end: number;
}

/** The phrase a match attempt at `at` finds, as the regex's attempt at `at` would; null for none. */
function phraseAt(scan: EffectScan, at: number): Phrase | null {
  const { text, effect } = scan;
  if (!effect.wordEdges) return phraseOpenedAt(scan, at);
  // `(^|[^\p{L}\p{N}])m`: the marker at the very start, else after one character that is no word character.
  const atStart = at === 0 ? phraseOpenedAt(scan, 0) : null;
  if (atStart) return atStart;
  if (joinsWords(text.codePointAt(at), effect.wordEdges.joins)) return null;
  return phraseOpenedAt(scan, at + codePointWidth(text, at));
}

function phraseOpenedAt(scan: EffectScan, open: number): Phrase | null {
  const { text } = scan;
  for (const marker of scan.effect.markers) {
    if (!text.startsWith(marker, open)) continue;
    const wordsStart = open + marker.length;
    // `(?=\S)(.+?)`: the words start with a non-space and hold at least one character and no line break.
    if (wordsStart >= text.length || isSpace(text[wordsStart]!)) continue;
    const close = scan.closerOf(marker)(wordsStart + 1);
    if (close < text.length && close <= scan.lineBreak(wordsStart)) return { open, wordsStart, close, end: close + marker.length };
  }
  return null;
}

/** `(?<=\S)m(?![\p{L}\p{N}])`: the marker follows a non-space and, at word edges, comes before no word character. */
function closesAt(text: string, at: number, marker: string, effect: TextEffect): boolean {
  if (at === 0 || !text.startsWith(marker, at) || isSpace(text[at - 1]!)) return false;
  return !effect.wordEdges || !joinsWords(text.codePointAt(at + marker.length), effect.wordEdges.joins);
}

/**
 * The first position at or after `from` that `holds` (the length of the text when none), for `from`
 * that never moves back: each position is tested at most once over all calls, so the lazy `.+?` of
 * every opening marker costs nothing beyond one pass over the text.
 */
function forwardFinder(length: number, holds: (at: number) => boolean): (from: number) => number {
  let checkedTo = 0;
  let found = -1;
  return (from) => {
    if (found >= from) return found;
    for (let at = Math.max(from, checkedTo); at < length; at++) {
      if (holds(at)) {
        found = at;
        checkedTo = at + 1;
        return at;
      }
    }
    checkedTo = length;
    found = length;
    return length;
  };
}

/** `make()`'s function, made on its first call. */
function lazily(make: () => (from: number) => number): (from: number) => number {
  let made: ((from: number) => number) | undefined;
  return (from) => (made ??= make())(from);
}

function isLineTerminator(code: number): boolean {
  return code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029;
}

const SPACE = /\s/;
const WORD = /[\p{L}\p{N}]/u;

function isSpace(char: string): boolean {
  const code = char.charCodeAt(0);
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return SPACE.test(char);
}

/** A letter, a digit or one of `joins`; false past the end. */
function joinsWords(codePoint: number | undefined, joins: string): boolean {
  if (codePoint === undefined) return false;
  if (codePoint < 0x80) {
    const lower = codePoint | 0x20;
    return (lower >= 0x61 && lower <= 0x7a) || (codePoint >= 0x30 && codePoint <= 0x39) || joins.includes(String.fromCharCode(codePoint));
  }
  const char = String.fromCodePoint(codePoint);
  return joins.includes(char) || WORD.test(char);
}

function codePointWidth(text: string, at: number): number {
  return text.codePointAt(at)! > 0xffff ? 2 : 1;
}

/** 2 when the character before `at` is the second half of a surrogate pair, else 1. */
function codePointWidthBefore(text: string, at: number): number {
  return at >= 2 && text.codePointAt(at - 2)! > 0xffff ? 2 : 1;
}
