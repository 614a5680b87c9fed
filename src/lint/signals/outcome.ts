import type { InferredKind, Signal } from '../signal.js';
import type { TicketText } from '../ticket-text.js';

export function detectOutcome(text: TicketText, kind: InferredKind): Signal {
  void text; void kind;
  return { present: false, evidence: [] };
}
