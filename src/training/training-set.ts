import { loadPack } from '../packs/load-pack.js';
import { NO_CUES_OFF, type CuesOff } from '../lint/signals/cue.js';
import { toExample, type Example } from './judgement-training.js';
import { readLabelledTickets, type LabelledTicket } from './labelled-ticket.js';

/** The train part of a labelled corpus, read as the model reads tickets (without the cues `off` names). */
export function trainingExamples(corpusPath: string, off: CuesOff = NO_CUES_OFF): Example[] {
  return examplesOf(readLabelledTickets(corpusPath).filter((t) => t.part === 'train'), off);
}

/** Tickets as the model reads them: with the bundled pack's vocabulary, no model. */
export function examplesOf(tickets: readonly LabelledTicket[], off: CuesOff = NO_CUES_OFF): Example[] {
  const pack = loadPack('product-sense', { learnedJudgement: false });
  return tickets.map((t) => toExample(t, pack.vocabulary, off));
}
