import { randomUUID } from 'node:crypto';
import { CONTEXT_START } from '../../src/bot/context-section.js';
import { adfToPlainText } from '../../src/providers/jira/adf-text.js';
import { AdfNodeSchema } from '../../src/providers/jira/adf.js';
import type { RunningServer } from '../../src/server-main.js';
import { uniquePrefix } from '../server/server-harness.js';
import { fixture, jiraDelivery, linearDelivery, post } from '../server/signed-delivery.js';
import { jiraNow, type JiraStub } from '../stubs/jira-stub.js';
import type { LinearStub } from '../stubs/linear-stub.js';
import { startBotStack, type BotStack } from './bot-stack.js';

/**
 * Enrichment end to end: replies answer the bot, and the ticket's description gains a Context section
 * with the answers, who gave them and links to their comments, kept in one place as answers arrive.
 * The config file turns it off for the team and project QUIET. All ticket text is invented.
 */

const LINEAR_SECRET = 'lin_wh_enrichment_secret';
const JIRA_SECRET = 'jira-enrichment-secret';
const TITLE = 'Add shift roster export';
const AUTHOR_TEXT = 'Put an export button on the roster page.';
const WHO_AND_WHY = 'Our store managers copy the shift roster into a spreadsheet by hand every Monday, which takes them an hour.';
const MEASURE = 'Success: roster planning takes under ten minutes, measured over the first month.';

/** One ticket on one tracker, whichever it is. */
interface Driver {
  createTicket(): Promise<void>;
  /** A person's comment, stored in the tracker, then its webhook; the comment id. */
  reply(author: string, text: string): Promise<string>;
  /** The webhook Linear or Jira sends after the bot's own description edit (a personal token: a person is the actor). */
  echoDescriptionEdit(): Promise<void>;
  /** The description as a reader sees it: Linear markdown, Jira ADF as plain text. */
  description(): string;
  /** The link to a comment as the description carries it. */
  link(commentId: string): string;
  descriptionWrites(): number;
  labels(): string[];
  botComment(): string;
}

describe('enriching the description with the answers, end to end', () => {
  const prefix = uniquePrefix('enrichment');
  let stack: BotStack;
  let linear: LinearStub;
  let jira: JiraStub;
  let server: RunningServer;

  beforeAll(async () => {
    stack = await startBotStack({ prefix, linearSecret: LINEAR_SECRET, jiraSecret: JIRA_SECRET, config: ['defaultPack: strict', 'linear: { enrich: { QUIET: false } }', 'jira: { enrich: { QUIET: false } }'].join('\n') });
    ({ linear, jira, server } = stack);
    linear.state.users.set('user-ines', { id: 'user-ines', name: 'Ines Moreau' });
    linear.state.users.set('user-kofi', { id: 'user-kofi', name: 'Kofi Mensah' });
  });

  beforeEach(async () => {
    await stack.clearTicketState();
    linear.state.comments.length = 0;
    linear.state.issues.clear();
    linear.calls.length = 0;
    jira.state.comments.length = 0;
    jira.state.issues.clear();
    jira.calls.length = 0;
  });

  afterEach(() => stack.clearJobs());

  afterAll(() => stack.stop());

  const settled = async (): Promise<void> => { await stack.settled(); };

  const linearDriver = (teamKey: string): Driver => {
    const id = randomUUID();
    const teamId = `team-${teamKey}`;
    const identifier = `${teamKey}-41`;
    const issueUrl = `https://linear.app/stub/issue/${identifier}`;
    const send = async (payload: Record<string, unknown>): Promise<void> => {
      expect((await post(`${server.url}/webhooks/linear`, linearDelivery(payload, LINEAR_SECRET))).status).toBe(200);
      await settled();
    };
    const issuePayload = (name: 'issue-created' | 'issue-updated-description', description: string): Record<string, unknown> => {
      const payload = fixture('linear', name);
      const data = { ...(payload.data as object), id, identifier, url: issueUrl, teamId, team: { id: teamId, key: teamKey, name: teamKey } };
      return { ...payload, data: { ...data, title: TITLE, description, labels: [], labelIds: [] } };
    };
    const commentPayload = (commentId: string, userId: string, name: string, body: string): Record<string, unknown> => {
      const payload = fixture('linear', 'comment-created');
      const data = payload.data as Record<string, unknown>;
      const issue = { id, identifier, title: TITLE, url: issueUrl, teamId, team: { id: teamId, key: teamKey, name: teamKey } };
      return {
        ...payload, actor: { id: userId, type: 'user', name },
        data: { ...data, id: commentId, body, userId, issueId: id, issue, user: { id: userId, name }, parentId: linear.state.comments.find((c) => c.userId === 'user-bot')?.id ?? null },
      };
    };
    const issue = () => linear.state.issues.get(id)!;
    return {
      async createTicket() {
        linear.state.teams.set(teamId, { id: teamId, key: teamKey, name: teamKey });
        linear.state.issues.set(id, { id, identifier, title: TITLE, description: AUTHOR_TEXT, teamId, creatorId: null, labelIds: [], createdAt: '2025-06-02T08:00:00.000Z' });
        await send(issuePayload('issue-created', AUTHOR_TEXT));
      },
      async reply(author, text) {
        const userId = author === 'Kofi Mensah' ? 'user-kofi' : 'user-ines';
        const commentId = randomUUID();
        linear.state.comments.push({ id: commentId, issueId: id, body: text, userId, createdAt: new Date().toISOString() });
        await send(commentPayload(commentId, userId, author, text));
        return commentId;
      },
      echoDescriptionEdit: () => send(issuePayload('issue-updated-description', issue().description ?? '')),
      description: () => issue().description ?? '',
      link: (commentId) => `${issueUrl}#comment-${commentId.slice(0, 8)}`,
      descriptionWrites: () => linear.calls.filter((c) => c.operation === 'updateIssue').length,
      labels: () => issue().labelIds.map((labelId) => linear.state.labels.get(labelId)!.name),
      botComment: () => linear.state.comments.find((c) => c.userId === 'user-bot')?.body ?? '',
    };
  };

  const jiraDriver = (projectKey: string): Driver => {
    const id = projectKey === 'QUIET' ? '10777' : '10776';
    const key = `${projectKey}-52`;
    const send = async (payload: Record<string, unknown>): Promise<void> => {
      expect((await post(`${server.url}/webhooks/jira`, jiraDelivery(payload, JIRA_SECRET))).status).toBe(200);
      await settled();
    };
    const withIssue = (payload: Record<string, unknown>, description: string): Record<string, unknown> => {
      const issue = payload.issue as { fields: Record<string, unknown> };
      const project = { ...(issue.fields.project as object), key: projectKey };
      return { ...payload, issue: { ...issue, id, key, fields: { ...issue.fields, summary: TITLE, description, project } } };
    };
    const paragraph = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
    const plain = (): string => adfToPlainText(AdfNodeSchema.parse(jira.state.issues.get(id)!.description));
    let nextId = 70000;
    return {
      async createTicket() {
        jira.state.issues.set(id, {
          id, key, summary: TITLE, description: paragraph(AUTHOR_TEXT), issueType: 'Story', labels: [], projectKey,
          creator: 'Ines Moreau', created: '2025-06-02T10:00:00.000+0200',
        });
        await send(withIssue(fixture('jira', 'issue-created'), AUTHOR_TEXT));
      },
      async reply(author, text) {
        const commentId = String(nextId++);
        jira.state.comments.push({ id: commentId, issueId: id, body: paragraph(text), author, created: jiraNow() });
        const payload = fixture('jira', 'comment-created');
        const comment = payload.comment as Record<string, unknown>;
        const user = { ...(comment.author as object), accountId: `acc-${commentId}`, displayName: author, accountType: 'atlassian' };
        await send(withIssue({ ...payload, comment: { ...comment, id: commentId, body: text, author: user, updateAuthor: user } }, AUTHOR_TEXT));
        return commentId;
      },
      echoDescriptionEdit: () => send(withIssue(fixture('jira', 'issue-updated-description'), plain())),
      description: plain,
      link: (commentId) => `${jira.url}/browse/${key}?focusedCommentId=${commentId}`,
      descriptionWrites: () => jira.calls.filter((c) => c.method === 'PUT' && c.path === `/rest/api/3/issue/${id}` && JSON.stringify(c.body).includes('"description"')).length,
      labels: () => jira.state.issues.get(id)!.labels,
      botComment: () => JSON.stringify(jira.state.comments.find((c) => c.author === 'ticketlint')?.body ?? null),
    };
  };

  const storedLinks = (tracker: 'Linear' | 'Jira'): string => (tracker === 'Linear'
    ? linear.state.issues.values().next().value?.description ?? ''
    : JSON.stringify([...jira.state.issues.values()][0]?.description));

  describe.each([['Linear', linearDriver], ['Jira', jiraDriver]] as const)('on %s', (name, driverFor) => {
    it('adds a Context section with the answer, who gave it and a link to the reply, after the author text', async () => {
      const tracker = driverFor('SHIP');
      await tracker.createTicket();
      expect(tracker.descriptionWrites()).toBe(0);

      const commentId = await tracker.reply('Ines Moreau', WHO_AND_WHY);

      expect(tracker.description().startsWith(AUTHOR_TEXT)).toBe(true);
      expect(tracker.description()).toMatch(/Context\n\nticketlint context ·/);
      expect(tracker.description()).toContain(`"${WHO_AND_WHY}" (Ines Moreau, `);
      expect(storedLinks(name)).toContain(tracker.link(commentId));
      expect(tracker.descriptionWrites()).toBe(1);
    });

    it('updates the same section when a second reply answers more, through the done state', async () => {
      const tracker = driverFor('SHIP');
      await tracker.createTicket();
      await tracker.reply('Ines Moreau', WHO_AND_WHY);

      const second = await tracker.reply('Kofi Mensah', MEASURE);

      expect(tracker.labels()).toEqual(['context-complete']);
      expect(tracker.description().split(CONTEXT_START)).toHaveLength(2);
      expect(tracker.description()).toContain('Ines Moreau');
      expect(tracker.description()).toContain(`"${MEASURE}" (Kofi Mensah, `);
      expect(storedLinks(name)).toContain(tracker.link(second));
      expect(tracker.description().startsWith(AUTHOR_TEXT)).toBe(true);
      expect(tracker.descriptionWrites()).toBe(2);
    });

    it('writes nothing more on the echo of its own description edit, and reads the section as no part of the ticket', async () => {
      const tracker = driverFor('SHIP');
      await tracker.createTicket();
      await tracker.reply('Ines Moreau', WHO_AND_WHY);
      const description = tracker.description();
      const comment = tracker.botComment();

      await tracker.echoDescriptionEdit();

      expect(tracker.description()).toBe(description);
      expect(tracker.botComment()).toBe(comment);
      expect(tracker.descriptionWrites()).toBe(1);
      expect(tracker.labels()).toEqual(['needs-context']);
    });

    it('leaves the description alone where the config file turns enrichment off', async () => {
      const tracker = driverFor('QUIET');
      await tracker.createTicket();

      await tracker.reply('Ines Moreau', WHO_AND_WHY);
      await tracker.reply('Kofi Mensah', MEASURE);

      expect(tracker.labels()).toEqual(['context-complete']);
      expect(tracker.description()).toBe(AUTHOR_TEXT);
      expect(tracker.descriptionWrites()).toBe(0);
    });
  });
});
