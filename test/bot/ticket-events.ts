import { readFileSync } from 'node:fs';
import { makeTicket, type TicketInput } from '../../src/domain/ticket.js';
import { isIgnored, TicketEventSchema, type TicketEvent } from '../../src/domain/ticket-event.js';
import { parseLinearWebhook } from '../../src/providers/linear/webhook.js';
import { flattenTicketEvent } from '../../src/providers/plain-text.js';

/**
 * Ticket events for the bot and worker tests: Linear ones through the real parser on the documented
 * payload (test/fixtures/linear/issue-created.json) with our own text, Jira ones built and validated.
 */

/** The issue of the Linear fixture: its id, identifier and team, which the Linear stub must hold. */
export const LINEAR_ISSUE = {
  id: '0b6f9a52-5c3e-4d8a-8f21-7e4a1d9c3b60',
  identifier: 'PLAT-318',
  teamId: 'a3e4b9d2-1f60-4e57-b0c8-6d2f1a9e8c44',
  featureLabelId: 'c81e0f3a-2d94-4b67-a1e5-9f3b6d0c7a25',
} as const;

export interface LinearIssueChange {
  readonly title: string;
  readonly description: string;
  /** `update` marks the description (and title) as changed, as Linear's `updatedFrom` does. */
  readonly action?: 'create' | 'update';
  readonly deliveryId?: string;
  readonly labels?: readonly string[];
}

export function linearIssueEvent(change: LinearIssueChange): TicketEvent {
  const payload = JSON.parse(readFileSync(new URL('../fixtures/linear/issue-created.json', import.meta.url), 'utf8'));
  payload.action = change.action ?? 'create';
  payload.data.title = change.title;
  payload.data.description = change.description;
  payload.data.labels = (change.labels ?? ['Feature']).map((name, n) => ({ id: `label-${n}`, color: '#BB87FC', name, parentId: null }));
  if (payload.action === 'update') payload.updatedFrom = { description: 'an older description', title: 'an older title' };
  const headers = { 'linear-delivery': change.deliveryId ?? 'a9f1c3d2-7b64-4e0f-8c15-2d6e9b4a7f30' };
  const result = parseLinearWebhook(payload, headers);
  if (isIgnored(result)) throw new Error(`the fixture was ignored: ${result.ignored}`);
  return flattenTicketEvent(result);
}

export const JIRA_ISSUE = { id: '10482', key: 'SHOP-214' } as const;

export function jiraIssueEvent(ticket: Omit<TicketInput, 'id'>, deliveryId = 'c7d2e9a1-0f43-4b86-9e15-3a8d6c2b7f04'): TicketEvent {
  return TicketEventSchema.parse({
    provider: 'jira',
    deliveryId,
    workspace: 'https://acme-shop.atlassian.net',
    type: 'ticket.created',
    ticketRef: { id: JIRA_ISSUE.id, key: JIRA_ISSUE.key, url: null },
    ticket: makeTicket({ id: JIRA_ISSUE.id, key: JIRA_ISSUE.key, kind: 'feature', team: 'SHOP', ...ticket }),
    descriptionChanged: false,
    titleChanged: false,
    comment: null,
    actor: { id: 'acc-lena', name: 'Lena Fischer', isBot: false },
    occurredAt: '2025-04-02T08:41:12.337+02:00',
  });
}

/** An invented output-only ticket: a deliverable, no body. */
export const BARE_EXPORT = { title: 'Add CSV export', description: '' } as const;

/** An invented ticket that says who, why, how we will know and what else was weighed. */
export const MOTIVATED_EXPORT = {
  title: 'Export open cases as CSV',
  description:
    'Our support agents copy their open cases into a spreadsheet by hand every Monday to plan the week, ' +
    'which takes about an hour per agent and misses cases. With an export they could load the list straight away.\n\n' +
    'We will know it worked when the Monday planning takes under ten minutes.\n\n' +
    'We considered a shared dashboard, but the agents want to sort and annotate the list in their own spreadsheet.',
} as const;
