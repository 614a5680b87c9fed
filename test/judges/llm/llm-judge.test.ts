import { Redis } from 'ioredis';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import type { LlmSettings } from '../../../src/config/llm-settings.js';
import { makeTicket } from '../../../src/domain/ticket.js';
import { LlmJudge } from '../../../src/judges/llm/llm-judge.js';
import { redact } from '../../../src/judges/llm/redact.js';
import { analyseTicket } from '../../../src/lint/analysis.js';
import { judgeRequest } from '../../../src/lint/judge/judge-request.js';
import { loadPack } from '../../../src/packs/load-pack.js';
import { createTicketlintMetrics } from '../../../src/server/ticketlint-metrics.js';
import { deleteKeysUnder } from '../../redis-prefix.js';
import { uniquePrefix } from '../../server/server-harness.js';
import { csvExportVerdict, inputTokensOf, startLlmStub, type LlmStub } from '../../stubs/llm-stub.js';

const pack = loadPack('product-sense');
const ticket = makeTicket({ id: 'T-1', title: 'Add CSV export', description: 'Finance admins retype every invoice by hand.' });
const offline = analyseTicket(ticket, pack.vocabulary, pack.judgement);

describe('the language-model judge against stub APIs', () => {
  const prefix = uniquePrefix('llm-judge');
  const redis = new Redis('redis://127.0.0.1:6379');
  let stub: LlmStub;
  let registry: Registry;
  let waits: number[];

  function judge(overrides: Partial<LlmSettings> = {}): LlmJudge {
    registry = new Registry();
    const settings: LlmSettings = { provider: 'openai', baseUrl: stub.url, apiKey: 'sk-test-key', model: 'stub-mini', timeoutMs: 2000, redact: true, maxCallsPerHour: 0, maxCallsPerDay: 0, ...overrides };
    return new LlmJudge({
      settings, redis, prefix: `${prefix}:${Math.random().toString(36).slice(2)}`, log: pino({ level: 'silent' }),
      metrics: createTicketlintMetrics(registry).llm,
      sleep: (ms) => { waits.push(ms); return Promise.resolve(); },
    });
  }
  const metric = async (name: string) => (await registry.metrics()).split('\n').filter((line) => line.startsWith(name)).join('\n');

  beforeAll(async () => { stub = await startLlmStub(csvExportVerdict()); });
  beforeEach(() => { stub.calls.length = 0; stub.answer = csvExportVerdict(); waits = []; });
  afterAll(async () => {
    await stub.close();
    await deleteKeysUnder(redis, prefix);
    await redis.quit();
  });

  it('asks an OpenAI-compatible server for schema-constrained JSON with the model, temperature 0, a seed and the key', async () => {
    await judge().read(judgeRequest(ticket, pack, offline));
    const [call] = stub.completions();
    expect(call).toMatchObject({ path: '/chat/completions', authorization: 'Bearer sk-test-key' });
    const body = call!.body as Record<string, any>;
    expect(body).toMatchObject({ model: 'stub-mini', temperature: 0, seed: 16 });
    expect(body.response_format).toMatchObject({ type: 'json_schema', json_schema: { strict: true, schema: { type: 'object', additionalProperties: false } } });
    expect(body.response_format.json_schema.schema.required).toEqual(['kind', 'outputOnly', 'signals', 'questions']);
  });

  it('asks Anthropic through a forced tool whose input schema is the verdict, with x-api-key and anthropic-version', async () => {
    const reading = await judge({ provider: 'anthropic' }).read(judgeRequest(ticket, pack, offline));
    const [call] = stub.completions();
    expect(call).toMatchObject({ path: '/v1/messages' });
    expect(call!.headers['x-api-key']).toBe('sk-test-key');
    expect(call!.headers['anthropic-version']).toBe('2023-06-01');
    const body = call!.body as Record<string, any>;
    expect(body).toMatchObject({ model: 'stub-mini', temperature: 0, tool_choice: { type: 'tool', name: body.tools[0].name } });
    expect(body.tools[0].input_schema).toMatchObject({ type: 'object', additionalProperties: false });
    expect(reading).toMatchObject({ judge: 'llm', fallback: null, kind: 'feature' });
  });

  it('keeps a quote the ticket holds and treats a made-up one as absent, counting it', async () => {
    stub.answer = csvExportVerdict({
      user: { present: true, quote: 'finance   admins', confidence: 0.9 },
      outcome: { present: true, quote: 'month-end close takes two days', confidence: 0.95 },
    });
    const reading = await judge().read(judgeRequest(ticket, pack, offline));
    expect(reading.signals.user).toMatchObject({ present: true, quotes: ['finance   admins'] });
    expect(reading.signals.outcome).toMatchObject({ present: false, quotes: [] });
    expect(await metric('ticketlint_llm_unverified_quotes_total')).toMatch(/signal="outcome"\} 1/);
  });

  it('answers an unchanged ticket from the cache without a second call, and asks again once the text changes', async () => {
    const llm = judge();
    await llm.read(judgeRequest(ticket, pack, offline));
    await llm.read(judgeRequest({ ...ticket, labels: ['Feature'] }, pack, offline));
    expect(stub.completions()).toHaveLength(1);
    expect(await metric('ticketlint_llm_cache_hits_total')).toMatch(/ 1$/);
    await llm.read(judgeRequest({ ...ticket, description: `${ticket.description} Today it takes two days.` }, pack, offline));
    expect(stub.completions()).toHaveLength(2);
    const sent = stub.completions().reduce((sum, call) => sum + inputTokensOf(call), 0);
    expect(await metric('ticketlint_llm_tokens_total')).toMatch(new RegExp(`direction="in"\\} ${sent}$`, 'm'));
  });

  it('waits as long as Retry-After says after a 429, then takes the answer', async () => {
    stub.fail({ times: 1, response: { status: 429, headers: { 'retry-after': '1' }, body: { error: { message: 'slow down' } } } });
    const reading = await judge().read(judgeRequest(ticket, pack, offline));
    expect(waits).toEqual([1000]);
    expect(stub.completions()).toHaveLength(2);
    expect(reading.judge).toBe('llm');
  });

  it('falls back to the offline reading after a 500 and two retries, and counts the fallback', async () => {
    stub.fail({ times: 3, response: { status: 500, body: { error: { message: 'overloaded' } } } });
    const reading = await judge().read(judgeRequest(ticket, pack, offline));
    expect(stub.completions()).toHaveLength(3);
    expect(reading).toMatchObject({ judge: 'offline', fallback: 'llm: server_error' });
    expect(await metric('ticketlint_llm_fallbacks_total')).toMatch(/reason="server_error"\} 1/);
  });

  it('falls back on a timeout, an unreachable endpoint, a refusal and an answer that is not the schema twice', async () => {
    stub.fail({ times: 1, delayMs: 600 });
    expect((await judge({ timeoutMs: 200 }).read(judgeRequest(ticket, pack, offline))).fallback).toBe('llm: timeout');
    expect((await judge({ baseUrl: 'http://127.0.0.1:9' }).read(judgeRequest(ticket, pack, offline))).fallback).toBe('llm: unreachable');
    stub.fail({ times: 1, response: { status: 200, body: { choices: [{ message: { content: null, refusal: 'I cannot help with that.' } }] } } });
    expect((await judge().read(judgeRequest(ticket, pack, offline))).fallback).toBe('llm: refused');
    stub.answer = '{"kind": "feature", "signals": ';
    stub.calls.length = 0;
    expect((await judge().read(judgeRequest(ticket, pack, offline))).fallback).toBe('llm: invalid_json');
    expect(stub.completions()).toHaveLength(2);
  });

  it('asks once more when the first answer is not the schema, and takes the second', async () => {
    stub.fail({ times: 1, response: { status: 200, body: { choices: [{ message: { content: '{"kind": "maybe"}' } }] } } });
    const reading = await judge().read(judgeRequest(ticket, pack, offline));
    expect(reading).toMatchObject({ judge: 'llm', fallback: null });
    expect(stub.completions()).toHaveLength(2);
  });

  it('sends the ticket redacted, and as written with LLM_REDACT=0', async () => {
    const secretive = makeTicket({ id: 'T-2', title: 'Add CSV export', description: 'Ask priya@acme-finance.com, token ghp_4fG7hJ9kL2mN5pQ8rS1tU3vW6xY0zA2bC4dE.' });
    await judge().read(judgeRequest(secretive, pack, offline));
    const sent = JSON.stringify(stub.completions()[0]!.body);
    expect(sent).not.toMatch(/priya@|ghp_4fG7/);
    expect(sent).toMatch(/\[email\].*\[token\]/);
    await judge({ redact: false }).read(judgeRequest(secretive, pack, offline));
    expect(JSON.stringify(stub.completions()[1]!.body)).toMatch(/priya@acme-finance\.com/);
  });
});

describe('redact', () => {
  it.each([
    ['an e-mail address', 'Mail jane.doe+billing@example.co.uk today', 'Mail [email] today'],
    ['credentials in a URL', 'Fetch https://svc:hunter2@db.internal:5432/x now', 'Fetch https://[credentials]@db.internal:5432/x now'],
    ['a long hex token', 'key 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 here', 'key [token] here'],
    ['a long base64 token', 'Bearer dGhpcyBpcyBhIHNlY3JldCB0b2tlbiBmb3IgdGVzdHM5 sent', 'Bearer [token] sent'],
    ['a card number with spaces', 'paid with 4111 1111 1111 1111 yesterday', 'paid with [card number] yesterday'],
    ['a card number with dashes', 'card 5500-0000-0000-0004 declined', 'card [card number] declined'],
  ])('replaces %s', (_shape, text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it('keeps what only looks like them: a long word, a number that fails the card check, a plain URL', () => {
    const text = 'Internationalisationconfigurationsettings for order 1234567890123 at https://example.com/a/b';
    expect(redact(text)).toBe(text);
  });
});
