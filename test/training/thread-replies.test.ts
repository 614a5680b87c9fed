import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asRepliedTicket, readThreadReplies } from '../../src/training/thread-replies.js';

describe('thread replies', () => {
  it('reads each labelled reply with its part', () => {
    const replies = readThreadReplies('test/fixtures/corpus/replies-small.jsonl');
    expect(replies.map((r) => r.part)).toEqual(['test', 'test', 'test', 'test', 'test', 'train', 'train']);
    expect(replies[1]).toEqual({
      id: 't02',
      title: 'Add CSV export',
      reply: 'Success: the month-end close takes under half a day.',
      part: 'test',
      label: { has_user: false, has_outcome: false, has_success_measure: true, has_alternatives: false },
    });
  });

  it('stops at a line that is not a labelled reply, naming the file, the line and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'replies-'));
    const path = join(dir, 'replies.jsonl');
    writeFileSync(path, '{"id":"a","title":"Dark mode","reply":"For nurses on night shifts.","part":"test","label":{"has_user":true,"has_outcome":false,"has_success_measure":false,"has_alternatives":false}}\n\n{"id":"b","title":"Dark mode","reply":"+1","part":"test"}\n');
    expect(() => readThreadReplies(path)).toThrow(`${path}:3: not a labelled reply: label Invalid input: expected object, received undefined`);
  });

  it('reads a reply as a feature whose title alone was asked and whose description is the reply, its evidence the whole reply', () => {
    const [reply] = readThreadReplies('test/fixtures/corpus/replies-small.jsonl');
    const ticket = asRepliedTicket(reply!);
    expect(ticket).toMatchObject({ title: 'Add CSV export', body: reply!.reply, tracker_labels: [], part: 'test' });
    // A reply that says why leaves the feature with a why: not output-only.
    expect(ticket.label).toEqual({ kind: 'feature', output_only: false, has_user: true, has_outcome: true, has_success_measure: false, has_alternatives: true });
    expect(ticket.evidence).toEqual({ user: reply!.reply, outcome: reply!.reply, success_measure: null, alternatives: reply!.reply });
  });
});
