import { Queue } from 'bullmq';
import { intakeBacklog } from '../queue/intake-backlog.js';
import type { RunningPart } from '../../src/config/process-lifecycle.js';
import { TICKET_EVENTS_QUEUE } from '../../src/queue/ticket-job.js';
import { startServerPart, type RunningServer } from '../../src/server-main.js';
import { startWorkerPart } from '../../workers/main.js';
import { basicsFor, uniquePrefix } from '../server/server-harness.js';
import { fixture, jiraDelivery, linearDelivery, post } from '../server/signed-delivery.js';
import type { RecordedCall } from '../stubs/http-stub.js';
import { startJiraStub, type JiraStub } from '../stubs/jira-stub.js';
import { startLinearStub, type LinearStub } from '../stubs/linear-stub.js';

const LINEAR_SECRET = 'lin_wh_faults_secret';
const JIRA_SECRET = 'jira-faults-secret';
const ISSUE_ID = '7c2d4e91-3a5b-4f60-9e18-2b7c6d5a4f30';
const TEAM_ID = 'e51a7c03-8d2b-4c96-a0f4-3b9e6d1c7a52';

/** The tracker's API fails for a while (the worker's own retries, with real backoff, ride it out). */
describe('when the tracker API fails for a while', () => {
  const prefix = uniquePrefix('faults-tracker');
  let linear: LinearStub;
  let jira: JiraStub;
  let server: RunningServer;
  let worker: RunningPart;
  let inspector: Queue;

  beforeAll(async () => {
    [linear, jira] = await Promise.all([startLinearStub(), startJiraStub()]);
    const basics = basicsFor({
      LINEAR_API_KEY: 'lin_api_faults', LINEAR_WEBHOOK_SECRET: LINEAR_SECRET, LINEAR_API_URL: linear.url,
      JIRA_BASE_URL: jira.url, JIRA_EMAIL: 'bot@example.com', JIRA_API_TOKEN: 'jira-token', JIRA_WEBHOOK_SECRET: JIRA_SECRET,
      WORKER_CONCURRENCY: '2', EVENT_WINDOW_MS: '0',
    });
    worker = await startWorkerPart(basics, { prefix });
    server = await startServerPart(basics, { prefix, port: 0 });
    inspector = new Queue(TICKET_EVENTS_QUEUE, { prefix, connection: { url: 'redis://127.0.0.1:6379' } });
  });

  beforeEach(() => {
    linear.calls.length = 0;
    linear.state.comments.length = 0;
    linear.state.teams.set(TEAM_ID, { id: TEAM_ID, key: 'OPS', name: 'Operations' });
    linear.state.issues.set(ISSUE_ID, {
      id: ISSUE_ID, identifier: 'OPS-77', title: 'Add a shift roster export', description: null, teamId: TEAM_ID,
      creatorId: null, labelIds: [], createdAt: '2025-05-12T10:02:44.118Z',
    });
    jira.calls.length = 0;
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

  /** Polls until the queue has no job left to run, and returns how many completed and failed. */
  async function settledJobs(timeoutMs = 20_000): Promise<{ completed: number; failed: number }> {
    for (const until = Date.now() + timeoutMs; Date.now() < until; await new Promise((r) => setTimeout(r, 50))) {
      if (await intakeBacklog(inspector)) continue;
      const counts = await inspector.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed');
      if (counts.waiting || counts.active || counts.delayed || counts.prioritized) continue;
      if (counts.completed || counts.failed) return { completed: counts.completed ?? 0, failed: counts.failed ?? 0 };
    }
    throw new Error(`the jobs did not settle within ${timeoutMs} ms`);
  }

  function linearIssueCreated(): Record<string, unknown> {
    const payload = fixture('linear', 'issue-created');
    return { ...payload, data: { ...(payload.data as object), id: ISSUE_ID, identifier: 'OPS-77', teamId: TEAM_ID, title: 'Add a shift roster export', description: null, labels: [], labelIds: [] } };
  }

  const isLinearCommentWrite = (call: RecordedCall): boolean => call.operation === 'createComment';
  const isJiraCommentWrite = (call: RecordedCall): boolean => call.method === 'POST' && /\/comment$/.test(call.path);

  it('leaves exactly one comment when the API answers 500 twice and then recovers', async () => {
    linear.fail({ times: 2, matches: isLinearCommentWrite, response: { status: 500, body: { errors: [{ message: 'Internal server error' }] } } });
    expect((await post(`${server.url}/webhooks/linear`, linearDelivery(linearIssueCreated(), LINEAR_SECRET))).status).toBe(200);
    expect(await settledJobs()).toEqual({ completed: 1, failed: 0 });
    expect(linear.calls.filter(isLinearCommentWrite)).toHaveLength(3);
    expect(linear.state.comments).toHaveLength(1);
    expect(linear.state.comments[0]!.body).toMatch(/shift roster export/);
  }, 30_000);

  it('waits at least as long as a 429 Retry-After asks before it tries again, then comments once', async () => {
    // 3 s, longer than the first exponential backoff (1 s): a retry that ignored Retry-After would come too soon.
    jira.fail({ times: 1, matches: isJiraCommentWrite, response: { status: 429, headers: { 'retry-after': '3' }, body: { errorMessages: ['Rate limit exceeded'] } } });
    expect((await post(`${server.url}/webhooks/jira`, jiraDelivery(fixture('jira', 'issue-created'), JIRA_SECRET))).status).toBe(200);
    expect(await settledJobs()).toEqual({ completed: 1, failed: 0 });
    const writes = jira.calls.filter(isJiraCommentWrite);
    expect(writes).toHaveLength(2);
    expect(writes[1]!.at - writes[0]!.at).toBeGreaterThanOrEqual(3000);
    expect(jira.state.comments).toHaveLength(1);
  }, 30_000);
});
