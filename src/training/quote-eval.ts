import { readAsBot } from '../cli/eval/eval-command.js';
import { locateQuote } from '../lint/judge/quote-locator.js';
import { MODEL_SIGNALS, type ModelSignal } from '../lint/model/judgement-model.js';
import type { RulePack } from '../lint/pack/rule-pack.js';
import type { Evidence } from '../lint/signal.js';
import { SIGNAL_LABEL } from './judgement-training.js';
import { EVIDENCE_FIELD, evidenceParts, type LabelledTicket } from './labelled-ticket.js';

/**
 * Whether the words a verdict quotes for a signal are the words that carry it: for each signal that both
 * the labels and the pack find in a ticket, whether any span the pack quotes overlaps the labellers'
 * evidence (corpus/README.md: "evidence quotes, verbatim, the words that carry each signal"). A quote
 * beside the point ("Users: 'Add CSV export'") tells a team the bot did not understand it.
 */
export interface QuoteFigures {
  /** Signals found by both, whose labelled evidence stands in the ticket's text. */
  readonly both: number;
  /** Of those, the ones whose quote overlaps the evidence. */
  readonly overlapping: number;
}

export function quoteFigures(tickets: readonly LabelledTicket[], pack: RulePack): Record<ModelSignal, QuoteFigures> {
  const out = {} as Record<ModelSignal, { both: number; overlapping: number }>;
  for (const signal of MODEL_SIGNALS) out[signal] = { both: 0, overlapping: 0 };
  for (const t of tickets) {
    const verdict = readAsBot(t, pack);
    const text = verdict.analysis.text;
    for (const signal of MODEL_SIGNALS) {
      const found = verdict.analysis.signals[signal];
      if (!t.label[SIGNAL_LABEL[signal]] || !found.present) continue;
      const labelled = evidenceParts(t.evidence[EVIDENCE_FIELD[signal]]).flatMap((part) => locateQuote(text, part) ?? []);
      if (labelled.length === 0) continue;
      out[signal].both += 1;
      if (found.evidence.some((quoted) => labelled.some((evidence) => overlaps(quoted, evidence)))) out[signal].overlapping += 1;
    }
  }
  return out;
}

function overlaps(a: Evidence, b: Evidence): boolean {
  return a.start < b.end && b.start < a.end;
}
