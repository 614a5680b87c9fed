import type { InferredKind, Signal } from '../signal.js';
import type { TicketText } from '../ticket-text.js';
import { evidenceOf, findCues, scoreOf, type Cue } from './cue.js';

/**
 * The why: a pain that exists today, a goal beyond the deliverable, or the cost of not doing it.
 * Restating the gap ("there is no CSV export"), a bare wish ("it would be nice") or a request
 * count ("users asked for it") is no outcome. For a bug, saying what goes wrong is the pain.
 */
export function detectOutcome(text: TicketText, kind: InferredKind): Signal {
  const hits = findCues(text, OUTCOME_CUES, 2);
  if (kind === 'bug' && text.hasBody) hits.push(...findCues(text, FAILURE_CUES, 2));
  const score = scoreOf(hits);
  return score >= 1 ? { present: true, evidence: evidenceOf(text, hits) } : { present: false, evidence: [] };
}

/** People or outcomes a purpose clause can be about, for "so (that) X can". */
const SUBJECT = '(?:i|we|they|you|users?|people|he|she|it|this|the \\w+|our \\w+|my \\w+|customers?|admins?|teams?)';

const OUTCOME_CUES: readonly Cue[] = [
  { id: 'purpose', pattern: new RegExp(`\\bso that\\b|\\bso ${SUBJECT} (?:can|could|will|would|don't|do not|won't|are|get|have|no longer|need not)\\b|\\bin order (?:to|for)\\b`), weight: 1 },
  { id: 'purpose-verb', pattern: /\b(?:to|will|would|could|should|which|that|this|it) (?:help(?:s)? (?:us|them|users|people|you|me)?|avoid|prevent|reduce|improve|speed up|save|ensure|simplify|minimi[sz]e|maximi[sz]e|increase|decrease|lower|cut down|get rid of|eliminate|enable (?:us|them|users|people|you)|let (?:us|them|users|people|you))\b/, weight: 1 },
  { id: 'cause', pattern: /\b(?:because|due to|as a result|otherwise|leads? to|led to|results? in|resulting in|can lead to|causes?|caused|which means|this means|the reason)\b/, weight: 1 },
  { id: 'since', pattern: /(?:^|[.:] |  )since (?!version|v\d|\d|release)/, weight: 1 },
  { id: 'pain', pattern: /\b(?:pain(?:ful)?|(?<!related to a )problem(?:s|atic)?(?! does this solve| would you like)|hard to|difficult|tedious|time[- ]consuming|manually|by hand|cumbersome|annoying|frustrat\w*|confus\w*|error[- ]prone|risk(?:y|s)?|wasteful|waste of|wasted?|costly|expensive|finicky|fragile|flaky|unreliable|undue|stress|breaks down|breaks? (?:something|things|everything|other)|not desirable|undesirable|mistakes|forced to|have to remember|needs? to remember|over and over|repeatedly|every time|each time|drop[- ]?off|churn|complain\w*|struggl\w*|hinder\w*|bottleneck|overhead|second[- ]rate|poor experience|bad experience|not actively maintained|a lot of bugs|inconvenien\w*|impossible to|clutter\w*|not obvious|not intuitive|unusable|slows? (?:down|us)|too (?:slow|long|many|much|complex|hard)|takes? (?:us |them |me |you )?(?:too long|forever|ages|a long time|hours|minutes|days|weeks|more than|an? (?:afternoon|morning|day|week|hour|whole day))|taking (?:too long|a long time))\b/, weight: 1 },
  { id: 'loss', pattern: /\b(?:we|they|you|users|customers|i) (?:lose|loose|lost|are losing|miss(?: out)?|can't|cannot|can not|are unable to|have no way to know)\b|\bwe lose\b/, weight: 1 },
  { id: 'benefit', pattern: /\b(?:easier|simpler|faster|quicker|more (?:convenient|efficient|reliable|secure|obvious|readable|consistent)|better (?:overview|experience|visibility|understanding|insight|analysis|support|performance|ux|usability)|less (?:complex|error|manual|time|work)|for (?:better|easier|faster|quicker|offline|further|later|detailed) \w+|backwards? compatib\w*|to get more (?:detailed|accurate)|let us know|(?:much|far|a lot|way) better|be able to better|give (?:us|them|users|you) (?:a|an|the|more|better)|make changes based on)\b/, weight: 1 },
  { id: 'goal', pattern: /\b(?:use[- ]case|rationale|motivation|the goal is|our goal|goal:|the aim is|we want to (?!add|have|support|implement|create|build|make|show)|purpose(?:s)?\b(?! of this (?:ticket|issue)))/, weight: 1 },
  { id: 'useful-for', pattern: /\b(?:useful|helpful|important|necessary|needed|essential|critical|valuable) (?:for|when|as a way|because|since|to (?!have\b))/, weight: 1 },
  { id: 'today-pain', pattern: /\b(?:currently|today|right now|at the moment|at present)\b[^.\n]{0,60}\b(?:have to|must|need to|manually|by hand|only way|workaround|instead)\b/, weight: 1 },
];

/** What a bug report says goes wrong: an error, a crash, wrong or missing output. */
const FAILURE_CUES: readonly Cue[] = [
  { id: 'failure', pattern: /\b(?:error|errors|exception|crash(?:es|ed)?|fail(?:s|ed|ing|ure)?|broken|not working|(?:do|does|did)(?: not|n't) (?:work|load|show|appear|save|open|display|return|respect|enforce|provide|exist)|is not|are not|isn't|aren't|won't|cannot|can't|can not|unable to|wrong|incorrect|timed? ?out|timing out|hangs?|freez\w*|stuck|missing|empty|blank|duplicat\w*|pre-populated|not being|no longer|instead of|whacky|inconsistent)\b/, weight: 1, where: 'body' },
];
