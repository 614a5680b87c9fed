import type { Signal } from '../signal.js';
import type { TicketText } from '../ticket-text.js';
import type { Vocabulary } from '../vocabulary.js';

/** The deliverable signal also says what the output is ("CSV export") and the verb that asks for it. */
export interface DeliverableSignal extends Signal {
  readonly output: string | null;
  readonly verb: string | null;
}

export function detectDeliverable(text: TicketText, vocabulary: Vocabulary): DeliverableSignal {
  void text; void vocabulary;
  return { present: false, evidence: [], output: null, verb: null };
}
