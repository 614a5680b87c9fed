import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { makeTicket, type Ticket } from '../../../src/domain/ticket.js';
import { LlmJudge } from '../../../src/judges/llm/llm-judge.js';
import { judgeRequest } from '../../../src/lint/judge/judge-request.js';
import { lint } from '../../../src/lint/lint.js';
import type { RulePack } from '../../../src/lint/pack/rule-pack.js';
import { loadPack } from '../../../src/packs/load-pack.js';
import { deleteKeysUnder } from '../../redis-prefix.js';
import { uniquePrefix } from '../../server/server-harness.js';
import type { RecordedCall } from '../../stubs/http-stub.js';
import { csvExportVerdict, startLlmStub, type LlmStub } from '../../stubs/llm-stub.js';

const productSense = loadPack('product-sense');
const strict = loadPack('strict');
const plainSpoken = loadPack(fileURLToPath(new URL('../../fixtures/packs/plain-spoken.yaml', import.meta.url)));
const teamLevels = loadPack(fileURLToPath(new URL('../../../rules/examples/team-levels.yaml', import.meta.url)));
const csvExport = (team: string | null = null): Ticket => makeTicket({ id: 'T-1', title: 'Add CSV export', description: '', team });

/** The team's questions as the request shows them to the model, by signal. */
function teamQuestionsSent(call: RecordedCall): Record<string, string> {
  const user = (call.body as { messages: { content: string }[] }).messages[1]!.content;
  const block = /<<<TEAM QUESTIONS\n([\s\S]*?)\nTEAM QUESTIONS>>>/.exec(user)?.[1] ?? '';
  return Object.fromEntries(block.split('\n').flatMap((line) => {
    const match = /^(\w+): (.*)$/.exec(line);
    return match ? [[match[1]!, match[2]!]] : [];
  }));
}

describe('the language-model judge\'s questions, worded after the team\'s pack, against a stub API', () => {
  const prefix = uniquePrefix('llm-questions');
  const redis = new Redis('redis://127.0.0.1:6379');
  let stub: LlmStub;

  const judge = (cachePrefix = `${prefix}:${Math.random().toString(36).slice(2)}`): LlmJudge => new LlmJudge({
    settings: { provider: 'openai', baseUrl: stub.url, apiKey: 'sk-test-key', model: 'stub-mini', timeoutMs: 2000, redact: true, maxCallsPerHour: 0, maxCallsPerDay: 0 },
    redis, prefix: cachePrefix, log: pino({ level: 'silent' }),
  });
  const read = (ticket: Ticket, pack: RulePack, llm = judge()) => llm.read(judgeRequest(ticket, pack));
  const lastCall = (): RecordedCall => stub.completions().at(-1)!;

  beforeAll(async () => { stub = await startLlmStub(csvExportVerdict()); });
  beforeEach(() => { stub.calls.length = 0; stub.answer = csvExportVerdict(); });
  afterAll(async () => {
    await stub.close();
    await deleteKeysUnder(redis, prefix);
    await redis.quit();
  });

  it('shows the model the pack\'s own questions rendered for the ticket, for exactly the signals the pack asks', async () => {
    await read(csvExport(), productSense);
    const offline = lint(csvExport(), productSense).questions;
    const sent = teamQuestionsSent(lastCall());
    expect(Object.keys(sent).sort()).toEqual(['alternatives', 'outcome', 'successMeasure', 'user']);
    expect(new Set(Object.values(sent))).toEqual(new Set(offline));
    expect(sent.successMeasure).toBe('Once CSV export ships, how will we know it worked? A number to move or a check to pass is enough.');

    await read(csvExport(), plainSpoken);
    expect(teamQuestionsSent(lastCall())).toEqual({
      user: 'Who is CSV export for?',
      outcome: 'Why do we need CSV export?',
      successMeasure: 'How will we know "Add CSV export" worked?',
    });
  });

  it('asks strict\'s questions as product-sense words them (strict changes levels only), and a team its own pack\'s signals', async () => {
    await read(csvExport(), strict);
    const strictSent = teamQuestionsSent(lastCall());
    await read(csvExport(), productSense);
    expect(strictSent).toEqual(teamQuestionsSent(lastCall()));
    await read(csvExport('PLAT'), teamLevels);
    expect(teamQuestionsSent(lastCall())).toHaveProperty('alternatives');
    await read(csvExport('CORE'), teamLevels);
    expect(teamQuestionsSent(lastCall())).not.toHaveProperty('alternatives');
  });

  it('drops the model\'s question for a signal the pack does not ask about', async () => {
    const reading = await read(csvExport(), plainSpoken);
    expect(Object.keys(reading.questions).sort()).toEqual(['outcome', 'successMeasure', 'user']);
    const everySignal = await read(csvExport(), productSense);
    expect(everySignal.questions.alternatives).toBe('Did anyone try a scheduled report instead of a CSV export?');
  });

  it('asks the pack\'s template instead of a model question more than twice as long as the pack\'s own', async () => {
    const long = 'Which people on which teams will open the CSV export each week, what will they do with the file afterwards, and which tool do they use today?';
    stub.answer = { ...csvExportVerdict(), questions: { ...(csvExportVerdict().questions as object), successMeasure: 'How will we know the CSV export worked?', user: long } };
    const reading = await read(csvExport(), plainSpoken);
    expect(reading.questions.user).toBe(long);
    const questions = lint(csvExport(), plainSpoken, reading).questions;
    expect(questions).not.toContain(long);
    expect(questions).toContain('Who is CSV export for?');
    expect(questions).toContain('How will we know the CSV export worked?');
  });

  it('sends the pack\'s questions redacted, as the ticket is, since they hold the ticket\'s words', async () => {
    const ticket = makeTicket({ id: 'T-2', title: 'Add CSV export for priya@acme-finance.com', description: '' });
    await read(ticket, plainSpoken);
    expect(teamQuestionsSent(lastCall()).successMeasure).toBe('How will we know "Add CSV export for [email]" worked?');
    expect(JSON.stringify(lastCall().body)).not.toContain('priya@');
  });

  it('keeps one pack\'s answer from another\'s: a pack worded otherwise asks the model again, the same pack reads the cache', async () => {
    const llm = judge();
    await read(csvExport(), productSense, llm);
    await read(csvExport(), plainSpoken, llm);
    await read(csvExport(), productSense, llm);
    expect(stub.completions()).toHaveLength(2);
  });
});
