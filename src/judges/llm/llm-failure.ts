/** Why a call to the language model gave no usable answer; the `reason` label of ticketlint_llm_fallbacks_total. */
export type LlmFailureReason = 'timeout' | 'unreachable' | 'server_error' | 'rate_limited' | 'client_error' | 'refused' | 'invalid_json';

/** A call that gave no usable answer: the offline judge answers for this event. */
export class LlmFailure extends Error {
  constructor(readonly reason: LlmFailureReason, detail: string) {
    super(`the language model gave no usable answer (${reason}): ${detail}`);
    this.name = 'LlmFailure';
  }
}
