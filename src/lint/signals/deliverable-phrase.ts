import {
  AUXILIARIES, BASE_VERBS, COMPOUND_HEADS, NO_DELIVERABLE, NOUN_TOO, OBJECT_VERBS, PEOPLE_WORDS, PREPOSITIONS, PROPER_NOUNS,
} from '../language/english-words.js';
import { STOP_WORDS } from '../language/stop-words.js';

/**
 * The deliverable as an English noun phrase that every template can hold ("Who needs …?", "it asks
 * for …", "Once … ships"): "Add CSV export" gives "CSV export", "Let customers pay by bank transfer"
 * gives "a way for customers to pay by bank transfer", "Warn customers before …" gives "a way to warn
 * customers before …". Null when no clean phrase can be made (a statement such as "Dashboard takes 12s
 * to load", a question, a fragment): the templates then use a wording that needs none.
 */
export function deliverablePhrase(titleProper: string): string | null {
  const tokens = casedTokens(stripOpeners(cutClause(stripOpeners(titleProper.trim().replace(/[.!?:;\s]+$/, '')))));
  if (tokens.length === 0) return null;
  const phrase = phraseOf(tokens);
  if (!phrase) return null;
  const tidy = fitLength(withoutDoubledWords(trimFunctionWords(phrase)));
  return tidy && readsAsNounPhrase(tidy) ? tidy.join(' ') : null;
}

/** Verbs whose object is a person and a verb: "Allow admins to archive projects", "Let customers pay". */
const PERMIT_VERBS = new Set(['allow', 'let', 'permit', 'enable']);
/** Words a phrase must not end on: it would read as cut off ("CSV export for"). */
const DANGLING = new Set([...PREPOSITIONS, 'a', 'an', 'the', 'and', 'or', 'but', 'than', 'that', 'which', 'who', 'when', 'where', 'if', 'so', 'my', 'our', 'your', 'their', 'its', 'this', 'these', 'some', 'any', 'all', 'each', 'every', 'more', 'less', 'new']);
const FOREIGN_WORDS = new Set(Object.entries(STOP_WORDS).flatMap(([language, words]) => (language === 'en' ? [] : [...words])));
const COMMON_WORDS = new Set([...BASE_VERBS, ...STOP_WORDS.en!, ...AUXILIARIES, ...PEOPLE_WORDS]);
const SELF = new Set(['me', 'us', 'you', 'i', 'we']);
const DETERMINERS = new Set(['a', 'an', 'the', 'my', 'our', 'your', 'their', 'all', 'some', 'any', 'each', 'every', 'multiple', 'several', 'other', 'more']);
/** Where the object of a title stops: a reason, a condition or a clause of its own. */
const CLAUSE_END = /\s(?:so that|so|because|since|in order to|when|whenever|where|which|that|as it|to be able|instead of|rather than|if|unless|while|but|e\.g\.|i\.e\.)\s|[,;(]|\s[-–—]\s|:\s/i;
const OPENERS: readonly RegExp[] = [
  /^as an? [^,]{1,60}?,?\s+(?:i|we) (?:would like|'d like|want|need)(?: to)?\s+/i,
  /^(?:i|we) (?:would like|'d like|want|need)(?: to)?\s+/i,
  /^(?:can|could|would|will) (?:we|you|i) (?:please )?(?:have )?/i,
  /^(?:is it|would it be) possible to\s+/i,
  /^(?:it would be|would be) (?:nice|great|good|useful|helpful) to(?: have)?\s+/i,
  /^(?:nice to have|request|proposal|idea)\s*:?\s+/i,
  /^(?:please|pls)\s+/i,
];
const MAX_WORDS = 9;

function stripOpeners(title: string): string {
  let s = title;
  for (let round = 0; round < 3; round++) {
    const opener = OPENERS.find((re) => re.test(s));
    if (!opener) break;
    s = s.replace(opener, '');
  }
  return s;
}

function cutClause(s: string): string {
  const cut = CLAUSE_END.exec(s);
  return cut && cut.index > 0 ? s.slice(0, cut.index) : s;
}

/**
 * The title's words with the capitals of sentence case or Title Case undone; a quoted word ("Export")
 * keeps its capital, as a label on a button does.
 */
function casedTokens(s: string): string[] {
  const tokens = s.split(/\s+/).map((t) => t.replace(/^[^\p{L}\p{N}"'“‘]+|[^\p{L}\p{N}"'”’)]+$/gu, '')).filter((t) => /[\p{L}\p{N}]/u.test(t));
  const capitalised = (t: string): boolean => /^\p{Lu}[\p{Ll}'’-]*$/u.test(t);
  const long = tokens.filter((t) => t.length > 3 && /^\p{L}+$/u.test(t));
  const titleCase = long.length >= 2 && long.every((t) => capitalised(t) || !/^\p{Ll}/u.test(t));
  return tokens.map((t, i) => {
    if (!capitalised(t) || PROPER_NOUNS.has(t.toLowerCase()) || t === 'I') return t;
    // A capital that starts the title, every word of a Title Case title, or a common word written
    // with a capital ("Add Warn customers") would read as a name mid-sentence.
    return i === 0 || titleCase || COMMON_WORDS.has(t.toLowerCase()) ? t.toLowerCase() : t;
  });
}

function lower(t: string | undefined): string {
  return (t ?? '').toLowerCase();
}

function phraseOf(tokens: readonly string[]): string[] | null {
  const first = lower(tokens[0]);
  const rest = tokens.slice(1);
  if (NO_DELIVERABLE.has(first)) return null;
  if (first === 'bulk' || first === 'mass') {
    return BASE_VERBS.has(lower(rest[0])) ? ['a', 'way', 'to', first, ...rest] : [first, ...rest];
  }
  if (NOUN_COMPOUND_OPENINGS.has(`${first} ${lower(rest[0])}`)) return nounPhrase(tokens);
  // "Show" alone, what is left of "Show which step failed", names nothing to build.
  if (rest.length === 0 && SHOWING_VERBS.has(first)) return null;
  if (!readsAsVerb(tokens)) return nounPhrase(tokens);
  if (PERMIT_VERBS.has(first) && (first !== 'enable' || rest.some((t) => lower(t) === 'to'))) return permission(first, rest);
  if (OBJECT_VERBS.has(first)) return objectOf(first, rest);
  if (rest.length === 0) return null;
  return ['a', 'way', 'to', first, ...rest];
}

/** "Export members as CSV" asks to export; "Export settings page" and a bare "Export" name a thing. */
function readsAsVerb(tokens: readonly string[]): boolean {
  const first = lower(tokens[0]);
  if (!BASE_VERBS.has(first) && !OBJECT_VERBS.has(first) && !PERMIT_VERBS.has(first)) return false;
  if (!NOUN_TOO.has(first)) return true;
  const next = tokens[1];
  if (next === undefined || COMPOUND_HEADS.has(lower(next)) || COMPOUND_HEADS.has(lower(tokens[2]))) return false;
  return startsAnObject(next) || (SHOWING_VERBS.has(first) && tokens.length >= 3);
}

/** A verb and a noun that together name a thing: "Audit log retention setting" asks for a setting, not to audit. */
const NOUN_COMPOUND_OPENINGS = new Set(['audit log', 'audit logs', 'audit trail', 'audit event', 'audit events']);

/**
 * Verbs that are nouns too but, before two or more words that name no kind of thing, ask to show
 * something: "Show last-sync time on the dashboard", "Display invoice totals" (while "Display name
 * field" and "Show notes" stay things).
 */
const SHOWING_VERBS = new Set(['show', 'display']);

/** What follows a verb and not a noun: "the …", "to …", "members", "CSV", "Slack". */
function startsAnObject(token: string): boolean {
  const word = lower(token);
  if (DETERMINERS.has(word) || PREPOSITIONS.has(word) || PEOPLE_WORDS.has(word)) return true;
  return /\p{Lu}/u.test(token) || (word.endsWith('s') && !word.endsWith('ss'));
}

/** "Add CSV export" gives "CSV export"; "Add ability to tag" gives "a way to tag"; "Support for SSO" stays whole. */
function objectOf(verb: string, rest: readonly string[]): string[] | null {
  if (rest.length === 0) return null;
  const ability = /^(?:(?:the|an?)\s+)?(?:ability|option|possibility|way|means)\s+to$/i;
  for (let n = 2; n <= 3; n++) {
    if (ability.test(rest.slice(0, n).join(' '))) return verbPhrase(rest.slice(n));
  }
  if (verb === 'support' && (lower(rest[0]) === 'for' || lower(rest[0]) === 'of')) return ['support', ...rest];
  if (PREPOSITIONS.has(lower(rest[0]))) return null;
  if (lower(rest[0]) === 'to') return verbPhrase(rest.slice(1));
  const gerund = baseOfGerund(lower(rest[0]));
  if (gerund) return ['a', 'way', 'to', gerund, ...rest.slice(1)];
  // "Add edit button": a verb used as a modifier; "the" makes the phrase a thing.
  if (BASE_VERBS.has(lower(rest[0])) && !NOUN_TOO.has(lower(rest[0]))) return ['the', ...rest];
  return nounPhrase(rest);
}

/** "Allow admins to archive projects", "Let customers pay", "Allow bulk delete", "Allow exporting reports". */
function permission(verb: string, rest: readonly string[]): string[] | null {
  const subject = subjectOf(rest);
  if (subject > 0) {
    const after = rest.slice(subject);
    const action = verb === 'let' ? after : lower(after[0]) === 'to' ? after.slice(1) : null;
    const phrase = action && verbPhrase(action);
    if (!phrase) return null;
    const who = rest.slice(0, subject);
    return SELF.has(lower(who[who.length - 1])) ? phrase : ['a', 'way', 'for', ...who, ...phrase.slice(2)];
  }
  if (lower(rest[0]) === 'to') return verbPhrase(rest.slice(1));
  if (rest.length > 1 && !NOUN_TOO.has(lower(rest[0]))) {
    const action = verbPhrase(rest);
    if (action) return action;
  }
  return rest.length > 0 ? nounPhrase(rest) : null;
}

/** How many words name the people at the start ("finance admins", "the user", "me"), or 0. */
function subjectOf(words: readonly string[]): number {
  for (let i = 0; i < Math.min(words.length, 4); i++) {
    if (PEOPLE_WORDS.has(lower(words[i])) || SELF.has(lower(words[i]))) return i + 1;
  }
  return 0;
}

/** "a way to <verb> …" when `words` open with a verb (or its -ing form); else null. */
function verbPhrase(words: readonly string[]): string[] | null {
  const first = lower(words[0]);
  const base = BASE_VERBS.has(first) ? first : baseOfGerund(first);
  return base ? ['a', 'way', 'to', base, ...words.slice(1)] : null;
}

/** "exporting" → "export", "saving" → "save", "mapping" → "map"; null when it is no verb we know. */
function baseOfGerund(word: string): string | null {
  if (!word.endsWith('ing') || word.length < 5) return null;
  const stem = word.slice(0, -3);
  const undoubled = stem.length > 2 && stem.at(-1) === stem.at(-2) ? stem.slice(0, -1) : null;
  for (const candidate of [stem, `${stem}e`, undoubled]) if (candidate && BASE_VERBS.has(candidate)) return candidate;
  return null;
}

/**
 * A title that names a thing ("Okta SSO for enterprise"), or a statement whose object is the thing
 * asked for ("Customers need a CSV export", "… can't roll us out without Okta SSO"); null for any
 * other statement ("Dashboard takes 12s to load").
 */
function nounPhrase(tokens: readonly string[]): string[] | null {
  const words = tokens.map(lower);
  const need = words.findIndex((w, i) => i > 0 && (w === 'need' || w === 'needs' || w === 'want' || w === 'wants'));
  if (need > 0 && need < tokens.length - 1 && !words.slice(0, need).some((w) => AUXILIARIES.has(w))) {
    return objectOf('need', tokens.slice(need + 1));
  }
  const without = words.lastIndexOf('without');
  if (without > 0 && without < tokens.length - 1 && words.slice(0, without).some((w) => AUXILIARIES.has(w))) {
    return nounPhrase(tokens.slice(without + 1));
  }
  if (words.some((w, i) => AUXILIARIES.has(w) || isFiniteVerb(words, i))) return null;
  return [...tokens];
}

/** "takes" in "Dashboard takes 12s": a verb's -s form followed by what it does, not by a preposition. */
function isFiniteVerb(words: readonly string[], i: number): boolean {
  const w = words[i]!;
  if (i === 0) return false;
  // "customers add tags", "we need": a verb right after the people who do it.
  const prev = words[i - 1]!;
  if (BASE_VERBS.has(w) && !NOUN_TOO.has(w) && (PEOPLE_WORDS.has(prev) || SELF.has(prev))) return true;
  if (i === words.length - 1 || !w.endsWith('s')) return false;
  const next = words[i + 1]!;
  if (PREPOSITIONS.has(next) || next === 'and' || next === 'or') return false;
  const stem = w.endsWith('es') && !BASE_VERBS.has(w.slice(0, -1)) ? w.slice(0, -2) : w.slice(0, -1);
  return BASE_VERBS.has(stem) && !DETERMINERS.has(words[i - 1]!);
}

function trimFunctionWords(words: readonly string[]): string[] {
  let end = words.length;
  while (end > 0 && DANGLING.has(lower(words[end - 1]))) end--;
  return words.slice(0, end);
}

function withoutDoubledWords(words: readonly string[]): string[] {
  const bare = (w: string | undefined): string => lower(w).replace(/[^\p{L}\p{N}]/gu, '');
  // "0!J J" reads "J J": a word that only repeats the last letters of the one before it is doubled too.
  const lastRun = (w: string | undefined): string => lower(w).split(/[^\p{L}\p{N}]+/u).filter(Boolean).pop() ?? '';
  return words.filter((w, i) => i === 0 || (bare(w) !== bare(words[i - 1]) && bare(w) !== lastRun(words[i - 1])));
}

/** At most MAX_WORDS words (after "a way to"), cut before a preposition so the phrase still reads whole. */
function fitLength(words: string[]): string[] | null {
  const lead = words[0] === 'a' && words[1] === 'way' ? words.indexOf('to') + 1 : 0;
  if (words.length - lead <= MAX_WORDS) return words;
  for (let end = lead + MAX_WORDS; end > lead + 1; end--) {
    if (PREPOSITIONS.has(lower(words[end])) && !DANGLING.has(lower(words[end - 1]))) return words.slice(0, end);
  }
  return null;
}

function readsAsNounPhrase(words: readonly string[]): boolean {
  if (words.length === 0) return false;
  const first = lower(words[0]).replace(/[^\p{L}']/gu, '');
  // Also its letters up to the first mark other than a hyphen or an apostrophe: "is<A" opens with "is".
  const lead = lower(words[0]).split(/[^\p{L}\p{N}'"‘’“”-]/u)[0]!.replace(/[^\p{L}']/gu, '');
  if ([first, lead].some((w) => AUXILIARIES.has(w) || PREPOSITIONS.has(w) || SELF.has(w))) return false;
  // "takes CSV export", "edit tags": a verb where the thing belongs ("a way to …" is the one form that starts with a verb's phrase).
  const stem = first.replace(/e?s$/, '');
  const verb = (w: string): boolean => (BASE_VERBS.has(w) || OBJECT_VERBS.has(w) || PERMIT_VERBS.has(w)) && !NOUN_TOO.has(w);
  if (!NOUN_COMPOUND_OPENINGS.has(`${first} ${lower(words[1])}`) && [first, stem, first.slice(0, -1)].some(verb)) return false;
  if (!words.some((w) => /\p{L}/u.test(w))) return false;
  if (DANGLING.has(lower(words[words.length - 1]))) return false;
  // "CSV-Export für Rechnungen" over an English body: the ticket is judged, its title is not quoted.
  if (words.some((w) => FOREIGN_WORDS.has(lower(w)))) return false;
  return words.every((w) => /[\p{L}\p{N}]/u.test(w) && !/[{}]/.test(w));
}
