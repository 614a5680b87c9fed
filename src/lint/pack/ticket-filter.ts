import type { Ticket } from '../../domain/ticket.js';
import type { Analysis } from '../analysis.js';
import type { When } from './pack-schema.js';

/**
 * Whether a ticket is one a `when` filter or an override is about: every list the filter sets must
 * hold, and within a list any value will do. `teams` and `projects` are one list (a Linear team key
 * or a Jira project key, which the ticket carries as its team). Names are compared ignoring case.
 */
export function matchesFilter(filter: When, ticket: Ticket, kind: Analysis['kind']): boolean {
  const { kinds, labels, teams, projects } = filter;
  if (kinds && !kinds.includes(kind)) return false;
  if (labels && !ticket.labels.some((label) => includesIgnoringCase(labels, label))) return false;
  if (teams || projects) {
    if (ticket.team === null) return false;
    if (!includesIgnoringCase(teams ?? [], ticket.team) && !includesIgnoringCase(projects ?? [], ticket.team)) return false;
  }
  return true;
}

/**
 * A pack's lists, trimmed and lower-cased once: a pack's lists are the same arrays for its life
 * (rule-pack.ts), so each is prepared on its first use and looked up after that.
 */
const preparedLists = new WeakMap<readonly string[], ReadonlySet<string>>();

export function includesIgnoringCase(list: readonly string[], value: string): boolean {
  if (list.length === 0) return false;
  let prepared = preparedLists.get(list);
  if (!prepared) preparedLists.set(list, (prepared = new Set(list.map((item) => item.trim().toLowerCase()))));
  return prepared.has(value.trim().toLowerCase());
}
