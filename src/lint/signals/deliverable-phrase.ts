import { BASE_VERBS, PEOPLE_WORDS, PROPER_NOUNS } from '../language/english-words.js';
import { STOP_WORDS } from '../language/stop-words.js';
import { wordList } from '../language/word-list.js';

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

/** Verbs whose object is the deliverable itself: "Add CSV export" asks for a CSV export. */
const OBJECT_VERBS = wordList(`
  add
  adding
  support
  provide
  implement
  create
  build
  introduce
  include
  offer
  generate
  expose
  display
  show
  setup
  need
  want
  have
  enable
`);
/** Verbs whose object is a person and a verb: "Allow admins to archive projects", "Let customers pay". */
const PERMIT_VERBS = new Set(['allow', 'let', 'permit', 'enable']);
/** Verbs that ask for internal work or a fix: their titles name no deliverable. */
const NO_DELIVERABLE = wordList(`
  fix
  refactor
  upgrade
  migrate
  bump
  cleanup
  rename
  remove
  deprecate
  drop
  investigate
  research
  document
  test
  write
  rework
  port
  replace
  use
  switch
  move
  determine
  finalize
  prepare
`);
/** Words that are a verb and a thing; read as a thing before a word that names what kind ("Export settings page"). */
const NOUN_TOO = wordList(`
  export
  import
  search
  filter
  sort
  upload
  download
  log
  report
  alert
  email
  record
  view
  map
  link
  label
  tag
  comment
  review
  preview
  request
  schedule
  queue
  text
  rate
  order
  list
  group
  plan
  pin
  bookmark
  flag
  display
  show
  support
  build
  change
  update
  share
  return
  transfer
  print
  reply
`);
/** Nouns that end a compound: "Export settings page", "Search results view". */
const COMPOUND_HEADS = wordList(`
  page
  button
  wizard
  dialog
  modal
  screen
  flow
  history
  progress
  limit
  limits
  size
  format
  formats
  options
  template
  templates
  job
  jobs
  status
  speed
  performance
  tab
  menu
  panel
  bar
  feature
  functionality
  endpoint
  api
  permissions
  results
  mode
  box
  field
  widget
  preview
  view
`);
export const PREPOSITIONS = wordList(`
  for
  of
  to
  in
  on
  at
  by
  from
  with
  without
  into
  onto
  via
  per
  as
  about
  across
  over
  under
  between
  within
  before
  after
  during
  until
  using
  through
`);
/** Words a phrase must not end on: it would read as cut off ("CSV export for"). */
const DANGLING = new Set([...PREPOSITIONS, 'a', 'an', 'the', 'and', 'or', 'but', 'than', 'that', 'which', 'who', 'when', 'where', 'if', 'so', 'my', 'our', 'your', 'their', 'its', 'this', 'these', 'some', 'any', 'all', 'each', 'every', 'more', 'less', 'new']);
/** Words that make a clause of a phrase: "Dashboard is slow", "Customers can't pay". */
export const AUXILIARIES = wordList(`
  is
  are
  was
  were
  be
  been
  am
  can
  can't
  cannot
  could
  couldn't
  should
  shouldn't
  will
  won't
  would
  wouldn't
  must
  does
  doesn't
  do
  don't
  did
  didn't
  has
  hasn't
  have
  haven't
  had
  isn't
  aren't
  wasn't
  weren't
  may
  might
  shall
`);
const FOREIGN_WORDS = new Set(Object.entries(STOP_WORDS).flatMap(([language, words]) => (language === 'en' ? [] : [...words])));
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
 * The title's words with the capitals of sentence case or Title Case undone: a capital that only
 * starts the title (or every word of a Title Case title) would read as a name mid-sentence.
 */
function casedTokens(s: string): string[] {
  const tokens = s.split(/\s+/).filter(Boolean).map((t) => t.replace(/^["'“‘]+|["'”’]+$/g, '')).filter(Boolean);
  const capitalised = (t: string): boolean => /^\p{Lu}[\p{Ll}'’-]*$/u.test(t);
  const long = tokens.filter((t) => t.length > 3 && /^\p{L}+$/u.test(t));
  const titleCase = long.length >= 2 && long.every((t) => capitalised(t) || !/^\p{Ll}/u.test(t));
  return tokens.map((t, i) => ((i === 0 || titleCase) && capitalised(t) && !PROPER_NOUNS.has(t.toLowerCase()) && t !== 'I' ? t.toLowerCase() : t));
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
  return startsAnObject(next);
}

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
  const gerund = baseOfGerund(lower(rest[0]));
  if (gerund) return ['a', 'way', 'to', gerund, ...rest.slice(1)];
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
  if (i === 0 || i === words.length - 1 || !w.endsWith('s')) return false;
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
  return words.filter((w, i) => i === 0 || lower(w) !== lower(words[i - 1]));
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
  const first = lower(words[0]);
  if (AUXILIARIES.has(first) || (PREPOSITIONS.has(first) && first !== 'a')) return false;
  if (DANGLING.has(lower(words[words.length - 1]))) return false;
  // "CSV-Export für Rechnungen" over an English body: the ticket is judged, its title is not quoted.
  if (words.some((w) => FOREIGN_WORDS.has(lower(w)))) return false;
  return words.every((w) => /[\p{L}\p{N}]/u.test(w) && !/[{}]/.test(w));
}
