import { LinearClient } from '@linear/sdk';
import { Version3Client } from 'jira.js';
import { MARKER } from '../../src/bot/bot-comment.js';
import { handleTicketEvent, type BotContext } from '../../src/bot/handle-ticket-event.js';
import { containsMarker } from '../../src/bot/tracker.js';
import { TicketEventSchema, type TicketEvent } from '../../src/domain/ticket-event.js';
import { loadPack } from '../../src/packs/load-pack.js';
import { JiraTracker } from '../../src/providers/jira/jira-tracker.js';
import { LinearTracker } from '../../src/providers/linear/linear-tracker.js';
import { adfProblem, startJiraStub, type JiraStub } from '../stubs/jira-stub.js';
import { startLinearStub, type LinearStub } from '../stubs/linear-stub.js';
import { recordingLogger } from './recording-logger.js';
import {
  BARE_EXPORT, JIRA_ISSUE, jiraIssueEvent, LINEAR_ISSUE, linearIssueEvent, MOTIVATED_EXPORT,
} from './ticket-events.js';

const pack = loadPack('product-sense');
const WRITES = ['createComment', 'updateComment', 'createIssueLabel', 'issueAddLabel', 'issueRemoveLabel'];

describe('handleTicketEvent on Linear', () => {
  let stub: LinearStub;
  let logged: ReturnType<typeof recordingLogger>;

  beforeEach(async () => {
    stub = await startLinearStub();
    stub.state.labels.set(LINEAR_ISSUE.featureLabelId, { id: LINEAR_ISSUE.featureLabelId, name: 'Feature', teamId: null });
    stub.state.issues.set(LINEAR_ISSUE.id, {
      id: LINEAR_ISSUE.id, identifier: LINEAR_ISSUE.identifier, title: BARE_EXPORT.title, description: BARE_EXPORT.description,
      teamId: LINEAR_ISSUE.teamId, creatorId: null, labelIds: [LINEAR_ISSUE.featureLabelId], createdAt: '2025-03-04T09:15:27.341Z',
    });
    logged = recordingLogger();
  });

  afterEach(() => stub.close());

  function context(overrides: Partial<BotContext> = {}): BotContext {
    const tracker = new LinearTracker({ client: new LinearClient({ apiKey: 'lin_api_stub', apiUrl: stub.url }) });
    return { tracker, pack, log: logged.log, clock: () => Date.now(), dryRun: false, ...overrides };
  }
  const operations = (): string[] => stub.calls.map((c) => c.operation ?? '?');
  const writes = (): string[] => operations().filter((op) => WRITES.includes(op));
  const botComments = () => stub.state.comments.filter((c) => c.userId === stub.state.viewerId);
  const issueLabels = (): string[] => stub.state.issues.get(LINEAR_ISSUE.id)!.labelIds.map((id) => stub.state.labels.get(id)!.name);

  it('asks "Add CSV export" its questions in one comment and adds the needs-context label', async () => {
    const outcome = await handleTicketEvent({ event: linearIssueEvent(BARE_EXPORT) }, context());

    expect(outcome).toMatchObject({ action: 'commented', commentId: botComments()[0]?.id });
    expect(operations().filter((op) => op === 'createComment')).toHaveLength(1);
    expect(operations().filter((op) => op === 'issueAddLabel')).toHaveLength(1);
    expect(issueLabels()).toEqual(['Feature', 'needs-context']);
    const body = botComments()[0]!.body;
    expect(body).toContain('This asks for **CSV export** but not who needs it or why.');
    expect(body).toContain('Who is exporting, and what do they do with the data once they have it?');
    expect(containsMarker(body, MARKER)).toBe(true);
  });

  it('leaves its comment alone when the same event comes twice', async () => {
    await handleTicketEvent({ event: linearIssueEvent(BARE_EXPORT) }, context());
    const before = stub.calls.length;

    const second = await handleTicketEvent({ event: linearIssueEvent(BARE_EXPORT) }, context());

    expect(second.action).toBe('unchanged');
    expect(botComments()).toHaveLength(1);
    expect(stub.calls.slice(before).filter((c) => WRITES.includes(c.operation ?? ''))).toEqual([]);
  });

  it('makes no call at all for a new ticket that says who, why, how we will know and what else was weighed', async () => {
    const outcome = await handleTicketEvent({ event: linearIssueEvent(MOTIVATED_EXPORT) }, context());

    expect(outcome).toMatchObject({ action: 'skipped', findings: 0 });
    expect(stub.calls).toEqual([]);
  });

  it('edits its comment and removes the label once the description says who needs it and why', async () => {
    await handleTicketEvent({ event: linearIssueEvent(BARE_EXPORT) }, context());
    const commentId = botComments()[0]!.id;

    const outcome = await handleTicketEvent({ event: linearIssueEvent({ ...MOTIVATED_EXPORT, action: 'update', labels: ['Feature', 'needs-context'] }) }, context());

    expect(outcome).toEqual(expect.objectContaining({ action: 'cleared', commentId }));
    expect(botComments()).toEqual([expect.objectContaining({ id: commentId, body: expect.stringContaining('now says what it needs to') })]);
    expect(operations().filter((op) => op === 'updateComment')).toHaveLength(1);
    expect(issueLabels()).toEqual(['Feature', 'context-complete']);
  });

  it('only looks for its comment when an edited ticket that was never commented on says enough', async () => {
    const outcome = await handleTicketEvent({ event: linearIssueEvent({ ...MOTIVATED_EXPORT, action: 'update' }) }, context());

    expect(outcome.action).toBe('skipped');
    expect(operations()).toEqual(['issueCommentsWithAuthors']);
  });

  it('leaves a cleared comment alone when a good ticket is edited again', async () => {
    await handleTicketEvent({ event: linearIssueEvent(BARE_EXPORT) }, context());
    await handleTicketEvent({ event: linearIssueEvent({ ...MOTIVATED_EXPORT, action: 'update' }) }, context());
    const before = stub.calls.length;

    const again = await handleTicketEvent({ event: linearIssueEvent({ ...MOTIVATED_EXPORT, action: 'update' }) }, context());

    expect(again.action).toBe('unchanged');
    expect(stub.calls.slice(before).filter((c) => WRITES.includes(c.operation ?? ''))).toEqual([]);
  });

  it('reads the ticket through the tracker when the event does not carry it', async () => {
    const event = TicketEventSchema.parse({ ...linearIssueEvent({ title: 'ignored', description: '' }), ticket: null });

    const outcome = await handleTicketEvent({ event }, context());

    expect(outcome.action).toBe('commented');
    expect(operations()[0]).toBe('issue');
    expect(botComments()[0]!.body).toContain('**CSV export**');
  });

  it.each<[string, (event: TicketEvent) => TicketEvent]>([
    ['caused by a bot', (e) => ({ ...e, actor: { id: 'app-1', name: 'Zapier', isBot: true } })],
    ['a comment on a ticket the bot never commented on', (e) => ({ ...e, type: 'comment.created', ticket: null, comment: { id: 'c-1', body: 'For finance.', parentId: null, author: { id: 'u-1', name: 'Priya', isBot: false } } })],
    ['an update that changed neither title nor description', (e) => ({ ...e, type: 'ticket.updated' })],
    ['about a ticket with the mute label', (e) => ({ ...e, ticket: { ...e.ticket!, labels: ['no-ticketlint'] } })],
  ])('skips an event %s without writing to the tracker', async (_name, change) => {
    const event = TicketEventSchema.parse(change(linearIssueEvent(BARE_EXPORT)));

    const outcome = await handleTicketEvent({ event }, context());

    expect(outcome.action).toBe('skipped');
    expect(writes()).toEqual([]);
  });

  it('writes nothing in a dry run, and logs the comment it would have posted', async () => {
    const outcome = await handleTicketEvent({ event: linearIssueEvent(BARE_EXPORT) }, context({ dryRun: true }));

    expect(outcome).toMatchObject({ action: 'commented', reason: expect.stringContaining('dry run') });
    expect(writes()).toEqual([]);
    expect(stub.state.comments).toEqual([]);
    const entry = logged.entries.find((e) => typeof e.markdown === 'string');
    expect(entry).toMatchObject({ level: 30, markdown: expect.stringContaining('**CSV export**') });
  });
});

describe('handleTicketEvent on Jira', () => {
  let stub: JiraStub;
  let ctx: BotContext;

  beforeEach(async () => {
    stub = await startJiraStub();
    stub.state.issues.set(JIRA_ISSUE.id, {
      id: JIRA_ISSUE.id, key: JIRA_ISSUE.key, summary: BARE_EXPORT.title, description: null, issueType: 'Story', labels: [],
      projectKey: 'SHOP', creator: 'Lena Fischer', created: '2025-04-02T08:41:12.337+0200',
    });
    const client = new Version3Client({ host: stub.url, authentication: { basic: { email: 'bot@example.com', apiToken: 'token-1' } } });
    ctx = { tracker: new JiraTracker({ client, siteUrl: stub.url }), pack, log: recordingLogger().log, clock: () => Date.now(), dryRun: false };
  });

  afterEach(() => stub.close());

  it('posts the comment as ADF with paragraphs, a bullet list and bold, and no newline or empty text in any text node', async () => {
    const outcome = await handleTicketEvent({ event: jiraIssueEvent(BARE_EXPORT) }, ctx);

    expect(outcome.action).toBe('commented');
    const doc = stub.state.comments[0]!.body as { content: { type: string }[] };
    expect(adfProblem(doc)).toBeNull();
    expect(doc.content.map((block) => block.type)).toEqual(['paragraph', 'bulletList', 'paragraph', 'paragraph', 'paragraph', 'paragraph']);
    const texts = JSON.stringify(doc);
    expect(texts).toContain('{"type":"text","text":"CSV export","marks":[{"type":"strong"}]}');
    expect(texts).toContain('{"type":"text","text":"Who and why:","marks":[{"type":"strong"}]}');
    expect(stub.state.issues.get(JIRA_ISSUE.id)!.labels).toEqual(['needs-context']);
  });

  it('finds its comment again after the ADF round trip and leaves it unchanged', async () => {
    await handleTicketEvent({ event: jiraIssueEvent(BARE_EXPORT) }, ctx);
    const before = stub.calls.length;

    const second = await handleTicketEvent({ event: jiraIssueEvent(BARE_EXPORT) }, ctx);

    expect(second).toMatchObject({ action: 'unchanged', commentId: stub.state.comments[0]!.id });
    expect(stub.calls.slice(before).map((c) => c.method)).toEqual(['GET']);
  });
});
