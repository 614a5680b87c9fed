import type { Analysis } from '../analysis.js';
import type { TicketText } from '../ticket-text.js';

/**
 * What the learned judgement reads off a ticket: named, binary features, so a weight in the shipped
 * model can be read as "this word in the title pushes towards bug by 1.3".
 *
 * - `t:word`, `t:word_word`: the title's words and word pairs; `t0:word`: the title's first word (after
 *   a bracketed tag such as "[Feature]");
 * - `word`, `word_word`: the words and pairs of title and body together;
 * - `cue:…`: what the cue engine read (its kind, each signal, output-only, and which cues fired, as
 *   `cue:outcome/pain` or `cue:kind/bug:failure`): the hand-written phrases are inputs the model weighs;
 * - `shape:…`: the ticket's shape (an empty body, its length, code, a stack trace, a checklist);
 * - `label:…` and `type:…`: the tracker's labels and type, folded to a few names.
 *
 * Linear in the text's length: one pass of one regular expression with no nested quantifiers, over
 * text that TicketText has already capped.
 */
export function ticketFeatures(text: TicketText, analysis: CueReading, tracker: TrackerHints): string[] {
  const features = new Set<string>();
  const titleWords = words(text.title);
  addWordFeatures(features, 't:', titleWords);
  const first = titleWords.find((w) => !TITLE_TAGS.has(w));
  if (first !== undefined) features.add('t0:' + first);
  const bodyWords = words(text.body);
  addWordFeatures(features, '', titleWords.concat(['|'], bodyWords));
  features.delete('|');
  for (const cue of cueFeatures(analysis)) features.add(cue);
  for (const shape of shapeFeatures(text.title, text.body, bodyWords.length)) features.add(shape);
  for (const label of tracker.labels) {
    const folded = foldLabel(label);
    if (folded) features.add('label:' + folded);
  }
  if (tracker.kind !== 'unknown') features.add('type:' + tracker.kind);
  return [...features];
}

/** The parts of the cue engine's analysis the model reads. */
export type CueReading = Pick<Analysis, 'kind' | 'outputOnly' | 'kindCues'> & {
  readonly signals: { readonly [K in 'user' | 'outcome' | 'successMeasure' | 'alternatives' | 'deliverable']: { readonly present: boolean; readonly cues?: readonly string[] } };
};

export interface TrackerHints {
  readonly labels: readonly string[];
  readonly kind: 'feature' | 'bug' | 'task' | 'unknown';
}

/** Words of a sentence alone (no cue or shape features), for finding the sentence that carries a signal. */
export function sentenceFeatures(sentence: string): string[] {
  const features = new Set<string>();
  addWordFeatures(features, '', words(sentence));
  return [...features];
}

const WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu;
/** Tags a title often opens with; the word after them is the title's real first word. */
const TITLE_TAGS = new Set(['feature', 'feat', 'bug', 'enhancement', 'request', 'fr', 'rfe', 'proposal', 'idea', 'suggestion', 'task', 'chore', 'docs']);

export function words(text: string): string[] {
  const out: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const w = match[0];
    out.push(/^\d+$/.test(w) ? (w.length <= 2 ? w : '#num') : w);
  }
  return out;
}

function addWordFeatures(features: Set<string>, prefix: string, list: readonly string[]): void {
  for (let i = 0; i < list.length; i++) {
    const w = list[i]!;
    features.add(prefix + w);
    const next = list[i + 1];
    if (next !== undefined && w !== '|' && next !== '|') features.add(prefix + w + '_' + next);
  }
}

function cueFeatures(analysis: CueReading): string[] {
  const out = ['cue:kind=' + analysis.kind];
  const s = analysis.signals;
  if (s.user.present) out.push('cue:user');
  if (s.outcome.present) out.push('cue:outcome');
  if (s.successMeasure.present) out.push('cue:successMeasure');
  if (s.alternatives.present) out.push('cue:alternatives');
  if (s.deliverable.present) out.push('cue:deliverable');
  if (analysis.outputOnly) out.push('cue:outputOnly');
  // Which cues fired, not only whether a signal did: the model learns which phrases it can trust.
  for (const id of analysis.kindCues ?? []) out.push('cue:kind/' + id);
  for (const name of ['user', 'outcome', 'successMeasure', 'alternatives'] as const) for (const id of s[name].cues ?? []) out.push(`cue:${name}/${id}`);
  return out;
}

const LENGTH_BUCKETS = [0, 8, 25, 60, 150, 400];

function shapeFeatures(title: string, body: string, bodyWordCount: number): string[] {
  const out: string[] = [];
  let bucket = 0;
  for (let i = 0; i < LENGTH_BUCKETS.length; i++) if (bodyWordCount > LENGTH_BUCKETS[i]!) bucket = i + 1;
  out.push('shape:body-words-' + bucket);
  if (body.includes('```') || body.includes('{code') || body.includes('{noformat')) out.push('shape:code-block');
  if (hasStackTrace(body)) out.push('shape:stack-trace');
  if (/https?:\/\//.test(body)) out.push('shape:link');
  if (/\[[ xX]\]/.test(body)) out.push('shape:checklist');
  if (/(^|\n)[ \t]*#{1,6} /.test(body) || /(^|\s)h[1-6]\. /.test(body)) out.push('shape:heading');
  if (title.trim().endsWith('?')) out.push('shape:title-question');
  if (/(^|\n)[ \t]*(?:[-*•]|\d+[.)]) /.test(body) || / {2}(?:\*|#|-) /.test(body)) out.push('shape:list');
  return out;
}

/** True when the body holds a stack trace (the `shape:stack-trace` feature; the LLM judge's screen reads it too). */
export function hasStackTrace(body: string): boolean {
  return STACK_TRACE.test(body);
}

/** "at com.acme.Foo.bar(Foo.java:12)", "Traceback (most recent call last)", "Exception in thread". */
const STACK_TRACE = /\bat [\w$.]+\([\w$]+\.\w+:\d+\)|Traceback \(most recent call last\)|Exception in thread|\b[A-Za-z]\w*(?:Error|Exception): /;

/** Tracker labels folded to the few names that say what a ticket is; other labels are not read. */
function foldLabel(label: string): string | null {
  const l = label.toLowerCase();
  if (/bug|defect|regression|crash/.test(l)) return 'bug';
  if (/feature|enhancement|improvement|request|proposal|idea|story/.test(l)) return 'feature';
  if (/question|help wanted|support|discussion/.test(l)) return 'question';
  if (/doc/.test(l)) return 'docs';
  if (/chore|refactor|tech.?debt|maintenance|ci|build|test|dependenc|infra/.test(l)) return 'chore';
  if (/epic|tracking|meta|roadmap/.test(l)) return 'tracking';
  return null;
}
