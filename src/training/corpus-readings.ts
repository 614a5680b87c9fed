import { readFileSync, writeFileSync } from 'node:fs';
import { makeTicket } from '../domain/ticket.js';
import { lint } from '../lint/lint.js';
import { SIGNAL_NAMES } from '../lint/signal.js';
import { loadPack } from '../packs/load-pack.js';
import { readLabelledTickets } from './labelled-ticket.js';

/**
 * How the default pack reads every ticket of the committed corpus, one line a ticket: kind, output-only and
 * each signal. corpus/readings.jsonl holds the accepted readings; a test fails when a change to the engine,
 * the cues or the model changes any of them, until `npm run accept-readings` writes the new ones, so every
 * change to the judgement shows in review as the tickets it reads differently.
 */
export function corpusReadings(corpusPath: string): string {
  const pack = loadPack('product-sense');
  return readLabelledTickets(corpusPath).map((t) => {
    const verdict = lint(makeTicket({ id: t.id, title: t.title, description: t.body, labels: [...t.tracker_labels] }), pack);
    const signals = SIGNAL_NAMES.filter((name) => verdict.analysis.signals[name].present).join(' ');
    return JSON.stringify({ id: t.id, kind: verdict.analysis.kind, outputOnly: verdict.outputOnly, signals });
  }).join('\n') + '\n';
}

export const READINGS_FILE = 'corpus/readings.jsonl';

if (import.meta.url === `file://${process.argv[1]}`) {
  const next = corpusReadings('corpus/tickets.jsonl');
  let before = '';
  try {
    before = readFileSync(READINGS_FILE, 'utf8');
  } catch {
    // no readings accepted yet
  }
  const old = new Map(before.split('\n').filter(Boolean).map((l) => [JSON.parse(l).id as string, l]));
  const changed = next.split('\n').filter(Boolean).filter((l) => old.get(JSON.parse(l).id as string) !== l).length;
  writeFileSync(READINGS_FILE, next);
  console.log(`wrote ${READINGS_FILE}: ${changed} readings changed`);
}
