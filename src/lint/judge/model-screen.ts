import type { Analysis } from '../analysis.js';
import { hasStackTrace } from '../model/ticket-features.js';

/** Why a ticket is not sent to the language model; the `reason` label of ticketlint_llm_screened_total. */
export type ScreenReason = 'stack_trace' | 'sure_kind';

/**
 * The offline judge's kind probability from which a task or bug is not sent: at 0.9 the shipped model is
 * rarely wrong about the kind, and a task or bug is linted for little more than its kind, so a call would buy nothing.
 */
export const SURE_KIND_PROBABILITY = 0.9;

/**
 * Whether the offline analysis already says enough that a model call would change nothing: a bug report
 * with a stack trace (a bug is not asked for a user or an outcome, and a trace is text not worth sending),
 * or a task or bug whose kind the learned judgement is sure of. Null: the ticket goes to the model.
 */
export function screenForModel(analysis: Analysis): ScreenReason | null {
  if (analysis.kind === 'bug' && hasStackTrace(analysis.text.body)) return 'stack_trace';
  if (analysis.kind !== 'task' && analysis.kind !== 'bug') return null;
  const probability = analysis.judgement.probabilities?.kind[analysis.kind];
  return probability !== undefined && probability >= SURE_KIND_PROBABILITY ? 'sure_kind' : null;
}
