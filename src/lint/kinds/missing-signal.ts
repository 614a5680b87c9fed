import { z } from 'zod';
import { deliverableEvidence, type DraftFinding, type RuleContext, type RuleKindMeta } from './rule-kind.js';

/** The signals a feature ticket may leave out; the deliverable itself is what makes it a feature. */
export const MISSABLE_SIGNALS = ['user', 'outcome', 'successMeasure', 'alternatives'] as const;

const optionsSchema = z.strictObject({ signal: z.enum(MISSABLE_SIGNALS) });

export const meta = {
  id: 'missing-signal',
  description: 'A ticket the engine reads as a feature that does not carry one signal (option `signal`).',
  defaultLevel: 'warn',
  defaultMessage: 'This feature does not say enough about {deliverable}.',
  optionsSchema,
} satisfies RuleKindMeta<typeof optionsSchema>;

export function check(context: RuleContext, options: z.output<typeof optionsSchema>): DraftFinding[] {
  const { analysis } = context;
  if (analysis.kind !== 'feature' || analysis.signals[options.signal].present) return [];
  return [{ evidence: deliverableEvidence(analysis) }];
}
