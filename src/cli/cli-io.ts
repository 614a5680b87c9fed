import type { Readable, Writable } from 'node:stream';

/**
 * The streams and directory a CLI run works with. bin/ passes the process's own; tests pass fakes,
 * so the CLI runs in-process and returns its exit code instead of setting it.
 */
export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly cwd: string;
  /** Read for NO_COLOR only; the process environment when left out. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Exit codes, documented in `ticketlint --help`. */
export const ExitCode = {
  /** The bot would comment on nothing. */
  ok: 0,
  /** The bot would comment on a ticket, a pack example fails or an input record is malformed. */
  findings: 1,
  /** A usage or configuration error: bad flag, unreadable file, invalid pack. */
  usage: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A mistake in how the CLI was called or configured; its message says what to do instead. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function writeLine(stream: Writable, line: string): void {
  stream.write(line + '\n');
}
