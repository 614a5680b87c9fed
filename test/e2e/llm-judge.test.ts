import { uniquePrefix } from '../server/server-harness.js';
import { linearCommentCreated, linearDelivery, linearIssueCreated, post } from '../server/signed-delivery.js';
import { type LinearStub, seedFixtureIssue } from '../stubs/linear-stub.js';
import type { RunningServer } from '../../src/server-main.js';
import { startBotStack, type BotStack } from './bot-stack.js';
import { csvExportVerdict, inputTokensOf, repliesVerdict, startLlmStub, type LlmStub } from '../stubs/llm-stub.js';

const LINEAR_SECRET = 'lin_wh_llm_e2e_secret';
const ISSUE_ID = '0b6f9a52-5c3e-4d8a-8f21-7e4a1d9c3b60';
const TEAM_ID = 'a3e4b9d2-1f60-4e57-b0c8-6d2f1a9e8c44';

describe('a team with judge: llm, from a signed webhook to a comment', () => {
  const prefix = uniquePrefix('e2e-llm');
  let stack: BotStack;
  let linear: LinearStub;
  let model: LlmStub;
  let server: RunningServer;

  beforeAll(async () => {
    model = await startLlmStub(csvExportVerdict());
    stack = await startBotStack({
      prefix, linearSecret: LINEAR_SECRET, jiraSecret: 'jira_wh_llm_e2e_secret', config: 'linear:\n  judge:\n    PLAT: llm', eventWindowMs: 0,
      env: { WORKER_CONCURRENCY: '1', LLM_PROVIDER: 'openai', LLM_BASE_URL: model.url, LLM_API_KEY: 'sk-e2e', LLM_MODEL: 'stub-mini', LLM_TIMEOUT_MS: '2000' },
    });
    ({ linear, server } = stack);
  });

  beforeEach(() => {
    linear.state.comments.length = 0;
    linear.calls.length = 0;
    model.calls.length = 0;
    model.replies = repliesVerdict();
    linear.state.users.set('user-priya', { id: 'user-priya', name: 'Priya Raman' });
    seedFixtureIssue(linear, { issueId: ISSUE_ID, teamId: TEAM_ID }, 'Add CSV export');
  });

  afterEach(() => stack.clearJobs());

  afterAll(async () => {
    await stack.stop();
    await model.close();
  });

  const settledJobs = (timeoutMs?: number) => stack.settled(timeoutMs);

  it('posts one comment whose questions the model wrote, quoting only words the ticket holds', async () => {
    model.answer = csvExportVerdict({ outcome: { present: true, quote: 'saves finance two days a month', confidence: 0.9 } });
    const delivery = linearDelivery(linearIssueCreated('Add CSV export', null), LINEAR_SECRET);
    expect((await post(`${server.url}/webhooks/linear`, delivery)).status).toBe(200);
    expect(await settledJobs()).toEqual(['completed']);
    expect(model.completions()).toHaveLength(1);
    // The team's pack (product-sense) is shown to the model as the tone to ask in.
    const asked = (model.completions()[0]!.body as { messages: { content: string }[] }).messages[1]!.content;
    expect(asked).toContain('successMeasure: Once CSV export ships, how will we know it worked? A number to move or a check to pass is enough.');
    expect(linear.state.comments).toHaveLength(1);
    const body = linear.state.comments[0]!.body;
    expect(body).toContain('Which team will open the CSV export, and what will they do with the file?');
    expect(body).toContain('What goes wrong today without a CSV export, and for whom?');
    expect(body).not.toContain('saves finance two days a month');
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^ticketlint_llm_unverified_quotes_total\{signal="outcome"\} 1$/m);
    expect(metrics).toMatch(new RegExp(`^ticketlint_llm_tokens_total\\{direction="in"\\} ${inputTokensOf(model.completions()[0]!)}$`, 'm'));
  });

  it('still posts the offline comment, of the same shape, when the model answers 500', async () => {
    model.fail({ times: 3, response: { status: 500, body: { error: { message: 'overloaded' } } } });
    const delivery = linearDelivery(linearIssueCreated('Add CSV export', 'Please add it.'), LINEAR_SECRET);
    expect((await post(`${server.url}/webhooks/linear`, delivery)).status).toBe(200);
    expect(await settledJobs()).toEqual(['completed']);
    expect(model.completions()).toHaveLength(3);
    expect(linear.state.comments).toHaveLength(1);
    const body = linear.state.comments[0]!.body;
    expect(body).toMatch(/CSV export/);
    expect(body).not.toContain('Which team will open the CSV export');
    expect(body.match(/\?/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^ticketlint_llm_fallbacks_total\{reason="server_error"\} 1$/m);
  });

  it('never sends a bug report with a stack trace: the offline judge reads it and the screen counts it', async () => {
    const trace = 'Exception in thread "main" java.lang.NullPointerException\n    at com.acme.Checkout.total(Checkout.java:42)';
    const delivery = linearDelivery(linearIssueCreated('Checkout crashes on an empty cart', trace), LINEAR_SECRET);
    expect((await post(`${server.url}/webhooks/linear`, delivery)).status).toBe(200);
    expect(await settledJobs()).toEqual(['completed']);
    expect(model.completions()).toHaveLength(0);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^ticketlint_llm_screened_total\{reason="stack_trace"\} 1$/m);
  });

  describe('replies', () => {
    /** Who needs it and why, in words the offline cues do not read as either. */
    const HANNAH = 'Hannah in payroll pastes the totals into the bank portal every Friday, and a typo there once paid a supplier twice.';
    const metrics = async () => (await fetch(`${server.url}/metrics`)).text();

    async function commentedTicket(): Promise<string> {
      model.answer = csvExportVerdict();
      expect((await post(`${server.url}/webhooks/linear`, linearDelivery(linearIssueCreated('Add CSV export', null), LINEAR_SECRET))).status).toBe(200);
      expect(await settledJobs()).toEqual(['completed']);
      expect(linear.state.comments).toHaveLength(1);
      return linear.state.comments[0]!.body;
    }

    async function reply(body: string): Promise<void> {
      const id = `reply-${Math.random().toString(36).slice(2)}`;
      linear.state.comments.push({ id, issueId: ISSUE_ID, body, userId: 'user-priya', createdAt: new Date().toISOString() });
      const payload = linearCommentCreated({ id, userId: 'user-priya', name: 'Priya Raman', body, parentId: linear.state.comments[0]!.id });
      expect((await post(`${server.url}/webhooks/linear`, linearDelivery(payload, LINEAR_SECRET))).status).toBe(200);
      await settledJobs();
    }

    it('ticks a question the model finds answered, quoting the reply, and sends the replies without who wrote them', async () => {
      await commentedTicket();
      model.replies = repliesVerdict({ user: { answered: true, quote: 'Hannah in payroll', confidence: 0.8 } });
      await reply(HANNAH);
      expect(model.replyCompletions()).toHaveLength(1);
      const sent = JSON.stringify(model.replyCompletions()[0]!.body);
      expect(sent).toContain('Hannah in payroll pastes the totals');
      expect(sent).not.toContain('Priya');
      expect(linear.state.comments.filter((c) => c.userId === 'user-bot')).toHaveLength(1);
      const body = linear.state.comments[0]!.body;
      expect(body).toMatch(/✓ \*\*Who:\*\* answered by Priya Raman: "Hannah in payroll pastes the totals/);
      expect(body).toContain('**Why:** What goes wrong today without a CSV export, and for whom?');
    });

    it('answers nothing when the model quotes words no reply holds, and counts the quote', async () => {
      const before = await commentedTicket();
      model.replies = repliesVerdict({
        user: { answered: true, quote: 'the finance team', confidence: 0.9 },
        outcome: { answered: true, quote: 'month-end close takes two days', confidence: 0.9 },
      });
      // Other words than the first test's: the same replies to the same questions are answered from the cache.
      await reply(`${HANNAH} She does it alone.`);
      expect(model.replyCompletions()).toHaveLength(1);
      expect(linear.state.comments[0]!.body).toBe(before);
      expect(await metrics()).toMatch(/^ticketlint_llm_unverified_quotes_total\{signal="user"\} 1$/m);
    });

    it('reads the replies offline when the model answers 500 about them, still editing the one comment', async () => {
      await commentedTicket();
      model.fail({ times: 3, response: { status: 500, body: { error: { message: 'overloaded' } } }, matches: (call) => JSON.stringify(call.body).includes('reply_answers') });
      model.replies = repliesVerdict({ user: { answered: true, quote: 'Hannah in payroll', confidence: 0.8 } });
      await reply('Our accountants retype every invoice into the ledger by hand at month end, which takes them two days.');
      expect(model.replyCompletions()).toHaveLength(3);
      expect(linear.state.comments.filter((c) => c.userId === 'user-bot')).toHaveLength(1);
      expect(linear.state.comments[0]!.body).toMatch(/\*\*Who:\*\* answered by Priya Raman: "Our accountants retype every invoice/);
      expect(await metrics()).toMatch(/^ticketlint_llm_fallbacks_total\{reason="server_error"\} [1-9]/m);
    });
  });

  describe('/ticketlint explain', () => {
    async function explained(description: string | null): Promise<string> {
      linear.state.issues.get(ISSUE_ID)!.description = description;
      expect((await post(`${server.url}/webhooks/linear`, linearDelivery(linearIssueCreated('Add CSV export', description), LINEAR_SECRET))).status).toBe(200);
      expect(await settledJobs()).toEqual(['completed']);
      const id = 'explain-1';
      linear.state.comments.push({ id, issueId: ISSUE_ID, body: '/ticketlint explain', userId: 'user-priya', createdAt: new Date().toISOString() });
      const payload = linearCommentCreated({ id, userId: 'user-priya', name: 'Priya Raman', body: '/ticketlint explain', parentId: linear.state.comments[0]!.id });
      expect((await post(`${server.url}/webhooks/linear`, linearDelivery(payload, LINEAR_SECRET))).status).toBe(200);
      await settledJobs();
      expect(linear.state.comments.filter((c) => c.userId === 'user-bot')).toHaveLength(1);
      return linear.state.comments[0]!.body;
    }

    it('says the language model judged the ticket, naming the model and prompt, with its confidence per signal', async () => {
      model.answer = csvExportVerdict();
      const body = await explained(null);
      expect(body).toContain('**Judged by:** the language model `stub-mini prompt-v3`.');
      expect(body).toContain("✗ **Who needs it:** nothing in the ticket says it, so a question above asks (the model's confidence 0.90)");
    });

    it('says the offline judgement answered, and why, when the model failed', async () => {
      model.answer = csvExportVerdict();
      // Three attempts for the new ticket, three more when the command has the ticket read again.
      model.fail({ times: 6, response: { status: 500, body: { error: { message: 'overloaded' } } } });
      const body = await explained('Please add it soon.');
      expect(model.completions()).toHaveLength(6);
      expect(body).toMatch(/\*\*Judged by:\*\* the offline judgement \(the learned model `[^`]+`\), because the language model's server failed \(`llm: server_error`\)\./);
    });
  });
});
