import { Queue } from 'bullmq';
import type { RunningPart } from '../../src/config/process-lifecycle.js';
import { TICKET_EVENTS_QUEUE } from '../../src/queue/ticket-job.js';
import { startServerPart, type RunningServer } from '../../src/server-main.js';
import { startWorkerPart } from '../../workers/main.js';
import { basicsFor, uniquePrefix } from '../server/server-harness.js';
import { fixture, jiraDelivery, linearDelivery, post } from '../server/signed-delivery.js';
import { startJiraStub, type JiraStub } from '../stubs/jira-stub.js';
import { startLinearStub, type LinearStub } from '../stubs/linear-stub.js';
import { deleteKeysUnderOn } from '../redis-prefix.js';
import { intakeBacklog } from '../queue/intake-backlog.js';

/**
 * Storms end to end: bursts of signed description edits through the real server, Redis and workers, the
 * bot answering on the Linear and Jira stubs. The edits alternate between a description that says why
 * and one that does not, so every edit reviewed on its own would rewrite the bot's comment. All ticket
 * text is invented.
 */

const LINEAR_SECRET = 'lin_wh_storm_secret';
const JIRA_SECRET = 'jira-storm-secret';
const LINEAR_TEAM = 'a3e4b9d2-1f60-4e57-b0c8-6d2f1a9e8c44';
const LINEAR_ISSUES = ['0b6f9a52-5c3e-4d8a-8f21-7e4a1d9c3b60', '7d0c41e8-93b5-4f2a-b6d7-1e8a2c9f5b03'];
const JIRA_ISSUE = '10482';
/** Long enough to span the gaps between the edits of a storm, short enough for a test. */
const WINDOW_MS = 1000;
const EDITS = 20;

const WHY = 'Our night-shift pickers print the pick list and cross items off by hand, and they miss about one order in fifty.';
/** Edit `i` of a storm: the odd ones say who needs it and why, the even ones do not; the last one (19) does. */
const edit = (i: number): string => (i % 2 === 1 ? `${WHY} Draft ${i}: show the pick list on the handhelds.` : `Draft ${i}: show the pick list on the handhelds.`);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Stack {
  readonly linear: LinearStub;
  readonly jira: JiraStub;
  readonly server: RunningServer;
  readonly workers: RunningPart[];
  readonly inspector: Queue;
  stop(): Promise<void>;
}

/** A webhook server and `workers` worker processes' parts on one Redis, with the event window at `windowMs`. */
async function startStack(windowMs: number, workers = 2): Promise<Stack> {
  const prefix = uniquePrefix('storm');
  const [linear, jira] = await Promise.all([startLinearStub(), startJiraStub()]);
  const basics = () => basicsFor({
    LINEAR_API_KEY: 'lin_api_storm', LINEAR_WEBHOOK_SECRET: LINEAR_SECRET, LINEAR_API_URL: linear.url,
    JIRA_BASE_URL: jira.url, JIRA_EMAIL: 'bot@example.com', JIRA_API_TOKEN: 'jira-token', JIRA_WEBHOOK_SECRET: JIRA_SECRET,
    WORKER_CONCURRENCY: '3', EVENT_WINDOW_MS: String(windowMs),
  });
  const parts = await Promise.all(Array.from({ length: workers }, () => startWorkerPart(basics(), { prefix })));
  const server = await startServerPart(basics(), { prefix, port: 0 });
  const inspector = new Queue(TICKET_EVENTS_QUEUE, { prefix, connection: { url: 'redis://127.0.0.1:6379' } });
  return {
    linear, jira, server, workers: parts, inspector,
    async stop() {
      await server.stop();
      await Promise.all(parts.map((part) => part.stop()));
      await inspector.obliterate({ force: true });
      await inspector.close();
      await deleteKeysUnderOn('redis://127.0.0.1:6379', prefix);
      await Promise.all([linear.close(), jira.close()]);
    },
  };
}

/** Polls until every job in the queue has completed; fails on a failed job. */
async function settled(inspector: Queue, timeoutMs = 20_000): Promise<void> {
  for (const until = Date.now() + timeoutMs; Date.now() < until; await pause(25)) {
    if (await intakeBacklog(inspector)) continue;
    // Counted in one step: a listing reads one state after another, and can miss the review job an event job adds as it completes.
    const counts = await inspector.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed');
    if (counts.failed) throw new Error('a job failed');
    if (counts.completed && !counts.waiting && !counts.active && !counts.delayed && !counts.prioritized) return;
  }
  throw new Error(`the jobs did not settle within ${timeoutMs} ms`);
}

function linearIssue(stack: Stack, id: string, n: number): void {
  stack.linear.state.teams.set(LINEAR_TEAM, { id: LINEAR_TEAM, key: 'PLAT', name: 'Platform' });
  stack.linear.state.issues.set(id, {
    id, identifier: `PLAT-${n}`, title: 'Show the pick list on handhelds', description: null, teamId: LINEAR_TEAM,
    creatorId: null, labelIds: [], createdAt: '2025-03-04T09:15:27.341Z',
  });
}

function linearPayload(id: string, n: number, name: 'issue-created' | 'issue-updated-description', description: string | null): Record<string, unknown> {
  const payload = fixture('linear', name);
  const data = { ...(payload.data as object), id, identifier: `PLAT-${n}`, title: 'Show the pick list on handhelds', description, labels: [], labelIds: [] };
  return { ...payload, data };
}

/** Sends a webhook and expects the server to take it. */
async function deliver(stack: Stack, route: 'linear' | 'jira', payload: Record<string, unknown>): Promise<void> {
  const delivery = route === 'linear' ? linearDelivery(payload, LINEAR_SECRET) : jiraDelivery(payload, JIRA_SECRET);
  expect((await post(`${stack.server.url}/webhooks/${route}`, delivery)).status).toBe(200);
}

/** Creates Linear ticket `n` (index into LINEAR_ISSUES) and waits for the bot's first comment. */
async function createLinearTicket(stack: Stack, n: number): Promise<void> {
  linearIssue(stack, LINEAR_ISSUES[n]!, 318 + n);
  await deliver(stack, 'linear', linearPayload(LINEAR_ISSUES[n]!, 318 + n, 'issue-created', null));
  await settled(stack.inspector);
}

/** Edit `i` of Linear ticket `n`: stored in the tracker, then its webhook. */
async function editLinearTicket(stack: Stack, n: number, i: number): Promise<void> {
  stack.linear.state.issues.get(LINEAR_ISSUES[n]!)!.description = edit(i);
  await deliver(stack, 'linear', linearPayload(LINEAR_ISSUES[n]!, 318 + n, 'issue-updated-description', edit(i)));
}

/**
 * `EDITS` edits one after another, one every 40 ms. The window restarts with each edit, so what makes
 * them one burst is that no gap between two sends reaches WINDOW_MS: that is checked, rather than the
 * storm's total time, which a busy machine may stretch without changing what the test shows.
 */
async function storm(send: (i: number) => Promise<void>): Promise<void> {
  const started = Date.now();
  let last = started;
  let widestGap = 0;
  for (let i = 0; i < EDITS; i++) {
    await send(i);
    const now = Date.now();
    widestGap = Math.max(widestGap, now - last);
    last = now;
    await pause(Math.max(0, started + (i + 1) * 40 - Date.now()));
  }
  expect(widestGap).toBeLessThan(WINDOW_MS);
}

/** The comment mutations Linear received (createComment, updateComment), in order, as `operation comment-id` for updates. */
const linearCommentWrites = (stack: Stack): string[] => stack.linear.calls
  .filter((call) => call.operation === 'createComment' || call.operation === 'updateComment')
  .map((call) => (call.operation === 'updateComment' ? `updateComment ${String((call.body as { variables?: { id?: unknown } }).variables?.id)}` : 'createComment'));
const linearBotCommentOf = (stack: Stack, issueId: string) => stack.linear.state.comments.find((c) => c.issueId === issueId && c.userId === 'user-bot')!;
const linearBotComment = (stack: Stack, issueId: string): string => linearBotCommentOf(stack, issueId).body;

function jiraIssue(stack: Stack): void {
  stack.jira.state.issues.set(JIRA_ISSUE, {
    id: JIRA_ISSUE, key: 'SHOP-214', summary: 'Show the pick list on handhelds', description: null, issueType: 'Story', labels: [],
    projectKey: 'SHOP', creator: 'Lena Fischer', created: '2025-04-02T08:41:12.337+0200',
  });
}

function jiraPayload(name: 'issue-created' | 'issue-updated-description', description: string | null): Record<string, unknown> {
  const payload = fixture('jira', name);
  const issue = payload.issue as { fields: Record<string, unknown> };
  return { ...payload, issue: { ...issue, fields: { ...issue.fields, summary: 'Show the pick list on handhelds', description } } };
}

/** Comment writes Jira received: POST (create) and PUT (update) on an issue's comments. */
const jiraCommentWrites = (stack: Stack) => stack.jira.calls
  .filter((call) => /\/comment(\/|$)/.test(call.path) && (call.method === 'POST' || call.method === 'PUT'))
  .map((call) => call.method);

describe('a storm of edits on one ticket, end to end', () => {
  describe('with the event window on, across two worker processes', () => {
    let stack: Stack;
    beforeAll(async () => { stack = await startStack(WINDOW_MS); });
    afterAll(() => stack.stop());
    beforeEach(() => {
      stack.linear.state.comments.length = 0;
      stack.linear.calls.length = 0;
      stack.jira.state.comments.length = 0;
      stack.jira.calls.length = 0;
    });

    it('gives one comment update for 20 Linear description edits in quick succession, showing the last edit', async () => {
      await createLinearTicket(stack, 0);
      const before = linearBotComment(stack, LINEAR_ISSUES[0]!);
      const writesBefore = linearCommentWrites(stack).length;

      await storm((i) => editLinearTicket(stack, 0, i));
      await settled(stack.inspector);

      const botComment = linearBotCommentOf(stack, LINEAR_ISSUES[0]!);
      expect(linearCommentWrites(stack).slice(writesBefore)).toEqual([`updateComment ${botComment.id}`]);
      expect(stack.linear.state.comments.filter((c) => c.userId === 'user-bot')).toHaveLength(1);
      expect(botComment.body).not.toEqual(before);
      expect(botComment.body).toEqual(await linearCommentForOneEdit(EDITS - 1));
    });

    it('gives one comment update for 20 Jira description edits in quick succession, showing the last edit', async () => {
      jiraIssue(stack);
      await deliver(stack, 'jira', jiraPayload('issue-created', null));
      await settled(stack.inspector);
      expect(jiraCommentWrites(stack)).toEqual(['POST']);
      const before = JSON.stringify(stack.jira.state.comments[0]!.body);

      await storm(async (i) => {
        stack.jira.state.issues.get(JIRA_ISSUE)!.description = edit(i);
        await deliver(stack, 'jira', jiraPayload('issue-updated-description', edit(i)));
      });
      await settled(stack.inspector);

      expect(jiraCommentWrites(stack)).toEqual(['POST', 'PUT']);
      expect(stack.jira.state.comments).toHaveLength(1);
      const after = JSON.stringify(stack.jira.state.comments[0]!.body);
      expect(after).not.toEqual(before);
      expect(after).toEqual(await jiraCommentForOneEdit(EDITS - 1));
    });

    it('gives one update to each of two tickets edited in the same storm', async () => {
      await createLinearTicket(stack, 0);
      await createLinearTicket(stack, 1);
      const writesBefore = linearCommentWrites(stack).length;

      await storm((i) => editLinearTicket(stack, i % 2, Math.floor(i / 2)));
      await settled(stack.inspector);

      const ids = LINEAR_ISSUES.map((issue) => linearBotCommentOf(stack, issue).id);
      expect(linearCommentWrites(stack).slice(writesBefore).sort()).toEqual(ids.map((id) => `updateComment ${id}`).sort());
      // Each ticket got the edits 0 to 9, turn about; the last, 9, says why.
      const expected = await linearCommentForOneEdit(EDITS / 2 - 1);
      expect(LINEAR_ISSUES.map((issue) => linearBotComment(stack, issue))).toEqual([expected, expected]);
    });
  });

  describe('with the event window at 0', () => {
    let stack: Stack;
    beforeAll(async () => { stack = await startStack(0); });
    afterAll(() => stack.stop());

    it('reviews every edit as it comes, as before the window existed, so a storm rewrites the comment again and again', async () => {
      await createLinearTicket(stack, 0);
      const writesBefore = linearCommentWrites(stack).length;

      await storm((i) => editLinearTicket(stack, 0, i));
      await settled(stack.inspector);

      expect(linearCommentWrites(stack).length - writesBefore).toBeGreaterThan(1);
      const jobs = await stack.inspector.getJobs(['completed']);
      expect(jobs.map((job) => job.name).filter((name) => name === 'ticket.review')).toEqual([]);
    });
  });
});

/**
 * The comment the bot writes for edit `i` reviewed on its own: a fresh stack with the window off, one
 * ticket created then edited once. What the storm's one update must equal.
 */
async function linearCommentForOneEdit(i: number): Promise<string> {
  const stack = await startStack(0, 1);
  try {
    await createLinearTicket(stack, 0);
    await editLinearTicket(stack, 0, i);
    await settled(stack.inspector);
    return linearBotComment(stack, LINEAR_ISSUES[0]!);
  } finally {
    await stack.stop();
  }
}

/** The same on Jira, as the ADF document the bot wrote, serialised. */
async function jiraCommentForOneEdit(i: number): Promise<string> {
  const stack = await startStack(0, 1);
  try {
    jiraIssue(stack);
    await deliver(stack, 'jira', jiraPayload('issue-created', null));
    await settled(stack.inspector);
    stack.jira.state.issues.get(JIRA_ISSUE)!.description = edit(i);
    await deliver(stack, 'jira', jiraPayload('issue-updated-description', edit(i)));
    await settled(stack.inspector);
    return JSON.stringify(stack.jira.state.comments[0]!.body);
  } finally {
    await stack.stop();
  }
}
