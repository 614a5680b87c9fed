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

  it('answers every call late when told to, applying a write only when it answers', async () => {
    const slow = await startJiraStub({ answerDelayMs: () => 300 });
    try {
      slow.state.issues.set('1', { id: '1', key: 'K-1', summary: 's', description: null, issueType: 'Task', labels: [], projectKey: 'K', creator: 'A', created: '2025-01-01T00:00:00.000+0000' });
      const doc = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'hello' }] }] };
      const started = Date.now();
      const posting = new Version3Client({ host: slow.url }).issueComments.addComment({ issueIdOrKey: 'K-1', comment: doc });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(slow.calls).toHaveLength(1);
      expect(slow.state.comments).toHaveLength(0);
      await posting;
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      expect(slow.state.comments).toHaveLength(1);
    } finally {
      await slow.close();
    }
  });
});
