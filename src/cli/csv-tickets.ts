import { makeTicket } from '../domain/ticket.js';
import { jiraKindFromIssueType } from '../providers/jira/jira-ticket.js';
import { jiraWikiToPlainText } from '../providers/jira/wiki-markup-text.js';
import { linearKindFromLabels, teamKeyFromIdentifier } from '../providers/linear/linear-ticket.js';
import { linearMarkdownToPlainText } from '../providers/linear/markdown-text.js';
import { UsageError } from './cli-io.js';
import { CsvError, parseCsv, type CsvRow } from './csv.js';
import type { InputRecord } from './ticket-input.js';
import { toTicketKind } from './ticket-kind.js';

/**
 * The columns of a CSV export, by tracker. Jira exports Summary, Description (wiki markup), Issue key,
 * Issue Type, Project key, Reporter and one Labels column per label; Linear exports ID (ENG-42), Title,
 * Description (markdown), Creator and the labels in one cell, comma-separated. A plain CSV with
 * title, body, id, kind, labels, team and author columns reads too. Descriptions become plain text
 * with the same converters the bot uses, so the CLI reads a ticket as the bot would.
 */
const COLUMNS = {
  jira: { title: 'summary', body: 'description', id: 'issue key', kind: 'issue type', team: 'project key', author: 'reporter' },
  linear: { title: 'title', body: 'description', id: 'id', kind: null, team: null, author: 'creator' },
} as const;

type Flavour = 'jira' | 'linear' | 'plain';

/** True when the first line reads as a CSV header naming a title column (Title or Summary). */
export function looksLikeCsvHeader(text: string): boolean {
  const header = text.split(/\r?\n/, 1)[0]!.toLowerCase().split(',').map((h) => h.trim().replace(/^"|"$/g, ''));
  return header.length > 1 && (header.includes('title') || header.includes('summary'));
}

export function readCsvTickets(text: string): InputRecord[] {
  let rows: CsvRow[];
  try {
    rows = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvError) throw new UsageError(`CSV input: ${error.message}`);
    throw error;
  }
  const [header, ...records] = rows;
  if (!header) return [];
  const names = header.cells.map((h) => h.trim().toLowerCase());
  const flavour: Flavour = names.includes('summary') ? 'jira' : names.includes('id') && names.includes('creator') ? 'linear' : 'plain';
  if (!names.includes('summary') && !names.includes('title')) {
    throw new UsageError(`CSV input: expected a Title or Summary column; the header has ${header.cells.join(', ')}`);
  }
  return records.map((row) => toRecord(row, names, flavour));
}

function toRecord(row: CsvRow, names: readonly string[], flavour: Flavour): InputRecord {
  const cell = (name: string | null): string => (name === null ? '' : (row.cells[names.indexOf(name)] ?? '').trim());
  const all = (name: string): string[] => names.flatMap((n, i) => (n === name ? [(row.cells[i] ?? '').trim()] : [])).filter(Boolean);
  const columns = flavour === 'plain' ? null : COLUMNS[flavour];
  const title = cell(columns?.title ?? 'title');
  if (!title) return { ok: false, id: String(row.line), error: `line ${row.line}: the ${columns?.title ?? 'title'} column is empty` };
  const id = cell(columns?.id ?? 'id') || String(row.line);
  const labels = flavour === 'jira' ? all('labels') : cell('labels').split(',').map((l) => l.trim()).filter(Boolean);
  const rawBody = cell(columns?.body ?? 'body') || cell('description');
  return {
    ok: true,
    ticket: makeTicket({
      id,
      title,
      description: flavour === 'jira' ? jiraWikiToPlainText(rawBody) : flavour === 'linear' ? linearMarkdownToPlainText(rawBody) : rawBody,
      kind: flavour === 'jira' ? jiraKindFromIssueType(cell('issue type')) : flavour === 'linear' ? linearKindFromLabels(labels) : toTicketKind(cell('kind')),
      labels,
      team: (flavour === 'linear' ? teamKeyFromIdentifier(id) : cell(columns?.team ?? 'team')) || null,
      author: cell(columns?.author ?? 'author') || null,
    }),
  };
}
