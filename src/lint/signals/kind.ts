import type { TicketKind } from '../../domain/ticket.js';
import type { Evidence, InferredKind } from '../signal.js';
import { GAP_FILL, type TicketText } from '../ticket-text.js';
import { cuesOn, evidenceOf, findCues, NO_CUES_OFF, scoreOf, type Cue, type CueHit, type CuesOff, type HitReason } from './cue.js';
import type { TitleRequest } from './title-request.js';
import { verbLean } from './title-verbs.js';
import { FAILURE_WORDS } from './phrases/failure-words.js';
import { wordsPattern } from './words-pattern.js';

export interface KindReading {
  readonly kind: InferredKind;
  readonly evidence: readonly Evidence[];
  /** Every kind's cues that fired, as `kind:cue`, for the learned judgement. */
  readonly cues?: readonly string[];
}

/**
 * What the ticket is, read from its words when the tracker does not say: a feature asks for
 * something people outside the team will use; a task is internal engineering work; a bug reports
 * something that does not work. Each kind collects weighted cues; the strongest wins.
 */
export function detectKind(text: TicketText, trackerKind: TicketKind, request: TitleRequest, off: CuesOff = NO_CUES_OFF): KindReading {
  if (trackerKind !== 'unknown') return { kind: trackerKind, evidence: [] };
  const verbKind = request.verb ? verbLean(request.verb) : undefined;
  const hits = cuesOn(findCues(text, KIND_CUES, 1), 'kind', off);
  const scores: Record<InferredKind, { score: number; hits: CueHit[] }> = {
    feature: tally(hits, FEATURE_CUES),
    task: tally(hits, TASK_CUES),
    bug: tally(hits, BUG_CUES),
    other: tally(hits, OTHER_CUES),
  };
  // "Show which route failed", "Allow configuring the upload timeout": after a request verb and a
  // linking word, words for failures name what the feature is about, not a failure being reported.
  // Without one, the verb was a noun all along ("Export fails", "Upload progress stuck at 99%").
  if (verbKind === 'feature') {
    drop(scores.bug, (h) => h.start < text.titleEnd && LINKING_WORD.test(text.lower.slice(request.objectStart, h.start)));
  }
  if (verbKind) lean(scores[verbKind], `verb:${request.verb}`, VERB_WEIGHT, request.start, request.objectStart);
  else if (BEHAVIOUR.test(text.lowerTitle)) {
    // A title that says what something does ("Import silently skips rows", "Grid shows NULL as empty")
    // and asks for nothing reports behaviour: a bug, unless the words ask for something.
    lean(scores.bug, 'says-what-happens', STATEMENT_WEIGHT, request.start, text.titleEnd);
  } else if (!saysInTitle(text, scores.bug.hits) && !saysInTitle(text, scores.other.hits) && !STATEMENT.test(text.lowerTitle)) {
    // A title that names a thing ("Offline mode for field inspections") and says nothing is wrong asks for it.
    lean(scores.feature, 'names-a-thing', THING_WEIGHT, request.start, text.titleEnd);
  }
  let best: InferredKind = 'other';
  let bestScore = 0.5;
  for (const kind of ['bug', 'task', 'feature', 'other'] as const) {
    if (scores[kind].score > bestScore) { best = kind; bestScore = scores[kind].score; }
  }
  if (best === 'other' && scores.other.score <= 0.5) best = request.verb || text.title.length > 0 ? 'feature' : 'other';
  const cues = (['bug', 'task', 'feature', 'other'] as const).flatMap((k) => scores[k].hits.map((h) => `${k}:${h.cue.id}`));
  return { kind: best, evidence: evidenceOf(text, scores[best].hits, 2), cues };
}

function lean(score: { score: number; hits: CueHit[] }, id: string, weight: number, start: number, end: number): void {
  score.score += weight;
  score.hits.unshift({ cue: { id, weight }, start, end });
}

function drop(score: { score: number; hits: CueHit[] }, which: (hit: CueHit) => boolean): void {
  const kept = score.hits.filter((h) => !which(h));
  score.hits = kept;
  score.score = scoreOf(kept);
}

function saysInTitle(text: TicketText, hits: readonly CueHit[]): boolean {
  return hits.some((h) => h.start < text.titleEnd);
}

function tally(all: readonly CueHit[], cues: readonly Cue[]): { score: number; hits: CueHit[] } {
  const hits = all.filter((h) => (cues as readonly HitReason[]).includes(h.cue));
  return { score: scoreOf(hits), hits };
}

/** An opening verb leans the reading, but a clearly internal object ("Add acceptance test") outweighs it. */
const VERB_WEIGHT = 1.5;
const LINKING_WORD = /\b(?:for|of|on|about|which|when|if|that|the|a|an|in|to|with|whose|what|where|why|whether)\b/;
/** A title with no verb that names a thing, where nothing in it says something is wrong. */
const THING_WEIGHT = 1;
/**
 * A title that states something ("Aptana forces the path ...") rather than naming a thing. Read only
 * where BEHAVIOUR found nothing, so the forms it takes ("shows", "stays", ...) are not repeated here.
 */
const STATEMENT = / (?:is|are|was|were|does|do|did|has|have|can|cannot|can't|will|won't|should|show|forces?|return|cause|make|get|stay|keep|needs?)\b/;
/**
 * A statement of what something does now, in the present or past: no modal verb ("should", "can"),
 * which would ask for a change instead. The subject may be a blanked code span ("`ls --sort size` sorts").
 */
const BEHAVIOUR = new RegExp(`[ ${GAP_FILL}](?:silently |still |sometimes |randomly |always |never )?(?:shows|showed|stays|keeps|returns|causes|makes|gets|goes|skips|sorts|drops|loses|logs (?:out|in)|hides|treats|counts|rounds|prints|renders|displays|lists|sends|opens|closes|jumps|reads|writes|deletes|removes|breaks|ignores|reports|rejects|accepts|allows|uses)\\b`);
/** Weaker than a request verb or a feature cue: a statement leans to a bug report, it does not decide. */
const STATEMENT_WEIGHT = 1.5;

const FEATURE_CUES: readonly Cue[] = [
  {
    id: 'user-story',
    pattern: /\bas an? [\w -]{1,40}?,? i (?:want|would like|need|'d like)\b|\buser stor(?:y|ies)\b/,
    weight: 2.5,
    examples: {
      match: ['As a teacher, I want to grade online.', 'User story: grading'],
      noMatch: ['I want to grade online.'],
    },
  },
  {
    id: 'request',
    pattern: /\b(?:i would like|i'd like|i'd love|we would like|please (?:add|consider|support|implement|provide|make|allow)|can you (?:add|make|please)|could you (?:add|make)|is it possible to|i want to be able|i wish)\b/,
    weight: 1,
    examples: {
      match: ['I would like to export invoices.', 'Please add a dark mode.'],
      noMatch: ['I like the new export.'],
    },
  },
  {
    id: 'ability',
    pattern: /\b(?:ability|option|possibility|way) (?:to|for) (?!reproduce)|\bsupport (?:for|of)\b|\ballow (?:users?|admins?|me|us|you|people|them|customers?)\b|\bbe able to\b/,
    weight: 1,
    examples: {
      match: ['Add the ability to archive projects.', 'Allow admins to archive projects.'],
      noMatch: ['Here is a way to reproduce it.'],
    },
  },
  {
    id: 'gap',
    pattern: /\b(?:(?:does|do|is|are)(?: not|n't) (?:yet )?(?:support|allow|let|offer|provide|have an? (?:option|way|setting))|(?:is|are) not (?:yet )?supported|no (?:support|option|setting) for)\b/,
    weight: 2.5,
    examples: {
      match: ['The importer does not support XLSX.', 'There is no option for dark mode.'],
      noMatch: ['The importer supports XLSX.'],
    },
  },
  {
    id: 'ui-noun',
    pattern: /\b(?:ui|page|dashboard|button|menu|screen|dialog|modal|tab|sidebar|header|toolbar|widget|toggle|dark mode|shortcut|column|view|form|map|chart|graph|progress bar|icon|tooltip|notification|email|e-mail|settings?|preferences?|profile|search bar|filter|export|import|csv|pdf|excel|report|sso|saml|oauth|login|sign[ -]?up|onboarding|plugin|extension|integration|app|mobile|endpoint|api|cli option|command line option|flag|analytics|tracking events?|funnel|documentation)s?\b/,
    weight: 1,
    examples: {
      match: ['Dark mode toggle', 'Export to PDF'],
      noMatch: ['Speed up the nightly job'],
    },
  },
];

const BUILD_AND_CI = /\b(?:ci|continuous integration|build times?|pipelines?|github (?:actions|workflows?)|workflows?|docker(?:file| image| build)|kaniko|jenkins|travis|release script|release process|gradle|maven|webpack|linter|eslint)\b/;

const TASK_CUES: readonly Cue[] = [
  {
    id: 'chore-prefix',
    pattern: /^\W{0,3}(?:chore|ci|build|refactor|test|tests|style|deps|cln|tst|bld|ref|maint)(?:\([^)]{0,30}\))?\s?:/,
    weight: 2.5,
    where: 'title',
    examples: {
      match: ['chore: bump eslint', 'refactor(api): split handlers'],
      noMatch: ['Chores list for the household app'],
    },
  },
  {
    id: 'operations',
    pattern: /\b(?:decommission\w*|rotate|rotation of|credentials|secrets|(?:tls|ssl) certificates?|vms?|infra(?:structure)?|terraform|ansible|correlation ids?|(?!self-|customer-)[a-z0-9]+-(?:service|svc|worker|gateway)\b)/,
    weight: 2.5,
    where: 'title',
    examples: {
      match: ['Rotate the database credentials', 'Decommission the billing-worker'],
      noMatch: ['Customer-service dashboard'],
    },
  },
  {
    id: 'internal-verb',
    pattern: /^(?:[\w[\]():#. -]{0,30}?)\b(?:refactor(?:ing)?|clean ?up|rename|upgrade|bump|migrate|rework|port|deprecate|reorganize|restructure|consolidate|backfill|extract\b(?=[^.]{1,40}\b(?:out of|into)\b))\b/,
    weight: 2.5,
    where: 'title',
    examples: {
      match: ['Refactor the billing module', 'Extract the parser into its own package'],
      noMatch: ['Export the report as PDF', 'Extract text from PDFs'],
    },
  },
  {
    id: 'engineering-chore',
    pattern: /\b(?:spike|tech(?:nical)? debt|chore|refactor(?:ing)?|tracking issue|todo\]|poc|proof of concept)\b/,
    weight: 2.5,
    examples: {
      match: ['Spike: evaluate queue options', 'Pay down tech debt in billing'],
      noMatch: ['Sports scores widget'],
    },
  },
  {
    id: 'build-and-ci',
    pattern: BUILD_AND_CI,
    weight: 3,
    where: 'title',
    examples: {
      match: ['Speed up CI', 'Move the build to GitHub Actions'],
      noMatch: ['Build a report page'],
    },
  },
  {
    id: 'build-and-ci-body',
    pattern: BUILD_AND_CI,
    weight: 1,
    where: 'body',
    examples: {
      match: ['The pipeline fails on main.'],
      noMatch: ['Build a report page.'],
    },
  },
  {
    id: 'tests',
    pattern: /\b(?:(?:unit|integration|acceptance|e2e|end-to-end|performance|regression|smoke|load)? ?tests?|test (?:suite|runtimes?|cases?|coverage)|testing|benchmarks?|benchmark suite|behat|phpunit|junit|jest|pytest|selenium|cucumber)\b/,
    weight: 3,
    where: 'title',
    examples: {
      match: ['Add unit tests for the parser', 'Flaky e2e test in checkout'],
      noMatch: ['Contest entry form'],
    },
  },
  {
    id: 'code-internals',
    pattern: /\b(?:hard-?coded|class(?:es)?|interfaces?|algorithm|buffer|parser|schema|codebase|code base|source code|packages?|(?<!media |photo |music |image |video |asset |document |component |icon )library|libraries|dependenc(?:y|ies)|scripts?|tsconfig|package\.json|codeowners|gitignore|editorconfig|makefile|changelog|copyright|license headers?|lint rules?|linting|(?:missing |database )?index on|strict mode|typescript|kotlin|java files|type hints|type annotations|sentry|datadog|new relic|renovate|dependabot|staging|typings|type definitions|dead code|unused (?:code|imports|dependencies)|module options|metadata|service layer|bucketing|containerizers?|camel case|hump case|spreadsheet|translations? into|git|repo(?:sitory)?|caching)\b/,
    weight: 3,
    where: 'title',
    examples: {
      match: ['Remove dead code in billing', 'Upgrade TypeScript to 5.6'],
      noMatch: ['Media library search', 'Photo library sync'],
    },
  },
  {
    id: 'versions',
    pattern: /\b(?:version \d|v?\d+\.\d+(?:\.\d+)?(?:rc\d*)?|ga releases?|release candidate)\b/,
    weight: 1,
    where: 'title',
    examples: {
      match: ['Support Python 3.12', 'Release candidate checklist'],
      noMatch: ['Support Python'],
    },
  },
  {
    id: 'research',
    pattern: /\b(?:research|investigate|determine|finalize|evaluate|assess|design doc|document the|documentation for developers|for (?:new )?developers|spreadsheet|for the team|internal)\b/,
    weight: 1.5,
    examples: {
      match: ['Investigate slow exports', 'Evaluate PDF libraries'],
      noMatch: ['Export invoices'],
    },
  },
  {
    id: 'developer-audience',
    pattern: /\bas an? (?:[\w-]+ )?(?:developer|engineer|maintainer|contributor|dev)\b/,
    weight: 1.5,
    examples: {
      match: ['As a developer, I want typed errors.'],
      noMatch: ['As a designer, I want a grid.'],
    },
  },
];

const BUG_CUES: readonly Cue[] = [
  {
    id: 'malfunction-title',
    pattern: /\b(?:ignores|ignored|overlaps?|overlapping|disappears?|disappeared|vanish(?:es|ed)?|resets|shifted|jumps|flicker(?:s|ing)?|overflows?|truncat(?:es|ed)|leaks?|leaking|misaligned|cuts? off|stops (?:when|after|working|responding|recording|syncing)|timeouts?$|(?:unavailable|offline|unresponsive|not responding) after|keeps? [a-z]+ing|reboots?|restarts? (?:every|randomly|unexpectedly|itself)|still (?:shows|displays|contains|appears|visible|there)|off by one|shows? (?:negative|wrong|incorrect|duplicate|blank|empty|stale|old|no)|returns? (?:wrong|null|undefined|empty|500|404|an? error)|not (?:loading|saving|showing|updating|sent|shown|displayed|rendered|triggered))\b/,
    weight: 3,
    where: 'title',
    examples: {
      match: ['Sidebar overlaps the footer', 'Upload progress still shows 0%'],
      noMatch: ['Sidebar for the footer links'],
    },
  },
  // "Dashboard takes 12s to load": a slow screen is reported, not requested.
  {
    id: 'slow-title',
    pattern: /\btakes? (?:\d+(?:\.\d+)? ?(?:ms|s|secs?|seconds?|minutes?|mins?|hours?)|forever|ages|too long)\b|\b(?:is|are|got|gets|very|too|really|so|extremely) slow\b|\bslow to (?:load|open|respond|start|render|save)\b|\bloads? slowly\b/,
    weight: 3,
    where: 'title',
    examples: {
      match: ['Dashboard takes 12s to load', 'Search is slow'],
      noMatch: ['Slow mode for chat'],
    },
  },
  {
    id: 'failure-title',
    pattern: new RegExp(`\\b(?<!\\b(?:for|on|of|about|with|retry|retries|handle|show|log|report|track|alert|notify|list|count|ignore|skip|surface|highlight|display) )(?:${wordsPattern(FAILURE_WORDS)}|bug|crashing|error|errors|regression|(?:does|do|did)(?: not|n't) (?:work|load|show|save|open|respect|enforce|return)|isn't working|is not working|cannot be|can't be|can not be|incorrectly|not passing|doesn't|does not|is not|are not|isn't|aren't|no longer|won't|not being|hang|freeze|npe|nullpointer\\w*|segfault|panics?|deadlocks?|memory leak|race condition|missing from|issues?|problems?|whacky|duplicated|empty result|should not|should return|requires restart)\\b`),
    weight: 2.5,
    where: 'title',
    examples: {
      match: ['Export fails for large files', 'Crash when saving'],
      noMatch: ['Retry failed jobs', 'Log errors to Sentry'],
    },
  },
  {
    id: 'reproduction',
    pattern: /\b(?:describe the bug|bug report|steps to reproduce|to reproduce|expected (?:result|behaviou?r|outcome)|actual (?:result|behaviou?r)|(?:expected|actual)\W{0,3}:|stack ?trace|traceback|exception in thread|\[ run|nullpointer|segfault|core dump|repro(?:duced|duction)?)\b/,
    weight: 2.5,
    examples: {
      match: ['Steps to reproduce: open the page', 'Stack trace attached'],
      noMatch: ['Steps to deploy'],
    },
  },
  {
    id: 'regression',
    pattern: /\bsince (?:the |version |v)?\d+(?:\.\d+)+\b|\bsince (?:the )?(?:last|latest|recent) (?:update|upgrade|release|deploy(?:ment)?)\b/,
    weight: 2.5,
    where: 'title',
    examples: {
      match: ['Export empty since 2.3.1', 'Login broken since the last update'],
      noMatch: ['Orders since 2023'],
    },
  },
  {
    id: 'worked-before',
    pattern: /\b(?:worked|works) (?:fine|ok|okay|correctly|as expected) (?:in|on|with|without|before|until)\b|\bworked (?:in|on|before|until) (?:v|version )?\d/,
    weight: 2.5,
    examples: {
      match: ['It worked fine in 1.2.', 'Works correctly on Chrome.'],
      noMatch: ['It works.'],
    },
  },
  {
    id: 'failure-body',
    pattern: new RegExp(`\\b(?:${wordsPattern(FAILURE_WORDS)}|error message|throws?|unable to|timed? ?out|not being)\\b`),
    weight: 1.5,
    where: 'body',
    examples: {
      match: ['Saving throws an exception.', 'The page is broken.'],
      noMatch: ['Saving closes the dialog.'],
    },
  },
];

const OTHER_CUES: readonly Cue[] = [
  {
    id: 'asks-a-question',
    pattern: /\?\W{0,3}$/,
    weight: 2.5,
    where: 'title',
    examples: {
      match: ['Why does export skip rows?'],
      noMatch: ['Add a FAQ page'],
    },
  },
  {
    id: 'no-request',
    pattern: /^\W{0,3}(?:thanks?|thank you|kudos|great (?:work|job|library|project|tool))\b/,
    weight: 3.5,
    where: 'title',
    examples: {
      match: ['Thanks for the great library'],
      noMatch: ['Send a thank you email'],
    },
  },
  {
    id: 'epic',
    pattern: /^\W{0,3}(?:epic|meta|umbrella|roadmap|tracking)\b/,
    weight: 3,
    where: 'title',
    examples: {
      match: ['Epic: billing v2', '[Meta] Accessibility'],
      noMatch: ['Epicurious import'],
    },
  },
];

/** Every kind's cues, so the text is scanned once for all four kinds. */
export const KIND_CUES: readonly Cue[] = [...FEATURE_CUES, ...TASK_CUES, ...BUG_CUES, ...OTHER_CUES];
