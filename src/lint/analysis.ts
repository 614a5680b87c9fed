import type { Ticket } from '../domain/ticket.js';
import type { Evidence, InferredKind, Signal } from './signal.js';
import type { Vocabulary } from './vocabulary.js';
import { TicketText } from './ticket-text.js';
import { detectKind } from './signals/kind.js';
import { readTitleRequest } from './signals/title-request.js';
import { detectDeliverable, type DeliverableSignal } from './signals/deliverable.js';
import { detectUser } from './signals/user.js';
import { detectOutcome } from './signals/outcome.js';
import { detectSuccessMeasure } from './signals/success-measure.js';
import { detectAlternatives } from './signals/alternatives.js';
import { detectLanguage, type LanguageReading } from './language/detect-language.js';

/** Everything the engine reads off one ticket, before any rule pack has a say. */
export interface Analysis {
  readonly text: TicketText;
  /** The language the ticket is written in; the judgement reads English only (lint.ts). */
  readonly language: LanguageReading;
  readonly kind: InferredKind;
  readonly kindEvidence: readonly Evidence[];
  readonly signals: {
    readonly deliverable: DeliverableSignal;
    readonly user: Signal;
    readonly outcome: Signal;
    readonly successMeasure: Signal;
    readonly alternatives: Signal;
  };
  /** A feature that names a deliverable and states no outcome (see shared/corpus/README.md). */
  readonly outputOnly: boolean;
}

export function analyseTicket(ticket: Ticket, vocabulary: Vocabulary): Analysis {
  const text = TicketText.of(ticket.title, ticket.description);
  const request = readTitleRequest(text, vocabulary);
  const kind = detectKind(text, ticket.kind, request);
  const deliverable = detectDeliverable(text, request, kind.kind);
  const outcome = detectOutcome(text, kind.kind);
  const signals = {
    deliverable,
    user: detectUser(text, vocabulary),
    outcome,
    successMeasure: detectSuccessMeasure(text, vocabulary, kind.kind),
    alternatives: detectAlternatives(text),
  };
  const outputOnly = kind.kind === 'feature' && !outcome.present;
  return { text, language: detectLanguage(text), kind: kind.kind, kindEvidence: kind.evidence, signals, outputOnly };
}
