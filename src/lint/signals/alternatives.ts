import type { Signal } from '../signal.js';
import type { TicketText } from '../ticket-text.js';

export function detectAlternatives(text: TicketText): Signal {
  void text;
  return { present: false, evidence: [] };
}
