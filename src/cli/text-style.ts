import type { Writable } from 'node:stream';
import { styleText } from 'node:util';

export type Style = Parameters<typeof styleText>[0];
/** Wraps text in a style, or returns it unchanged when colour is off. */
export type Paint = (style: Style, text: string) => string;

export const NO_PAINT: Paint = (_style, text) => text;

/**
 * Colour only for a person at a terminal: the stream is a TTY and NO_COLOR is unset or empty
 * (https://no-color.org). Node 20's styleText always emits codes, so the decision is made here.
 */
export function paintFor(stream: Writable, env: Readonly<Record<string, string | undefined>>): Paint {
  const isTty = (stream as Writable & { isTTY?: boolean }).isTTY === true;
  const noColor = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
  if (!isTty || noColor) return NO_PAINT;
  return (style, text) => styleText(style, text, { validateStream: false });
}
