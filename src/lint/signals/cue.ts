import type { Evidence } from '../signal.js';
import type { TicketText } from '../ticket-text.js';
import { withLiteralGroupsAsTries } from './words-pattern.js';

/**
 * A cue is one explainable reason for a detector to fire: a pattern over the lower-cased text and
 * what it means. Patterns are linear (no nested quantifiers), so pathological input lints in bounded time.
 */
export interface Cue {
  readonly id: string;
  readonly pattern: RegExp;
  /** How much this cue counts; negative cues argue against the signal. */
  readonly weight: number;
  /** Only look in the title, or only in the body; default both. */
  readonly where?: 'title' | 'body';
  /**
   * What the cue must find and must not, as ESLint rules carry valid and invalid cases: one tester
   * (test/lint/signals/cues.test.ts) reads each text as the title (a title cue) or the body and runs it.
   */
  readonly examples: CueExamples;
}

export interface CueExamples {
  readonly match: readonly string[];
  readonly noMatch: readonly string[];
}

/** What a hit says about its reason: a cue, or a reading such as the title's verb (kind.ts). */
export type HitReason = Pick<Cue, 'id' | 'weight'>;

export interface CueHit {
  readonly cue: HitReason;
  readonly start: number;
  readonly end: number;
}

/** What a cue reads: a ticket's kind or one of its signals (the learned judgement names a cue `cue:<reading>/<id>`). */
export type CueReading = 'kind' | 'user' | 'outcome' | 'successMeasure' | 'alternatives';

/**
 * Cues switched off, each as `<reading>/<id>` (`outcome/pain`, `kind/gap`): `npm run cue-worth` reads the
 * corpus without each cue in turn, to measure what it is worth.
 */
export type CuesOff = ReadonlySet<string>;
export const NO_CUES_OFF: CuesOff = new Set();

/**
 * The hits of the cues that are on. Each cue's hits are found apart from every other cue's (findCues), so
 * leaving a cue's hits out reads the text exactly as deleting the cue would.
 */
export function cuesOn(hits: CueHit[], reading: CueReading, off: CuesOff): CueHit[] {
  return off.size === 0 ? hits : hits.filter((h) => !off.has(`${reading}/${h.cue.id}`));
}

/** Every hit of every cue, at most `perCue` per cue (the first ones, none overlapping the last). */
export function findCues(text: TicketText, cues: readonly Cue[], perCue = 3): CueHit[] {
  const hits: CueHit[] = [];
  for (const group of planFor(cues)) {
    const haystack = group.where === 'title' ? text.lowerTitle : text.lower;
    const from = group.where === 'body' ? text.titleEnd : 0;
    scanGroup(new GroupScan(group, haystack, perCue, hits), group.any, from);
  }
  return hits;
}

/**
 * One scan of the text with all of a group's patterns as one alternation: wherever that finds any
 * match, every member is tried at that very offset, so the text is read once per group.
 */
function scanGroup(scan: GroupScan, any: RegExp, from: number): void {
  any.lastIndex = from;
  for (let m = any.exec(scan.haystack); m && scan.open > 0; m = any.exec(scan.haystack)) {
    const at = m.index;
    any.lastIndex = at + 1;
    for (let member = 0; member < scan.group.members.length; member++) scan.tryAt(member, at);
  }
}

/**
 * One group's members over one text: how many hits each has, where its last one ends, how many may
 * still hit. The counts live in the group's own scratch arrays, zeroed for each scan: findCues runs
 * one scan at a time and calls nothing that could start another.
 */
class GroupScan {
  private readonly counts: Int32Array;
  private readonly ends: Int32Array;
  open: number;

  constructor(readonly group: CueGroup, readonly haystack: string, private readonly perCue: number, private readonly hits: CueHit[]) {
    this.counts = group.scratchCounts.fill(0);
    this.ends = group.scratchEnds.fill(0);
    this.open = group.members.length;
  }

  /** A member's pattern at one offset: a hit unless the member has all its hits or its last one covers the offset. */
  tryAt(member: number, at: number): void {
    if (this.counts[member]! >= this.perCue || at < this.ends[member]!) return;
    const { cue, sticky } = this.group.members[member]!;
    sticky.lastIndex = at;
    // test() leaves lastIndex at the match's end, without building a match array.
    if (!sticky.test(this.haystack) || sticky.lastIndex === at) return;
    const end = sticky.lastIndex;
    this.hits.push({ cue, start: at, end });
    this.ends[member] = end;
    if (++this.counts[member]! === this.perCue) this.open--;
  }
}

interface CueGroup {
  readonly where: Cue['where'];
  /** All the group's patterns as one alternation, to find where any of them may match. */
  readonly any: RegExp;
  readonly members: readonly { readonly cue: Cue; readonly sticky: RegExp }[];
  /** Per member, for GroupScan. */
  readonly scratchCounts: Int32Array;
  readonly scratchEnds: Int32Array;
}

const planCache = new WeakMap<readonly Cue[], readonly CueGroup[]>();

/**
 * The cues grouped by where they look, each pattern compiled as run: with every literal space
 * matching a run of spaces, since the lower-cased text keeps the author's spacing (Jira exports
 * turn line breaks into spaces).
 */
function planFor(cues: readonly Cue[]): readonly CueGroup[] {
  let plan = planCache.get(cues);
  if (!plan) {
    const groups: CueGroup[] = [];
    for (const where of [undefined, 'title', 'body'] as const) {
      const members = cues.filter((c) => c.where === where).map((cue) => {
        const source = withSpacesAsRuns(withLiteralGroupsAsTries(cue.pattern.source));
        return { cue, source, sticky: new RegExp(source, cue.pattern.flags.replace(/[gy]/g, '') + 'y') };
      });
      if (!members.length) continue;
      // Case-insensitive if any member is, so `any` finds every offset where a member may match.
      const flags = members.some((m) => m.cue.pattern.flags.includes('i')) ? 'gi' : 'g';
      const any = new RegExp(anyOf(members.map((m) => m.source)), flags);
      groups.push({
        where, any, members: members.map(({ cue, sticky }) => ({ cue, sticky })),
        scratchCounts: new Int32Array(members.length), scratchEnds: new Int32Array(members.length),
      });
    }
    plan = groups;
    planCache.set(cues, plan);
  }
  return plan;
}

/**
 * A pattern source with every literal space outside a character class (and not already quantified)
 * matching a run of spaces: `a b` becomes `a +b`, while `[\w -]` stays a class of word characters,
 * spaces and hyphens (a `+` put inside it would let the cue match a plus sign).
 */
export function withSpacesAsRuns(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      out += source.slice(i, i + 2);
      i++;
    } else if (c === '[') {
      const end = classEnd(source, i);
      out += source.slice(i, end + 1);
      i = end;
    } else {
      out += c === ' ' && !/[+*?{]/.test(source[i + 1] ?? '') ? ' +' : c;
    }
  }
  return out;
}

/**
 * One alternation that matches wherever any of `sources` does. Alternatives that open with `\b`
 * share a single `\b` in front: the word-boundary test then runs once per offset instead of once
 * per alternative, which halves the time of a scan.
 */
function anyOf(sources: readonly string[]): string {
  const alternatives = sources.flatMap(topLevelAlternatives);
  const atWordStart = alternatives.filter((a) => a.startsWith('\\b')).map((a) => a.slice(2));
  const elsewhere = alternatives.filter((a) => !a.startsWith('\\b'));
  return [...(atWordStart.length ? [`\\b(?:${atWordStart.join('|')})`] : []), ...elsewhere.map((a) => `(?:${a})`)].join('|');
}

/** The alternatives of a pattern source at its top level (outside groups and character classes). */
function topLevelAlternatives(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') i = classEnd(source, i);
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      parts.push(source.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(source.slice(from));
  return parts;
}

/** Where the character class opening at `open` closes (escapes inside it skipped). */
function classEnd(source: string, open: number): number {
  for (let i = open + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === ']') return i;
  }
  return source.length;
}

export function scoreOf(hits: readonly CueHit[]): number {
  return hits.reduce((sum, h) => sum + h.cue.weight, 0);
}

const EVIDENCE_CONTEXT = 60;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** WORD_CHAR for the code unit at `i`, with ASCII (letters and digits) answered without the regex. */
function isWordCharAt(s: string, i: number): boolean {
  const code = s.charCodeAt(i);
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  return WORD_CHAR.test(s[i]!);
}

/**
 * The words a person should see for a hit: the sentence (segment) that holds it, trimmed to a
 * readable window around the matched words when the sentence is long.
 */
export function evidenceFor(text: TicketText, hit: { start: number; end: number }): Evidence {
  const { start, end } = evidenceSpan(text, hit);
  return text.evidence(start, end);
}

/** Where evidenceFor quotes from and to, without cutting the quote out of the text yet. */
function evidenceSpan(text: TicketText, hit: { start: number; end: number }): { start: number; end: number } {
  // A cue may match from the punctuation or gap before a sentence; quote the sentence it points at.
  let at = hit.start;
  while (at < hit.end - 1 && !isWordCharAt(text.full, at)) at++;
  const seg = text.segmentAt(at);
  let start = seg ? seg.start : at;
  let end = seg ? Math.max(seg.end, hit.end) : hit.end;
  if (at - start > EVIDENCE_CONTEXT) start = wordStartAfter(text.full, at - EVIDENCE_CONTEXT);
  if (end - hit.end > EVIDENCE_CONTEXT) end = wordEndBefore(text.full, hit.end + EVIDENCE_CONTEXT);
  return { start, end };
}

/** Evidence for the positive hits, one per segment, strongest first. */
export function evidenceOf(text: TicketText, hits: readonly CueHit[], max = 3): Evidence[] {
  const positive = hits.filter((h) => h.cue.weight > 0).sort((a, b) => b.cue.weight - a.cue.weight || a.start - b.start);
  const out: Evidence[] = [];
  for (const h of positive) {
    // The quote is cut out only once it is kept: most hits fall in a sentence already quoted.
    const span = evidenceSpan(text, h);
    if (out.some((e) => e.start < span.end && span.start < e.end)) continue;
    out.push(text.evidence(span.start, span.end));
    if (out.length >= max) break;
  }
  return out;
}

function wordStartAfter(s: string, i: number): number {
  const sp = s.indexOf(' ', i);
  return sp === -1 ? i : sp + 1;
}

function wordEndBefore(s: string, i: number): number {
  const sp = s.lastIndexOf(' ', i);
  return sp <= 0 ? i : sp;
}
