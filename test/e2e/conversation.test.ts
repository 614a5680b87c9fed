import { randomUUID } from 'node:crypto';
import { adfToPlainText } from '../../src/providers/jira/adf-text.js';
import { AdfNodeSchema } from '../../src/providers/jira/adf.js';
import type { RunningServer } from '../../src/server-main.js';
import { uniquePrefix } from '../server/server-harness.js';
import { fixture, jiraDelivery, linearCommentCreated, linearDelivery, post } from '../server/signed-delivery.js';
import { jiraNow, type JiraStub } from '../stubs/jira-stub.js';
import { seedFixtureIssue, type LinearStub } from '../stubs/linear-stub.js';
import { startBotStack, type BotStack } from './bot-stack.js';

/**
 * Conversations end to end: signed webhooks into the real server, Redis and worker, the bot answering
 * on the Linear and Jira stubs. A person's reply is what Linear or Jira would do: the comment lands in
 * the tracker, then its webhook arrives. The strict pack (who, why and how we'll know at warn or error)
 * makes the answers spread over several replies before the ticket is done. All ticket text is invented.
 */

const LINEAR_SECRET = 'lin_wh_conversation_secret';
const JIRA_SECRET = 'jira-conversation-secret';
const LINEAR_ISSUE = '0b6f9a52-5c3e-4d8a-8f21-7e4a1d9c3b60';
const LINEAR_TEAM = 'a3e4b9d2-1f60-4e57-b0c8-6d2f1a9e8c44';
const JIRA_ISSUE = '10482';

const WHO_AND_WHY = 'Our warehouse leads copy the pick list into a spreadsheet by hand every morning, which takes them forty minutes.';
const MEASURE = 'Success: the morning planning takes under five minutes, measured over the first two weeks.';
const NOTHING = 'Sounds good to me, thanks!';

/** What a test does to one tracker, whichever it is. */
interface Driver {
  readonly name: string;
  /** The webhook of a new ticket "Add pick list export" with an empty description. */
  createTicket(): Promise<void>;
  /** A person's comment: stored in the tracker, then its webhook. */
  reply(author: string, text: string): Promise<void>;
  /** An edit of the description, as its webhook. */
  editDescription(text: string): Promise<void>;
  /** The webhook of the bot's own comment being created. */
  echoBotComment(): Promise<void>;
  botComments(): string[];
  labels(): string[];
  /** Write calls the tracker received so far. */
  writes(): number;
  calls(): number;
}

describe('conversations with the bot, end to end', () => {
  const prefix = uniquePrefix('conversation');
  let stack: BotStack;
  let linear: LinearStub;
  let jira: JiraStub;
  let server: RunningServer;

  beforeAll(async () => {
    stack = await startBotStack({ prefix, linearSecret: LINEAR_SECRET, jiraSecret: JIRA_SECRET, config: 'defaultPack: strict' });
    ({ linear, jira, server } = stack);
  });

  beforeEach(async () => {
    await stack.clearTicketState();
    linear.state.comments.length = 0;
    linear.state.labels.clear();
    linear.calls.length = 0;
    linear.state.users.set('user-priya', { id: 'user-priya', name: 'Priya Raman' });
    linear.state.users.set('user-tom', { id: 'user-tom', name: 'Tom Berg' });
    seedFixtureIssue(linear, { issueId: LINEAR_ISSUE, teamId: LINEAR_TEAM }, 'Add pick list export');
    jira.state.comments.length = 0;
    jira.calls.length = 0;
    jira.state.issues.set(JIRA_ISSUE, {
      id: JIRA_ISSUE, key: 'SHOP-214', summary: 'Add pick list export', description: null, issueType: 'Story', labels: [],
      projectKey: 'SHOP', creator: 'Lena Fischer', created: '2025-04-02T08:41:12.337+0200',
    });
  });

  afterEach(() => stack.clearJobs());

  afterAll(() => stack.stop());

  const settled = async (): Promise<void> => { await stack.settled(); };

  const linearDriver = (): Driver => {
    const send = async (payload: Record<string, unknown>): Promise<void> => {
      expect((await post(`${server.url}/webhooks/linear`, linearDelivery(payload, LINEAR_SECRET))).status).toBe(200);
      await settled();
    };
    const issuePayload = (name: 'issue-created' | 'issue-updated-description', description: string | null): Record<string, unknown> => {
      const payload = fixture('linear', name);
      return { ...payload, data: { ...(payload.data as object), title: 'Add pick list export', description, labels: [], labelIds: [] } };
    };
    const commentPayload = (id: string, userId: string, name: string, body: string): Record<string, unknown> =>
      linearCommentCreated({ id, userId, name, body, parentId: linear.state.comments.find((c) => c.userId === 'user-bot')?.id ?? null });
    return {
      name: 'Linear',
      createTicket: () => send(issuePayload('issue-created', null)),
      async reply(author, text) {
        const userId = author === 'Tom Berg' ? 'user-tom' : 'user-priya';
        const id = randomUUID();
        linear.state.comments.push({ id, issueId: LINEAR_ISSUE, body: text, userId, createdAt: new Date().toISOString() });
        await send(commentPayload(id, userId, author, text));
      },
      async editDescription(text) {
        linear.state.issues.get(LINEAR_ISSUE)!.description = text;
        await send(issuePayload('issue-updated-description', text));
      },
      async echoBotComment() {
        const bot = linear.state.comments.find((c) => c.userId === 'user-bot')!;
        await send(commentPayload(bot.id, 'user-bot', 'ticketlint', bot.body));
      },
      botComments: () => linear.state.comments.filter((c) => c.userId === 'user-bot').map((c) => c.body),
      labels: () => linear.state.issues.get(LINEAR_ISSUE)!.labelIds.map((id) => linear.state.labels.get(id)!.name),
      writes: () => linear.calls.filter((c) => ['createComment', 'updateComment', 'issueAddLabel', 'issueRemoveLabel'].includes(c.operation ?? '')).length,
      calls: () => linear.calls.length,
    };
  };

  const jiraDriver = (): Driver => {
    const send = async (payload: Record<string, unknown>): Promise<void> => {
      expect((await post(`${server.url}/webhooks/jira`, jiraDelivery(payload, JIRA_SECRET))).status).toBe(200);
      await settled();
    };
    const withIssue = (payload: Record<string, unknown>, description: string | null): Record<string, unknown> => {
      const issue = payload.issue as { fields: Record<string, unknown> };
      return { ...payload, issue: { ...issue, fields: { ...issue.fields, summary: 'Add pick list export', description } } };
    };
    const commentPayload = (id: string, author: string, body: string, isApp = false): Record<string, unknown> => {
      const payload = fixture('jira', 'comment-created');
      const comment = payload.comment as Record<string, unknown>;
      const user = { ...(comment.author as object), accountId: `acc-${id}`, displayName: author, accountType: isApp ? 'app' : 'atlassian' };
      return withIssue({ ...payload, comment: { ...comment, id, body, author: user, updateAuthor: user } }, null);
    };
    const paragraph = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
    let nextId = 50000;
    return {
      name: 'Jira',
      createTicket: () => send(withIssue(fixture('jira', 'issue-created'), null)),
      async reply(author, text) {
        const id = String(nextId++);
        jira.state.comments.push({ id, issueId: JIRA_ISSUE, body: paragraph(text), author, created: jiraNow() });
        await send(commentPayload(id, author, text));
      },
      editDescription: (text) => send(withIssue(fixture('jira', 'issue-updated-description'), text)),
      async echoBotComment() {
        const bot = jira.state.comments.find((c) => c.author === 'ticketlint')!;
        // Basic auth comments as a person's account, so the marker, not the account type, must give it away.
        await send(commentPayload(bot.id, 'ticketlint bot', adfToPlainText(AdfNodeSchema.parse(bot.body))));
      },
      botComments: () => jira.state.comments.filter((c) => c.author === 'ticketlint').map((c) => adfToPlainText(AdfNodeSchema.parse(c.body))),
      labels: () => jira.state.issues.get(JIRA_ISSUE)!.labels,
      writes: () => jira.calls.filter((c) => c.method !== 'GET').length,
      calls: () => jira.calls.length,
    };
  };

  describe.each([['Linear', linearDriver], ['Jira', jiraDriver]])('on %s', (_name, driverFor) => {
    let tracker: Driver;
    beforeEach(async () => {
      tracker = driverFor();
      await tracker.createTicket();
      expect(tracker.botComments()).toHaveLength(1);
      expect(tracker.labels()).toEqual(['needs-context']);
    });

    it('ticks the question a reply answers, quoting it and naming who answered, in the same comment', async () => {
      await tracker.reply('Priya Raman', WHO_AND_WHY);

      const [comment] = tracker.botComments();
      expect(tracker.botComments()).toHaveLength(1);
      expect(comment).toMatch(/✓ (\*\*)?Who and why:(\*\*)? answered by Priya Raman: "Our warehouse leads copy the pick list/);
      expect(comment).toMatch(/How we'll know:(\*\*)? Once the pick list export ships/);
      expect(tracker.labels()).toEqual(['needs-context']);
    });

    it('collects answers over several replies, then thanks everyone and swaps needs-context for context-complete', async () => {
      await tracker.reply('Priya Raman', WHO_AND_WHY);
      await tracker.reply('Tom Berg', MEASURE);

      const [comment] = tracker.botComments();
      expect(tracker.botComments()).toHaveLength(1);
      expect(comment).toMatch(/^Thanks, Priya Raman and Tom Berg! This ticket now has what it needs/);
      expect(comment).toContain('answered by Tom Berg: "Success: the morning planning takes under five minutes, measured over the first…"');
      expect(comment).toContain('answered by Priya Raman: "Our warehouse leads');
      expect(tracker.labels()).toEqual(['context-complete']);
    });

    it('says so in the same comment and drops needs-context when a description edit fixes the ticket', async () => {
      await tracker.editDescription(`${WHO_AND_WHY} ${MEASURE}`);

      const comments = tracker.botComments();
      expect(comments).toHaveLength(1);
      expect(comments[0]).toMatch(/now (says|has) what it needs/);
      expect(tracker.labels()).not.toContain('needs-context');
    });

    it('writes nothing when a reply answers no question', async () => {
      const [before] = tracker.botComments();
      const writes = tracker.writes();

      await tracker.reply('Priya Raman', NOTHING);

      expect(tracker.botComments()).toEqual([before]);
      expect(tracker.writes()).toBe(writes);
    });

    it('goes quiet after /ticketlint skip, ignores later edits and replies, and speaks again after /ticketlint recheck', async () => {
      await tracker.reply('Priya Raman', WHO_AND_WHY);
      await tracker.reply('Lena Fischer', 'Not for this one.\n/ticketlint skip a one-day spike, we will throw it away');

      expect(tracker.botComments()[0]).toMatch(/^Muted by Lena Fischer: a one-day spike, we will throw it away/);
      const writes = tracker.writes();
      await tracker.editDescription('Add an export button to the pick list page.');
      await tracker.reply('Tom Berg', MEASURE);
      expect(tracker.writes()).toBe(writes);
      expect(tracker.botComments()[0]).toMatch(/^Muted by Lena Fischer/);

      await tracker.reply('Lena Fischer', '/ticketlint recheck');

      expect(tracker.botComments()[0]).toMatch(/^Thanks, Priya Raman and Tom Berg!/);
      expect(tracker.labels()).toEqual(['context-complete']);
    });

    it('adds a help section to its comment on /ticketlint help, without a new comment', async () => {
      await tracker.reply('Priya Raman', '/ticketlint help');

      expect(tracker.botComments()).toHaveLength(1);
      expect(tracker.botComments()[0]).toContain('Talk to me with a line that starts with /ticketlint:');
      expect(tracker.botComments()[0]).toMatch(/Who and why:(\*\*)? Who/);
    });

    it('adds a section on how it read the ticket on /ticketlint explain, and keeps it after its state is lost', async () => {
      await tracker.reply('Priya Raman', '/ticketlint explain');

      expect(tracker.botComments()).toHaveLength(1);
      const [comment] = tracker.botComments();
      expect(comment).toMatch(/How I read this ticket(\*\*)? \(you asked with \/ticketlint explain\)/);
      expect(comment).toMatch(/Judged by:(\*\*)? the offline judgement \(the learned model `?learned-/);
      expect(comment).toMatch(/✗ (\*\*)?Who needs it:(\*\*)? nothing in the ticket says it, so a question above asks \(probability it is there 0\.\d\d\)/);

      await stack.clearTicketState();
      await tracker.reply('Priya Raman', WHO_AND_WHY);
      expect(tracker.botComments()[0]).toMatch(/How I read this ticket/);
      expect(tracker.botComments()[0]).toMatch(/✓ (\*\*)?Who and why:(\*\*)? answered by Priya Raman/);
    });

    it('ignores the event of its own comment, without a single tracker call', async () => {
      const calls = tracker.calls();

      await tracker.echoBotComment();

      expect(tracker.calls()).toBe(calls);
    });
  });
});
