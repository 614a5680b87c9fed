import { LinearClient } from '@linear/sdk';
import { startLinearStub, type LinearStub } from './linear-stub.js';

describe('the Linear stub', () => {
  let stub: LinearStub;
  let client: LinearClient;

  beforeEach(async () => {
    stub = await startLinearStub();
    stub.state.issues.set('i-1', { id: 'i-1', identifier: 'ENG-1', title: 'T', description: null, teamId: 't-1', creatorId: null, labelIds: [], createdAt: '2025-01-01T00:00:00.000Z' });
    client = new LinearClient({ apiKey: 'k', apiUrl: stub.url });
  });

  afterEach(() => stub.close());

  it('answers the follow-up queries the SDK sends to read back created entities', async () => {
    const created = await client.createComment({ issueId: 'i-1', body: 'hello' });
    const comment = await created.comment;
    expect(comment?.body).toBe('hello');
    const label = await (await client.createIssueLabel({ name: 'needs-why', teamId: 't-1' })).issueLabel;
    expect(label?.name).toBe('needs-why');
    expect(stub.calls.map((c) => c.operation)).toEqual(['createComment', 'comment', 'createIssueLabel', 'issueLabel']);
  });

  it("answers the tracker's small issue reads with the fields they select, and a missing issue as Linear does", async () => {
    stub.state.labels.set('l-1', { id: 'l-1', name: 'Feature', teamId: null });
    stub.state.issues.get('i-1')!.labelIds = ['l-1'];
    const read = (query: string, id: string) => client.client.rawRequest(query, { id });
    await expect(read('query issueForLabelling($id: String!) { issue(id: $id) { id labelIds team { id } } }', 'ENG-1'))
      .resolves.toMatchObject({ data: { issue: { id: 'i-1', labelIds: ['l-1'], team: { id: 't-1' } } } });
    await expect(read('query issueWithLabels($id: String!) { issue(id: $id) { id labels { nodes { id name } } } }', 'i-1'))
      .resolves.toMatchObject({ data: { issue: { id: 'i-1', labels: { nodes: [{ id: 'l-1', name: 'Feature' }] } } } });
    await expect(read('query issueForLabelling($id: String!) { issue(id: $id) { id } }', 'nope')).rejects.toThrow(/Entity not found: Issue/);
    expect(stub.calls.map((c) => c.operation)).toEqual(['issueForLabelling', 'issueWithLabels', 'issueForLabelling']);
  });

  it('looks issues up by identifier as well as by id', async () => {
    expect((await client.issue('ENG-1')).id).toBe('i-1');
  });

  it('fails loudly on an operation it does not implement', async () => {
    await expect(client.teams()).rejects.toThrow(/does not know the operation "teams"/);
  });

  it('answers queued faults before the real handler, then recovers', async () => {
    stub.rateLimit(1, Date.now() + 1000);
    await expect(client.issue('i-1')).rejects.toThrow();
    await expect(client.issue('i-1')).resolves.toMatchObject({ identifier: 'ENG-1' });
  });
});
