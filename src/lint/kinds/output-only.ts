import { z } from 'zod';
import { deliverableEvidence, type DraftFinding, type RuleContext, type RuleKindMeta } from './rule-kind.js';

const optionsSchema = z.strictObject({});

export const meta = {
  id: 'output-only',
  description: 'A feature that names a deliverable and never says why: the pain, the goal or the cost of not doing it.',
  defaultLevel: 'error',
  defaultMessage: 'This reads as an output without a why: it asks for {deliverable} but not what problem it solves.',
  optionsSchema,
} satisfies RuleKindMeta<typeof optionsSchema>;

export function check(context: RuleContext, options: z.output<typeof optionsSchema>): DraftFinding[] {
  void options;
  return context.analysis.outputOnly ? [{ evidence: deliverableEvidence(context.analysis) }] : [];
}
