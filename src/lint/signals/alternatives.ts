import type { Signal } from '../signal.js';
import type { TicketText } from '../ticket-text.js';
import { cuesOn, evidenceOf, findCues, NO_CUES_OFF, type Cue, type CuesOff } from './cue.js';

/**
 * What we are choosing not to do: another way to meet the need (a workaround used today and why it
 * falls short, an existing feature), options compared, a decision between them, or what is
 * explicitly out of scope or deferred. Naming what a change replaces is not weighing options, and
 * an "Alternatives" heading filled with "none" or "N/A" is empty.
 */
export function detectAlternatives(text: TicketText, off: CuesOff = NO_CUES_OFF): Signal {
  const hits = cuesOn(findCues(text, ALTERNATIVE_CUES, 2), 'alternatives', off).filter((h) => !isEmptyHeading(text, h.end));
  return hits.length ? { present: true, evidence: evidenceOf(text, hits), cues: hits.map((h) => h.cue.id) } : { present: false, evidence: [] };
}

export const ALTERNATIVE_CUES: readonly Cue[] = [
  {
    id: 'alternative',
    pattern: /\b(?:(?<!description of (?:any )?)alternatives?|alternatively|another (?:option|approach|way)|other options?|(?:a )?couple of options|(?:two|three|several|following) options|options (?:include|would be|are:)|options? (?:discussed|considered|on the table)\s?:|(?:^|[\n.]\s*)options\s?:|option [a-c1-3]\b|or we could|we could (?:also|instead|either)|(?:we|they|you|i) could (?:[\w-]+ ){1,6}?instead(?=\s*(?:[.,;!?]|$|but\b))|we (?:considered|looked at|evaluated|thought about)|(?:i|we) considered|(?<![a-z] )considered (?:an?|the|using|building|adding)\b|(?:was|were) (?:also )?considered|on the other hand|trade-?offs?|pros and cons|versus|considered\s?:|[-–—:,] ?rejected\b|\(b\)|\bor would\b|\bwhether\b[^.?]{3,80}?\bor\b)/,
    weight: 1,
    examples: {
      match: ['Alternatively, we could poll the API.', 'We considered a webhook instead.', "Considered an API; finance can't use one.", 'A dashboard was considered but they need raw rows.', "We could do a dashboard instead, but that's a bigger project."],
      noMatch: ['A clear and concise description of any alternative solutions.', 'This should be considered a bug.', 'We could now declare the references instead of embedding the JARs.', 'It would be good if we could avoid storing it and instead only store text.'],
    },
  },
  {
    id: 'workaround',
    pattern: /\b(?:work-?arounds?|works? around|as a stop-?gap|for now,? (?:we|i|force|use|just)|in the meantime|currently (?:i|we|they|the team|users) (?:use|do|copy|export|send|run|write|have to|need to|must)|today (?:i|we|they|users) (?:use|copy|export|send|run|have to)|(?:right now|today|currently|at the moment),? (?:i|we|they|people|users|customers|the team) (?:just |still |usually )?(?:screenshots?|prints?|exports?|copy|copies|paste|email|send|ask|ping|call|count|keep|maintain|poll|check|retype|re-enter|type|set)\b|is what (?:i|we|they|people|users|customers) (?:use|do)\b|i (?:currently )?use \w+ (?:instead|for this|to do this)|(?:i|we) currently use|(?:i|we) have (?:written|built|hacked)|(?:manual|by hand)[^.\n]{0,40}\binstead\b)/,
    weight: 1,
    examples: {
      match: ['As a workaround we restart the worker.', 'In the meantime we copy it by hand.', 'Right now they screenshot it.', 'Google Translate is what they use today.'],
      noMatch: ['The work is done around noon.'],
    },
  },
  {
    id: 'scope',
    pattern: /\b(?:out of scope|not in scope|out-of-scope|de-?scoped|non-?goals?|not (?:necessary|needed|required|part of this|in this (?:ticket|issue|pr))|won't (?:do|be doing|support|build|add|ship|include|cover)|will not (?:do|support|be (?:supported|done|implemented|included|addressed|part))|(?:a|in a) (?:later|separate|follow-?up|future) (?:ticket|issue|pr|task|story)|(?:will be|to be) (?:worked|handled|done|addressed) in (?:related|separate|other|another|later|follow-?up) (?:issues?|tickets?)|the reverse is not|not doing(?=\s*:)|(?:skip|skipping|defer|deferring|punt|punting) (?:[\w-]+ ){1,4}?(?:for (?:now|later|v\d)|until (?:v\d|later|the next))|(?:not|no) (?:[\w-]+ ){1,3}?in (?:v1|the first (?:version|release|cut)))\b/,
    weight: 1,
    examples: {
      match: ['Out of scope: mobile.', 'Bulk edit will be handled in a separate ticket.', 'Not doing: scheduled reports.', 'Skipping scheduled reports for v1.', 'No PDF export in v1.', "We won't build scheduled exports yet."],
      noMatch: ['The scope is the admin page.', 'Skip the header row when importing.', "We're not doing it for profit."],
    },
  },
  {
    id: 'manual-today',
    pattern: /\b(?:currently|today|right now|at the moment|for now)\b[^.]{0,60}?\b(?:manually|by hand|uses?|using|through|via|copy|copies)\b|\b(?:do it|done|sent|copied|entered|updated|tracked|moved?) (?:manually|by hand)\b/,
    weight: 1,
    examples: {
      match: ['Currently we copy the rows by hand.', 'The list is updated manually.'],
      noMatch: ['Currently the list is empty.'],
    },
  },
  {
    id: 'current-practice',
    pattern: /\b(?:we|they|i|people|users|customers|admins|agents|teams|staff|folks|managers|editors|operators|nurses|teachers|analysts) currently (?!no\b|not\b|there\b|only\b|is\b|are\b|has\b|have no\b|the\b|a\b|an\b|this\b|it\b|we\b|they\b|i\b|you\b|our\b|my\b|their\b|support|lack|don't|do not|cannot|can't)[a-z]+/,
    weight: 1,
    examples: {
      match: ['Admins currently export the list to Excel.'],
      noMatch: ["We currently don't support exports."],
    },
  },
  {
    id: 'by-hand',
    pattern: /\b(?:by hand|manually)\b/,
    weight: 1,
    where: 'body',
    examples: {
      match: ['Each row is entered by hand.'],
      noMatch: ['Handle the error.'],
    },
  },
  {
    id: 'how-people-cope',
    pattern: /\b(?:today,? (?:we|i|they|people|users|our \w+) \w+|(?:we|i|they) [\w ]{1,40}? today by|ourselves|on our own|end(?:s)? up (?:in|on|using|with)|one by one|the only (?:option|way|workaround|alternative)|works,? but|(?:exists?|is available|are available),? but|end(?:s)? up \w+ing\b[^.]{0,80}\binstead)\b/,
    weight: 1,
    examples: {
      match: ['Today we paste it into a spreadsheet.', 'We end up using a spreadsheet.'],
      noMatch: ['We use it every day.'],
    },
  },
  {
    id: 'comparison',
    pattern: /\b(?:rather than|instead of (?:just |simply |only )?(?:relying|using|doing|having|building|writing))\b|\b(?:better|superior|simpler|cheaper) (?:alternative|option|than)\b|\bbest option\b|\bsimilar (?:package|library|tool|project|feature)\b|\bvs\.? (?!code\b)(?=[a-z])|\brather (?:[\w-]+ ){1,4}?than\b|\bcould (?:the|our|an?) (?:existing )?(?:[\w-]+ ){1,3}?(?:cover|handle|do|solve) (?:this|it|that)\b/,
    weight: 1,
    examples: {
      match: ['Use a queue rather than polling.', 'Is there a simpler alternative?', 'Compare the cost vs building it.', "We'd rather do TOTP apps than SMS.", 'Could the spreadsheet import cover this?'],
      noMatch: ['Use a queue.'],
    },
  },
];

/**
 * An "Alternatives" heading filled with "none", "N/A" or a template placeholder (blanked out of the
 * lower-cased text, so the next heading follows at once) weighs nothing.
 */
function isEmptyHeading(text: TicketText, after: number): boolean {
  const next = text.lower.slice(after, after + 400);
  const tail = next.replace(/\u01c2/g, ' ');
  return /^(?:\s*(?:you(?:'ve| have) considered|considered|\*\*|:|#|-|\?|\.))*\s*(?:none|n\/a|no|nope|nothing|-|_no response_|a clear and concise description)\b/.test(tail)
    || /^\s*(?:you(?:'ve| have) considered\s*)?(?:\*\*|:|\?)+\s*(?:\*\*|#|h\d\.|$)/.test(tail);
}
