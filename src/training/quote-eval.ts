import { readAsBot } from '../cli/eval/eval-command.js';
import { locateQuote } from '../lint/judge/quote-locator.js';
import { MODEL_SIGNALS, type ModelSignal } from '../lint/model/judgement-model.js';
import type { RulePack } from '../lint/pack/rule-pack.js';
import type { Evidence } from '../lint/signal.js';
import type { LabelledTicket } from './labelled-ticket.js';

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

const EVIDENCE_KEY: Record<ModelSignal, string> = { user: 'user', outcome: 'outcome', successMeasure: 'success_measure', alternatives: 'alternatives' };
const LABEL_KEY = { user: 'has_user', outcome: 'has_outcome', successMeasure: 'has_success_measure', alternatives: 'has_alternatives' } as const;

export function quoteFigures(tickets: readonly LabelledTicket[], pack: RulePack): Record<ModelSignal, QuoteFigures> {
  const out = {} as Record<ModelSignal, { both: number; overlapping: number }>;
  for (const signal of MODEL_SIGNALS) out[signal] = { both: 0, overlapping: 0 };
  for (const t of tickets) {
    const verdict = readAsBot(t, pack);
    const text = verdict.analysis.text;
    for (const signal of MODEL_SIGNALS) {
      const found = verdict.analysis.signals[signal];
      if (!t.label[LABEL_KEY[signal]] || !found.present) continue;
      // A labelled quote may join distant parts with "..."; each part found in the text is evidence.
      const labelled = (t.evidence[EVIDENCE_KEY[signal]] ?? '').split(/\s*(?:\.\.\.|…)\s*/).flatMap((part) => {
        const at = part.trim() ? locateQuote(text, part) : null;
        return at ? [at] : [];
      });
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
