import { Version3Client } from 'jira.js';
import { TrackerError } from '../../../src/bot/tracker.js';
import type { TicketRef } from '../../../src/domain/ticket-event.js';
import { JiraTracker } from '../../../src/providers/jira/jira-tracker.js';
import { adfProblem, startJiraStub, type JiraStub } from '../../stubs/jira-stub.js';

const MARKER = 'ticketlint review';
const NOW = Date.parse('2025-04-03T10:00:00.000Z');

describe('JiraTracker against the Jira stub', () => {
  let stub: JiraStub;
  let tracker: JiraTracker;
  const ref: TicketRef = { id: '10482', key: 'SHOP-214', url: null };

  beforeEach(async () => {
    stub = await startJiraStub();
    stub.state.issues.set('10482', {
      id: '10482', key: 'SHOP-214', summary: 'Export order history as PDF', issueType: 'Story', labels: ['checkout'],
      projectKey: 'SHOP', creator: 'Lena Fischer', created: '2025-04-02T08:41:12.337+0200',
      description: {
        type: 'doc', version: 1,
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'Add a ' }, { type: 'text', text: 'Download PDF', marks: [{ type: 'strong' }] }, { type: 'text', text: ' button.' }] },
          { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one page per order' }] }] }] },
        ],
      },
    });
    const client = new Version3Client({ host: stub.url, authentication: { basic: { email: 'bot@example.com', apiToken: 'token-1' } } });
    tracker = new JiraTracker({ client, siteUrl: stub.url, now: () => NOW, commentPageSize: 2 });
  });

  afterEach(() => stub.close());

  it('reads the ticket with the ADF description as plain text, kind, labels, project and author', async () => {
    const ticket = await tracker.getTicket(ref);
    expect(ticket).toEqual({
      id: '10482', key: 'SHOP-214', url: `${stub.url}/browse/SHOP-214`, title: 'Export order history as PDF',
      description: 'Add a Download PDF button.\n\n- one page per order', kind: 'feature', labels: ['checkout'],
      team: 'SHOP', author: 'Lena Fischer', createdAt: '2025-04-02T06:41:12.337Z',
    });
    expect(stub.calls[0]).toMatchObject({ method: 'GET', path: '/rest/api/3/issue/10482' });
    expect(stub.calls[0]?.authorization).toBe(`Basic ${Buffer.from('bot@example.com:token-1').toString('base64')}`);
  });

  it('creates the sticky comment as valid ADF, finds it by marker and updates it without a second comment', async () => {
    stub.state.comments.push({ id: '1', issueId: '10482', author: 'Marco', body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'First!' }] }] } });
    expect(await tracker.findBotComment(ref, MARKER)).toBeNull();

    const { id } = await tracker.createComment(ref, `Before we build this:\n\n- **Who** is the user?\n- How will we know?\n\n${MARKER}`);
    const posted = stub.state.comments.find((c) => c.id === id)!;
    expect(adfProblem(posted.body)).toBeNull();

    const found = await tracker.findBotComment(ref, MARKER);
    expect(found).toEqual({ id, body: `Before we build this:\n\n- Who is the user?\n- How will we know?\n\n${MARKER}` });

    await tracker.updateComment(ref, id, `Thanks, answered.\n\n${MARKER}`);
    expect(stub.state.comments).toHaveLength(2);
    expect(stub.calls.filter((c) => c.method === 'PUT' && c.path === `/rest/api/3/issue/10482/comment/${id}`)).toHaveLength(1);
    expect(await tracker.findBotComment(ref, MARKER)).toEqual({ id, body: `Thanks, answered.\n\n${MARKER}` });
  });

  it('pages through the comments to find the marker past the first page', async () => {
    const doc = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
    for (let n = 0; n < 5; n++) stub.state.comments.push({ id: `c${n}`, issueId: '10482', author: 'Marco', body: doc(`comment ${n}`) });
    stub.state.comments.push({ id: 'bot', issueId: '10482', author: 'ticketlint', body: doc(MARKER) });
    expect(await tracker.findBotComment(ref, MARKER)).toEqual({ id: 'bot', body: MARKER });
    expect(stub.calls.filter((c) => c.method === 'GET' && c.path.endsWith('/comment')).length).toBe(3);
  });

  it('lists every comment in order, as plain text, with its author and an ISO date', async () => {
    const paragraph = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
    stub.state.comments.push(
      { id: '1', issueId: '10482', author: 'ticketlint', body: paragraph('Who is this for?'), created: '2025-04-03T09:00:00.000+0000' },
      { id: '2', issueId: '10482', author: 'Marco Bianchi', body: paragraph('The finance team asked for it.'), created: '2025-04-03T11:15:00.000+0200' },
      { id: '3', issueId: '10482', author: 'Automation for Jira', authorIsApp: true, body: paragraph('Moved to To Do'), created: '2025-04-03T09:30:00.000+0000' },
    );

    const comments = await tracker.listComments(ref);

    expect(comments).toEqual([
      { id: '1', body: 'Who is this for?', author: expect.objectContaining({ name: 'ticketlint', isBot: true }), createdAt: '2025-04-03T09:00:00.000Z' },
      { id: '2', body: 'The finance team asked for it.', author: expect.objectContaining({ name: 'Marco Bianchi', isBot: false }), createdAt: '2025-04-03T09:15:00.000Z' },
      { id: '3', body: 'Moved to To Do', author: expect.objectContaining({ name: 'Automation for Jira', isBot: true }), createdAt: '2025-04-03T09:30:00.000Z' },
    ]);
    expect(stub.calls.filter((c) => c.method === 'GET' && c.path.endsWith('/comment'))).toHaveLength(2);
  });

  it('adds and removes labels as strings, each once', async () => {
    await tracker.addLabel(ref, 'needs-why');
    await tracker.addLabel(ref, 'needs-why');
    expect(stub.state.issues.get('10482')!.labels).toEqual(['checkout', 'needs-why']);
    expect(stub.calls.at(-1)).toMatchObject({ method: 'PUT', path: '/rest/api/3/issue/10482', body: { update: { labels: [{ add: 'needs-why' }] } } });
    await tracker.removeLabel(ref, 'needs-why');
    expect(stub.state.issues.get('10482')!.labels).toEqual(['checkout']);
  });

  it('refuses a label with spaces before asking Jira', async () => {
    await expect(tracker.addLabel(ref, 'needs why')).rejects.toMatchObject({ reason: 'rejected', retryable: false });
    expect(stub.calls).toHaveLength(0);
  });

  it('maps 500 to a retryable error, and succeeds once the server recovers', async () => {
    stub.failWith500(2);
    await expect(tracker.getTicket(ref)).rejects.toMatchObject({ reason: 'unavailable', retryable: true, status: 500 });
    await expect(tracker.getTicket(ref)).rejects.toMatchObject({ status: 500 });
    await expect(tracker.getTicket(ref)).resolves.toMatchObject({ key: 'SHOP-214' });
  });

  it('maps 429 with Retry-After to a retryable error carrying retryAfterMs', async () => {
    stub.rateLimit(17);
    const error = await tracker.createComment(ref, 'hello').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrackerError);
    expect(error).toMatchObject({ reason: 'rate_limited', retryable: true, retryAfterMs: 17_000, status: 429, operation: 'createComment' });
  });

  it('reads a Retry-After given as an HTTP date', async () => {
    stub.fail({ times: 1, response: { status: 429, headers: { 'retry-after': new Date(NOW + 90_000).toUTCString() }, body: {} } });
    await expect(tracker.getTicket(ref)).rejects.toMatchObject({ retryAfterMs: 90_000 });
  });

  it('maps 404 to not_found, not retryable', async () => {
    const error = await tracker.getTicket({ id: '99999', key: null, url: null }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'not_found', retryable: false, retryAfterMs: null, status: 404 });
  });

  it('maps 401 to unauthorized, not retryable', async () => {
    stub.fail({ times: 1, response: { status: 401, body: { errorMessages: ['Client must be authenticated to access this resource.'] } } });
    await expect(tracker.getTicket(ref)).rejects.toMatchObject({ reason: 'unauthorized', retryable: false });
  });

  it('maps a refused connection to a retryable error', async () => {
    await stub.close();
    const dead = new JiraTracker({ client: new Version3Client({ host: stub.url }), siteUrl: stub.url });
    await expect(dead.getTicket(ref)).rejects.toMatchObject({ reason: 'unavailable', retryable: true, status: null });
    stub = await startJiraStub();
  });
});
