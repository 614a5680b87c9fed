import { Redis } from 'ioredis';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import type { LlmSettings } from '../../../src/config/llm-settings.js';
import { makeTicket } from '../../../src/domain/ticket.js';
import { LlmJudge } from '../../../src/judges/llm/llm-judge.js';
import type { AskedQuestion } from '../../../src/lint/judge/judge.js';
import { createTicketlintMetrics } from '../../../src/server/ticketlint-metrics.js';
import { deleteKeysUnder } from '../../redis-prefix.js';
import { uniquePrefix } from '../../server/server-harness.js';
import { csvExportVerdict, repliesVerdict, startLlmStub, type LlmStub } from '../../stubs/llm-stub.js';

const ticket = makeTicket({ id: 'T-1', title: 'Add CSV export', description: 'Finance asked for it.' });
const asked: AskedQuestion[] = [
  { signal: 'user', question: 'Who is exporting, and what do they do with the data?' },
  { signal: 'successMeasure', question: 'How will we know the CSV export worked?' },
];
const HANNAH = 'Hannah in payroll pastes   the totals\ninto the bank portal every Friday.';
const LATER = 'I will ask around and come back to you.';

describe('the language-model judge reading replies against a stub API', () => {
  const prefix = uniquePrefix('llm-replies');
  const redis = new Redis('redis://127.0.0.1:6379');
  let stub: LlmStub;
  let registry: Registry;

  function judge(overrides: Partial<LlmSettings> = {}): LlmJudge {
    registry = new Registry();
    const settings: LlmSettings = { provider: 'openai', baseUrl: stub.url, apiKey: 'sk-test-key', model: 'stub-mini', timeoutMs: 2000, redact: true, maxCallsPerHour: 0, maxCallsPerDay: 0, ...overrides };
    return new LlmJudge({
      settings, redis, prefix: `${prefix}:${Math.random().toString(36).slice(2)}`, log: pino({ level: 'silent' }),
      metrics: createTicketlintMetrics(registry).llm, sleep: () => Promise.resolve(),
    });
  }
  const metric = async (name: string) => (await registry.metrics()).split('\n').filter((line) => line.startsWith(name)).join('\n');

  beforeAll(async () => { stub = await startLlmStub(csvExportVerdict()); });
  beforeEach(() => { stub.calls.length = 0; stub.replies = repliesVerdict(); });
  afterAll(async () => {
    await stub.close();
    await deleteKeysUnder(redis, prefix);
    await redis.quit();
  });

  it('sends the questions and the replies (redacted, without who wrote them) for a schema-constrained answer', async () => {
    await judge().readReplies(ticket, asked, [HANNAH, 'Mail me at priya@acme-finance.com']);
    const [call] = stub.replyCompletions();
    const body = call!.body as Record<string, any>;
    expect(body).toMatchObject({ model: 'stub-mini', temperature: 0, seed: 16, response_format: { type: 'json_schema', json_schema: { name: 'reply_answers', strict: true } } });
    expect(body.response_format.json_schema.schema.required).toEqual(['answers']);
    const user = body.messages[1].content as string;
    expect(user).toContain('user: Who is exporting, and what do they do with the data?');
    expect(user).toContain(`Reply 1: ${HANNAH}`);
    expect(user).toContain('Reply 2: Mail me at [email]');
    expect(user).not.toMatch(/priya@/);
  });

  it('takes an answer whose quote a reply holds, in that reply\'s own words and naming the reply', async () => {
    stub.replies = repliesVerdict({ user: { answered: true, quote: 'Hannah in payroll pastes the totals into the bank portal', confidence: 0.8 } });
    const reading = await judge().readReplies(ticket, asked, [LATER, HANNAH]);
    expect(reading).toMatchObject({ judge: 'llm', version: 'stub-mini prompt-v3', fallback: null });
    expect(reading.answers).toEqual({ user: { reply: 1, quote: 'Hannah in payroll pastes   the totals\ninto the bank portal', confidence: 0.8 } });
  });

  it('answers nothing with a quote no reply holds (even one from the ticket), and counts it', async () => {
    stub.replies = repliesVerdict({
      user: { answered: true, quote: 'Finance asked for it', confidence: 0.9 },
      successMeasure: { answered: true, quote: 'the close takes under an hour', confidence: 0.9 },
    });
    const reading = await judge().readReplies(ticket, asked, [HANNAH]);
    expect(reading.answers).toEqual({});
    expect(await metric('ticketlint_llm_unverified_quotes_total')).toMatch(/signal="user"\} 1[\s\S]*signal="successMeasure"\} 1/);
  });

  it('ignores an answer to a question that was not asked', async () => {
    stub.replies = repliesVerdict({ alternatives: { answered: true, quote: 'Hannah in payroll', confidence: 0.9 } });
    expect((await judge().readReplies(ticket, asked, [HANNAH])).answers).toEqual({});
  });

  it('answers the same replies from the cache, and asks again when a reply is added', async () => {
    const llm = judge();
    await llm.readReplies(ticket, asked, [HANNAH]);
    await llm.readReplies(ticket, asked, [HANNAH]);
    expect(stub.replyCompletions()).toHaveLength(1);
    expect(await metric('ticketlint_llm_cache_hits_total')).toMatch(/ 1$/);
    await llm.readReplies(ticket, asked, [HANNAH, LATER]);
    expect(stub.replyCompletions()).toHaveLength(2);
  });

  it('falls back to the offline reading of the replies when the model answers 500, and counts it', async () => {
    stub.fail({ times: 3, response: { status: 500, body: { error: { message: 'overloaded' } } } });
    const reading = await judge().readReplies(ticket, asked, [HANNAH]);
    expect(reading).toEqual({ judge: 'offline', version: null, fallback: 'llm: server_error', answers: {} });
    expect(await metric('ticketlint_llm_fallbacks_total')).toMatch(/reason="server_error"\} 1/);
  });

  it('asks Anthropic through the forced tool of reply answers', async () => {
    stub.replies = repliesVerdict({ user: { answered: true, quote: 'Hannah in payroll', confidence: 0.7 } });
    const reading = await judge({ provider: 'anthropic' }).readReplies(ticket, asked, [HANNAH]);
    const body = stub.replyCompletions()[0]!.body as Record<string, any>;
    expect(body.tool_choice).toEqual({ type: 'tool', name: 'record_reply_answers' });
    expect(reading.answers.user?.quote).toBe('Hannah in payroll');
  });
});
