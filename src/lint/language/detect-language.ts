import type { TicketText } from '../ticket-text.js';
import { STOP_WORDS } from './stop-words.js';

/**
 * The language a ticket is written in, as far as the engine can tell: `en` when it reads as English
 * (or when nothing says otherwise, such as "CSV export"), else the code of the language whose
 * function words it uses (`de`, `fr`, `es`, `pt`), or `other` for text mostly in a non-Latin script.
 */
export interface LanguageReading {
  readonly language: string;
  /** Function words of English and of the likeliest other language found, for the debug line. */
  readonly englishWords: number;
  readonly otherWords: number;
}

/** The language the judgement reads: its cues and questions are English. */
export const JUDGED_LANGUAGE = 'en';

/**
 * A word between spaces, possibly closed by punctuation: `foo.bar`, `de_DE`, `la()` or `x=die` are
 * code or identifiers, not words (code blocks and URLs are already blanked out in TicketText.lower).
 */
const TOKEN = /(?<=^|[\s"'(«¿¡])[\p{Ll}\p{Lu}][\p{L}']*(?=[.,;:!?)»"]*(?:\s|$))/gu;
const LATIN = /\p{Script=Latin}/u;
/** Any character outside Basic Latin and the Latin supplements and extensions: only then is the script counted. */
const BEYOND_LATIN = /[^\u0000-\u024F]/;
/** Each stop word with the languages that list it, built once: one lookup a word instead of one a language. */
const LANGUAGES_OF: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const [language, words] of Object.entries(STOP_WORDS)) for (const word of words) map.set(word, [...(map.get(word) ?? []), language]);
  return map;
})();
const LETTER = /\p{L}/u;
/** The most text read: the function words of the first few paragraphs tell the language. */
const MAX_CHARS = 4000;
/** Other-language words must outnumber English ones this many times over: a quoted sentence does not count. */
const DOMINANCE = 2;

/**
 * A stop-word count over title and body. Each language scores the words of its list; the ticket is
 * foreign when another language finds at least one word and at least twice as many as English does.
 * So a short German title over an English body is English, and English with a German quote stays English.
 */
export function detectLanguage(text: TicketText): LanguageReading {
  const lower = text.lower.slice(0, MAX_CHARS);
  const original = text.full.slice(0, MAX_CHARS);
  if (mostlyNonLatin(lower)) return { language: 'other', englishWords: 0, otherWords: 0 };
  const counts = new Map<string, number>();
  for (const match of lower.matchAll(TOKEN)) {
    const word = match[0];
    if (word.length > 1 && isAllCaps(original.slice(match.index, match.index + word.length))) continue;
    for (const language of LANGUAGES_OF.get(word) ?? []) counts.set(language, (counts.get(language) ?? 0) + 1);
  }
  const englishWords = counts.get(JUDGED_LANGUAGE) ?? 0;
  let best = JUDGED_LANGUAGE;
  let otherWords = 0;
  for (const [language, count] of counts) {
    if (language !== JUDGED_LANGUAGE && count > otherWords) { best = language; otherWords = count; }
  }
  const foreign = otherWords >= 1 && otherWords >= DOMINANCE * englishWords;
  return { language: foreign ? best : JUDGED_LANGUAGE, englishWords, otherWords };
}

function isAllCaps(word: string): boolean {
  return word === word.toUpperCase();
}

function mostlyNonLatin(text: string): boolean {
  if (!BEYOND_LATIN.test(text)) return false;
  let latin = 0;
  let other = 0;
  for (const ch of text) {
    if (!LETTER.test(ch)) continue;
    if (LATIN.test(ch)) latin++;
    else other++;
  }
  return other > latin;
}
