import { LinearClient } from '@linear/sdk';
import { TrackerError } from '../../../src/bot/tracker.js';
import type { TicketRef } from '../../../src/domain/ticket-event.js';
import { LinearTracker } from '../../../src/providers/linear/linear-tracker.js';
import { startLinearStub, type LinearStub } from '../../stubs/linear-stub.js';

const MARKER = 'ticketlint review';
const NOW = 1_741_200_000_000;

describe('LinearTracker against the Linear stub', () => {
  let stub: LinearStub;
  let tracker: LinearTracker;
  const ref: TicketRef = { id: 'issue-uuid-1', key: 'PLAT-7', url: null };

  beforeEach(async () => {
    stub = await startLinearStub();
    stub.state.teams.set('team-plat', { id: 'team-plat', key: 'PLAT', name: 'Platform' });
    stub.state.users.set('user-priya', { id: 'user-priya', name: 'Priya Raman' });
    stub.state.labels.set('label-feature', { id: 'label-feature', name: 'Feature', teamId: null });
    stub.state.labels.set('label-other-team', { id: 'label-other-team', name: 'needs-why', teamId: 'team-other' });
    stub.state.issues.set('issue-uuid-1', {
      id: 'issue-uuid-1', identifier: 'PLAT-7', title: 'Add dark mode to the dashboard',
      description: 'Add a **dark mode** toggle.\n\n- remember the choice', teamId: 'team-plat',
      creatorId: 'user-priya', labelIds: ['label-feature'], createdAt: '2025-02-27T10:00:00.000Z',
    });
    const client = new LinearClient({ apiKey: 'lin_api_stub', apiUrl: stub.url });
    tracker = new LinearTracker({ client, now: () => NOW, commentPageSize: 2 });
  });

  afterEach(() => stub.close());

  it('reads the ticket with plain-text description, kind, labels, team and author', async () => {
    const ticket = await tracker.getTicket(ref);
    expect(ticket).toMatchObject({
      id: 'issue-uuid-1', key: 'PLAT-7', title: 'Add dark mode to the dashboard',
      description: 'Add a dark mode toggle.\n\n- remember the choice',
      kind: 'feature', labels: ['Feature'], team: 'PLAT', author: 'Priya Raman', createdAt: '2025-02-27T10:00:00.000Z',
    });
    expect(stub.calls[0]?.authorization).toBe('lin_api_stub');
  });

  it('creates the sticky comment, finds it by its marker and updates it without a second comment', async () => {
    stub.state.comments.push({ id: 'c-human', issueId: 'issue-uuid-1', body: 'Looks good to me', userId: 'user-priya', createdAt: NOW.toString() });
    expect(await tracker.findBotComment(ref, MARKER)).toBeNull();

    const { id } = await tracker.createComment(ref, `Who is this for?\n\n${MARKER}`);
    const found = await tracker.findBotComment(ref, MARKER);
    expect(found).toEqual({ id, body: `Who is this for?\n\n${MARKER}` });

    await tracker.updateComment(ref, found!.id, `Thanks, that answers it.\n\n${MARKER}`);
    const bot = stub.state.comments.filter((c) => c.issueId === 'issue-uuid-1' && c.userId === 'user-bot');
    expect(bot).toEqual([expect.objectContaining({ id, body: `Thanks, that answers it.\n\n${MARKER}` })]);
    expect(stub.calls.map((c) => c.operation)).toContain('updateComment');
  });

  it('pages through the comments to find a marker past the first page', async () => {
    for (let n = 0; n < 5; n++) stub.state.comments.push({ id: `c-${n}`, issueId: 'issue-uuid-1', body: `comment ${n}`, userId: 'user-priya', createdAt: '' });
    stub.state.comments.push({ id: 'c-bot', issueId: 'issue-uuid-1', body: 'Who is it for?\n\nticketlint  review', userId: 'user-bot', createdAt: '' });
    expect(await tracker.findBotComment(ref, MARKER)).toEqual({ id: 'c-bot', body: 'Who is it for?\n\nticketlint  review' });
    expect(stub.calls.filter((c) => c.operation === 'issue_comments').length).toBeGreaterThan(1);
  });

  it('lists every comment oldest first, as plain text, with its author, in one query per page', async () => {
    stub.state.users.set('user-app', { id: 'user-app', name: 'Release notes app', app: true });
    stub.state.comments.push(
      { id: 'c-3', issueId: 'issue-uuid-1', body: 'The **finance team** retypes invoices.', userId: 'user-priya', createdAt: '2025-03-01T10:02:00.000Z' },
      { id: 'c-1', issueId: 'issue-uuid-1', body: 'Who is this for?', userId: 'user-bot', createdAt: '2025-03-01T10:00:00.000Z' },
      { id: 'c-2', issueId: 'issue-uuid-1', body: 'Synced from GitHub', userId: 'user-priya', createdAt: '2025-03-01T10:01:00.000Z', botActorName: 'GitHub' },
      { id: 'c-4', issueId: 'issue-uuid-1', body: 'Shipped in 1.4', userId: 'user-app', createdAt: '2025-03-01T10:03:00.000Z' },
      { id: 'c-other', issueId: 'another-issue', body: 'elsewhere', userId: 'user-priya', createdAt: '2025-03-01T09:00:00.000Z' },
    );

    const comments = await tracker.listComments(ref);

    expect(comments).toEqual([
      { id: 'c-1', body: 'Who is this for?', author: { id: 'user-bot', name: 'ticketlint', isBot: false }, createdAt: '2025-03-01T10:00:00.000Z' },
      { id: 'c-2', body: 'Synced from GitHub', author: { id: 'user-priya', name: 'Priya Raman', isBot: true }, createdAt: '2025-03-01T10:01:00.000Z' },
      { id: 'c-3', body: 'The finance team retypes invoices.', author: { id: 'user-priya', name: 'Priya Raman', isBot: false }, createdAt: '2025-03-01T10:02:00.000Z' },
      { id: 'c-4', body: 'Shipped in 1.4', author: { id: 'user-app', name: 'Release notes app', isBot: true }, createdAt: '2025-03-01T10:03:00.000Z' },
    ]);
    expect(stub.calls.map((c) => c.operation)).toEqual(['issueCommentsWithAuthors', 'issueCommentsWithAuthors']);
  });

  it('maps a missing issue to not_found when listing its comments', async () => {
    await expect(tracker.listComments({ id: 'nope', key: null, url: null })).rejects.toMatchObject({ reason: 'not_found', operation: 'listComments' });
  });

  it("adds a label by creating it in the issue's team when the team has none of that name", async () => {
    await tracker.addLabel(ref, 'needs-why');
    const issue = stub.state.issues.get('issue-uuid-1')!;
    const added = stub.state.labels.get(issue.labelIds.at(-1)!);
    expect(added).toMatchObject({ name: 'needs-why', teamId: 'team-plat' });
    expect(issue.labelIds).not.toContain('label-other-team');
  });

  it('reuses an existing workspace label and adds nothing twice', async () => {
    stub.state.labels.set('label-ws', { id: 'label-ws', name: 'Needs-Why', teamId: null });
    await tracker.addLabel(ref, 'needs-why');
    await tracker.addLabel(ref, 'needs-why');
    expect(stub.state.issues.get('issue-uuid-1')!.labelIds).toEqual(['label-feature', 'label-ws']);
    expect(stub.calls.filter((c) => c.operation === 'createIssueLabel')).toHaveLength(0);
    expect(stub.calls.filter((c) => c.operation === 'issueAddLabel')).toHaveLength(1);
  });

  describe('labelling many tickets of one team', () => {
    const second: TicketRef = { id: 'issue-uuid-2', key: 'PLAT-8', url: null };
    const third: TicketRef = { id: 'issue-uuid-3', key: 'PLAT-9', url: null };
    let clock: number;
    const labelNames = (id: string): string[] => stub.state.issues.get(id)!.labelIds.map((l) => stub.state.labels.get(l)!.name);

    beforeEach(() => {
      for (const [id, n] of [['issue-uuid-2', 8], ['issue-uuid-3', 9]] as const) {
        stub.state.issues.set(id, {
          id, identifier: `PLAT-${n}`, title: 'Add CSV export', description: null, teamId: 'team-plat',
          creatorId: null, labelIds: [], createdAt: '2025-02-27T10:00:00.000Z',
        });
      }
      stub.state.labels.set('label-plat-why', { id: 'label-plat-why', name: 'needs-why', teamId: 'team-plat' });
      clock = NOW;
      tracker = new LinearTracker({ client: new LinearClient({ apiKey: 'lin_api_stub', apiUrl: stub.url }), now: () => clock, labelCacheMs: 60_000 });
    });

    it("looks the label's id up once, then reads only the issue before adding it", async () => {
      await tracker.addLabel(ref, 'needs-why');
      await tracker.addLabel(second, 'Needs-Why ');

      expect(stub.calls.map((c) => c.operation)).toEqual(['issueForLabelling', 'issueLabels', 'issueAddLabel', 'issueForLabelling', 'issueAddLabel']);
      expect(labelNames('issue-uuid-1')).toEqual(['Feature', 'needs-why']);
      expect(labelNames('issue-uuid-2')).toEqual(['needs-why']);
      expect(stub.state.issues.get('issue-uuid-2')!.labelIds).toEqual(['label-plat-why']);
    });

    it('asks for no more than the issue, the label search and the mutation need', async () => {
      await tracker.addLabel(ref, 'needs-why');

      const sent = stub.calls.map((c) => (c.body as { query: string; variables: unknown }));
      expect(sent.map((b) => b.variables)).toEqual([
        { id: 'issue-uuid-1' },
        { filter: { name: { eqIgnoreCase: 'needs-why' } } },
        { id: 'issue-uuid-1', labelId: 'label-plat-why' },
      ]);
      for (const body of sent) expect(body.query.length).toBeLessThan(200);
    });

    it('looks the name up again once the remembered id is older than labelCacheMs', async () => {
      await tracker.addLabel(ref, 'needs-why');
      clock += 60_001;
      await tracker.addLabel(second, 'needs-why');

      expect(stub.calls.filter((c) => c.operation === 'issueLabels')).toHaveLength(2);
    });

    it('looks the name up every time with labelCacheMs 0', async () => {
      tracker = new LinearTracker({ client: new LinearClient({ apiKey: 'lin_api_stub', apiUrl: stub.url }), labelCacheMs: 0 });
      await tracker.addLabel(ref, 'needs-why');
      await tracker.addLabel(second, 'needs-why');

      expect(stub.calls.filter((c) => c.operation === 'issueLabels')).toHaveLength(2);
    });

    it('keeps labels of different teams apart', async () => {
      stub.state.issues.get('issue-uuid-2')!.teamId = 'team-other';
      await tracker.addLabel(ref, 'needs-why');
      await tracker.addLabel(second, 'needs-why');

      expect(stub.state.issues.get('issue-uuid-1')!.labelIds).toContain('label-plat-why');
      expect(stub.state.issues.get('issue-uuid-2')!.labelIds).toEqual(['label-other-team']);
    });

    it('forgets a remembered label that was deleted, finds or creates it again, and adds that one', async () => {
      await tracker.addLabel(ref, 'needs-why');
      stub.state.labels.delete('label-plat-why');
      const before = stub.calls.length;

      await tracker.addLabel(second, 'needs-why');
      await tracker.addLabel(third, 'needs-why');

      expect(stub.calls.slice(before).map((c) => c.operation)).toEqual([
        'issueForLabelling', 'issueAddLabel', 'issueLabels', 'createIssueLabel', 'issueAddLabel',
        'issueForLabelling', 'issueAddLabel',
      ]);
      const recreated = stub.state.issues.get('issue-uuid-2')!.labelIds[0]!;
      expect(stub.state.labels.get(recreated)).toMatchObject({ name: 'needs-why', teamId: 'team-plat' });
      expect(stub.state.issues.get('issue-uuid-3')!.labelIds).toEqual([recreated]);
    });

    it('does not look again when the add is rate limited: the job retries later with the remembered id', async () => {
      await tracker.addLabel(ref, 'needs-why');
      stub.fail({ times: 1, matches: (c) => c.operation === 'issueAddLabel', response: {
        status: 400, headers: { 'retry-after': '7' }, body: { errors: [{ message: 'Rate limit exceeded', extensions: { code: 'RATELIMITED' } }] },
      } });
      const before = stub.calls.length;

      await expect(tracker.addLabel(second, 'needs-why')).rejects.toMatchObject({ reason: 'rate_limited', retryAfterMs: 7000, operation: 'addLabel' });
      await tracker.addLabel(second, 'needs-why');

      expect(stub.calls.slice(before).map((c) => c.operation)).toEqual(['issueForLabelling', 'issueAddLabel', 'issueForLabelling', 'issueAddLabel']);
      expect(stub.state.issues.get('issue-uuid-2')!.labelIds).toEqual(['label-plat-why']);
    });

    it('gives up with the second refusal when the label is refused again after looking it up anew', async () => {
      await tracker.addLabel(ref, 'needs-why');
      stub.fail({ times: 2, matches: (c) => c.operation === 'issueAddLabel', response: {
        status: 200, body: { data: null, errors: [{ message: 'Entity not found: IssueLabel', extensions: { type: 'invalid input', code: 'INPUT_ERROR' } }] },
      } });

      await expect(tracker.addLabel(second, 'needs-why')).rejects.toMatchObject({ reason: 'not_found', retryable: false, operation: 'addLabel' });
      expect(stub.calls.filter((c) => c.operation === 'issueAddLabel')).toHaveLength(3);
    });

    it('maps a missing issue to not_found before any label is looked up', async () => {
      await expect(tracker.addLabel({ id: 'nope', key: null, url: null }, 'needs-why')).rejects.toMatchObject({ reason: 'not_found', operation: 'addLabel' });
      expect(stub.calls.map((c) => c.operation)).toEqual(['issueForLabelling']);
    });
  });

  it('removes a label by name, and does nothing when the issue lacks it', async () => {
    await tracker.removeLabel(ref, 'feature');
    expect(stub.state.issues.get('issue-uuid-1')!.labelIds).toEqual([]);
    await tracker.removeLabel(ref, 'feature');
    expect(stub.calls.map((c) => c.operation)).toEqual(['issueWithLabels', 'issueRemoveLabel', 'issueWithLabels']);
  });

  it('maps a refused comment write (success false) to a rejected error', async () => {
    stub.fail({ times: 1, response: { status: 200, body: { data: { commentCreate: { success: false, comment: null } } } } });
    await expect(tracker.createComment(ref, 'hello')).rejects.toMatchObject({ reason: 'rejected', retryable: false, operation: 'createComment' });
    expect(stub.state.comments).toEqual([]);
  });

  it('maps a 400 RATELIMITED answer to a retryable error that says when to come back', async () => {
    stub.rateLimit(1, NOW + 30_000);
    const error = await tracker.getTicket(ref).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrackerError);
    expect(error).toMatchObject({ reason: 'rate_limited', retryable: true, retryAfterMs: 30_000, status: 400, operation: 'getTicket' });
  });

  it('maps a 500 to a retryable error, and succeeds once the server recovers', async () => {
    stub.fail({ times: 1, response: { status: 500, body: { errors: [{ message: 'Internal server error' }] } } });
    await expect(tracker.createComment(ref, 'hello')).rejects.toMatchObject({ reason: 'unavailable', retryable: true, status: 500 });
    await expect(tracker.createComment(ref, 'hello')).resolves.toEqual({ id: expect.any(String) });
  });

  it('maps a missing issue to a not_found error that is not retryable', async () => {
    const error = await tracker.getTicket({ id: 'no-such-issue', key: null, url: null }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'not_found', retryable: false, retryAfterMs: null });
  });

  it('maps a revoked key (HTTP 401) to unauthorized, not retryable', async () => {
    stub.fail({ times: 1, response: { status: 401, body: { errors: [{ message: 'Authentication required', extensions: { type: 'authentication error', code: 'AUTHENTICATION_ERROR' } }] } } });
    await expect(tracker.getTicket(ref)).rejects.toMatchObject({ reason: 'unauthorized', retryable: false });
  });

  it('maps a refused connection to a retryable error', async () => {
    await stub.close();
    const dead = new LinearTracker({ client: new LinearClient({ apiKey: 'k', apiUrl: stub.url }) });
    await expect(dead.getTicket(ref)).rejects.toMatchObject({ reason: 'unavailable', retryable: true, status: null });
    stub = await startLinearStub();
  });
});
