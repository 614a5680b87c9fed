import { LinearClient } from '@linear/sdk';
import { CONTEXT_START, type ContextSection } from '../../../src/bot/context-section.js';
import type { TicketRef } from '../../../src/domain/ticket-event.js';
import { LinearTracker } from '../../../src/providers/linear/linear-tracker.js';
import { startLinearStub, type LinearStub } from '../../stubs/linear-stub.js';

const FIRST: ContextSection = {
  entries: [{ label: 'Who and why', quote: 'Field technicians lose the offline form when the app restarts.', by: 'Ana Costa', commentId: '8f3a2c1e-77aa-4b1c-9d2e-111111111111' }],
};
const SECOND: ContextSection = {
  entries: [...FIRST.entries, { label: "How we'll know", quote: 'Target: no lost forms in the next release.', by: 'Jo Park', commentId: '2b9d4e60-0000-4c4c-8888-222222222222' }],
};

describe('LinearTracker.upsertContextSection against the Linear stub', () => {
  let stub: LinearStub;
  let tracker: LinearTracker;
  const ref: TicketRef = { id: 'issue-ctx-1', key: 'FLD-12', url: null };
  const AUTHOR = 'Keep *offline* drafts.\n\n- survive a restart  \n- sync later\n';
  const description = (): string => stub.state.issues.get('issue-ctx-1')!.description ?? '';
  const updates = (): number => stub.calls.filter((c) => c.operation === 'updateIssue').length;

  beforeEach(async () => {
    stub = await startLinearStub();
    stub.state.issues.set('issue-ctx-1', {
      id: 'issue-ctx-1', identifier: 'FLD-12', title: 'Add offline drafts', description: AUTHOR, teamId: 'team-fld',
      creatorId: null, labelIds: [], createdAt: '2025-05-06T07:00:00.000Z',
    });
    tracker = new LinearTracker({ client: new LinearClient({ apiKey: 'lin_api_stub', apiUrl: stub.url }) });
  });

  afterEach(() => stub.close());

  it('appends the section in markdown with a link to the comment, the author text before it unchanged', async () => {
    expect(await tracker.upsertContextSection(ref, FIRST)).toBe(true);

    expect(description().startsWith('Keep *offline* drafts.\n\n- survive a restart  \n- sync later')).toBe(true);
    expect(description()).toContain('## Context');
    expect(description()).toContain('- **Who and why:** "Field technicians lose the offline form when the app restarts." (Ana Costa, [comment](https://linear.app/stub/issue/FLD-12#comment-8f3a2c1e))');
  });

  it('replaces the section on a second update, with no second section', async () => {
    await tracker.upsertContextSection(ref, FIRST);
    await tracker.upsertContextSection(ref, SECOND);

    expect(description().split(CONTEXT_START)).toHaveLength(2);
    expect(description()).toContain('Target: no lost forms in the next release.');
    expect(description().startsWith(AUTHOR.trimEnd())).toBe(true);
  });

  it('writes nothing when the section would read the same', async () => {
    await tracker.upsertContextSection(ref, FIRST);
    const writes = updates();

    expect(await tracker.upsertContextSection(ref, FIRST)).toBe(false);
    expect(updates()).toBe(writes);
  });

  it('keeps what a person wrote before and after the section between two updates, byte for byte', async () => {
    await tracker.upsertContextSection(ref, FIRST);
    const issue = stub.state.issues.get('issue-ctx-1')!;
    const head = 'Edited by Lena:  keep *drafts* for 30 days.\n\n';
    const tail = '\n\n## Rollout\nBehind a flag, then everyone.\n';
    issue.description = `${head}${description().slice(description().indexOf('## Context'))}${tail}`;

    await tracker.upsertContextSection(ref, SECOND);

    expect(description().startsWith(head)).toBe(true);
    expect(description().endsWith(tail)).toBe(true);
    expect(description()).toContain('Jo Park');
    expect(description().split(CONTEXT_START)).toHaveLength(2);
  });
});
