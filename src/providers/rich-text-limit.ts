import { MAX_TEXT_LENGTH } from '../lint/ticket-text.js';

/**
 * How much of one description or comment the flatteners read. The engine reads the first MAX_TEXT_LENGTH
 * characters of plain text; markup, link targets and code blocks take room that plain text does not,
 * so the flatteners read twice that. Beyond it the engine would read nothing more of a ticket written
 * in words, and a megabyte of hostile markup costs what 40,000 characters do (a few milliseconds).
 */
export const MAX_RICH_TEXT_LENGTH = 2 * MAX_TEXT_LENGTH;

/** The first MAX_RICH_TEXT_LENGTH characters of `text`, never ending in half a surrogate pair. */
export function capRichText(text: string): string {
  if (text.length <= MAX_RICH_TEXT_LENGTH) return text;
  const end = isHighSurrogate(text.charCodeAt(MAX_RICH_TEXT_LENGTH - 1)) ? MAX_RICH_TEXT_LENGTH - 1 : MAX_RICH_TEXT_LENGTH;
  return text.slice(0, end);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
