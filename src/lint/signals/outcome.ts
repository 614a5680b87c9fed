import { wholeWordsPattern, wordsPattern } from './words-pattern.js';
import { FAILURE_WORDS, VAGUE_FAILURE_WORDS } from './phrases/failure-words.js';
import { INSTRUCTION_VERBS } from './phrases/instruction-verbs.js';
import { REQUEST_PHRASES } from './phrases/request-phrases.js';
import type { Vocabulary } from '../vocabulary.js';
import type { InferredKind, Signal } from '../signal.js';
import { countSpaceSeparated, type TicketText } from '../ticket-text.js';
import { cuesOn, evidenceOf, findCues, NO_CUES_OFF, scoreOf, type Cue, type CuesOff } from './cue.js';

/**
 * The why: a pain that exists today, a goal beyond the deliverable, or the cost of not doing it.
 * Restating the gap ("there is no CSV export"), a bare wish ("it would be nice") or a request
 * count ("users asked for it") is no outcome. For a bug, saying what goes wrong is the pain.
 */
export function detectOutcome(text: TicketText, kind: InferredKind, vocabulary: Vocabulary, off: CuesOff = NO_CUES_OFF): Signal {
  const hits = cuesOn(findCues(text, OUTCOME_CUES, 2), 'outcome', off).filter((hit) => !(hit.cue.id === 'purpose' && restatesTitle(text, hit.start, hit.end)));
  if (kind === 'bug' && text.hasBody) hits.push(...cuesOn(findCues(text, FAILURE_CUES, 2), 'outcome', off));
  const score = scoreOf(hits);
  if (score >= 1) return { present: true, evidence: evidenceOf(text, hits), cues: hits.map((h) => h.cue.id) };
  const trouble = kind === 'bug' ? undefined : peopleInTrouble(text, vocabulary);
  if (trouble) return { present: true, evidence: [text.evidence(trouble.start, trouble.end)], cues: ['people-in-trouble'] };
  // A bug report that describes anything at all describes what goes wrong: that is its pain. A bare
  // title says it only when it names a specific failure ("Segfault in concat"), not "Login broken".
  const described = kind === 'bug' ? firstBodySentence(text) ?? specificFailureTitle(text) : undefined;
  return described
    ? { present: true, evidence: [text.evidence(described.start, described.end)], cues: ['bug-described'] }
    : { present: false, evidence: [], cues: hits.map((h) => h.cue.id) };
}

/**
 * A sentence of the body that describes people in a situation that goes badly ("our dispatchers
 * still retype every order", "they never see the reminder"), rather than asking for something:
 * not an instruction, not a wish or a spec (should, would like), not a restated gap (there is no,
 * not supported). Phrasings of pain are endless; this shape of sentence is not, so it carries over
 * to tickets worded like none the cues were written from.
 */
function peopleInTrouble(text: TicketText, vocabulary: Vocabulary): { start: number; end: number } | undefined {
  const instruction = instructionPattern(vocabulary);
  for (const seg of text.segments) {
    if (seg.field !== 'body') continue;
    const s = text.lower.slice(seg.start, seg.end).trim();
    if (countSpaceSeparated(s) < 5 || /[?:*]\W*$/.test(s) || /^\W*(?:#|h\d\.)/.test(s)) continue;
    if (instruction.test(s) || REQUEST.test(s) || RESTATED_GAP.test(s)) continue;
    if (PEOPLE.test(s) && TROUBLE.test(s)) return seg;
  }
  return undefined;
}

const REQUEST = new RegExp(wholeWordsPattern(REQUEST_PHRASES));
const RESTATED_GAP = /\b(?:there is no|there's no|there are no|no way to|not (?:yet )?(?:supported|possible|available|implemented)|(?:does|do|is|are)(?:n't| not) (?:yet )?(?:support|have|allow|provide|offer|exist|available)|missing|lacks?|only supports?|only allows?|currently (?:only|no|not))\b/;
const instructionCache = new WeakMap<readonly string[], RegExp>();

/** A sentence that opens with an instruction verb (after a bullet, a checkbox or "please"): it tells what to do. */
function instructionPattern(vocabulary: Vocabulary): RegExp {
  let re = instructionCache.get(vocabulary.outputVerbs);
  if (!re) {
    re = new RegExp(`^(?:[-*#>\\d.)\\s]*)(?:\\[[ x]\\]\\s*)?(?:please |kindly |we should |you should |let's )?(?:${wordsPattern([...INSTRUCTION_VERBS, ...vocabulary.outputVerbs])})\\b`);
    instructionCache.set(vocabulary.outputVerbs, re);
  }
  return re;
}

const PEOPLE = /\b(?:people|users|customers|they|we|our|my|i|he|she|someone|everyone|anyone|nobody|teams?|staff|[a-z]+(?:ers|ors|ists|ants))\b/;
const TROUBLE = /\b(?:not|n't|never|no longer|cannot|have to|has to|had to|keep|keeps|again|still|only|too|every|always|often|manually|by hand|hours|days|minutes|lose|lost|wrong|hard|slow|instead)\b/;

/** Failures specific enough that the title alone says what goes wrong for someone. */
const SPECIFIC_FAILURE = new RegExp(wholeWordsPattern([
  ...FAILURE_WORDS.filter((w) => !VAGUE_FAILURE_WORDS.includes(w)),
  'segfault',
  'segfaults',
  'npe',
  'cut off',
  'cuts off',
  'unavailable',
  'duplicated',
  'lost',
  'ignores',
  'overlap',
  'overlaps',
  'shows',
  'returns',
  'disappears',
  'resets',
  'leak',
  'leaks',
  'not saved',
  'not shown',
  'not sent',
  'not loaded',
  'not found',
  'not updated',
  'not displayed',
  'not rendered',
  'not deleted',
]));

function specificFailureTitle(text: TicketText): { start: number; end: number } | undefined {
  if (text.hasBody || !SPECIFIC_FAILURE.test(text.lowerTitle)) return undefined;
  return { start: 0, end: text.titleEnd };
}

/**
 * A purpose that only says the deliverable again is no why, by the corpus's definition: "so users can
 * export their data as CSV" under "Add CSV export". True when at least half the content words of the
 * clause after the purpose (to the end of its sentence) are the title's, plurals folded; a purpose in the
 * title is weighed against the title's words before it.
 */
function restatesTitle(text: TicketText, purposeStart: number, clauseStart: number): boolean {
  const rest = text.lower.slice(clauseStart, clauseStart + 300);
  const clause = contentWords(rest.slice(0, rest.search(/[.!?;\n]|$/)));
  if (clause.length === 0) return false;
  const title = new Set(contentWords(text.lowerTitle.slice(0, purposeStart)));
  return clause.filter((word) => title.has(word)).length * 2 >= clause.length;
}

/** The words that carry content, plurals folded: not function words, not the people a purpose is for, not light verbs. */
function contentWords(lower: string): string[] {
  return (lower.match(/[a-z0-9][a-z0-9-]+/g) ?? []).filter((w) => !NOT_CONTENT.has(w)).map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
}

const NOT_CONTENT = new Set(
  ('a an the their they them our we us your you it its this that these those his her my me i he she to of for in on at by with from as ' +
    'and or so can could will would may might be is are was were been get gets use uses using make see do does have has own able also just ' +
    'when then than there what which who user users people customer customers someone anyone everyone one all any some more easily easy ' +
    'quickly directly need needs want wants like').split(' '),
);

function firstBodySentence(text: TicketText): { start: number; end: number } | undefined {
  return text.segments.find((s) => s.field === 'body' && /[a-z]{2,}\W+[a-z]{2,}\W+[a-z]{2,}/i.test(s.text));
}

/** People or outcomes a purpose clause can be about, for "so (that) X can". */
const SUBJECT = '(?:i|we|they|you|users?|people|he|she|it|this|the \\w+|our \\w+|my \\w+|customers?|admins?|teams?)';

/**
 * Words for something going wrong. The look-behind keeps out conditions that describe the wanted
 * behaviour ("notify me when a build fails"); the look-ahead before it makes the engine try that
 * look-behind only where such a word starts.
 */
const GOES_WRONG = String.raw`(?:${wordsPattern(FAILURE_WORDS)}|broke|breaks|spikes?|noisy|buried|get buried|forever|gets? killed|killed|look(?:s)? frozen|freezing|(?:is|are|was|were|get|gets|got) lost|lose (?:everything|all|their|our|my|data|work|progress|changes)|loses|losing|keeps? (?:[a-z]+ing)|have to (?:start over|start again|redo|re-enter|retype)|(?:reverts?|overwrites?|undoes) (?:our|my|their|the)|wrong (?:totals?|results?|data|numbers?|values?|dates?)|corrupt\w*|go(?:es)? unnoticed|unnoticed|unusable|overlap(?:s|ping)?|(?:for|about) (?:hours|days|weeks))`;

/** What is at stake for the business: a deal, a renewal or a rollout blocked or lost. One phrase a line. */
const BUSINESS_STAKES = [
  'blocks deals',
  'blocking deals',
  'deal stalled',
  'deals stalled',
  'lose deals',
  'losing deals',
  'lost deals',
  'lost the deal',
  'renewal at risk',
  'at risk of churning',
  "can't roll us out",
  'cannot roll us out',
  "can't roll it out",
  'cannot roll it out',
];

/**
 * A deal held up, as people name it: "block the deal", "blocking the Medibank renewal", "delays our
 * enterprise contracts". An article or possessive comes before the deal, so "Block deleting a deal" (a
 * deliverable) is no stake.
 */
const HELD_UP_DEAL = String.raw`(?:block(?:s|ed|ing)?|stall(?:s|ed|ing)?|jeopardi[sz](?:e|es|ed|ing)|delay(?:s|ed|ing)?) (?:the|our|a|an|their|this|that) (?:[\w'-]+ ){0,2}(?:deal|renewal|contract|purchase|expansion|upsell)s?`;

/** A certification or regulation that needs it: "required for SOC 2", "mandatory under GDPR". */
const REQUIRED_BY_COMPLIANCE = String.raw`(?:required|mandatory|needed|necessary) (?:for|by|under) (?:soc ?2|soc ?1|hipaa|gdpr|pci(?:[- ]dss)?|iso ?27001|sox|fedramp|compliance|the (?:law|regulators?|auditors?|regulation))`;

/** Words and phrases for a pain that exists today, one a line ("tedious", "by hand", "over and over"). */
const PAIN_WORDS = [
  'pain',
  'painful',
  'hard to',
  'difficult',
  'tedious',
  'time consuming',
  'time-consuming',
  'manually',
  'by hand',
  'cumbersome',
  'annoying',
  'error prone',
  'error-prone',
  'risk',
  'risky',
  'risks',
  'wasteful',
  'waste of',
  'waste',
  'wasted',
  'costly',
  'expensive',
  'finicky',
  'fragile',
  'flaky',
  'unreliable',
  'undue',
  'stress',
  'breaks down',
  'not desirable',
  'undesirable',
  'mistakes',
  'forced to',
  'have to remember',
  'need to remember',
  'needs to remember',
  'over and over',
  'repeatedly',
  'every time',
  'each time',
  'dropoff',
  'drop-off',
  'drop off',
  'churn',
  'bottleneck',
  'overhead',
  'second rate',
  'second-rate',
  'poor experience',
  'bad experience',
  'not actively maintained',
  'a lot of bugs',
  'impossible to',
  'not obvious',
  'not intuitive',
  'unusable',
  'taking too long',
  'taking a long time',
  'drowning in',
  'swamped',
  'flooded with',
  'constant interruption',
  'constant interruptions',
];

/** Stems that count with any ending ("frustrat" finds frustrating, frustrated, frustration). */
const PAIN_STEMS = ['frustrat', 'confus', 'complain', 'struggl', 'hinder', 'inconvenien', 'clutter', 'overwhelm'];

/**
 * Pains whose shape a phrase list cannot say: "problem" but not the issue form's "related to a problem"
 * or "what problem does this solve"; something breaking; slowing down; too much of something; a task
 * that takes too long.
 */
const PAIN_SHAPES = [
  String.raw`(?<!related to a )problem(?:s|atic)?(?! does this solve| would you like)`,
  String.raw`breaks? (?:something|things|everything|other)`,
  String.raw`slows? (?:down|us)`,
  String.raw`too (?:slow|long|many|much|complex|hard)`,
  String.raw`takes? (?:us |them |me |you )?(?:too long|forever|ages|a long time|hours|minutes|days|weeks|more than|an? (?:afternoon|morning|day|week|hour|whole day))`,
  // What will not happen until it exists: "the auditor won't sign off without it".
  String.raw`(?:won't|will not|can't|cannot|couldn't) (?:[\w-]+ ){1,3}without (?:it|this|that)`,
];

export const OUTCOME_CUES: readonly Cue[] = [
  {
    id: 'business-stake',
    pattern: new RegExp(`\\b(?:${wordsPattern(BUSINESS_STAKES)}|${HELD_UP_DEAL}|${REQUIRED_BY_COMPLIANCE})\\b`),
    weight: 1,
    examples: {
      match: ['Security reviews block the deal.', 'Two deals stalled last quarter.', 'This is blocking the Medibank renewal in March.', 'It delays our enterprise contracts.', 'Required for SOC 2 type II.'],
      noMatch: ['We closed the deal last week.', 'Block deleting a deal once it is won.', 'This blocks the release.', 'A SOC 2 report is attached.'],
    },
  },
  {
    id: 'purpose',
    pattern: new RegExp(`\\bso that\\b|\\bso ${SUBJECT} (?:can|could|will|would|don't|do not|won't|are|get|have|no longer|need not)\\b|(?:^|[.!?;]\\s+|\\n[^\\w\\n]*)so (?!far\\b|now\\b|then\\b|yes\\b|yeah\\b|ok\\b|basically\\b|here\\b|what\\b|maybe\\b)(?:[a-z-]+ ){1,3}?(?:can|could|will|don't|do not|won't|no longer)\\b|\\bin order (?:to|for)\\b`),
    weight: 1,
    examples: {
      match: ['Show the date so that admins can plan.', "Cache it so we don't refetch.", 'We need it in order to ship.', 'So ops can reconcile shipments with carrier invoices.'],
      noMatch: ['So far so good.', 'It is so slow.', 'So far we can only reproduce it on Windows.'],
    },
  },
  {
    id: 'purpose-verb',
    pattern: /\b(?:to|will|would|could|should|which|that|this|it) (?:help(?:s)? (?:us|them|users|people|you|me)?|avoid|prevent|reduce|improve|speed up|save|ensure|simplify|minimi[sz]e|maximi[sz]e|increase|decrease|lower|cut down|get rid of|eliminate|enable (?:us|them|users|people|you)|let (?:us|them|users|people|you))\b/,
    weight: 1,
    examples: {
      match: ['This will help us plan shifts.', 'It would reduce the load on support.'],
      noMatch: ['Reduce the image size.'],
    },
  },
  {
    id: 'cause',
    // "Because customers want it" or "because it was requested by a customer" is demand, not a why.
    pattern: /\b(?:because(?![\w ,'-]{0,30}?\b(?:wants?|wanted|asked for|asks for|requested|requests?|needs?|needed|likes?|would like|loves?)(?: (?:it|this|that|them|one))?(?: by (?:a|an|the|our|some|many|several|multiple) [\w-]+(?: [\w-]+)?)?\s*(?:[.!;\n]|$))|due to|as a result|otherwise|leads? to|led to|results? in|resulting in|can lead to|causes?|caused|which means|this means|the reason)\b/,
    weight: 1,
    examples: {
      match: ['It fails because the token expired.', 'This leads to duplicate invoices.', 'Because our biggest customer needs it for their quarterly audit.'],
      noMatch: ['The reasoning is in the design doc.', 'Because customers want it.', 'Because it was requested by a customer.', 'Users asked for it because they need it.'],
    },
  },
  {
    id: 'since',
    pattern: /(?:^|[.:] |  |\n)since (?!version|v\d|\d|release)/,
    weight: 1,
    examples: {
      match: ['Since the move to S3, uploads are slow.'],
      noMatch: ['Since version 2.3 the export is gone.', 'It has been broken ever since.'],
    },
  },
  {
    id: 'pain',
    pattern: new RegExp(`\\b(?:${wordsPattern(PAIN_WORDS)}|${PAIN_STEMS.map((stem) => `${stem}\\w*`).join('|')}|${PAIN_SHAPES.join('|')})\\b`),
    weight: 1,
    examples: {
      match: ['Doing this by hand is tedious.', 'Users are frustrated by the delay.', 'It takes us hours every week.', 'Support is drowning in tickets.', "The auditor won't sign off without it."],
      noMatch: ['What problem does this solve?', 'Is your feature request related to a problem?', 'It works without it.'],
    },
  },
  {
    id: 'loss',
    pattern: /\b(?:we|they|you|users|customers|i) (?:lose|loose|lost|are losing|miss(?: out)?|can't|cannot|can not|are unable to|have no way to know)\b|\bwe lose\b|\b(?:users|people|customers|clients|admins|members|students|teachers|patients|staff|agents|folks|those) (?:who|that) (?:can't|cannot|can not|are unable to)\b/,
    weight: 1,
    examples: {
      match: ["Users can't find the export.", 'We lose the draft on reload.', "Support hears from users who can't follow the onboarding."],
      noMatch: ['Users can export the list.', 'A value that cannot be null.'],
    },
  },
  {
    id: 'benefit',
    pattern: /\b(?:easier|simpler|faster|quicker|more (?:convenient|efficient|reliable|secure|obvious|readable|consistent)|better (?:overview|experience|visibility|understanding|insight|analysis|support|performance|ux|usability)|less (?:complex|error|manual|time|work)|for (?:better|easier|faster|quicker|offline|further|later|detailed) \w+|backwards? compatib\w*|to get more (?:detailed|accurate)|let us know|(?:much|far|a lot|way) better|be able to better|give (?:us|them|users|you) (?:a|an|the|more|better)|make changes based on)\b/,
    weight: 1,
    examples: {
      match: ['It would make onboarding easier.', 'This gives us better visibility into churn.'],
      noMatch: ['Make the button bigger.'],
    },
  },
  {
    id: 'goal',
    pattern: /\b(?:use[- ]case|rationale|motivation|the goal is|our goal|goal:|the aim is|we want to (?!add|have|support|implement|create|build|make|show)|purpose(?:s)?\b(?! of this (?:ticket|issue)))/,
    weight: 1,
    examples: {
      match: ['The goal is to cut support load.', 'Use case: nightly reports.'],
      noMatch: ['We want to add a button.', 'The purpose of this ticket is to track the work.'],
    },
  },
  {
    id: 'useful-for',
    pattern: /\b(?:useful|helpful|important|necessary|needed|essential|critical|valuable) (?:for|when|as a way|because|since)\b|\b(?<!would be (?:very |really |extremely |so |super )?)(?:useful|helpful|important|necessary|needed|essential|critical|valuable) to (?!have\b)/,
    weight: 1,
    examples: {
      match: ['This is useful for auditors.', 'It is important to keep the history.'],
      noMatch: ['It would be useful to have a filter.', 'It is important to have tests.'],
    },
  },
  {
    id: 'needed-for',
    pattern: /\b(?:needs?|needed) (?:it|this|them|these) (?:to|for) (?!be\b|work\b|have\b|now\b|(?:the |a |this |that |our |next |the next |the same )?(?:same|release|sprint|launch|deadline|demo|milestone|beta|mvp|version|v\d)\b)[a-z]/,
    weight: 1,
    examples: {
      match: ['Account managers need it to prepare QBRs.', 'Finance needs it for month-end close.'],
      noMatch: ['We need it to be fixed.', 'I need this to work on Windows.', 'We need this for the next release.', 'We need it for the release.', "I don't want it to do this."],
    },
  },
  {
    id: 'consequence',
    pattern: /(?:,|;|—| -) so (?!that\b|far\b|much\b|many\b|it would\b|it'd\b)[a-z]+/,
    weight: 1,
    examples: {
      match: ['The list is long, so people give up.'],
      noMatch: ['Add a filter, so that admins can find rows.', 'It works, so far.'],
    },
  },
  {
    id: 'things-go-wrong',
    pattern: new RegExp(`\\b(?=${GOES_WRONG})(?<!\\b(?:when|if|whenever|once|on|for|about|after) (?:[\\w-]+ ){0,3})${GOES_WRONG}\\b`),
    weight: 1,
    where: 'body',
    examples: {
      match: ['The nightly import fails and nobody notices.', 'Old sessions get lost after a deploy.'],
      noMatch: ['Notify me when a build fails.', 'Show an alert if the import fails.'],
    },
  },
  {
    id: 'time-spent',
    pattern: /\b(?:spend|spends|spent|waste|wastes|wasted|lose|loses|lost) (?:[\w']+ ){0,3}(?:hours?|days?|minutes|time|an? (?:afternoon|morning|day|week))\b|\b(?:spend|spends|spent|waste|wastes|wasted) (?:~|about |around |over )?\d+ ?(?:min|mins|minutes|h|hours|s|seconds)\b|\b(?:runs?|takes?|took|lasts?) (?:for )?(?:about |around |over |almost |nearly |up to |more than )?~?\d+(?:[.,]\d+)? ?(?:hours?|h|days?|s\b(?=[^.]{0,40}\b(?:even|every|each|for a|on my|on our))|seconds?(?=[^.]{0,40}\b(?:even|every|each)))\b/,
    weight: 1,
    examples: {
      match: ['We spend hours every week on this.', 'The export takes about 3 hours.'],
      noMatch: ['Set the timeout to 3 hours.'],
    },
  },
  {
    id: 'end-of-life',
    pattern: /\bno longer (?:gets?|receives?|has|have) (?:security )?(?:fixes|patches|updates|support)|\b(?:end of life|end-of-life|eol|unmaintained|deprecated upstream)\b/,
    weight: 1,
    examples: {
      match: ['Node 16 is end of life.', 'The library no longer gets security patches.'],
      noMatch: ['The trial ends at the end of the month.'],
    },
  },
  {
    id: 'cost-and-toil',
    pattern: /\b(?:hurts?|hurting|harms?|costs? (?:us |them |the company )?(?:~|about |around |over )?[$€£]\s?\d|(?:has|have) to be (?:\w+ ){1,2}(?:\d+|many|multiple|several|dozens of) times|takes? (?:[\w-]+ ){0,3}(?:a full|a whole|an entire) (?:day|afternoon|morning|week)|(?:twice|three times|\d+ times|again) (?:last|this) (?:week|month|night|sprint|quarter)|flagged (?:in|by|during) (?:the |an |our |a )?(?:last |recent )?(?:audit|inspection|review|pen ?test|security review)|found \d+ [\w-]+ (?:without|with no|missing|that)|oom ?killed|out of memory)/,
    weight: 1,
    examples: {
      match: ['It hurts our conversion.', 'It broke twice last week.', 'It costs us $400 a month.'],
      noMatch: ['What does the plan cost?'],
    },
  },
  {
    id: 'support-load',
    pattern: /\b(?:support|our support team|the support team|customer success|cs) (?:gets?|got|handles?|handled|receives?|received|fields?|fielded|answers?|answered) (?:~|about |around |over |roughly |some )?\d+|\b(?:angry|upset|irate) (?:tickets|customers|clients|users|admins|emails|calls)\b|\b\d+ (?:support )?(?:tickets|emails|calls|complaints) (?:a|per|each|every) (?:day|week|month)\b/,
    weight: 1,
    examples: {
      match: ['Support handled 40 of these last month.', 'Customers open angry tickets.', 'We get 30 support tickets a week about it.', 'Support gets ~30 tickets a week.'],
      noMatch: ['Add a page for support tickets.', 'Support 40 languages.', 'Show the number of tickets per day.'],
    },
  },
  {
    id: 'incident',
    pattern: /\b(?:incident|fraud|outage|breach|post-?mortem|data loss|before anyone noticed|(?:has|have) no idea|no one knows|nobody knows)\b/,
    weight: 1,
    examples: {
      match: ['We had an outage on Monday.', 'Nobody knows who changed it.'],
      noMatch: ['Add a status page for the service.'],
    },
  },
  {
    id: 'today-pain',
    pattern: /\b(?:currently|today|right now|at the moment|at present)\b[^.\n]{0,60}\b(?:have to|must|need to|manually|by hand|only way|workaround|instead)\b/,
    weight: 1,
    examples: {
      match: ['Currently we have to restart the server.', 'Today admins fix it by hand.'],
      noMatch: ['Currently the export is a CSV.'],
    },
  },
];

/** What a bug report says goes wrong: an error, a crash, wrong or missing output. */
export const FAILURE_CUES: readonly Cue[] = [
  {
    id: 'failure',
    pattern: new RegExp(`\\b(?:${wordsPattern(FAILURE_WORDS)}|error|errors|(?:do|does|did)(?: not|n't) (?:work|load|show|appear|save|open|display|return|respect|enforce|provide|exist)|is not|are not|isn't|aren't|won't|cannot|can't|can not|unable to|timed? ?out|hang|freez\\w*|missing|empty|blank|duplicat\\w*|pre-populated|not being|no longer|instead of|whacky|inconsistent)\\b`),
    weight: 1,
    where: 'body',
    examples: {
      match: ['Clicking save shows an error.', 'The page is blank after login.'],
      noMatch: ['Clicking save closes the dialog.'],
    },
  },
];
