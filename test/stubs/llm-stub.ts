import { startJsonStub, type RecordedCall, type StubHandle } from './http-stub.js';

/** The verdict object a model answers (src/judges/llm/model-answer.ts), as the tests configure it. */
export type StubVerdict = Record<string, unknown>;

/** Token counts the stub reports, as the APIs' usage fields do: about what the real prompt and answer cost (see the README's cost line). */
export const STUB_USAGE = { input: 2100, output: 260 };

export interface LlmStub extends StubHandle {
  /** The verdict the next answers carry; a string is sent as the raw message content (for invalid JSON). */
  answer: StubVerdict | string;
  readonly completions: () => RecordedCall[];
}

/**
 * A model API on 127.0.0.1 that records every request and answers `answer`: OpenAI's chat completions
 * (POST /chat/completions, the verdict as the message's JSON content) and Anthropic's messages
 * (POST /v1/messages, the verdict as the forced tool's input), each with its API's usage fields.
 */
export async function startLlmStub(answer: StubVerdict | string): Promise<LlmStub> {
  const state = { answer };
  const handle = await startJsonStub((call) => {
    if (call.method === 'POST' && call.path.endsWith('/chat/completions')) {
      const content = typeof state.answer === 'string' ? state.answer : JSON.stringify(state.answer);
      return {
        status: 200,
        body: {
          id: 'chatcmpl-stub', object: 'chat.completion', model: (call.body as { model?: string }).model,
          choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop' }],
          usage: { prompt_tokens: STUB_USAGE.input, completion_tokens: STUB_USAGE.output, total_tokens: STUB_USAGE.input + STUB_USAGE.output },
        },
      };
    }
    if (call.method === 'POST' && call.path === '/v1/messages') {
      const tool = ((call.body as { tool_choice?: { name?: string } }).tool_choice?.name) ?? 'record_ticket_verdict';
      return {
        status: 200,
        body: {
          id: 'msg_stub', type: 'message', role: 'assistant', model: (call.body as { model?: string }).model, stop_reason: 'tool_use',
          content: [{ type: 'tool_use', id: 'toolu_stub', name: tool, input: state.answer }],
          usage: { input_tokens: STUB_USAGE.input, output_tokens: STUB_USAGE.output },
        },
      };
    }
    return { status: 404, body: { error: { message: `no route ${call.method} ${call.path}` } } };
  });
  // An accessor, not a copied value: a test sets `answer` and the next request reads it.
  Object.defineProperty(handle, 'answer', { get: () => state.answer, set: (value: StubVerdict | string) => { state.answer = value; } });
  return Object.assign(handle as StubHandle & { answer: StubVerdict | string }, { completions: () => handle.calls.filter((c) => c.method === 'POST') });
}

/** A verdict for "Add CSV export" with an empty body: a feature with no signal, and a question per signal. */
export function csvExportVerdict(overrides: Partial<Record<'user' | 'outcome' | 'successMeasure' | 'alternatives', { present: boolean; quote: string; confidence: number }>> = {}): StubVerdict {
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
