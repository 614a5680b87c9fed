import { makeTicket, type Ticket, type TicketKind } from '../../src/domain/ticket.js';
import { seededRandom } from '../../src/training/seeded-random.js';

/**
 * Deterministic made-up tickets for the benchmark: a seeded generator mixes feature, bug and task
 * sentences with varying nouns and numbers, so every ticket's text is different (no engine cache or
 * V8 string cache can make a repeat cheap) and every run lints the same tickets.
 */

const SLOTS: Record<string, readonly string[]> = {
  thing: ['CSV export', 'audit log', 'bulk edit', 'dark mode', 'SAML login', 'webhook retries', 'invoice PDF', 'saved filters',
    'calendar sync', 'usage dashboard', 'API rate limits', 'offline mode', 'two-factor prompt', 'project templates', 'Slack digest'],
  persona: ['finance admins', 'support agents', 'warehouse leads', 'enterprise customers', 'new contributors', 'teachers',
    'on-call engineers', 'sales managers', 'clinic receptionists', 'plugin authors', 'account owners', 'moderators'],
  screen: ['settings page', 'billing screen', 'project list', 'search results', 'checkout', 'report builder', 'inbox'],
  tool: ['a spreadsheet', 'the admin API', 'a nightly cron job', 'email threads', 'a browser extension', 'manual exports'],
  module: ['scheduler', 'ingest worker', 'auth service', 'report renderer', 'sync client', 'billing job', 'search indexer'],
  error: ['NullPointerException', 'a 502 from the gateway', 'TypeError: cannot read properties of undefined', 'a timeout after 30 s'],
};

const TITLES: Record<Exclude<TicketKind, 'unknown'>, readonly string[]> = {
  feature: ['Add {thing}', 'Support {thing} on the {screen}', 'Allow {persona} to use {thing}', 'Show {thing} in the {screen}',
    'New {thing} for {persona}', 'Expose {thing} through the public API'],
  bug: ['{thing} fails with {error}', 'Crash when opening the {screen}', '{module} drops events after restart',
    'Wrong totals on the {screen} after {thing} runs'],
  task: ['Refactor the {module}', 'Upgrade the {module} to Node {n}', 'Add tests for the {module}', 'Remove dead code in the {module}',
    'Migrate {module} config to YAML'],
};

const SENTENCES: readonly string[] = [
  '{persona} currently rely on {tool} to get {thing}, which takes about {n} hours every month.',
  'Because there is no {thing}, {persona} copy rows into {tool} by hand and mistakes slip through.',
  'So that {persona} can close the month without waiting on engineering, we want {thing} on the {screen}.',
  'Success looks like cutting the time spent on this from {n} hours to under {m} minutes.',
  'Done when {persona} can open the {screen}, pick a date range and download the file in one click.',
  'We considered building this on top of {tool}, but it needs a token per user and breaks on large accounts.',
  'Out of scope: permissions per field, which we will handle in a later ticket.',
  'Steps to reproduce: open the {screen}, enable {thing}, wait {n} seconds and refresh.',
  'Expected: the {screen} loads in under {m} seconds. Actual: the page hangs and then shows {error}.',
  'The {module} logs {error} roughly {n} times per hour since the last deploy.',
  'This started after version {n}.{m} and affects about {n}% of workspaces on the enterprise plan.',
  'Implementation notes: reuse the existing {module} queue and add a flag for {thing}.',
  'The {module} still uses the old client, which makes local setup slow for anyone touching it.',
  'See the thread with {persona} from last week for the details of how they work around it.',
  'Acceptance criteria: the {screen} shows {thing}, the export matches the totals, and the audit log records who ran it.',
  'It would be nice to have {thing} as well, like other tools do.',
  'Support tickets about {thing} went up by {n} in the last quarter, mostly from {persona}.',
  'Given a workspace with {n} projects, when an admin opens the {screen}, then {thing} is visible within {m} seconds.',
];

function fill(template: string, random: () => number): string {
  return template.replace(/\{(\w+)\}/g, (_, slot: string) => {
    if (slot === 'n') return String(2 + Math.floor(random() * 97));
    if (slot === 'm') return String(1 + Math.floor(random() * 30));
    const options = SLOTS[slot]!;
    return options[Math.floor(random() * options.length)]!;
  });
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

/** A paragraph break every few sentences, as people write. */
function bodyOf(targetChars: number, random: () => number): string {
  let body = '';
  while (body.length < targetChars) {
    const sentence = fill(pick(SENTENCES, random), random);
    body += body === '' ? sentence : (random() < 0.25 ? '\n\n' : ' ') + sentence;
  }
  return body;
}

export interface TicketSetSpec {
  readonly name: string;
  readonly count: number;
  /** Approximate body length in characters; 0 for title-only tickets. */
  readonly bodyChars: number;
  readonly seed: number;
}

export function syntheticTickets(spec: TicketSetSpec): Ticket[] {
  const random = seededRandom(spec.seed);
  const kinds = ['feature', 'feature', 'bug', 'task'] as const;
  return Array.from({ length: spec.count }, (_, i) => {
    const kind = pick(kinds, random);
    // The tracker says the kind only half the time, so the engine's own kind inference runs too.
    return makeTicket({
      id: `${spec.name}-${i + 1}`,
      title: fill(pick(TITLES[kind], random), random) + (random() < 0.5 ? ` (${spec.name} ${i})` : ''),
      description: spec.bodyChars > 0 ? bodyOf(spec.bodyChars, random) : '',
      kind: random() < 0.5 ? kind : 'unknown',
    });
  });
}
