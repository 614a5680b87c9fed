import { Version3Client } from 'jira.js';
import { CONTEXT_START, type ContextSection } from '../../../src/bot/context-section.js';
import type { TicketRef } from '../../../src/domain/ticket-event.js';
import { AdfNodeSchema } from '../../../src/providers/jira/adf.js';
import { adfToPlainText } from '../../../src/providers/jira/adf-text.js';
import { JiraTracker } from '../../../src/providers/jira/jira-tracker.js';
import { startJiraStub, type JiraStub } from '../../stubs/jira-stub.js';

const FIRST: ContextSection = { entries: [{ label: 'Who and why', quote: 'Buyers in Austria need the VAT line on the invoice.', by: 'Lena Fischer', commentId: '10071' }] };
const SECOND: ContextSection = { entries: [...FIRST.entries, { label: 'Alternatives', quote: 'A manual credit note was considered and rejected.', by: 'Marco Rossi', commentId: '10072' }] };

describe('JiraTracker.upsertContextSection against the Jira stub', () => {
  let stub: JiraStub;
  let tracker: JiraTracker;
  const ref: TicketRef = { id: '10600', key: 'SHOP-300', url: null };
  const authorNodes = (): unknown[] => [
    { type: 'paragraph', attrs: { localId: 'a1' }, content: [{ type: 'text', text: 'Show VAT ' }, { type: 'text', text: 'per line', marks: [{ type: 'em' }] }] },
    { type: 'mediaSingle', attrs: { layout: 'center' }, content: [{ type: 'media', attrs: { id: 'm-1', type: 'file', collection: 'c' } }] },
  ];
  const doc = (): { content: unknown[] } => stub.state.issues.get('10600')!.description as { content: unknown[] };
  const text = (): string => adfToPlainText(AdfNodeSchema.parse(stub.state.issues.get('10600')!.description));
  const puts = (): number => stub.calls.filter((c) => c.method === 'PUT').length;

  beforeEach(async () => {
    stub = await startJiraStub();
    stub.state.issues.set('10600', {
      id: '10600', key: 'SHOP-300', summary: 'Add VAT to invoices', issueType: 'Story', labels: [], projectKey: 'SHOP',
      creator: 'Lena Fischer', created: '2025-04-02T08:41:12.337+0200', description: { type: 'doc', version: 1, content: authorNodes() },
    });
    const client = new Version3Client({ host: stub.url, authentication: { basic: { email: 'bot@example.com', apiToken: 't' } } });
    tracker = new JiraTracker({ client, siteUrl: stub.url });
  });

  afterEach(() => stub.close());

  it('appends the section as ADF after the author nodes, which go back exactly as they came', async () => {
    expect(await tracker.upsertContextSection(ref, FIRST)).toBe(true);

    expect(JSON.stringify(doc().content.slice(0, 2))).toBe(JSON.stringify(authorNodes()));
    expect(text()).toContain('- Who and why: "Buyers in Austria need the VAT line on the invoice." (Lena Fischer, comment)');
    expect(JSON.stringify(doc())).toContain(`"href":"${stub.url}/browse/SHOP-300?focusedCommentId=10071"`);
    expect(stub.calls.find((c) => c.method === 'PUT')?.path).toBe('/rest/api/3/issue/10600');
  });

  it('replaces the section on a second update, with no second section', async () => {
    await tracker.upsertContextSection(ref, FIRST);
    await tracker.upsertContextSection(ref, SECOND);

    expect(text().split(CONTEXT_START)).toHaveLength(2);
    expect(text()).toContain('Marco Rossi');
    expect(JSON.stringify(doc().content.slice(0, 2))).toBe(JSON.stringify(authorNodes()));
  });

  it('writes nothing when the section would read the same', async () => {
    await tracker.upsertContextSection(ref, FIRST);
    const writes = puts();

    expect(await tracker.upsertContextSection(ref, FIRST)).toBe(false);
    expect(puts()).toBe(writes);
  });

  it('keeps a person\'s edits before and after the section between two updates', async () => {
    await tracker.upsertContextSection(ref, FIRST);
    const before = { type: 'paragraph', content: [{ type: 'text', text: 'Edited: only for B2B buyers.' }] };
    const after = { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Rollout' }] };
    doc().content.splice(0, 0, before);
    doc().content.push(after);

    await tracker.upsertContextSection(ref, SECOND);

    expect(doc().content[0]).toEqual(before);
    expect(doc().content.at(-1)).toEqual(after);
    expect(JSON.stringify(doc().content.slice(1, 3))).toBe(JSON.stringify(authorNodes()));
    expect(text().split(CONTEXT_START)).toHaveLength(2);
  });
});
