import { loadPack } from '../packs/load-pack.js';
import { toExample, type Example } from './judgement-training.js';
import { readLabelledTickets } from './labelled-ticket.js';

/** The train part of a labelled corpus, read as the model reads tickets (the bundled pack's vocabulary, no model). */
export function trainingExamples(corpusPath: string): Example[] {
  const pack = loadPack('product-sense', { learnedJudgement: false });
  return readLabelledTickets(corpusPath).filter((t) => t.part === 'train').map((t) => toExample(t, pack.vocabulary));
}
