import type { Ticket } from '../../domain/ticket.js';
import type { Analysis } from '../analysis.js';
import { deliverableProfileFor } from './deliverable-profile.js';
import type { RulePack } from './rule-pack.js';
import { joinAlternatives, renderTemplate, type TemplateValues } from './template.js';

/** When the pack offers no alternatives at all, a question still reads as a sentence. */
const NO_ALTERNATIVES = 'another way';
const FALLBACK_VERB = 'build';
/**
 * `{deliverable}` when the title gives no clean noun phrase ("Dashboard takes 12s to load", a title
 * in the form of a question): every template reads as English with it ("Who needs this change",
 * "it asks for this change", "Once this change ships").
 */
export const FALLBACK_DELIVERABLE = 'this change';
/** Opening verbs whose object is the output itself ("Add CSV export" asks for a CSV export). */
const REQUEST_VERBS = ['add', 'support', 'allow', 'enable', 'implement', 'create', 'build', 'provide', 'introduce', 'show', 'display', 'expose', 'offer'];

/**
 * What the placeholders of a pack's templates stand for on one ticket. `{deliverable}` is the
 * detected output as a noun phrase ("CSV export", "a way for customers to pay by bank transfer"),
 * else FALLBACK_DELIVERABLE; `{alternatives}` and `{who}` come from the deliverable profile of what
 * the ticket asks for (deliverableProfileFor), else from the pack's defaults.
 */
export function templateValuesFor(ticket: Ticket, analysis: Analysis, pack: RulePack): TemplateValues {
  const title = analysis.text.title || ticket.title.trim();
  const { output, verb } = analysis.signals.deliverable;
  const base = {
    deliverable: output ?? FALLBACK_DELIVERABLE,
    title,
    verb: (verb ?? openingVerb(title) ?? FALLBACK_VERB).toLowerCase(),
  };
  const profile = deliverableProfileFor(analysis, pack);
  const alternatives = profile?.alternatives?.length ? profile.alternatives : pack.defaultAlternatives;
  return {
    ...base,
    alternatives: joinAlternatives(alternatives) || NO_ALTERNATIVES,
    who: renderTemplate(profile?.who ?? pack.defaultWho, base),
  };
}


/** The title's first word, when it is a request verb. */
function openingVerb(title: string): string | null {
  const first = /^\S+/.exec(title)?.[0];
  return first && REQUEST_VERBS.includes(first.toLowerCase()) ? first : null;
}
