/**
 * A coarse 32-letter alphabet for the first characters of a cue match: each letter of the text is
 * one symbol, and a set of characters is a 32-bit mask of symbols. Case is folded (the lower-cased
 * text has no ASCII capitals) and every character without a symbol of its own shares OTHER, so
 * a set that holds any such character holds OTHER: merging characters loses precision, never a match.
 */
export const SYMBOL_COUNT = 32;
export const OTHER = 0;
const FIRST_LETTER = 1;
const DIGIT = 27;
const SPACE = 28;
const LINE_BREAK = 29;
const HYPHEN = 30;
const APOSTROPHE = 31;

export const ALL_SYMBOLS = 0xffffffff | 0;

const bit = (symbol: number): number => 1 << symbol;

/** Symbols that may stand for a word character (`\w`: letters, digits and `_`, which is OTHER). */
export const MAYBE_WORD = (((1 << 26) - 1) << FIRST_LETTER) | bit(DIGIT) | bit(OTHER);
/** Symbols that may stand for a character that is not a word character. */
export const MAYBE_NOT_WORD = bit(OTHER) | bit(SPACE) | bit(LINE_BREAK) | bit(HYPHEN) | bit(APOSTROPHE);

const ASCII_SYMBOLS: Uint8Array = (() => {
  const table = new Uint8Array(128);
  for (let code = 0; code < 128; code++) table[code] = asciiSymbol(code);
  return table;
})();

function asciiSymbol(code: number): number {
  if (code >= 97 && code <= 122) return FIRST_LETTER + code - 97;
  if (code >= 65 && code <= 90) return FIRST_LETTER + code - 65;
  if (code >= 48 && code <= 57) return DIGIT;
  if (code === 32) return SPACE;
  if (code === 10) return LINE_BREAK;
  if (code === 45) return HYPHEN;
  if (code === 39) return APOSTROPHE;
  return OTHER;
}

/** The symbol of one UTF-16 code unit. */
export function symbolOf(code: number): number {
  return code < 128 ? ASCII_SYMBOLS[code]! : OTHER;
}

/** Whether a code unit is a word character for `\b` (no `u` flag): [A-Za-z0-9_]. */
export function isWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || code === 95;
}

/** The symbols of a character set given as its ASCII members plus whether it holds anything beyond ASCII. */
export function symbolsOf(ascii: ReadonlySet<number>, beyondAscii: boolean): number {
  let mask = beyondAscii ? bit(OTHER) : 0;
  for (const code of ascii) mask |= bit(ASCII_SYMBOLS[code]!);
  return mask;
}

/** The symbols in a mask, in order. */
export function symbolsIn(mask: number): number[] {
  const out: number[] = [];
  for (let s = 0; s < SYMBOL_COUNT; s++) if (mask & bit(s)) out.push(s);
  return out;
}
