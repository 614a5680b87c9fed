import type { Writable } from 'node:stream';

/** How a long run reports itself: one more ticket done, and the end. */
export interface Progress {
  tick(): void;
  done(): void;
}

export interface ProgressOptions {
  /** A plain line no more often than this, when the stream is not a terminal; default 5 s. */
  readonly everyMs?: number;
  readonly now?: () => number;
}

const BAR_WIDTH = 30;

/**
 * Progress on `stream` (stderr, so stdout holds only the table): on a terminal a bar redrawn in place,
 * `[██████░░░░…]  40/100`; elsewhere (a CI log, a pipe) a plain `40/100` line every few seconds and one at
 * the end, since carriage returns make a mess of a log file.
 */
export function progressOn(stream: Writable & { isTTY?: boolean }, total: number, options: ProgressOptions = {}): Progress {
  const now = options.now ?? Date.now;
  const everyMs = options.everyMs ?? 5000;
  let count = 0;
  let lastLine = now();
  if (stream.isTTY) {
    const draw = (): void => {
      const filled = total === 0 ? BAR_WIDTH : Math.round((count / total) * BAR_WIDTH);
      stream.write(`\r[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${count}/${total}`);
    };
    draw();
    return { tick: () => { count += 1; draw(); }, done: () => stream.write('\n') };
  }
  return {
    tick: () => {
      count += 1;
      if (count < total && now() - lastLine >= everyMs) {
        lastLine = now();
        stream.write(`${count}/${total}\n`);
      }
    },
    done: () => { stream.write(`${count}/${total}\n`); },
  };
}
