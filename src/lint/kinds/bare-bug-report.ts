import { z } from 'zod';
import type { DraftFinding, RuleContext, RuleKindMeta } from './rule-kind.js';

const optionsSchema = z.strictObject({});

export const meta = {
  id: 'bare-bug-report',
  description:
    'A bug with no body, or one that describes neither what goes wrong nor what should happen: a bare "X is broken".',
  defaultLevel: 'info',
  defaultMessage: 'A bare bug report: it does not say what goes wrong or what should happen instead.',
  optionsSchema,
} satisfies RuleKindMeta<typeof optionsSchema>;

/**
 * For a bug the outcome signal is the failure itself (see shared/corpus/README.md, has_outcome) and
 * the success-measure signal is an expected result; a report with neither describes no failure.
 */
export function check(context: RuleContext, options: z.output<typeof optionsSchema>): DraftFinding[] {
  void options;
  const { analysis } = context;
  if (analysis.kind !== 'bug') return [];
  const describesFailure = analysis.signals.outcome.present || analysis.signals.successMeasure.present;
  if (analysis.text.hasBody && describesFailure) return [];
  return [{ evidence: [analysis.text.title] }];
}
