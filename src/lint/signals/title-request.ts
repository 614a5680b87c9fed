import type { TicketText } from '../ticket-text.js';
import type { Vocabulary } from '../vocabulary.js';
import { wordsPattern } from './words-pattern.js';
import { INSTRUCTION_VERBS } from './phrases/instruction-verbs.js';

/**
 * How the title asks for something: the verb that opens it (after any "[Feature Request]" or
 * "Admin:" prefix) and the object it asks for. Shared by the deliverable and kind detectors.
 */
export interface TitleRequest {
  /** Where the title proper starts, after prefixes such as "[Feature Request]" or "API:". */
  readonly start: number;
  /** The opening verb, lower case, or null when the title does not open with a request verb. */
  readonly verb: string | null;
  /** The object of the request ("CSV export"), as written. */
  readonly object: string;
  readonly objectStart: number;
}

/** Brackets, parentheses and "Label:" prefixes of up to three words before the title proper. */
const TITLE_PREFIX = /^(?:\s*(?:\[[^\]]{0,40}\]|\([^)]{0,40}\)|[\w.#-]+(?: [\w.#-]+){0,2}\s?:(?!\/)|[-–—:|]))+\s*/;
const PHRASAL_PARTICLE = /^(up|out|on|off|in|away)\b/;
const LEADING_ARTICLE = /^(?:a|an|the|some|new|ability to|option to|possibility to|support for|support of|an option to|the option to|the ability to|a way to|way to)\s+/i;

export function readTitleRequest(text: TicketText, vocabulary: Vocabulary): TitleRequest {
  const title = text.title;
  const prefix = TITLE_PREFIX.exec(title);
  const start = prefix ? prefix[0].length : 0;
  const rest = text.lower.slice(start, text.titleEnd);
  const verbMatch = verbPattern(vocabulary).exec(rest);
  if (!verbMatch) return { start, verb: null, object: cleanObject(title.slice(start)), objectStart: start };
  let verbEnd = verbMatch[0].length;
  const particle = PHRASAL_PARTICLE.exec(rest.slice(verbEnd).trimStart());
  const verb = verbMatch[1]!;
  if (particle && (verb === 'set' || verb === 'turn' || verb === 'roll' || verb === 'build')) {
    verbEnd = rest.indexOf(particle[1]!, verbEnd) + particle[1]!.length;
  }
  const objectStart = start + verbEnd;
  return { start, verb, object: cleanObject(title.slice(objectStart)), objectStart };
}

function cleanObject(raw: string): string {
  let s = raw.trim().replace(/[.!?\s]+$/, '');
  for (let i = 0; i < 3; i++) {
    const m = LEADING_ARTICLE.exec(s);
    if (!m) break;
    s = s.slice(m[0].length);
  }
  return s;
}

const cache = new WeakMap<readonly string[], RegExp>();

function verbPattern(vocabulary: Vocabulary): RegExp {
  let re = cache.get(vocabulary.outputVerbs);
  if (!re) {
    re = new RegExp(`^(${wordsPattern([...INSTRUCTION_VERBS, ...vocabulary.outputVerbs])})\\b\\s*`);
    cache.set(vocabulary.outputVerbs, re);
  }
  return re;
}
