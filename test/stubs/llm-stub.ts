import { startJsonStub, type RecordedCall, type StubHandle } from './http-stub.js';

/** The verdict object a model answers (src/judges/llm/model-answer.ts), as the tests configure it. */
export type StubVerdict = Record<string, unknown>;

/**
 * How the stub counts tokens, since it runs no tokenizer: one token per four characters of what the
 * request carries for the model (system prompt, messages, and the JSON schema, which both APIs count as
 * input), and of the answer it sends. Four characters a token is the usual rule of thumb for English
 * with OpenAI's and Anthropic's tokenizers; JSON and code run a little denser.
 */
export const CHARS_PER_TOKEN = 4;

export function estimateTokens(chars: number): number {
  return Math.ceil(chars / CHARS_PER_TOKEN);
}

/** The input tokens the stub reports for a request it recorded. */
export function inputTokensOf(call: RecordedCall): number {
  return estimateTokens(promptChars(call.body));
}

/** The characters of a request the model reads: what estimateTokens counts as its input. */
export function promptChars(body: unknown): number {
  const b = (body ?? {}) as { system?: string; messages?: { content?: unknown }[]; response_format?: { json_schema?: { schema?: unknown } }; tools?: { input_schema?: unknown }[] };
  const messages = (b.messages ?? []).map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? ''))).join('');
  const schema = b.response_format?.json_schema?.schema ?? b.tools?.[0]?.input_schema;
  return (b.system ?? '').length + messages.length + (schema ? JSON.stringify(schema).length : 0);
}

export interface LlmStub extends StubHandle {
  /** The verdict the next answers about a ticket carry; a string is sent as the raw message content (for invalid JSON). */
  answer: StubVerdict | string;
  /** What the next answers about replies carry (the schema named reply_answers); by default no question answered. */
  replies: StubVerdict | string;
  /** Every POST the stub received, ticket verdicts and reply readings alike. */
  readonly completions: () => RecordedCall[];
  /** The POSTs asking about replies. */
  readonly replyCompletions: () => RecordedCall[];
  /** The message content the stub answers `call` with, as it stands now: what its output tokens are counted from. */
  readonly contentFor: (call: RecordedCall) => string;
}

export interface LlmStubOptions {
  /** Every answer comes this many ms after the request arrived: a model that takes its time. */
  readonly answerDelayMs?: number;
}

/** The schema a request asks the answer to fit: the response_format's name, or the forced tool's. */
function askedShape(body: unknown): string | undefined {
  const b = body as { response_format?: { json_schema?: { name?: string } }; tool_choice?: { name?: string } } | undefined;
  return b?.response_format?.json_schema?.name ?? b?.tool_choice?.name;
}

/** Whether the request asks about replies (the schema named reply_answers) rather than about a ticket. */
export const isReplies = (call: RecordedCall): boolean => /reply_answers/.test(askedShape(call.body) ?? '');

/**
 * A model API on 127.0.0.1 that records every request and answers `answer` (or `replies`, for a request
 * about replies): OpenAI's chat completions (POST /chat/completions, the verdict as the message's JSON
 * content) and Anthropic's messages (POST /v1/messages, the verdict as the forced tool's input), each with
 * its API's usage fields, counted by estimateTokens.
 */
export async function startLlmStub(answer: StubVerdict | string, options: LlmStubOptions = {}): Promise<LlmStub> {
  const state = { answer, replies: repliesVerdict() as StubVerdict | string };
  const delay = options.answerDelayMs;
  const verdictFor = (call: RecordedCall): StubVerdict | string => (isReplies(call) ? state.replies : state.answer);
  const contentFor = (call: RecordedCall): string => {
    const verdict = verdictFor(call);
    return typeof verdict === 'string' ? verdict : JSON.stringify(verdict);
  };
  const handle = await startJsonStub((call) => {
    const verdict = verdictFor(call);
    const content = contentFor(call);
    const input = inputTokensOf(call);
    const output = estimateTokens(content.length);
    if (call.method === 'POST' && call.path.endsWith('/chat/completions')) {
      return {
        status: 200,
        body: {
          id: 'chatcmpl-stub', object: 'chat.completion', model: (call.body as { model?: string }).model,
          choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop' }],
          usage: { prompt_tokens: input, completion_tokens: output, total_tokens: input + output },
        },
      };
    }
    if (call.method === 'POST' && call.path === '/v1/messages') {
      const tool = ((call.body as { tool_choice?: { name?: string } }).tool_choice?.name) ?? 'record_ticket_verdict';
      return {
        status: 200,
        body: {
          id: 'msg_stub', type: 'message', role: 'assistant', model: (call.body as { model?: string }).model, stop_reason: 'tool_use',
          content: [{ type: 'tool_use', id: 'toolu_stub', name: tool, input: verdict }],
          usage: { input_tokens: input, output_tokens: output },
        },
      };
    }
    return { status: 404, body: { error: { message: `no route ${call.method} ${call.path}` } } };
  }, undefined, delay ? { answerDelayMs: () => delay } : {});
  // Accessors, not copied values: a test sets `answer` or `replies` and the next request reads it.
  Object.defineProperty(handle, 'answer', { get: () => state.answer, set: (value: StubVerdict | string) => { state.answer = value; } });
  Object.defineProperty(handle, 'replies', { get: () => state.replies, set: (value: StubVerdict | string) => { state.replies = value; } });
  const completions = (): RecordedCall[] => handle.calls.filter((c) => c.method === 'POST');
  return Object.assign(handle as StubHandle & { answer: StubVerdict | string; replies: StubVerdict | string }, {
    completions,
    replyCompletions: () => completions().filter(isReplies),
    contentFor,
  });
}

type SignalAnswer = { present: boolean; quote: string; confidence: number };
type ReplyAnswer = { answered: boolean; quote: string; confidence: number };
type Signal = 'user' | 'outcome' | 'successMeasure' | 'alternatives';

/** A verdict for "Add CSV export" with an empty body: a feature with no signal, and a question per signal. */
export function csvExportVerdict(overrides: Partial<Record<Signal, SignalAnswer>> = {}): StubVerdict {
  const absent = { present: false, quote: '', confidence: 0.9 };
  return {
    kind: 'feature',
    outputOnly: true,
    signals: { user: absent, outcome: absent, successMeasure: absent, alternatives: absent, ...overrides },
    questions: {
      user: 'Which team will open the CSV export, and what will they do with the file?',
      outcome: 'What goes wrong today without a CSV export, and for whom?',
      successMeasure: 'Which number should move once the CSV export ships?',
      alternatives: 'Did anyone try a scheduled report instead of a CSV export?',
    },
  };
}

/** A reading of replies that answers nothing, or the questions `answered` names, each with its quote. */
export function repliesVerdict(answered: Partial<Record<Signal, ReplyAnswer>> = {}): StubVerdict {
  const none = { answered: false, quote: '', confidence: 0.9 };
  return { answers: { user: none, outcome: none, successMeasure: none, alternatives: none, ...answered } };
}
