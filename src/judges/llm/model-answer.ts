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

/** Whether the replies answer one question: the shortest words of a reply that do ("" when none does). */
const ReplyAnswer = z.strictObject({
  answered: z.boolean(),
  quote: z.string().max(2000),
  confidence: z.number().min(0).max(1),
});

/** What the model must answer about the replies: one entry per signal, whether or not it was asked (strict schemas have no optional fields). */
export const RepliesAnswerSchema = z.strictObject({
  answers: z.strictObject({ user: ReplyAnswer, outcome: ReplyAnswer, successMeasure: ReplyAnswer, alternatives: ReplyAnswer }),
});
export type RepliesAnswer = z.infer<typeof RepliesAnswerSchema>;

/**
 * One kind of answer the model is asked for: its schema (checked here), the JSON schema sent to the API
 * (the response_format's name on OpenAI-compatible servers, the forced tool's on Anthropic).
 */
export interface AnswerShape<T> {
  readonly name: string;
  readonly tool: string;
  readonly description: string;
  readonly schema: z.ZodType<T>;
  readonly jsonSchema: Readonly<Record<string, unknown>>;
}

/** The JSON schema sent to the API (draft 7: what OpenAI's and Anthropic's validators read). */
function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _drop, ...json } = z.toJSONSchema(schema, { target: 'draft-7' }) as Record<string, unknown>;
  void _drop;
  return json;
}

export const TICKET_VERDICT: AnswerShape<ModelAnswer> = {
  name: 'ticket_verdict',
  tool: 'record_ticket_verdict',
  description: 'Record the verdict on the ticket.',
  schema: ModelAnswerSchema,
  jsonSchema: jsonSchemaOf(ModelAnswerSchema),
};

export const REPLY_ANSWERS: AnswerShape<RepliesAnswer> = {
  name: 'reply_answers',
  tool: 'record_reply_answers',
  description: 'Record which questions the replies answer.',
  schema: RepliesAnswerSchema,
  jsonSchema: jsonSchemaOf(RepliesAnswerSchema),
};
