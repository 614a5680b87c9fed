import { readTicketRecords, toTicketKind } from '../../src/cli/ticket-input.js';

const line = (o: unknown): string => JSON.stringify(o);

describe('readTicketRecords', () => {
  it('reads one pretty-printed JSON ticket, mapping body to description and defaulting id to 1', () => {
    const records = readTicketRecords(JSON.stringify({ title: 'Add a dark theme', body: 'Night shift nurses ...' }, null, 2));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ ok: true, ticket: { id: '1', title: 'Add a dark theme', description: 'Night shift nurses ...', kind: 'unknown' } });
  });

  it('reads JSON Lines, numbering tickets without an id by their line and keeping given ids', () => {
    const text = [line({ title: 'a', body: '' }), '', line({ id: 'OPS-9', title: 'b', body: 'x' }), line({ id: 12, title: 'c', body: '' })].join('\n');
    const ids = readTicketRecords(text).map((r) => (r.ok ? r.ticket.id : r.id));
    expect(ids).toEqual(['1', 'OPS-9', '12']);
  });

  it('turns a malformed middle line into an error record naming that line, and still reads the rest', () => {
    const text = [line({ title: 'a', body: '' }), '{"title": "b", ', line({ title: 'c', body: '' })].join('\n');
    const records = readTicketRecords(text);
    expect(records.map((r) => r.ok)).toEqual([true, false, true]);
    expect(records[1]).toMatchObject({ ok: false, id: '2' });
    expect(!records[1]!.ok && records[1]!.error).toMatch(/^line 2: not valid JSON/);
  });

  it('says which field is wrong when a line is JSON but not a ticket', () => {
    const records = readTicketRecords([line({ title: 'a', body: '' }), line({ title: '  ', labels: 'x' })].join('\n'));
    const error = !records[1]!.ok ? records[1]!.error : '';
    expect(error).toMatch(/^line 2: /);
    expect(error).toContain('title must not be empty');
    expect(error).toContain('body is required');
    expect(error).toContain('labels must be an array of strings');
  });

  it('reads a JSON array as one ticket per element', () => {
    const records = readTicketRecords(JSON.stringify([{ title: 'a', body: '' }, { title: 'b', body: '' }]));
    expect(records.map((r) => r.ok && r.ticket.id)).toEqual(['1', '2']);
  });

  it('reports a broken pretty-printed document once, not line by line', () => {
    const records = readTicketRecords('{\n  "title": "a",\n  "body": \n');
    expect(records).toHaveLength(1);
    expect(!records[0]!.ok && records[0]!.error).toMatch(/^input: not valid JSON/);
  });

  it('accepts a null body as empty, as trackers send for tickets without a description', () => {
    const records = readTicketRecords(line({ title: 'a', body: null }));
    expect(records[0]).toMatchObject({ ok: true, ticket: { description: '' } });
  });
});

describe('toTicketKind', () => {
  it('keeps feature, bug and task in any case and reads anything else as unknown', () => {
    expect(['feature', 'Bug', 'TASK', 'story', undefined].map(toTicketKind)).toEqual(['feature', 'bug', 'task', 'unknown', 'unknown']);
  });
});
