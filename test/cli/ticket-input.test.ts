import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { CsvError, parseCsv } from '../../src/cli/csv.js';
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

  it('reads description as well as body, and a missing body as empty', () => {
    const records = readTicketRecords([line({ title: 'a', description: 'From Jira.' }), line({ title: 'b' })].join('\n'));
    expect(records.map((r) => r.ok && r.ticket.description)).toEqual(['From Jira.', '']);
  });

  it('skips a UTF-8 byte order mark', () => {
    expect(readTicketRecords('\uFEFF' + line({ title: 'a' }))[0]).toMatchObject({ ok: true, ticket: { title: 'a' } });
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

describe('readTicketRecords on CSV exported from trackers', () => {
  const fixture = (name: string): string => readFileSync(new URL(`../fixtures/cli/${name}`, import.meta.url), 'utf8');

  it("reads Jira's export: Summary, Description (wiki markup), Issue Type, repeated Labels columns, a BOM", () => {
    const records = readTicketRecords(fixture('jira-export.csv'));
    expect(records.map((r) => r.ok)).toEqual([true, true, true]);
    const tickets = records.map((r) => (r.ok ? r.ticket : null));
    expect(tickets[0]).toMatchObject({ id: 'SHOP-12', title: 'Add CSV export', description: '', kind: 'feature', labels: ['export'], team: 'SHOP', author: 'Lena Fischer' });
    expect(tickets[1]).toMatchObject({ id: 'SHOP-13', kind: 'bug', labels: [] });
    expect(tickets[2]).toMatchObject({ labels: ['finance', 'no-ticketlint'] });
    expect(tickets[2]!.description).toContain('Every month our finance admins copy invoice totals by hand');
    expect(tickets[2]!.description).toContain('causes "reconciliation" mistakes.');
    expect(tickets[2]!.description).toContain('Success: month-end reconciliation takes under an hour.');
  });

  it("reads Linear's export: Title, Description (markdown), labels in one cell, the team from the ID, CRLF lines", () => {
    const records = readTicketRecords(fixture('linear-export.csv'));
    const tickets = records.map((r) => (r.ok ? r.ticket : null));
    expect(tickets[0]).toMatchObject({ id: 'GRO-7', title: 'Add a seat usage report', kind: 'feature', labels: ['Feature', 'Billing'], team: 'GRO', author: 'Ines Moreau' });
    expect(tickets[0]!.description).toBe('Answering seat questions by hand takes support hours every week.\n\nDone when support gets no seat-count tickets for a month.');
    expect(tickets[1]).toMatchObject({ id: 'GRO-8', title: 'Search page is broken', description: '', kind: 'bug' });
  });

  it('reads a plain CSV with title and body columns, and reports a row without a title by its line', () => {
    const records = readTicketRecords('title,body,kind\nAdd CSV export,,feature\n,"no title",bug\n');
    expect(records[0]).toMatchObject({ ok: true, ticket: { id: '2', title: 'Add CSV export', kind: 'feature' } });
    expect(records[1]).toEqual({ ok: false, id: '3', error: 'line 3: the title column is empty' });
  });

  it('reads CSV when told to even when the header names no title, and says which column it needs', () => {
    expect(() => readTicketRecords('name,text\na,b\n', 'csv')).toThrow('CSV input: expected a Title or Summary column; the header has name, text');
  });

  it('reports an unterminated quote with the line it starts on', () => {
    expect(() => readTicketRecords('Title,Description\nAdd export,"never closed\n', 'csv')).toThrow('CSV input: line 2: a quoted field is never closed');
  });
});

describe('parseCsv', () => {
  it('follows RFC 4180: quoted commas, doubled quotes, line breaks in quotes, CRLF, a missing last line break', () => {
    expect(parseCsv('a,"b,c","say ""hi""","two\r\nlines"\r\n1,2,3,4')).toEqual([
      { line: 1, cells: ['a', 'b,c', 'say "hi"', 'two\r\nlines'] },
      { line: 3, cells: ['1', '2', '3', '4'] },
    ]);
  });

  it('reads back any cells written as RFC 4180 says, whatever characters they hold', () => {
    const cellText = fc.string({ unit: fc.constantFrom('a', ' ', ',', '"', '\r', '\n', 'é', '\uFEFF') });
    fc.assert(fc.property(fc.array(fc.array(cellText, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (rows) => {
      const text = rows.map((cells) => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n');
      expect(parseCsv(text).map((row) => row.cells)).toEqual(rows);
    }));
  });

  it('never throws anything but its own error on any text', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n') }), (text) => {
      try {
        parseCsv(text);
      } catch (error) {
        expect(error).toBeInstanceOf(CsvError);
      }
    }));
  });

  it('reads long runs of quotes and commas in time linear in their length', () => {
    const rows = parseCsv('"' + '""'.repeat(200_000) + '",' + ','.repeat(200_000) + '\n');
    expect(rows[0]!.cells[0]).toHaveLength(200_000);
    expect(rows[0]!.cells).toHaveLength(200_002);
  });
});
