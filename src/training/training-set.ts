import { loadPack } from '../packs/load-pack.js';
import { toExample, type Example } from './judgement-training.js';
import { readLabelledTickets, type LabelledTicket } from './labelled-ticket.js';

/** The train part of a labelled corpus, read as the model reads tickets. */
export function trainingExamples(corpusPath: string): Example[] {
  return examplesOf(readLabelledTickets(corpusPath).filter((t) => t.part === 'train'));
}

/** Tickets as the model reads them: with the bundled pack's vocabulary, no model. */
export function examplesOf(tickets: readonly LabelledTicket[]): Example[] {
  const pack = loadPack('product-sense', { learnedJudgement: false });
  return tickets.map((t) => toExample(t, pack.vocabulary));
}
