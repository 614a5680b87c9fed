import { z } from 'zod';

/** One signal as the model answers it: the shortest words of the ticket that carry it ("" when absent). */
const SignalAnswer = z.strictObject({
  present: z.boolean(),
  quote: z.string().max(2000),
  confidence: z.number().min(0).max(1),
});

/** A question for the ticket per signal it lacks; "" when the signal is present. */
const Questions = z.strictObject({
  user: z.string().max(2000),
  outcome: z.string().max(2000),
  successMeasure: z.string().max(2000),
  alternatives: z.string().max(2000),
});

/**
 * What the model must answer, as one JSON object. Every field is required and none is optional, as
 * OpenAI's strict structured outputs demand; the same schema is Anthropic's tool input_schema.
 */
export const ModelAnswerSchema = z.strictObject({
  kind: z.enum(['feature', 'task', 'bug', 'other']),
  outputOnly: z.boolean(),
  signals: z.strictObject({ user: SignalAnswer, outcome: SignalAnswer, successMeasure: SignalAnswer, alternatives: SignalAnswer }),
  questions: Questions,
});
export type ModelAnswer = z.infer<typeof ModelAnswerSchema>;

/** The JSON schema sent to the API (draft 7: what OpenAI's and Anthropic's validators read). */
export const MODEL_ANSWER_JSON_SCHEMA = (() => {
  const { $schema: _drop, ...schema } = z.toJSONSchema(ModelAnswerSchema, { target: 'draft-7' }) as Record<string, unknown>;
  void _drop;
  return schema;
})();
