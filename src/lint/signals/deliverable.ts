import type { InferredKind, Signal } from '../signal.js';
import type { TicketText } from '../ticket-text.js';
import { deliverablePhrase } from './deliverable-phrase.js';
import type { TitleRequest } from './title-request.js';
import { verbAsksForOutput } from './title-verbs.js';

/**
 * The deliverable signal also says what the output is, as a noun phrase a question can hold ("CSV
 * export", "a way for customers to pay by bank transfer"), and the verb that asks for it.
 */
export interface DeliverableSignal extends Signal {
  readonly output: string | null;
  readonly verb: string | null;
}

const NONE: DeliverableSignal = { present: false, evidence: [], output: null, verb: null };

/** A bug report asks for no deliverable: what it wants is the failure gone, whatever its title's verb. */
export function detectDeliverable(text: TicketText, request: TitleRequest, kind: InferredKind): DeliverableSignal {
  const verb = request.verb;
  const asksForOutput = verb !== null && verbAsksForOutput(verb);
  if (kind === 'bug' || (!asksForOutput && kind !== 'feature')) return NONE;
  const output = deliverablePhrase(text.title.slice(request.start));
  if (!output) return NONE;
  const evidence = text.evidence(request.start, text.titleEnd);
  return { present: true, evidence: [evidence], output, verb: asksForOutput ? verb : null };
}
