import { lint } from '../../lint/lint.js';
import { verdictToJson, wouldComment, type Verdict } from '../../lint/verdict.js';
import { ExitCode, UsageError, writeLine, type CliIo } from '../cli-io.js';
import { readInputText } from '../input-source.js';
import { loadPackFor } from '../pack-option.js';
import { paintFor } from '../text-style.js';
import type { Ticket } from '../../domain/ticket.js';
import { readTicketRecords, recordToTicket, type InputFormat, type InputRecord } from '../ticket-input.js';
import { formatTally, formatVerdictText, type LintTally } from '../verdict-text.js';

export const LINT_FORMATS = ['text', 'json'] as const;

export interface LintFlags {
  readonly pack?: string;
  readonly format: (typeof LINT_FORMATS)[number];
  readonly input: InputFormat;
  readonly title?: string;
  readonly body?: string;
  /** The same as body, under the name Linear and Jira give it. */
  readonly description?: string;
  readonly team?: string;
  readonly kind?: string;
  readonly labels?: string;
}

/**
 * `ticketlint lint`: every record in input order, as text or one JSON line each. A malformed record
 * is reported where it stands and the others still run. Exit 1 when the bot would comment on any
 * ticket (wouldComment: a finding at warn or error) or a record is malformed, else 0; usage and pack
 * errors are thrown for the caller to turn into exit 2.
 */
export async function lintCommand(file: string | undefined, flags: LintFlags, io: CliIo): Promise<ExitCode> {
  const records = await readRecords(file, flags, io);
  const pack = loadPackFor(flags.pack, io.cwd);
  const env = io.env ?? {};
  const out = paintFor(io.stdout, env);
  const err = paintFor(io.stderr, env);
  const tally = { tickets: 0, outputOnly: 0, exempt: 0, needsContext: 0, wouldComment: 0, malformed: 0 };
  records.forEach((record, i) => {
    if (!record.ok) {
      tally.malformed++;
      if (flags.format === 'json') writeLine(io.stdout, JSON.stringify({ id: record.id, error: record.error }));
      else writeLine(io.stderr, `${err('red', 'error')} ${record.error}`);
      return;
    }
    const verdict = lint(record.ticket, pack);
    count(tally, verdict);
    if (flags.format === 'json') writeLine(io.stdout, JSON.stringify(verdictToJson(verdict)));
    else writeLine(io.stdout, (i > 0 ? '\n' : '') + formatVerdictText(verdict, out));
  });
  if (flags.format === 'text' && records.length > 1) writeLine(io.stdout, '\n' + formatTally(tally, out));
  return tally.wouldComment > 0 || tally.malformed > 0 ? ExitCode.findings : ExitCode.ok;
}

async function readRecords(file: string | undefined, flags: LintFlags, io: CliIo): Promise<InputRecord[]> {
  const ticket = ticketFromFlags(flags);
  if (ticket) {
    if (file !== undefined) throw new UsageError('give either FILE or --title, not both');
    return [{ ok: true, ticket }];
  }
  const source = file ?? '-';
  const records = readTicketRecords(await readInputText(source, io), flags.input);
  if (records.length === 0) {
    throw new UsageError(`no tickets in ${source === '-' ? 'standard input' : source}: give one JSON ticket or JSON Lines`);
  }
  return records;
}

/**
 * The ticket of `--title` and the flags that go with it (`--body` or `--description`, `--team`, `--kind`, `--labels a,b`);
 * null without `--title`, when none of the others may be given either.
 */
export function ticketFromFlags(flags: TicketFlags): Ticket | null {
  if (flags.title === undefined) {
    const stray = TICKET_FLAGS.find((flag) => flags[flag] !== undefined);
    if (stray) throw new UsageError(`--${stray} goes with --title`);
    return null;
  }
  if (flags.title.trim() === '') throw new UsageError('--title must not be empty');
  if (flags.body !== undefined && flags.description !== undefined) throw new UsageError('give the body once: --body or --description, not both');
  const labels = flags.labels?.split(',').map((l) => l.trim()).filter(Boolean);
  return recordToTicket({ title: flags.title.trim(), body: flags.body ?? flags.description ?? '', team: flags.team ?? null, kind: flags.kind, labels }, '1');
}

const TICKET_FLAGS = ['body', 'description', 'team', 'kind', 'labels'] as const;

export type TicketFlags = Pick<LintFlags, 'title' | 'body' | 'description' | 'team' | 'kind' | 'labels'>;

function count(tally: { -readonly [K in keyof LintTally]: number }, verdict: Verdict): void {
  tally.tickets++;
  if (verdict.exemptBecause !== null) tally.exempt++;
  else if (verdict.outputOnly) tally.outputOnly++;
  else if (wouldComment(verdict)) tally.needsContext++;
  if (wouldComment(verdict)) tally.wouldComment++;
}
