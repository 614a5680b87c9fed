import type { LlmSettings } from '../../config/llm-settings.js';
import type { AnswerShape } from './model-answer.js';
import { LlmFailure } from './llm-failure.js';

/** One HTTP request to the model's API, built for the provider. */
export interface LlmRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** What the answer carried: the verdict object (not yet validated), and the tokens the API counted. */
export interface LlmReply {
  readonly answer: unknown;
  readonly usage: { readonly input: number; readonly output: number };
}

/** The seed OpenAI-compatible servers take (OpenAI, Ollama, vLLM): with temperature 0, as repeatable as the server allows. */
export const LLM_SEED = 16;
/** The Messages API version this adapter speaks (docs.anthropic.com/en/api/versioning). */
export const ANTHROPIC_VERSION = '2023-06-01';
/** Room for the verdict object and four questions; the answer is about 300 tokens. */
const MAX_OUTPUT_TOKENS = 1024;

/** What one call asks: the system prompt, the user message, and the shape the answer must have. */
export interface ModelTask<T> {
  readonly system: string;
  readonly user: string;
  readonly shape: AnswerShape<T>;
}

export function buildRequest<T>(settings: LlmSettings, task: ModelTask<T>): LlmRequest {
  return settings.provider === 'openai' ? openAiRequest(settings, task) : anthropicRequest(settings, task);
}

export function readReply<T>(settings: LlmSettings, body: unknown, shape: AnswerShape<T>): LlmReply {
  return settings.provider === 'openai' ? openAiReply(body) : anthropicReply(body, shape.tool);
}

/** Chat completions with structured outputs: response_format json_schema, strict. */
function openAiRequest<T>(settings: LlmSettings, { system, user, shape }: ModelTask<T>): LlmRequest {
  return {
    url: `${settings.baseUrl}/chat/completions`,
    headers: { 'content-type': 'application/json', ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}) },
    body: {
      model: settings.model,
      temperature: 0,
      seed: LLM_SEED,
      max_tokens: MAX_OUTPUT_TOKENS,
      messages: [{ role: 'system', content: system }, { role: 'user', content: user }],
      response_format: { type: 'json_schema', json_schema: { name: shape.name, strict: true, schema: shape.jsonSchema } },
    },
  };
}

/** Messages with one tool whose input_schema is the verdict, and tool_choice forcing it (Anthropic has no seed). */
function anthropicRequest<T>(settings: LlmSettings, { system, user, shape }: ModelTask<T>): LlmRequest {
  return {
    url: `${settings.baseUrl}/v1/messages`,
    headers: { 'content-type': 'application/json', 'anthropic-version': ANTHROPIC_VERSION, ...(settings.apiKey ? { 'x-api-key': settings.apiKey } : {}) },
    body: {
      model: settings.model,
      temperature: 0,
      max_tokens: MAX_OUTPUT_TOKENS,
      system,
      messages: [{ role: 'user', content: user }],
      tools: [{ name: shape.tool, description: shape.description, input_schema: shape.jsonSchema }],
      tool_choice: { type: 'tool', name: shape.tool },
    },
  };
}

type Json = Record<string, unknown>;
const record = (value: unknown): Json => (typeof value === 'object' && value !== null ? (value as Json) : {});
const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

function openAiReply(body: unknown): LlmReply {
  const usage = record(record(body).usage);
  const choices = record(body).choices;
  const message = record(record(Array.isArray(choices) ? choices[0] : undefined).message);
  if (typeof message.refusal === 'string' && message.refusal.length > 0) throw new LlmFailure('refused', message.refusal.slice(0, 200));
  return { answer: parseJson(message.content), usage: { input: count(usage.prompt_tokens), output: count(usage.completion_tokens) } };
}

function anthropicReply(body: unknown, toolName: string): LlmReply {
  const reply = record(body);
  const usage = record(reply.usage);
  if (reply.stop_reason === 'refusal') throw new LlmFailure('refused', 'stop_reason refusal');
  const blocks = Array.isArray(reply.content) ? reply.content.map(record) : [];
  const tool = blocks.find((block) => block.type === 'tool_use' && block.name === toolName);
  if (!tool) throw new LlmFailure('invalid_json', `the answer holds no call of the tool ${toolName}`);
  return { answer: tool.input, usage: { input: count(usage.input_tokens), output: count(usage.output_tokens) } };
}

function parseJson(content: unknown): unknown {
  if (typeof content !== 'string') throw new LlmFailure('invalid_json', 'the answer holds no message content');
  try {
    return JSON.parse(content);
  } catch {
    throw new LlmFailure('invalid_json', 'the message content is not JSON');
  }
}
