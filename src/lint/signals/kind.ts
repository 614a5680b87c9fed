import type { TicketKind } from '../../domain/ticket.js';
import type { Evidence, InferredKind } from '../signal.js';
import type { TicketText } from '../ticket-text.js';
import type { DeliverableSignal } from './deliverable.js';

export interface KindReading {
  readonly kind: InferredKind;
  readonly evidence: readonly Evidence[];
}

export function detectKind(text: TicketText, trackerKind: TicketKind, deliverable: DeliverableSignal): KindReading {
  void text;
  if (trackerKind === 'bug' || trackerKind === 'task' || trackerKind === 'feature') return { kind: trackerKind, evidence: [] };
  return { kind: deliverable.present ? 'feature' : 'other', evidence: deliverable.evidence };
}
