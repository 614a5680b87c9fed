import type { Evidence } from '../signal.js';
import type { TicketText } from '../ticket-text.js';

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
}

export interface CueHit {
  readonly cue: Cue;
  readonly start: number;
  readonly end: number;
}

/** Every hit of every cue, at most `perCue` per cue (the first ones). */
export function findCues(text: TicketText, cues: readonly Cue[], perCue = 3): CueHit[] {
  const hits: CueHit[] = [];
  const bodyStart = text.titleEnd;
  for (const cue of cues) {
    const re = compiled(cue);
    const from = cue.where === 'body' ? bodyStart : 0;
    const until = cue.where === 'title' ? text.titleEnd : text.lower.length;
    re.lastIndex = from;
    let found = 0;
    for (let m = re.exec(text.lower); m && found < perCue; m = re.exec(text.lower)) {
      if (m.index >= until) break;
      if (m[0].length === 0) { re.lastIndex++; continue; }
      hits.push({ cue, start: m.index, end: m.index + m[0].length });
      found++;
    }
  }
  return hits;
}

const compiledCache = new WeakMap<Cue, RegExp>();

/**
 * The cue's pattern as run: global, and with each literal space matching a run of spaces, since
 * the lower-cased text keeps the author's spacing (Jira exports turn line breaks into spaces).
 */
function compiled(cue: Cue): RegExp {
  let re = compiledCache.get(cue);
  if (!re) {
    const flags = cue.pattern.flags.includes('g') ? cue.pattern.flags : cue.pattern.flags + 'g';
    re = new RegExp(cue.pattern.source.replace(/ (?![+*?{])/g, ' +'), flags);
    compiledCache.set(cue, re);
  }
  return re;
}

export function scoreOf(hits: readonly CueHit[]): number {
  return hits.reduce((sum, h) => sum + h.cue.weight, 0);
}

const EVIDENCE_CONTEXT = 60;

/**
 * The words a person should see for a hit: the sentence (segment) that holds it, trimmed to a
 * readable window around the matched words when the sentence is long.
 */
export function evidenceFor(text: TicketText, hit: { start: number; end: number }): Evidence {
  const seg = text.segmentAt(hit.start);
  let start = seg ? seg.start : hit.start;
  let end = seg ? Math.max(seg.end, hit.end) : hit.end;
  if (hit.start - start > EVIDENCE_CONTEXT) start = wordStartAfter(text.full, hit.start - EVIDENCE_CONTEXT);
  if (end - hit.end > EVIDENCE_CONTEXT) end = wordEndBefore(text.full, hit.end + EVIDENCE_CONTEXT);
  return text.evidence(start, end);
}

/** Evidence for the positive hits, one per segment, strongest first. */
export function evidenceOf(text: TicketText, hits: readonly CueHit[], max = 3): Evidence[] {
  const positive = hits.filter((h) => h.cue.weight > 0).sort((a, b) => b.cue.weight - a.cue.weight || a.start - b.start);
  const out: Evidence[] = [];
  for (const h of positive) {
    const ev = evidenceFor(text, h);
    if (out.some((e) => e.start < ev.end && ev.start < e.end)) continue;
    out.push(ev);
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
