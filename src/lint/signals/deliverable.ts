import type { InferredKind, Signal } from '../signal.js';
import type { TicketText } from '../ticket-text.js';
import type { TitleRequest } from './title-request.js';
import { verbAsksForOutput } from './title-verbs.js';

/** The deliverable signal also says what the output is ("CSV export") and the verb that asks for it. */
export interface DeliverableSignal extends Signal {
  readonly output: string | null;
  readonly verb: string | null;
}

/** Verbs whose object is the output itself: "Add CSV export" asks for a CSV export. */
const OBJECT_VERBS = new Set([
  'add', 'adding', 'support', 'provide', 'implement', 'create', 'build', 'expose', 'show', 'display', 'introduce',
  'include', 'generate', 'offer', 'new', 'have', 'integrate', 'need', 'want', 'enable', 'setup', 'set', 'highlight',
  'redesign', 'extend', 'improve', 'simplify', 'record', 'store', 'persist', 'log', 'track', 'bulk',
]);
/** Where the object of a title stops: a reason, a condition or a clause of its own. */
const OBJECT_END = /\s(?:so that|so|because|since|in order|when|where|which|that|as it|to be able|instead of|rather than)\s|[,;(]|\s[-–—]\s|:\s/i;
const REQUEST_CLAUSE = /\b(?:i (?:would|'d) like to|i (?:would|'d) like|i want to|i want|we need|i need to|i need) (?:be able to |have |see |get )?/i;
const MAX_OUTPUT_WORDS = 8;

export function detectDeliverable(text: TicketText, request: TitleRequest, kind: InferredKind): DeliverableSignal {
  const verb = request.verb;
  const asksForOutput = verb !== null && verbAsksForOutput(verb);
  if (!asksForOutput && kind !== 'feature') return { present: false, evidence: [], output: null, verb: null };
  const output = outputPhrase(text, request);
  if (!output) return { present: false, evidence: [], output: null, verb: null };
  const evidence = text.evidence(request.start, text.titleEnd);
  return { present: true, evidence: [evidence], output, verb: asksForOutput ? verb : null };
}

function outputPhrase(text: TicketText, request: TitleRequest): string | null {
  let phrase = request.object;
  const clause = REQUEST_CLAUSE.exec(phrase);
  if (clause) phrase = phrase.slice(clause.index + clause[0].length);
  phrase = phrase.replace(/^and \w+ /i, '');
  const cut = OBJECT_END.exec(phrase);
  if (cut && cut.index > 0) phrase = phrase.slice(0, cut.index);
  const words = phrase.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  phrase = words.slice(0, MAX_OUTPUT_WORDS).join(' ').replace(/[.:;,!?]+$/, '');
  const verb = request.verb;
  if (!verb || OBJECT_VERBS.has(verb) || clause) return phrase;
  if (verb === 'allow' || verb === 'let') {
    const m = /^(.+?) to (.+)$/i.exec(phrase);
    return m ? `a way for ${m[1]} to ${m[2]}` : `a way to ${phrase}`;
  }
  return `a way to ${verb} ${phrase}`;
}
