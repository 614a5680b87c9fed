import type { Signal } from '../signal.js';
import type { TicketText } from '../ticket-text.js';
import type { Vocabulary } from '../vocabulary.js';

export function detectSuccessMeasure(text: TicketText, vocabulary: Vocabulary): Signal {
  void text; void vocabulary;
  return { present: false, evidence: [] };
}
