import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { settledJobs as settledJobsOf } from './settled-jobs.js';
import type { ProcessBasics, RunningPart } from '../../src/config/process-lifecycle.js';
import { TICKET_EVENTS_QUEUE } from '../../src/queue/ticket-job.js';
import { startServerPart, type RunningServer } from '../../src/server-main.js';
import { startWorkerPart } from '../../workers/main.js';
import { basicsFor, uniquePrefix } from '../server/server-harness.js';
import { fixture, hmacHex, jiraDelivery, linearDelivery, linearIssueCreated, post } from '../server/signed-delivery.js';
import { startJiraStub, type JiraStub } from '../stubs/jira-stub.js';
import { type LinearStub, seedFixtureIssue, startLinearStub } from '../stubs/linear-stub.js';

const LINEAR_SECRET = 'lin_wh_e2e_secret';
const JIRA_SECRET = 'jira-e2e-secret';
const ISSUE_ID = '0b6f9a52-5c3e-4d8a-8f21-7e4a1d9c3b60';
const TEAM_ID = 'a3e4b9d2-1f60-4e57-b0c8-6d2f1a9e8c44';
const WELL_MOTIVATED = [
  'Our accountants retype every invoice into the ledger at month end, which takes them two days and causes typing mistakes.',
  'With a CSV export they can import the invoices in one step instead.',
  'Success: the month-end close takes under half a day, measured on the next close.',
  'We considered a direct Xero integration, but that is a quarter of work; a scheduled emailed report does not work because they filter first.',
  'Out of scope: PDF export.',
].join(' ');

describe('from a signed webhook to a comment on the ticket', () => {
  const prefix = uniquePrefix('e2e');
  let linear: LinearStub;
  let jira: JiraStub;
  let server: RunningServer;
  let worker: RunningPart;
  let inspector: Queue;
  let basics: ProcessBasics;

  beforeAll(async () => {
    [linear, jira] = await Promise.all([startLinearStub(), startJiraStub()]);
    basics = basicsFor({
      LINEAR_API_KEY: 'lin_api_e2e', LINEAR_WEBHOOK_SECRET: LINEAR_SECRET, LINEAR_API_URL: linear.url,
      JIRA_BASE_URL: jira.url, JIRA_EMAIL: 'bot@example.com', JIRA_API_TOKEN: 'jira-token', JIRA_WEBHOOK_SECRET: JIRA_SECRET,
      WORKER_CONCURRENCY: '2', EVENT_WINDOW_MS: '50',
    });
    worker = await startWorkerPart(basics, { prefix });
    server = await startServerPart(basics, { prefix, port: 0 });
    inspector = new Queue(TICKET_EVENTS_QUEUE, { prefix, connection: { url: 'redis://127.0.0.1:6379' } });
  });

  beforeEach(() => {
    linear.state.comments.length = 0;
    linear.calls.length = 0;
    seedFixtureIssue(linear, { issueId: ISSUE_ID, teamId: TEAM_ID }, 'Add CSV export');
    jira.state.comments.length = 0;
    jira.state.issues.set('10482', {
      id: '10482', key: 'SHOP-214', summary: 'Export order history as PDF', description: null, issueType: 'Story', labels: [],
      projectKey: 'SHOP', creator: 'Lena Fischer', created: '2025-04-02T08:41:12.337+0200',
    });
  });

  afterEach(() => inspector.obliterate({ force: true }));

  afterAll(async () => {
    await server.stop();
    await worker.stop();
    await inspector.close();
    await Promise.all([linear.close(), jira.close()]);
  });

  const settledJobs = (timeoutMs?: number) => settledJobsOf(inspector, timeoutMs);

  const linearCommentMutations = () => linear.calls.filter((call) => call.operation === 'createComment');

  it('puts one comment with the questions on a Linear ticket that asks for an output without a why', async () => {
    const answer = await post(`${server.url}/webhooks/linear`, linearDelivery(linearIssueCreated('Add CSV export', null), LINEAR_SECRET));
    expect(answer.status).toBe(200);
    expect(await settledJobs()).toEqual(['completed']);
    expect(linearCommentMutations()).toHaveLength(1);
    expect(linear.state.comments).toHaveLength(1);
    const body = linear.state.comments[0]!.body;
    expect(body).toMatch(/CSV export/);
    expect(body.match(/\?/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
  });

  it('counts the job and times it from webhook to comment on /metrics', async () => {
    await post(`${server.url}/webhooks/linear`, linearDelivery(linearIssueCreated('Add CSV export', null), LINEAR_SECRET));
    await settledJobs();
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(/^ticketlint_jobs_processed_total\{provider="linear",outcome="commented"\} [1-9]/m);
    expect(text).toMatch(/^ticketlint_webhook_to_comment_seconds_count [1-9]/m);
    expect(text).toMatch(/^ticketlint_lint_seconds_count [1-9]/m);
  });

  it('posts nothing on a German ticket and counts it as skipped for its language on /metrics', async () => {
    const delivery = linearDelivery(linearIssueCreated('CSV-Export für Rechnungen', 'Die Buchhaltung braucht die Rechnungen als CSV für den Monatsabschluss.'), LINEAR_SECRET, { deliveryId: randomUUID() });
    expect((await post(`${server.url}/webhooks/linear`, delivery)).status).toBe(200);
    expect(await settledJobs()).toEqual(['completed']);
    expect(linear.state.comments).toHaveLength(0);
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(/^ticketlint_tickets_skipped_total\{provider="linear",reason="language"\} 1$/m);
  });

  it('still comments once when the same delivery arrives twice', async () => {
    const delivery = linearDelivery(linearIssueCreated('Add CSV export', null), LINEAR_SECRET, { deliveryId: randomUUID() });
    const answers = await Promise.all([post(`${server.url}/webhooks/linear`, delivery), post(`${server.url}/webhooks/linear`, delivery)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(await settledJobs()).toEqual(['completed']);
    expect(linearCommentMutations()).toHaveLength(1);
  });

  it('leaves a well-motivated Linear ticket without a comment', async () => {
    const delivery = linearDelivery(linearIssueCreated('Add CSV export of invoices', WELL_MOTIVATED), LINEAR_SECRET);
    expect((await post(`${server.url}/webhooks/linear`, delivery)).status).toBe(200);
    expect(await settledJobs()).toEqual(['completed']);
    expect(linearCommentMutations()).toHaveLength(0);
    expect(linear.state.comments).toHaveLength(0);
  });

  it('puts one comment, written as an ADF document, on a Jira issue created without a why', async () => {
    const delivery = jiraDelivery(fixture('jira', 'issue-created'), JIRA_SECRET);
    expect((await post(`${server.url}/webhooks/jira`, delivery)).status).toBe(200);
    expect(await settledJobs()).toEqual(['completed']);
    expect(jira.state.comments).toHaveLength(1);
    expect(jira.state.comments[0]!.body).toMatchObject({ type: 'doc', version: 1, content: expect.any(Array) });
    expect(JSON.stringify(jira.state.comments[0]!.body)).toMatch(/PDF/);
  });

  it('reviews a Jira Task like any other ticket: the type Jira gives all work in team-managed projects is no verdict', async () => {
    const payload = fixture('jira', 'issue-created') as { issue: { fields: Record<string, unknown> } };
    const fields = payload.issue.fields as { issuetype: Record<string, unknown> };
    payload.issue.fields = { ...fields, summary: 'Add CSV export', description: null, issuetype: { ...fields.issuetype, id: '10002', name: 'Task' } };
    jira.state.issues.set('10482', { ...jira.state.issues.get('10482')!, summary: 'Add CSV export', issueType: 'Task' });
    expect((await post(`${server.url}/webhooks/jira`, jiraDelivery(payload, JIRA_SECRET))).status).toBe(200);
    expect(await settledJobs()).toEqual(['completed']);
    expect(jira.state.comments).toHaveLength(1);
    expect(JSON.stringify(jira.state.comments[0]!.body)).toMatch(/CSV export/);
  });

  it('answers 401 to a bad signature, queues nothing and calls no tracker', async () => {
    const delivery = linearDelivery(linearIssueCreated('Add CSV export', null), LINEAR_SECRET);
    const answer = await post(`${server.url}/webhooks/linear`, {
      body: delivery.body, headers: { ...delivery.headers, 'linear-signature': hmacHex('a-guessed-secret', delivery.body) },
    });
    expect(answer.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(await inspector.getJobs(['waiting', 'active', 'completed', 'failed'])).toHaveLength(0);
    expect(linear.calls).toHaveLength(0);
  });
});
