import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../src/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process with string streams in place of the process's own; colour is off (not a TTY). */
export async function runInProcess(argv: readonly string[], options: { stdin?: string; cwd?: string; env?: Readonly<Record<string, string>> } = {}): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await runCli(argv, {
    stdin: Readable.from([Buffer.from(options.stdin ?? '')]),
    stdout,
    stderr,
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
  });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

/** A temporary folder for one test file's inputs and packs, removed by `remove()`. */
export function scratchDir(): { dir: string; write: (name: string, text: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'ticketlint-cli-'));
  return {
    dir,
    write: (name, text) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export const jsonLines = (text: string): unknown[] => text.trim().split('\n').map((l) => JSON.parse(l) as unknown);

/**
 * A pack whose findings do not depend on how the detectors read text: `bare-bug-report` always fires
 * on a ticket the tracker calls a bug with an empty body, and no rule applies to a task.
 */
export const BARE_BUG_PACK = `name: cli-test
exempt:
  labels: [no-lint]
rules:
  bare-bug:
    kind: bare-bug-report
    level: error
    question: What goes wrong, and what should happen instead?
examples:
  flagged:
    - title: Login is broken
      kind: bug
  passes:
    - title: Upgrade the build to Node 22
      kind: task
`;

export const bug = (title: string, extra: Record<string, unknown> = {}): string => JSON.stringify({ title, body: '', kind: 'bug', ...extra });
export const task = (title: string, extra: Record<string, unknown> = {}): string => JSON.stringify({ title, body: '', kind: 'task', ...extra });
