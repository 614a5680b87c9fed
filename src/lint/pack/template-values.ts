import type { Ticket } from '../../domain/ticket.js';
import type { Analysis } from '../analysis.js';
import { deliverableProfileFor } from './deliverable-profile.js';
import type { RulePack } from './rule-pack.js';
import { joinAlternatives, renderTemplate, type TemplateValues } from './template.js';

/** When the pack offers no alternatives at all, a question still reads as a sentence. */
const NO_ALTERNATIVES = 'another way';
const FALLBACK_VERB = 'build';
/** Opening verbs whose object is the output itself ("Add CSV export" asks for a CSV export). */
const REQUEST_VERBS = ['add', 'support', 'allow', 'enable', 'implement', 'create', 'build', 'provide', 'introduce', 'show', 'display', 'expose', 'offer'];

/**
 * What the placeholders of a pack's templates stand for on one ticket. `{deliverable}` is the
 * detected output ("CSV export"), else the title without its opening request verb ("Add CSV
 * export" gives "CSV export"), else the title; `{alternatives}` and `{who}` come from the
 * deliverable profile that matches, else from the pack's defaults.
 */
export function templateValuesFor(ticket: Ticket, analysis: Analysis, pack: RulePack): TemplateValues {
  const title = analysis.text.title || ticket.title.trim();
  const { output, verb } = analysis.signals.deliverable;
  const opening = openingVerb(title, verb);
  const rest = opening ? title.slice(opening.length).trim().replace(/[.!?:]+$/, '') : '';
  const base = {
    deliverable: output ?? (rest || title),
    title,
    verb: (verb ?? opening ?? FALLBACK_VERB).toLowerCase(),
  };
  const profile = deliverableProfileFor(ticket, analysis, pack);
  const alternatives = profile?.alternatives?.length ? profile.alternatives : pack.defaultAlternatives;
  return {
    ...base,
    alternatives: joinAlternatives(alternatives) || NO_ALTERNATIVES,
    who: renderTemplate(profile?.who ?? pack.defaultWho, base),
  };
}

/** The title's first word, when it is the verb the detector found or a request verb. */
function openingVerb(title: string, detected: string | null): string | null {
  const first = /^\S+/.exec(title)?.[0];
  if (!first) return null;
  const lower = first.toLowerCase();
  return lower === detected?.toLowerCase() || REQUEST_VERBS.includes(lower) ? first : null;
}
