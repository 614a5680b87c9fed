import type { InferredKind, Signal } from '../signal.js';
import type { TicketText } from '../ticket-text.js';
import type { Vocabulary } from '../vocabulary.js';
import { cuesOn, evidenceOf, findCues, NO_CUES_OFF, type Cue, type CuesOff } from './cue.js';
import { wordsPattern } from './words-pattern.js';

/**
 * How we will know it worked: a metric with a target, acceptance criteria or a definition of done
 * with real conditions, Given/When/Then, or a concrete expected result. A current figure with no
 * target, a list of build steps, or "implemented and tested" is no measure.
 */
export function detectSuccessMeasure(text: TicketText, vocabulary: Vocabulary, kind: InferredKind, off: CuesOff = NO_CUES_OFF): Signal {
  const found = cuesOn(findCues(text, successMeasureCues(vocabulary), 2), 'successMeasure', off);
  if (kind === 'bug') found.push(...cuesOn(findCues(text, EXPECTED_BEHAVIOUR, 1), 'successMeasure', off));
  const hits = found.filter((h) => !isEmptyDefinitionOfDone(text, h.end));
  return hits.length ? { present: true, evidence: evidenceOf(text, hits), cues: hits.map((h) => h.cue.id) } : { present: false, evidence: [] };
}

/** Metric words the engine knows; a pack adds its own with `vocabulary.metrics`. */
export const BASE_METRICS = [
  'conversion',
  'conversions',
  'conversion rate',
  'retention',
  'churn',
  'drop off rate',
  'drop-off rate',
  'engagement',
  'click-through',
  'ctr',
  'cta clicks',
  'nps',
  'csat',
  'latency',
  'p50',
  'p90',
  'p95',
  'p99',
  'throughput',
  'error rate',
  'success rate',
  'uptime',
  'response time',
  'load time',
  'time to resolve',
  'resolution time',
  'support tickets',
  'sign-ups',
  'signups',
  'activation',
  'revenue',
  'mrr',
  'arr',
  'adoption',
  'kpi',
  'okr',
];

const cache = new WeakMap<readonly string[], readonly Cue[]>();

/** The measure cues, with the pack's metric words. */
export function successMeasureCues(vocabulary: Vocabulary): readonly Cue[] {
  let cues = cache.get(vocabulary.metrics);
  if (!cues) {
    const metrics = wordsPattern([...BASE_METRICS, ...vocabulary.metrics]);
    cues = [
      {
        id: 'criteria',
        pattern: /\b(?:acceptance criteria|acceptance criterion|definition of done|done when|exit criteria|success criteria|conditions of satisfaction|success (?:metric|measure)s?)\b|(?:^|\s)(?:cos|ac|dod):/,
        weight: 1,
        examples: {
          match: ['Acceptance criteria: the export opens in Excel.', 'AC: totals match the ledger.'],
          noMatch: ['The criteria are unclear.'],
        },
      },
      {
        id: 'given-when-then',
        pattern: /\bgiven\b[^]{1,200}?\bwhen\b[^]{1,200}?\bthen\b/,
        weight: 1,
        examples: {
          match: ['Given a paid invoice, when I refund it, then the balance is zero.'],
          noMatch: ['Given the size, when will this ship?'],
        },
      },
      {
        id: 'expected-result',
        pattern: /\bexpected (?:result|behaviou?r|outcome)s?\b\W{0,4}(?=\w)|\bexpected ?:/,
        weight: 1,
        where: 'body',
        examples: {
          match: ['Expected result: the dialog closes.', 'Expected behaviour The dialog closes.'],
          noMatch: ['It works as expected.'],
        },
      },
      {
        id: 'target-figure',
        pattern: /\btargets?\b[^.]{0,40}?\d+(?:[.,]\d+)? ?(?:%|ms\b|s\b|seconds?|minutes?)/,
        weight: 1,
        examples: {
          match: ['Target: p95 below 300 ms.'],
          noMatch: ['Target the right audience.'],
        },
      },
      {
        id: 'target',
        pattern: /\b(?:under|below|less than|fewer than|more than|at least|at most|within|no more than|sub|reduce[ds]?|cut|raise|increase[ds]?|decrease[ds]?|lower(?:ed)?|improve[ds]?|drops?|dropped|falls?|goes down|go down|shrinks?|halve[ds]?) (?:[\w ]{0,30}?\b(?:by|to|from) )?[<>≤≥~]?\d+(?:[.,]\d+)?\s?(?:%|ms|s\b|sec|seconds?|minutes?|mins?|hours?|days?|x\b|times|in \d+|gb|mb|kb)|\b(?:go(?:es)?|drops?|falls?|gets?|comes?) (?:down )?to (?:zero|0|none)\b|\b(?:fewer|less|more) than \d+ (?:[a-z-]+ ){1,2}?(?:a|per|each) (?:day|week|month|quarter|year)\b/,
        weight: 1,
        examples: {
          match: ['Load the page in under 2 seconds.', 'Cut build time to 5 minutes.', 'Time to close drops from 2 days to 1.', 'Export tickets go to zero.', 'Fewer than 2 requests a month reach support.'],
          noMatch: ['Load the page in under a second.', 'The counter drops to the floor.'],
        },
      },
      {
        id: 'measured-by',
        pattern: new RegExp(`\\b(?:as measured by|measured by|we will know|we'll know|success (?:is|looks like|means)|(?:reduce|increase|improve|lower|raise|cut|grow|decrease)\\w* (?:the )?(?:[\\w-]+ ){0,3}(?:${metrics}))\\b|\\bwe(?:'ll| will) (?:track|measure|count)\\b|\\b(?:success(?: (?:is|looks like|means|metrics?|measures?))?|targets?|kpis?|metrics?|measures?) ?:(?= ?[\\w"'])|(?<![$?&.\\w])(?:success|kpis?) = (?!true\\b|false\\b|null\\b|none\\b)[a-z]`),
        weight: 1,
        examples: {
          match: ['Success looks like fewer refunds.', 'Reduce churn among new teams.', 'Success = finance stops asking for exports.', 'Measure: time to close.', "We'll track the support tickets tagged export."],
          noMatch: ['Reduce the page size.', 'We track issues on GitHub.', "$target = 'subtotal';", 'success = false'],
        },
      },
    ];
    cache.set(vocabulary.metrics, cues);
  }
  return cues;
}

/** For a bug, a concrete, checkable expected result is the measure ("the dialog should close"). */
export const EXPECTED_BEHAVIOUR: readonly Cue[] = [
  {
    id: 'should-behave',
    pattern: /\bshould (?:not )?(?!have been\b|be able\b)[a-z]{2,}\b/,
    weight: 1,
    where: 'body',
    examples: {
      match: ['The dialog should close after saving.'],
      noMatch: ['It should have been fixed.', 'Users should be able to export.'],
    },
  },
];

/** "Definition of done: implemented and tested" says nothing checkable. */
function isEmptyDefinitionOfDone(text: TicketText, after: number): boolean {
  const next = text.lower.slice(after, after + 60);
  return /^\W{0,6}(?:implemented and tested|implemented|tested|done|tbd|n\/a|none)\W{0,6}$/.test(next) || /^\W{0,6}(?:implemented and tested|code (?:is )?merged)\b/.test(next);
}
