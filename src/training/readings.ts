import type { ModelSignal } from '../lint/model/judgement-model.js';

export const SIGNAL_LABEL = {
  user: 'has_user',
  outcome: 'has_outcome',
  successMeasure: 'has_success_measure',
  alternatives: 'has_alternatives',
} as const satisfies Record<ModelSignal, string>;

