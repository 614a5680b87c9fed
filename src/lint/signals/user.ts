import type { Signal } from '../signal.js';
import type { TicketText } from '../ticket-text.js';
import type { Vocabulary } from '../vocabulary.js';
import { evidenceOf, findCues, type Cue } from './cue.js';
import { wordsPattern } from './words-pattern.js';

/**
 * Who needs it: a role, persona, customer, segment or team, or the reporter describing their own
 * situation as the person who needs it. Generic "users", "the user", "customers", "people" or
 * "as a user" are nobody in particular; nor is "we", "our team" or "our CI" for the team doing the work.
 */
export function detectUser(text: TicketText, vocabulary: Vocabulary): Signal {
  const hits = findCues(text, cuesFor(vocabulary), 2);
  return hits.length ? { present: true, evidence: evidenceOf(text, hits) } : { present: false, evidence: [] };
}

/** Roles and personas the engine knows; a pack adds its own domain's with `vocabulary.personas`. */
export const BASE_PERSONAS = [
  'admin', 'admins', 'administrator', 'administrators', 'manager', 'managers', 'moderator', 'moderators',
  'reviewer', 'reviewers', 'teacher', 'teachers', 'student', 'students', 'instructor', 'instructors',
  'veteran', 'veterans', 'coordinator', 'coordinators', 'organizer', 'organizers', 'organiser', 'organisers',
  'contributor', 'contributors',
  'product owner', 'product manager', 'designer', 'designers',
  'accountant', 'accountants', 'accountancy', 'auditor', 'auditors', 'analyst', 'analysts', 'recruiter',
  'recruiters', 'dispatch worker', 'support team', 'sales team', 'finance team', 'support agent', 'support agents',
  'support staff', 'staff', 'employee', 'employees', 'volunteer', 'volunteers',
  'subscriber', 'subscribers', 'buyer', 'buyers', 'seller', 'sellers', 'merchant', 'merchants', 'patient',
  'patients', 'doctor', 'doctors', 'nurse', 'nurses', 'clinician', 'clinicians', 'lawyer', 'lawyers',
  'developer', 'developers', 'engineer', 'engineers', 'sysadmin', 'sysadmins', 'devops', 'speaker', 'speakers',
  'proposer', 'proposers', 'visitor', 'visitors',
  'landlord', 'tenant', 'tenants',
  'caregiver', 'coach', 'coaches', 'athlete', 'athletes', 'researcher', 'researchers', 'scientist',
  'scientists', 'judge', 'judges', 'clerk', 'clerks', 'court user', 'captain', 'captains', 'cashier',
  'courier', 'technician', 'technicians', 'translator', 'translators',
  'course creator', 'course admin', 'team lead', 'team leads', 'on-call', 'sre', 'sres', 'data scientist',
];

/** Qualifiers that turn generic users into a segment: "enterprise users", "mobile users". */
const SEGMENT = '(?:enterprise|business|paying|premium|free|trial|new|existing|returning|power|mobile|desktop|ios|android|international|non-english|blind|deaf|visually impaired|unregistered|anonymous|logged[- ]in|registered|small|large|self[- ]hosted|on[- ]prem(?:ise)?|api|b2b|b2c|internal|external|first[- ]time|novice|advanced|offline|remote|frontline|field|retail|corporate|government|academic|european|us|eu)';

const cache = new WeakMap<readonly string[], readonly Cue[]>();

function cuesFor(vocabulary: Vocabulary): readonly Cue[] {
  let cues = cache.get(vocabulary.personas);
  if (!cues) {
    const personas = wordsPattern([...BASE_PERSONAS, ...vocabulary.personas], { plural: true });
    // People, not a modifier: "Nurses on night shifts ..." names users; "Admin page ..." does not.
    const pluralPersonas = wordsPattern([...BASE_PERSONAS, ...vocabulary.personas].map(pluralOf));
    cues = [
      { id: 'persona-story', pattern: new RegExp(`\\bas (?:an?|the):?\\W{0,4}(?!\\W{0,6}(?:user|customer|person)\\b)[\\w -]{0,30}?\\b(?:${personas}|user|customer)\\b`), weight: 2 },
      { id: 'segment-story', pattern: new RegExp(`\\bas an? (?:\\*\\*)?${SEGMENT} (?:user|customer)s?\\b`), weight: 2 },
      { id: 'persona', pattern: new RegExp(`\\b(?:our|the|my|your|their|for|of|with|which|other|all|many|some|most) (?:[\\w-]+ )?(?:${personas})\\b`), weight: 1 },
      { id: 'people-open-sentence', pattern: new RegExp(`\\b(?:${pluralPersonas})\\b(?<=(?:^|[.!?;:] +|  +)(?:[\\w-]+ +){0,2}(?:${pluralPersonas}))`), weight: 1 },
      { id: 'persona-subject', pattern: new RegExp(`\\b(?:${personas}) (?:who|frequently|often|usually|always|need|needs|want|wants|have to|has to|must|can't|cannot|spend|spends|rely|relies)\\b`), weight: 1 },
      { id: 'segment', pattern: new RegExp(`\\b${SEGMENT} (?:users|customers|clients|accounts|teams|organi[sz]ations|companies|tenants|members|developers|contributors)\\b`), weight: 1 },
      { id: 'situated-people', pattern: /\b(?:users|people|folks|those of us|customers|anyone|everyone|those|teams|members|staff) (?:who|that|which|on|with|converting|running|working)\b/, weight: 1 },
      { id: 'named-team', pattern: /\bthe [A-Za-z]+ team (?:feels|needs|wants|uses|has|is|are|would)\b/i, weight: 1 },
      { id: 'own-situation', pattern: /\b(?:in my (?:infrastructure|environment|company|team|setup|organi[sz]ation|lab|school|shop)|in our (?:environment|infrastructure|company|organi[sz]ation|setup|clusters?|production)|i (?:(?:run|manage|maintain|operate|host) (?:a|an|\d+|several|multiple|many|our|my|hundreds|dozens|thousands|some)|teach|work (?:at|for|with|on)|have (?:multi|several|many|a lot of|\d+)|use \w+ (?:to|for|with|at|every|daily)|tried to|am (?:a|an|using|running|trying))|my (?:clients|customers|students|team|users|accountancy|accountant|boss|company|staff)|we (?:(?:run|manage|maintain|operate|host|deploy) (?:\d+|several|multiple|many|hundreds|dozens|thousands)|have \d+))\b/, weight: 1 },
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
