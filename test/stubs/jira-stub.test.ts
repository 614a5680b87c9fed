import { Version3Client } from 'jira.js';
import { adfProblem, startJiraStub, type JiraStub } from './jira-stub.js';

describe('the Jira stub', () => {
  let stub: JiraStub;
  let client: Version3Client;

  beforeEach(async () => {
    stub = await startJiraStub();
    stub.state.issues.set('1', { id: '1', key: 'K-1', summary: 's', description: null, issueType: 'Task', labels: [], projectKey: 'K', creator: 'A', created: '2025-01-01T00:00:00.000+0000' });
    client = new Version3Client({ host: stub.url });
  });

  afterEach(() => stub.close());

  it('refuses comment documents Jira would refuse', async () => {
    const bad = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a\nb' }] }] };
    await expect(client.issueComments.addComment({ issueIdOrKey: 'K-1', comment: bad })).rejects.toMatchObject({ status: 400 });
    expect(stub.state.comments).toHaveLength(0);
  });

  it('knows what makes a document invalid', () => {
    const doc = (...content: unknown[]) => ({ type: 'doc', version: 1, content });
    expect(adfProblem(doc({ type: 'paragraph', content: [{ type: 'text', text: '' }] }))).toMatch(/empty/);
    expect(adfProblem(doc({ type: 'codeBlock', content: [{ type: 'text', text: 'a\nb' }] }))).toBeNull();
    expect(adfProblem({ type: 'paragraph' })).toMatch(/root/);
  });

  it('answers 404 for an unknown issue and records every call', async () => {
    await expect(client.issues.getIssue({ issueIdOrKey: 'NOPE-1' })).rejects.toMatchObject({ status: 404 });
    expect(stub.calls).toEqual([expect.objectContaining({ method: 'GET', path: '/rest/api/3/issue/NOPE-1' })]);
  });
});
