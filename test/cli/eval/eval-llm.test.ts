import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { progressOn } from '../../../src/cli/eval/eval-progress.js';
import { runInProcess } from '../cli-harness.js';
import { csvExportVerdict, startLlmStub, type LlmStub } from '../../stubs/llm-stub.js';

const CORPUS = 'test/fixtures/cli/labelled-corpus.jsonl';
const TICKETS = readFileSync(CORPUS, 'utf8').trim().split('\n').length;

describe('ticketlint eval --judge llm against a stub model', () => {
  let stub: LlmStub;
  const env = (): Record<string, string> => ({ LLM_PROVIDER: 'openai', LLM_BASE_URL: stub.url, LLM_MODEL: 'stub-mini', LLM_TIMEOUT_MS: '5000' });

  beforeAll(async () => { stub = await startLlmStub(csvExportVerdict(), { answerDelayMs: 150 }); });
  beforeEach(() => { stub.calls.length = 0; stub.resetPeakInFlight(); });
  afterAll(() => stub.close());

  it('reads every ticket with the model, at most --concurrency calls at once, and prints only the table on stdout', async () => {
    const run = await runInProcess(['eval', CORPUS, '--judge', 'llm', '--concurrency', '2'], { env: env() });
    expect(run.code).toBe(0);
    expect(stub.peakInFlight()).toBe(2);
    const sent = stub.completions().length;
    expect(sent).toBeGreaterThan(0);
    expect(run.stdout).toMatch(new RegExp(`^ticketlint eval: ${CORPUS}, pack product-sense, split all \\(${TICKETS} tickets\\)$`, 'm'));
    expect(run.stdout).toContain(`judge llm (stub-mini prompt-v3): ${sent} read by the model, 0 fell back to the offline judge, ${TICKETS - sent} not sent`);
    expect(run.stdout).toMatch(/^outputOnly\s+\d/m);
    expect(run.stdout).not.toMatch(/\d+\/\d+/);
    expect(run.stderr).toBe(`${TICKETS}/${TICKETS}\n`);
  });

  it('makes four calls at once unless told otherwise', async () => {
    const run = await runInProcess(['eval', CORPUS, '--judge', 'llm', '--json'], { env: env() });
    expect(run.code).toBe(0);
    expect(stub.peakInFlight()).toBe(4);
  });

  it('counts a ticket whose call fails as read by the offline judge, and says why in the table and the JSON', async () => {
    stub.fail({ times: 100, matches: (call) => JSON.stringify(call.body).includes('Title: Add PDF export'), response: { status: 500, body: { error: { message: 'overloaded' } } } });
    const run = await runInProcess(['eval', CORPUS, '--judge', 'llm', '--json'], { env: env() });
    expect(run.code).toBe(0);
    const judge = (JSON.parse(run.stdout) as { judge: Record<string, unknown> }).judge;
    expect(judge).toMatchObject({ judge: 'llm', version: 'stub-mini prompt-v3', fellBack: { server_error: 1 } });
    expect(stub.completions().filter((call) => JSON.stringify(call.body).includes('Title: Add PDF export'))).toHaveLength(3);
    const table = await runInProcess(['eval', CORPUS, '--judge', 'llm'], { env: env() });
    expect(table.stdout).toMatch(/, 1 fell back to the offline judge \(server_error 1\), /);
  });

  it('refuses to start without the model\'s settings, naming what is missing', async () => {
    const run = await runInProcess(['eval', CORPUS, '--judge', 'llm'], { env: { LLM_MODEL: 'stub-mini' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--judge llm needs the language model's settings:\n\s+LLM_PROVIDER: expected openai or anthropic, since --judge llm asks the language model/);
    expect(stub.completions()).toHaveLength(0);
  });

  it('refuses a concurrency that is not a whole number of at least 1', async () => {
    const run = await runInProcess(['eval', CORPUS, '--judge', 'llm', '--concurrency', '0'], { env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--concurrency: expected a whole number of at least 1, got 0');
  });
});

describe('eval progress', () => {
  const capture = (isTTY: boolean): { stream: PassThrough & { isTTY?: boolean }; text: () => string } => {
    const stream = Object.assign(new PassThrough(), { isTTY });
    const chunks: string[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
    return { stream, text: () => chunks.join('') };
  };

  it('draws a bar in place on a terminal', () => {
    const { stream, text } = capture(true);
    const progress = progressOn(stream, 4);
    progress.tick();
    progress.tick();
    progress.done();
    expect(text()).toContain(`\r[${'█'.repeat(15)}${'░'.repeat(15)}] 2/4`);
    expect(text().endsWith('\n')).toBe(true);
  });

  it('writes a plain line every few seconds elsewhere, and one at the end', () => {
    const { stream, text } = capture(false);
    let now = 0;
    const progress = progressOn(stream, 10, { everyMs: 5000, now: () => now });
    for (let i = 0; i < 10; i += 1) {
      now += 2000;
      progress.tick();
    }
    progress.done();
    expect(text()).toBe('3/10\n6/10\n9/10\n10/10\n');
  });
});
