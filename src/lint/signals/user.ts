import type { Signal } from '../signal.js';
import { countSpaceSeparated, type TicketText } from '../ticket-text.js';
import type { Vocabulary } from '../vocabulary.js';
import { cuesOn, evidenceOf, findCues, NO_CUES_OFF, type Cue, type CuesOff } from './cue.js';
import { wholeWordsPattern, wordsPattern } from './words-pattern.js';
import { REQUEST_PHRASES } from './phrases/request-phrases.js';

/**
 * Who needs it: a role, persona, customer, segment or team, or the reporter describing their own
 * situation as the person who needs it. Generic "users", "the user", "customers", "people" or
 * "as a user" are nobody in particular; nor is "we", "our team" or "our CI" for the team doing the work.
 */
export function detectUser(text: TicketText, vocabulary: Vocabulary, off: CuesOff = NO_CUES_OFF): Signal {
  const hits = cuesOn(findCues(text, userCues(vocabulary), 2), 'user', off);
  if (hits.length) return { present: true, evidence: evidenceOf(text, hits), cues: hits.map((h) => h.cue.id) };
  const own = reporterSituation(text);
  return own ? { present: true, evidence: [text.evidence(own.start, own.end)], cues: ['reporter-situation'] } : { present: false, evidence: [] };
}

/**
 * The reporter describing their own setup as the one who needs it ("We run it in 15 services",
 * "I use a web SSH client at work"): a body sentence that opens with I, we, our or my and states
 * how things are, not what is wanted (would like, should), not what the team did (we changed),
 * and not about the team's own code, builds or CI, which makes "we" the team doing the work.
 */
function reporterSituation(text: TicketText): { start: number; end: number } | undefined {
  for (const seg of text.segments) {
    if (seg.field !== 'body') continue;
    const s = text.lower.slice(seg.start, seg.end).trim();
    if (countSpaceSeparated(s) >= 4 && !REQUEST.test(s) && OWN_SITUATION.test(s) && !ABOUT_OUR_CODE.test(s)) return seg;
  }
  return undefined;
}

const OWN_SITUATION = /^(?:[-*>\s]*)(?:i|we|our|my)\b(?! (?:would|'d|want|wanted|need|needed|like|should|could|can|think|believe|propose|suggest|feel|hope|wish|have no|don't|do not|are not|aren't|cannot|can't|mean|meant|changed|created|added|had|merged|released|moved|switched|decided|discussed|agreed|tried|comment)\b|'ve\b|'d\b| have (?:been|had|created|added|changed|decided)\b)/;
const REQUEST = new RegExp(wholeWordsPattern(REQUEST_PHRASES));
const ABOUT_OUR_CODE = /\b(?:ci|build|builds|tests?|test suite|library|codebase|code|repo|pipeline|release|pr|merge|commit|branch|dependenc(?:y|ies))\b/;

/** Roles and personas the engine knows; a pack adds its own domain's with `vocabulary.personas`. */
export const BASE_PERSONAS = [
  'inspector',
  'inspectors',
  'integrator',
  'integrators',
  'tutor',
  'tutors',
  'gamer',
  'gamers',
  'streamer',
  'streamers',
  'pharmacist',
  'pharmacists',
  'therapist',
  'therapists',
  'caseworker',
  'caseworkers',
  'social worker',
  'homeowner',
  'homeowners',
  'property manager',
  'hiring manager',
  'applicant',
  'applicants',
  'candidate',
  'candidates',
  'citizen',
  'citizens',
  'resident',
  'residents',
  'farmer',
  'farmers',
  'rider',
  'riders',
  'passenger',
  'passengers',
  'traveler',
  'travelers',
  'traveller',
  'travellers',
  'shopper',
  'shoppers',
  'bookkeeper',
  'bookkeepers',
  'lecturer',
  'lecturers',
  'professor',
  'professors',
  'librarian',
  'librarians',
  'archivist',
  'archivists',
  'curator',
  'curators',
  'journalist',
  'journalists',
  'writer',
  'writers',
  'photographer',
  'photographers',
  'musician',
  'musicians',
  'artist',
  'artists',
  'plugin author',
  'plugin authors',
  'theme developer',
  'app developer',
  'data engineer',
  'data engineers',
  'data analyst',
  'marketer',
  'marketers',
  'sales rep',
  'sales reps',
  'account manager',
  'project manager',
  'project managers',
  'dispatcher',
  'dispatchers',
  'warehouse staff',
  'field worker',
  'field workers',
  'admin',
  'admins',
  'administrator',
  'administrators',
  'manager',
  'managers',
  'moderator',
  'moderators',
  'reviewer',
  'reviewers',
  'teacher',
  'teachers',
  'student',
  'students',
  'instructor',
  'instructors',
  'veteran',
  'veterans',
  'coordinator',
  'coordinators',
  'organizer',
  'organizers',
  'organiser',
  'organisers',
  'contributor',
  'contributors',
  'product owner',
  'product manager',
  'designer',
  'designers',
  'accountant',
  'accountants',
  'accountancy',
  'auditor',
  'auditors',
  'analyst',
  'analysts',
  'recruiter',
  'recruiters',
  'dispatch worker',
  'support team',
  'sales team',
  'finance team',
  'support agent',
  'support agents',
  'support staff',
  'staff',
  'employee',
  'employees',
  'volunteer',
  'volunteers',
  'subscriber',
  'subscribers',
  'buyer',
  'buyers',
  'seller',
  'sellers',
  'merchant',
  'merchants',
  'patient',
  'patients',
  'doctor',
  'doctors',
  'nurse',
  'nurses',
  'clinician',
  'clinicians',
  'lawyer',
  'lawyers',
  'developer',
  'developers',
  'engineer',
  'engineers',
  'sysadmin',
  'sysadmins',
  'devops',
  'speaker',
  'speakers',
  'proposer',
  'proposers',
  'visitor',
  'visitors',
  'landlord',
  'tenant',
  'tenants',
  'caregiver',
  'coach',
  'coaches',
  'athlete',
  'athletes',
  'researcher',
  'researchers',
  'scientist',
  'scientists',
  'judge',
  'judges',
  'clerk',
  'clerks',
  'court user',
  'captain',
  'captains',
  'cashier',
  'courier',
  'technician',
  'technicians',
  'translator',
  'translators',
  'course creator',
  'course admin',
  'team lead',
  'team leads',
  'on-call',
  'sre',
  'sres',
  'data scientist',
  'call-center agent',
  'call-centre agent',
  'call center agent',
  'call centre agent',
  // Plural only: "the video player" is a thing, "players" are people.
  'players',
];

/** Qualifiers that turn generic users into a segment: "enterprise users", "mobile users". */
const SEGMENT = '(?:enterprise|business|paying|premium|free|trial|new|existing|returning|power|mobile|desktop|ios|android|international|non-english|blind|deaf|visually impaired|unregistered|anonymous|logged[- ]in|registered|small|large|self[- ]hosted|on[- ]prem(?:ise)?|api|b2b|b2c|internal|external|first[- ]time|novice|advanced|offline|remote|frontline|field|retail|corporate|government|academic|european|us|eu)';

/** Nouns a role word can modify: "the student dashboard" names a screen, not a student. */
const THINGS = 'dashboard|page|view|portal|app|account|list|profile|settings|screen|area|section|menu|role|roles|table|report|data|record|records|id|ids|field|tab|panel|mode|permissions?|interface|ui|api|endpoint|module|guide|docs|documentation|email|emails|notifications?';

/** What people (and only people) habitually do, for agent nouns such as "inspectors often work in ...". */
const HUMAN_HABIT = '(?:complain|ask|struggle|prefer|forget|spend|tell|call|email|keep asking|rely on|work in|work on|work from|have to|can\'t|cannot|have no way)';
/** Who a regional segment can be: "Austrian customers", "Portuguese schools". */
const SEGMENT_NOUNS = '(?:customers|users|clients|merchants|sellers|buyers|tenants|companies|businesses|citizens|residents|students|schools|hospitals)';

const cache = new WeakMap<readonly string[], readonly Cue[]>();

/** The user cues, with the pack's personas. */
export function userCues(vocabulary: Vocabulary): readonly Cue[] {
  let cues = cache.get(vocabulary.personas);
  if (!cues) {
    const personas = wordsPattern([...BASE_PERSONAS, ...vocabulary.personas], { plural: true });
    // People, not a modifier: "Nurses on night shifts ..." names users; "Admin page ..." does not.
    const pluralPersonas = wordsPattern([...BASE_PERSONAS, ...vocabulary.personas].map(pluralOf));
    cues = [
      {
        id: 'persona-story',
        pattern: new RegExp(`\\bas (?:an?|the):?\\W{0,4}(?!\\W{0,6}(?:user|customer|person)\\b)[\\w -]{0,30}?\\b(?:${personas}|user|customer)\\b`),
        weight: 2,
        examples: {
          match: ['As a finance admin, I want to export invoices.', 'As a nurse on night shifts I need dark mode.'],
          noMatch: ['As a user, I want to export invoices.'],
        },
      },
      {
        id: 'segment-story',
        pattern: new RegExp(`\\bas an? (?:\\*\\*)?${SEGMENT} (?:user|customer)s?\\b`),
        weight: 2,
        examples: {
          match: ['As an enterprise user I need SSO.'],
          noMatch: ['As a user I need SSO.'],
        },
      },
      {
        id: 'persona',
        pattern: new RegExp(`\\b(?:our|the|my|your|their|for|of|with|which|other|all|many|some|most) (?:[\\w-]+ )?(?:${personas})\\b(?! (?:${THINGS})\\b)`),
        weight: 1,
        examples: {
          match: ['Our dispatchers retype every order.', 'This is hard for the reviewers.'],
          noMatch: ['Open the admin dashboard.', 'The student page is slow.'],
        },
      },
      {
        id: 'people-open-sentence',
        pattern: new RegExp(`\\b(?:${pluralPersonas})\\b(?<=(?:^|[.!?;:] +|  +|\\n[^\\w\\n]*)(?:[\\w-]+ +){0,2}(?:${pluralPersonas}))`),
        weight: 1,
        examples: {
          match: ['Nurses on night shifts cannot see the screen.'],
          noMatch: ['We spoke to nurses yesterday.', 'Admin page is slow.'],
        },
      },
      {
        id: 'persona-subject',
        pattern: new RegExp(`\\b(?:${personas}) (?:who|frequently|often|usually|always|need|needs|want|wants|have to|has to|must|can't|cannot|spend|spends|rely|relies)\\b`),
        weight: 1,
        examples: {
          match: ['Teachers often grade on paper.', 'Dispatchers need the map offline.'],
          noMatch: ['The teacher view is empty.'],
        },
      },
      {
        id: 'segment',
        pattern: new RegExp(`\\b${SEGMENT} (?:users|customers|clients|accounts|teams|organi[sz]ations|companies|tenants|members|developers|contributors)\\b`),
        weight: 1,
        examples: {
          match: ['Enterprise customers need audit logs.', 'Mobile users see a blank page.'],
          noMatch: ['The enterprise plan is expensive.'],
        },
      },
      {
        id: 'situated-people',
        pattern: /\b(?:users|people|folks|customers|anyone|everyone|those|teams|members|staff) (?:who|that|which|on|with|converting|running|working)\b|\bthose of us\b/,
        weight: 1,
        examples: {
          match: ['Users who run Windows see a crash.', 'People with screen readers cannot use it.'],
          noMatch: ['Users can sort the list.'],
        },
      },
      {
        id: 'function-team',
        pattern: /\b(?:ops|devops|operations|security|support|sales|marketing|finance|legal|design|data|analytics|qa|product|customer success|success|it|hr|people|billing|accounting|compliance|growth|editorial|content|partnerships|procurement|warehouse|logistics|clinical|nursing|teaching) (?:team|teams|department|staff|folks|people)\b/,
        weight: 1,
        examples: {
          match: ['The support team answers these emails.', 'Our finance department closes the books.'],
          noMatch: ['The team page is slow.'],
        },
      },
      {
        id: 'named-team',
        pattern: /\bthe [A-Za-z]+ team (?:feels|needs|wants|uses|has|is|are|would)\b/i,
        weight: 1,
        examples: {
          match: ['The Platform team needs this by May.'],
          noMatch: ['The team needs this by May.'],
        },
      },
      {
        id: 'team-asks',
        pattern: /(?:^|[.!?;:]\s+|\n[^\w\n]*|\bour )(?:finance|sales(?: ops)?|support|marketing|legal|ops|accounting|hr|compliance|billing|procurement|customer success|recruiting|payroll|dispatch)\s+(?:needs?|wants?|asked|asks|requested|requests|relies on)\s+(?:it|this|that|them|us|for (?:it|this|that))\b/,
        weight: 1,
        examples: {
          match: ['Finance needs it for month-end close.', 'Sales ops asked for it last week.'],
          noMatch: ['Support needs to be added for IPv6.', 'Add finance needs to the report.'],
        },
      },
      {
        id: 'own-situation',
        pattern: /\b(?:in my (?:infrastructure|environment|company|team|setup|organi[sz]ation|lab|school|shop)|in our (?:environment|infrastructure|company|organi[sz]ation|setup|clusters?|production)|i (?:(?:run|manage|maintain|operate|host) (?:a|an|\d+|two|three|four|five|six|ten|a few|a couple of|several|multiple|many|our|my|hundreds|dozens|thousands|some)|work (?:night|nights|shifts|as|in|from)|am (?:behind|on a|in a|at a|stuck)|teach|work (?:at|for|with|on)|have (?:multi|several|many|a lot of|\d+)|use \w+ (?:to|for|with|at|every|daily)|tried to|am (?:a|an|using|running|trying))|my (?:clients|customers|students|team|users|accountancy|accountant|boss|company|staff)|we (?:(?:run|manage|maintain|operate|host|deploy) (?:\d+|several|multiple|many|hundreds|dozens|thousands)|have \d+))\b/,
        weight: 1,
        examples: {
          match: ['I run a small bakery and take orders by phone.', 'We manage 40 clusters in production.'],
          noMatch: ['I think this is a good idea.'],
        },
      },
      {
        id: 'own-habit',
        pattern: /\b(?:i|we) (?:often |usually |always |regularly |mostly |also )?(?:play|invoice|work|manage|teach|host|maintain|deploy|sell|publish|organi[sz]e|coach|treat|serve|operate|ship|process|handle|bill) (?:[\w'-]+ ){0,4}?(?:\d+|several|multiple|many|both|hundreds|thousands|dozens|clients|customers|students|patients|members|employees|on (?:a|an|my|our)|in (?:a|an|my|our|both)|at (?:a|an|my|our)|from (?:a|an|my|our))\b|\bmy (?:[\w-]+ ){0,2}(?:has|have|contains|holds|includes) (?:about |around |over |almost |nearly |more than |~)?\d+|\bwhen i (?:run|use|open|try|deploy) [^.]{0,40}?\b(?:in|on|with) (?:our|my)\b/,
        weight: 1,
        examples: {
          match: ['I teach three classes of 30 students.'],
          noMatch: ['I teach myself.'],
        },
      },
      // Both are anchored on their rarer last words, with the agent noun or demonym checked behind
      // them only there: "[a-z]{3,}ers" tried at every word would dominate the scan.
      {
        id: 'people-with-a-habit',
        pattern: new RegExp(`\\b${HUMAN_HABIT}\\b(?<=\\b[a-z]{3,}(?:ers|ors|ists|ians|ants) (?:(?:often|usually|always|still|regularly|sometimes) )?${HUMAN_HABIT})`),
        weight: 1,
        examples: {
          match: ['Our dispatchers often forget the second stop.', 'Inspectors work in basements.'],
          noMatch: ['We often forget the second stop.'],
        },
      },
      {
        id: 'regional-segment',
        pattern: new RegExp(`\\b${SEGMENT_NOUNS}\\b(?<=\\b[a-z]{3,}(?:ian|ese|ish|ean|an) ${SEGMENT_NOUNS})`),
        weight: 1,
        examples: {
          match: ['Austrian customers need a different invoice.'],
          noMatch: ['Our customers need a different invoice.'],
        },
      },
    ];
    cache.set(vocabulary.personas, cues);
  }
  return cues;
}

function pluralOf(persona: string): string {
  const p = persona.trim().toLowerCase();
  if (p.endsWith('s') || p.endsWith('team') || p.endsWith('devops') || p.endsWith('accountancy')) return p;
  // "staff" is left as "staffs", which never matches: "Staff management" names no one.
  return /(?:ch|sh|x|z)$/.test(p) ? `${p}es` : `${p}s`;
}
