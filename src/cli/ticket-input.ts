import { z } from 'zod';
import { makeTicket, type Ticket } from '../domain/ticket.js';
import { looksLikeCsvHeader, readCsvTickets } from './csv-tickets.js';
import { toTicketKind } from './ticket-kind.js';

export { toTicketKind };

const requiredString = (what: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? 'is required' : `must be ${what}`) });

/**
 * One ticket as the CLI reads it (a line of JSON Lines, or a whole JSON document). Unknown keys are
 * ignored, so a labelled corpus file can be linted as it is.
 */
export const TicketRecordSchema = z.object({
  id: z.union([z.string().min(1, 'must not be empty'), z.number()], { error: 'must be a non-empty string or a number' }).optional(),
  title: requiredString('a string').trim().min(1, 'must not be empty'),
  /** `body`, or `description` as trackers call it; missing or null is an empty description. */
  body: z.string({ error: 'must be a string' }).nullable().optional(),
  description: z.string({ error: 'must be a string' }).nullable().optional(),
  kind: z.string({ error: 'must be a string (feature, bug or task)' }).optional(),
  labels: z.array(z.string(), { error: 'must be an array of strings' }).optional(),
  team: z.string({ error: 'must be a string' }).nullable().optional(),
  author: z.string({ error: 'must be a string' }).nullable().optional(),
});
export type TicketRecord = z.infer<typeof TicketRecordSchema>;

/** One record of the input: a ticket to lint, or what was wrong with it. */
export type InputRecord =
  | { readonly ok: true; readonly ticket: Ticket }
  | { readonly ok: false; readonly id: string; readonly error: string };

export function recordToTicket(record: TicketRecord, defaultId: string): Ticket {
  return makeTicket({
    id: record.id === undefined ? defaultId : String(record.id),
    title: record.title,
    description: record.body ?? record.description ?? '',
    kind: toTicketKind(record.kind),
    labels: record.labels ?? [],
    team: record.team ?? null,
    author: record.author ?? null,
  });
}

export const INPUT_FORMATS = ['auto', 'json', 'csv'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

/**
 * Reads one JSON ticket (pretty-printed or not), a JSON array of tickets, JSON Lines, or CSV as Linear
 * and Jira export it (`auto` takes CSV when the first line is a header naming a Title or Summary
 * column). A UTF-8 byte order mark is skipped. A record that is not valid JSON or not a ticket becomes
 * an error record naming its line; the others still count.
 */
export function readTicketRecords(input: string, format: InputFormat = 'auto'): InputRecord[] {
  const text = input.replace(/^\uFEFF/, '');
  if (format === 'csv' || (format === 'auto' && !/^\s*[[{]/.test(text) && looksLikeCsvHeader(text))) return readCsvTickets(text);
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const whole = tryParse(trimmed);
  if (whole.ok) {
    if (Array.isArray(whole.value)) return whole.value.map((v, i) => toRecord(v, i + 1, 'record'));
    return [toRecord(whole.value, 1, 'record')];
  }
  const firstLine = trimmed.split('\n', 1)[0]!.trim();
  if (firstLine === '{' || firstLine === '[') {
    return [{ ok: false, id: '1', error: `input: not valid JSON (${whole.error})` }];
  }
  return readJsonLines(text);
}

function readJsonLines(text: string): InputRecord[] {
  const records: InputRecord[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const parsed = tryParse(line);
    records.push(parsed.ok
      ? toRecord(parsed.value, index + 1, 'line')
      : { ok: false, id: String(index + 1), error: `line ${index + 1}: not valid JSON (${parsed.error})` });
  });
  return records;
}

function toRecord(value: unknown, n: number, unit: 'line' | 'record'): InputRecord {
  const result = TicketRecordSchema.safeParse(value);
  if (result.success) return { ok: true, ticket: recordToTicket(result.data, String(n)) };
  return { ok: false, id: String(n), error: `${unit} ${n}: ${describeIssues(result.error)}` };
}

/** Zod's issues as one line: "title must not be empty; body is required". */
export function describeIssues(error: z.ZodError, whatARecordIs = 'a JSON object with title and body'): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')} ${issue.message}` : `expected ${whatARecordIs}`))
    .join('; ');
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}
