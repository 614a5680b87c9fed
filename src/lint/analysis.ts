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
import { readWithModel, type Judgement, type JudgementNote } from './model/learned-judgement.js';
import { detectLanguage, type LanguageReading } from './language/detect-language.js';
import { NO_CUES_OFF, type CuesOff } from './signals/cue.js';

/** Everything the engine reads off one ticket, before any rule pack has a say. */
export interface Analysis {
  readonly text: TicketText;
  /** The language the ticket is written in; the judgement reads English only (lint.ts). */
  readonly language: LanguageReading;
  readonly kind: InferredKind;
  readonly kindEvidence: readonly Evidence[];
  /** Every kind's cues that fired, as `kind:cue` (the learned judgement reads them). */
  readonly kindCues?: readonly string[];
  readonly signals: {
    readonly deliverable: DeliverableSignal;
    readonly user: Signal;
    readonly outcome: Signal;
    readonly successMeasure: Signal;
    readonly alternatives: Signal;
  };
  /** A feature that names a deliverable and states no outcome (see shared/corpus/README.md). */
  readonly outputOnly: boolean;
  /** Which judgement decided, its version, and its probabilities. */
  readonly judgement: JudgementNote;
}

export type { Judgement };
export const CUES_ONLY: Judgement = { model: null, strictness: null };

/**
 * Reads a ticket: the cue engine first (hand-written phrases and their detectors); then, when the pack
 * carries the learned model, the model weighs the cues' readings with the ticket's words and shape and
 * decides kind, signals and output-only, quoting the cue's words or the sentence that scored highest.
 * `off` names cues to read without (`npm run cue-worth`); the bot and the CLI read with every cue.
 */
export function analyseTicket(ticket: Ticket, vocabulary: Vocabulary, judgement: Judgement = CUES_ONLY, off: CuesOff = NO_CUES_OFF): Analysis {
  const text = TicketText.of(ticket.title, ticket.description);
  const request = readTitleRequest(text, vocabulary);
  // The learned judgement takes a Bug or a Feature as the tracker's word, not a Task (Jira gives it to all
  // work in team-managed projects), and its cues read the ticket as the kind it will decide: a Feature's
  // "should ..." is no bug's expected result. The cue engine takes any type the tracker gives.
  const trackerKind = judgement.model && ticket.kind === 'task' ? 'unknown' : ticket.kind;
  const kind = detectKind(text, trackerKind, request, off);
  const outcome = detectOutcome(text, kind.kind, vocabulary, off);
  const signals = {
    deliverable: detectDeliverable(text, request, kind.kind),
    user: detectUser(text, vocabulary, off),
    outcome,
    successMeasure: detectSuccessMeasure(text, vocabulary, kind.kind, off),
    alternatives: detectAlternatives(text, off),
  };
  const cues: Analysis = {
    text,
    language: detectLanguage(text),
    kind: kind.kind,
    kindEvidence: kind.evidence,
    kindCues: kind.cues ?? [],
    signals,
    outputOnly: kind.kind === 'feature' && !outcome.present,
    judgement: { judge: 'cues', version: null, probabilities: null },
  };
  const model = judgement.model;
  if (!model) return cues;
  const learned = readWithModel({ model, strictness: judgement.strictness }, ticket, cues);
  const deliverable = learned.kind === kind.kind ? signals.deliverable : detectDeliverable(text, request, learned.kind);
  return { ...learned, signals: { ...learned.signals, deliverable } };
}
