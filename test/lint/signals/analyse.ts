import { makeTicket } from '../../../src/domain/ticket.js';
import { analyseTicket, type Analysis } from '../../../src/lint/analysis.js';
import { EMPTY_VOCABULARY, type Vocabulary } from '../../../src/lint/vocabulary.js';

/** Analyse an invented ticket of unknown kind, as the CLI does for a bare title and body. */
export function analyse(title: string, body = '', vocabulary: Vocabulary = EMPTY_VOCABULARY): Analysis {
  return analyseTicket(makeTicket({ id: 't', title, description: body }), vocabulary);
}
