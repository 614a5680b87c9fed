import type { Ticket } from '../../domain/ticket.js';
import type { Analysis } from '../analysis.js';
import type { Evidence, InferredKind, Signal } from '../signal.js';
import type { TicketText } from '../ticket-text.js';
import { flagProbability, JudgementModel, MODEL_KINDS, MODEL_SIGNALS, signalPresent, type ModelKind, type ModelReading, type ModelSignal } from './judgement-model.js';
import { sentenceFeatures, ticketFeatures } from './ticket-features.js';

/** The judgement a pack asks for: the learned model (null: the cue engine alone) and its strictness. */
export interface Judgement {
  readonly model: JudgementModel | null;
  /** The output-only probability from which a ticket is flagged; null: the model's default. */
  readonly strictness: number | null;
}

/** What a verdict records of the judgement that decided it. */
export interface JudgementNote {
  /** `llm`: a language model's reading (src/lint/judge/judge.ts), its model and prompt in `version`. */
  readonly judge: 'learned' | 'cues' | 'llm';
  readonly version: string | null;
  /** Why the offline judgement answered for a team that chose the language model (`llm: timeout`). */
  readonly fallback?: string | null;
  readonly probabilities: {
    readonly kind: Readonly<Record<ModelKind, number>>;
    readonly signals: Readonly<Record<ModelSignal, number>>;
    readonly outputOnly: number;
  } | null;
}

/**
 * The learned reading of a ticket the cue engine has read. A Bug or Feature from the tracker stays one;
 * otherwise the kind is the model's most likely one, and a ticket flagged output-only (its probability at or
 * over the strictness, and no outcome cue fired) reads as a feature with no outcome. A signal is present by its rule (the model at or over its
 * threshold, the cue engine, or either, as cross-validation chose), and the outcome also when its cue fired; its evidence is the cue's words when a cue
 * fired, else the sentence the model scores highest for it.
 */
export function readWithModel(judgement: Judgement & { model: JudgementModel }, ticket: Ticket, cues: Analysis): Analysis {
  const { model } = judgement;
  const reading = model.read(ticketFeatures(cues.text, cues, { labels: ticket.labels, kind: ticket.kind }));
  const strictness = judgement.strictness ?? model.thresholds.outputOnly;
  // The tracker's Bug and Feature (a Jira Story, a Linear "Feature" label folded by the provider) are the
  // author's word for what the ticket is; a Task is not (Jira gives it to all work in team-managed projects).
  const trackerBug = ticket.kind === 'bug';
  const trackerFeature = ticket.kind === 'feature';
  const probability = trackerFeature ? 1 - reading.heads.featureOutcome : reading.outputOnly;
  const flagged = !trackerBug && flagProbability(probability, cues.signals.outcome.present) >= strictness;
  const kind: InferredKind = trackerBug ? 'bug' : flagged || trackerFeature ? 'feature' : mostLikely(reading);
  const signal = (name: ModelSignal): Signal => {
    const cue = cues.signals[name];
    // An outcome cue vetoes the flag (flagProbability), so it also counts as the outcome: a ticket passed
    // for its why never reads as having none, whichever rule cross-validation chose.
    const byRule = signalPresent(model.signalRules[name], reading.heads[name], model.thresholds[name], cue.present);
    const present = (byRule || (name === 'outcome' && cue.present)) && !(name === 'outcome' && flagged);
    if (!present) return { present: false, evidence: [] };
    return { present: true, evidence: cue.present ? cue.evidence : bestSentence(model, name, cues.text) };
  };
  const signals = {
    deliverable: cues.signals.deliverable,
    user: signal('user'),
    outcome: signal('outcome'),
    successMeasure: signal('successMeasure'),
    alternatives: signal('alternatives'),
  };
  return {
    text: cues.text,
    language: cues.language,
    kind,
    kindEvidence: kind === cues.kind ? cues.kindEvidence : [],
    signals,
    outputOnly: flagged && kind === 'feature',
    judgement: {
      judge: 'learned',
      version: model.version,
      probabilities: { kind: reading.kind, signals: pick(reading), outputOnly: reading.outputOnly },
    },
  };
}

function mostLikely(reading: ModelReading): ModelKind {
  let best: ModelKind = 'feature';
  for (const k of MODEL_KINDS) if (reading.kind[k] > reading.kind[best]) best = k;
  return best;
}

function pick(reading: ModelReading): Record<ModelSignal, number> {
  const out = {} as Record<ModelSignal, number>;
  for (const s of MODEL_SIGNALS) out[s] = reading.heads[s];
  return out;
}

/** The segment (sentence, list item, heading) whose words the head scores highest; none for an empty text. */
function bestSentence(model: JudgementModel, head: ModelSignal, text: TicketText): Evidence[] {
  let best: { score: number; start: number; end: number } | null = null;
  for (const segment of text.segments) {
    const score = model.score(head, model.indicesOf(sentenceFeatures(segment.text)), false);
    if (best === null || score > best.score) best = { score, start: segment.start, end: segment.end };
  }
  return best ? [text.evidence(best.start, best.end)] : [];
}
