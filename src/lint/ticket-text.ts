import type { Evidence } from './signal.js';

/** A stretch of the ticket's text: a sentence, a list item or a heading. */
export interface Segment {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** 'title' for the title, 'body' for everything else. */
  readonly field: 'title' | 'body';
}

const TITLE_BODY_GAP = '\n\n';
/** Per-ticket bound: longer texts are read up to here, so a megabyte description lints in bounded time. */
export const MAX_TEXT_LENGTH = 20_000;

/**
 * The ticket's title and description as one plain text, with a lower-case twin of the same length
 * (so offsets found in one are valid in the other) and its segments, for quoting evidence.
 * In the twin, every white-space character but the line break is a plain space (a line break ends a
 * phrase: "## Problem" and the sentence under it are not one), and code blocks and URLs are blanked
 * out: words inside a stack trace or a link are not the author speaking.
 */
export class TicketText {
  private segmentsRead: readonly Segment[] | undefined;
  private lowerTitleRead: string | undefined;

  private constructor(
    readonly full: string,
    readonly lower: string,
    readonly titleEnd: number,
  ) {}

  /** The sentences, list items and headings, split on first use: only evidence needs them. */
  get segments(): readonly Segment[] {
    return (this.segmentsRead ??= splitSegments(this.full, this.titleEnd));
  }

  /** The lower-cased title alone, so a cue about the title never scans the body. */
  get lowerTitle(): string {
    return (this.lowerTitleRead ??= this.lower.slice(0, this.titleEnd));
  }

  static of(title: string, description: string): TicketText {
    const t = title.trim();
    const d = description.trim();
    const joined = d ? t + TITLE_BODY_GAP + d : t;
    const full = joined.length > MAX_TEXT_LENGTH ? joined.slice(0, MAX_TEXT_LENGTH) : joined;
    const lower = lowerSameLength(full);
    const titleEnd = Math.min(t.length, full.length);
    return new TicketText(full, lower, titleEnd);
  }

  get title(): string {
    return this.full.slice(0, this.titleEnd);
  }

  get body(): string {
    return this.full.slice(Math.min(this.full.length, this.titleEnd + TITLE_BODY_GAP.length));
  }

  get hasBody(): boolean {
    return this.full.length > this.titleEnd;
  }

  evidence(start: number, end: number): Evidence {
    return { text: this.full.slice(start, end).trim(), start, end };
  }

  /** The segment holding `offset`, as evidence. */
  segmentAt(offset: number): Segment | undefined {
    // Segments follow one another without overlapping: the last one starting at or before `offset` is the only candidate.
    const segments = this.segments;
    let low = 0;
    let high = segments.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (segments[middle]!.start <= offset) low = middle + 1;
      else high = middle - 1;
    }
    const candidate = segments[high];
    return candidate && offset < candidate.end ? candidate : undefined;
  }
}

/** Fenced and Jira code blocks, inline code spans, URLs and GitHub's issue-template placeholders: not prose. */
const NOT_PROSE = /```[^]*?(?:```|$)|\ba clear and concise description of [^.\n]{0,120}\.?|\b(?:ex\. )?i'm always frustrated when \[\.\.\.\]|\badd any other context [^.\n]{0,120}\.?|\{(code|noformat)[^}]*\}[^]*?(?:\{\1\}|$)|`[^`\n]{1,200}`|\bhttps?:\/\/\S+/g;

function lowerSameLength(text: string): string {
  let lower = text.toLowerCase();
  if (lower.length !== text.length) {
    lower = '';
    for (const ch of text) {
      const l = ch.toLowerCase();
      lower += l.length === ch.length ? l : ch;
    }
  }
  lower = lower.replace(/[^\S \n]/g, ' ');
  if (mayHoldNotProse(lower)) lower = lower.replace(NOT_PROSE, (m) => ' '.repeat(m.length));
  // LONG_GAP matches exactly where four spaces stand in a row.
  if (lower.includes('    ')) lower = lower.replace(LONG_GAP, (m) => '   ' + GAP_FILL.repeat(m.length - 3));
  return lower;
}

/**
 * Each alternative of NOT_PROSE holds one of these marks literally; a search for them is far cheaper
 * than the pattern's scan, and most tickets hold none. A long mark is looked for only where a
 * shorter piece of it (its sign) occurs, which a search finds sooner.
 */
const NOT_PROSE_MARKS: readonly { readonly sign: string; readonly mark: string }[] = [
  { sign: '`', mark: '`' },
  { sign: '{', mark: '{' },
  { sign: 'http', mark: 'http' },
  { sign: 'ption of', mark: 'a clear and concise description of' },
  { sign: "'m al", mark: "i'm always frustrated when" },
  { sign: 'xt', mark: 'add any other context' },
];

function mayHoldNotProse(lower: string): boolean {
  for (const { sign, mark } of NOT_PROSE_MARKS) if (lower.includes(sign) && lower.includes(mark)) return true;
  return false;
}

/**
 * A run of more than three spaces (a blanked code block, a collapsed paragraph break) keeps three
 * and is filled with a character that is neither a word nor a space: no phrase spans it, and no
 * pattern can backtrack through it, so lint time stays linear in the length of the text.
 */
const LONG_GAP = / {4,}/g;
export const GAP_FILL = '\u01c2';

/**
 * Where one segment ends: sentence punctuation before a space, a line break, a run of 3+ spaces
 * (Jira exports collapse line breaks into spaces) or a list bullet after 2+ spaces. (A hand-written
 * scanner was measured against this pattern: slower, as V8 runs the pattern in native code.) The look-behind
 * starts a run of punctuation only at its first character: without it, 20,000 dots took 3 s (each start
 * scanned the rest of the run).
 */
const SEGMENT_BREAK = /(?<![.!?])[.!?]+(?=\s)|\n+|\s{3,}|\s{2}(?=[-*#] |\d+\. )/g;

function splitSegments(full: string, titleEnd: number): Segment[] {
  const segments: Segment[] = [];
  pushSegment(segments, full, 0, titleEnd, titleEnd);
  let from = titleEnd;
  SEGMENT_BREAK.lastIndex = titleEnd;
  for (let m = SEGMENT_BREAK.exec(full); m; m = SEGMENT_BREAK.exec(full)) {
    const first = m[0].charCodeAt(0);
    const end = m.index + (first === 46 || first === 33 || first === 63 ? m[0].length : 0);
    pushSegment(segments, full, from, end, titleEnd);
    from = m.index + m[0].length;
  }
  pushSegment(segments, full, from, full.length, titleEnd);
  return segments;
}

/** The segment from `start` to `end`, white space trimmed off both ends, unless nothing is left. */
function pushSegment(segments: Segment[], full: string, start: number, end: number, titleEnd: number): void {
  while (start < end && isWhiteSpace(full.charCodeAt(start))) start++;
  while (end > start && isWhiteSpace(full.charCodeAt(end - 1))) end--;
  if (end > start) segments.push(new TextSegment(full, start, end, start < titleEnd ? 'title' : 'body'));
}

/** A segment that cuts its text out of the ticket's only when asked: most segments are never quoted. */
class TextSegment implements Segment {
  constructor(
    private readonly full: string,
    readonly start: number,
    readonly end: number,
    readonly field: 'title' | 'body',
  ) {}

  get text(): string {
    return this.full.slice(this.start, this.end);
  }
}

/** Whether a UTF-16 code unit is white space as `\s` means it (ECMAScript WhiteSpace and LineTerminator), without a regex. */
export function isWhiteSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029
    || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** How many words `s.split(' ').filter(Boolean)` would give: runs of characters other than the plain space. */
export function countSpaceSeparated(s: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const isSpace = s.charCodeAt(i) === 32;
    if (!isSpace && !inWord) words++;
    inWord = !isSpace;
  }
  return words;
}
