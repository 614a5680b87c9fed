import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { PackError } from '../lint/pack/pack-error.js';
import { ExitCode, UsageError, writeLine, type CliIo } from './cli-io.js';
import { TicketKindSchema } from '../domain/ticket.js';
import { LINT_FORMATS, lintCommand, type LintFlags, type TicketFlags } from './commands/lint-command.js';
import { addOpsCommands } from './commands/ops-commands.js';
import { printPackCommand } from './commands/print-pack-command.js';
import { testPackCommand } from './commands/test-pack-command.js';
import { validateCommand } from './commands/validate-command.js';
import { DEFAULT_EVAL_CONCURRENCY, evalCommand } from './eval/eval-command.js';
import { JUDGE_NAMES, type JudgeName } from '../lint/judge/judge.js';
import { SPLITS, type Split } from './eval/holdout-split.js';
import { READING_FIELDS, type ReadingField } from './eval/metrics.js';
import { INPUT_FORMATS } from './ticket-input.js';

const EXIT_CODES_HELP = `
Exit codes:
  0  the bot would comment on no ticket (lint), every example passes (test-pack), pack valid (validate)
  1  the bot would comment on a ticket (a finding at warn or error: "would comment: yes") or a
     malformed input record (lint), a failing example (test-pack)
  2  usage or configuration error: bad flag, unreadable file, invalid pack (the message names
     the file, the path inside it and what was expected)`;

/**
 * The ticketlint CLI. Returns the exit code instead of setting it, so it runs in-process in tests;
 * only bin/ticketlint.js touches process.exitCode.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const withEnv: CliIo = { ...io, env: io.env ?? process.env };
  const result = { code: ExitCode.ok as number };
  try {
    await buildProgram(withEnv, result).parseAsync([...argv], { from: 'user' });
    return result.code;
  } catch (error) {
    return exitCodeFor(error, withEnv);
  }
}

function exitCodeFor(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    // Commander has already printed the help or the error.
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? ExitCode.ok : ExitCode.usage;
  }
  if (error instanceof UsageError || error instanceof PackError) {
    writeLine(io.stderr, `ticketlint: ${error.message}`);
    return ExitCode.usage;
  }
  throw error;
}

function buildProgram(io: CliIo, result: { code: number }): Command {
  const program = new Command('ticketlint')
    .description('Flags output-only tickets (a deliverable with no why) and asks the questions that fix them.')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', EXIT_CODES_HELP);
  addLintCommand(program, io, result);
  addTestPackCommand(program, io, result);
  addValidateCommand(program, io, result);
  addPrintPackCommand(program, io, result);
  addEvalCommand(program, io, result);
  addOpsCommands(program, io, result);
  return program;
}

const packOption = (): Option =>
  new Option('-p, --pack <name|path>', 'rule pack: a bundled name or a YAML file (default: the bundled default pack)');

/** One ticket on the command line: `--title` and what goes with it. */
function addTicketOptions(command: Command): Command {
  return command
    .option('-t, --title <text>', 'quick check of one ticket given on the command line')
    .option('-b, --body <text>', 'the body for --title')
    .option('-d, --description <text>', 'the same as --body: what Linear and Jira call it')
    .option('--team <key>', 'the Linear team key or Jira project key for --title (overrides and when match it)')
    .addOption(new Option('--kind <kind>', 'what the tracker calls the --title ticket').choices(TicketKindSchema.options.filter((k) => k !== 'unknown')))
    .option('--labels <a,b>', 'labels of the --title ticket, comma-separated');
}

function addLintCommand(program: Command, io: CliIo, result: { code: number }): void {
  const lint = program
    .command('lint')
    .description('lint tickets: one JSON ticket, a JSON array, JSON Lines ({"title", "body" or "description", "id"?, "kind"?, "labels"?, "team"?, "author"?}) or CSV exported from Linear or Jira')
    .argument('[file]', 'input file; "-" or nothing reads standard input')
    .addOption(packOption())
    .addOption(new Option('-f, --format <format>', 'text for people, json for one verdict per line').choices(LINT_FORMATS).default('text'))
    .addOption(new Option('-i, --input <format>', 'auto: CSV when the first line is a header with Title or Summary, else JSON').choices(INPUT_FORMATS).default('auto'));
  addTicketOptions(lint)
    .addHelpText('after', `
Examples:
  $ ticketlint lint --title "Add CSV export"
  $ ticketlint lint --title "Add a seat usage report" --team GROWTH --pack rules/examples/team-levels.yaml
  $ ticketlint lint tickets.jsonl --format json > verdicts.jsonl
  $ ticketlint lint jira-export.csv
  $ cat ticket.json | ticketlint lint --pack rules/acme.yaml

"would comment: yes" is what the bot would do: comment when a rule fires at warn or error level.

A malformed record is reported ({"id": "3", "error": "line 3: ..."} in json, on stderr in text)
and the others are still linted; it makes the exit code 1.
${EXIT_CODES_HELP}`)
    .action(async (file: string | undefined, flags: LintFlags) => {
      result.code = await lintCommand(file, flags, io);
    });
}

function addTestPackCommand(program: Command, io: CliIo, result: { code: number }): void {
  program
    .command('test-pack')
    .description("run a pack's examples: flagged ones must be flagged, passing ones must pass")
    .argument('<path>', 'pack YAML file')
    .addHelpText('after', `
Examples:
  $ ticketlint test-pack rules/acme.yaml

Exit 0 when every example behaves, 1 when one does not, 2 when the pack is invalid.`)
    .action((path: string) => {
      result.code = testPackCommand(path, io);
    });
}

function addValidateCommand(program: Command, io: CliIo, result: { code: number }): void {
  program
    .command('validate')
    .description('load and validate a pack without running it')
    .argument('<path>', 'pack YAML file')
    .addHelpText('after', `
Examples:
  $ ticketlint validate rules/acme.yaml
  rules/acme.yaml: ok (7 rules, extends product-sense)

Exit 0 when valid, 2 with the file, the path inside it and what was expected when not.`)
    .action((path: string) => {
      result.code = validateCommand(path, io);
    });
}

function addPrintPackCommand(program: Command, io: CliIo, result: { code: number }): void {
  const command = program
    .command('print-pack')
    .description('print a pack as it runs, every extends merged and every default filled in; with --title, which profile and rule levels apply to that ticket')
    .argument('<pack>', 'a bundled pack name or a YAML file');
  addTicketOptions(command)
    .addHelpText('after', `
Examples:
  $ ticketlint print-pack strict
  $ ticketlint print-pack rules/examples/team-levels.yaml --title "Add CSV export" --team GROWTH`)
    .action((ref: string, flags: TicketFlags) => {
      result.code = printPackCommand(ref, flags, io);
    });
}

interface EvalOptions {
  pack?: string;
  json: boolean;
  split: Split;
  holdout?: boolean;
  errors?: boolean;
  showMisses?: boolean;
  field?: ReadingField;
  judge: JudgeName;
  concurrency: number;
}

/** Commander's parser of a whole number of at least 1; anything else is a usage error naming the option. */
function positiveInteger(option: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${option}: expected a whole number of at least 1, got ${value}`);
    return n;
  };
}

function addEvalCommand(program: Command, io: CliIo, result: { code: number }): void {
  program
    .command('eval')
    .description('score the engine against a labelled corpus (JSON Lines: id, title, body, label)')
    .argument('<corpus>', 'labelled corpus file')
    .addOption(packOption())
    .option('--json', 'print the figures as JSON', false)
    .addOption(new Option('--split <split>', 'which tickets: all, dev (~70%) or holdout (~30%), by a stable hash of id').choices(SPLITS).default('all'))
    .option('--holdout', 'same as --split holdout')
    .option('--errors', 'also list the misread tickets (id, expected→got, title)')
    .option('--show-misses', 'same as --errors')
    .addOption(new Option('--field <field>', 'list misses of this field only (implies --errors)').choices(READING_FIELDS))
    .addOption(new Option('--judge <judge>', 'who reads the tickets: the offline judgement, or the language model of LLM_PROVIDER, LLM_BASE_URL, LLM_API_KEY, LLM_MODEL').choices(JUDGE_NAMES).default('offline'))
    .addOption(new Option('--concurrency <n>', 'with --judge llm: at most this many calls to the model at once').default(DEFAULT_EVAL_CONCURRENCY).argParser(positiveInteger('--concurrency')))
    .addHelpText('after', `
Examples:
  $ npm run eval -- ../shared/corpus/dev.jsonl
  $ ticketlint eval corpus.jsonl --split dev --errors --field outcome
  $ ticketlint eval corpus.jsonl --holdout --json
  $ LLM_PROVIDER=openai LLM_BASE_URL=http://localhost:11434/v1 LLM_MODEL=llama3.1:8b ticketlint eval corpus.jsonl --judge llm --concurrency 2`)
    .action(async (corpus: string, o: EvalOptions) => {
      const split = o.holdout ? 'holdout' : o.split;
      const errors = Boolean(o.errors || o.showMisses);
      result.code = await evalCommand(corpus, { pack: o.pack, json: o.json, split, errors, field: o.field, judge: o.judge, concurrency: o.concurrency }, io);
    });
}
