import { makeTicket, type Ticket, type TicketKind } from '../../domain/ticket.js';
import type { Participant, PlainOrRichText, WebhookTicket } from '../../domain/ticket-event.js';
import type { AdfNode } from './adf.js';
import { adfToPlainText } from './adf-text.js';
import { jiraWikiToPlainText } from './wiki-markup-text.js';
import type { JiraUser } from './webhook-payload.js';

const KIND_BY_ISSUE_TYPE: Readonly<Record<string, TicketKind>> = {
  'story': 'feature',
  'new feature': 'feature',
  'feature': 'feature',
  'improvement': 'feature',
  'bug': 'bug',
  'task': 'task',
  'sub-task': 'task',
  'subtask': 'task',
};

/** Jira's issue type names -> our kinds; Epic and custom types stay unknown. */
export function jiraKindFromIssueType(name: string | null | undefined): TicketKind {
  return KIND_BY_ISSUE_TYPE[(name ?? '').trim().toLowerCase()] ?? 'unknown';
}

/** `https://acme.atlassian.net/rest/api/2/issue/10002` -> `https://acme.atlassian.net` (keeps a Data Center context path). */
export function jiraSiteUrlFromSelf(self: string): string | null {
  return /^(https?:\/\/.+?)\/rest\/api\//.exec(self)?.[1] ?? null;
}

/** Wiki markup (webhooks, REST v2) or ADF (REST v3) -> plain text. */
export function jiraRichTextToPlainText(value: string | AdfNode | null | undefined): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? jiraWikiToPlainText(value) : adfToPlainText(value);
}

/** Wiki markup or ADF as the webhook sent it, named by its format, for the worker to flatten. */
export function jiraRichText(value: string | AdfNode | null | undefined): PlainOrRichText {
  if (value === null || value === undefined || value === '') return '';
  return typeof value === 'string' ? { format: 'jira-wiki', source: value } : { format: 'adf', source: value };
}

export function participantFromJiraUser(user: JiraUser): Participant {
  const id = user.accountId ?? user.key ?? user.name ?? 'unknown';
  return { id, name: user.displayName ?? user.name ?? id, isBot: user.accountType === 'app' };
}

/** Jira writes `2025-03-04T09:15:27.341+0000`; ISO 8601 wants `+00:00`. */
export function isoFromJiraDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const when = new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(when.getTime()) ? value : when.toISOString();
}

export interface JiraIssueFacts {
  readonly id: string;
  readonly key: string;
  readonly siteUrl: string;
  readonly summary: string;
  readonly description: string | AdfNode | null | undefined;
  readonly issueTypeName: string | null | undefined;
  readonly labels: readonly string[];
  readonly projectKey: string | null | undefined;
  readonly authorName: string | null | undefined;
  readonly created: string | null | undefined;
}

/** The provider-neutral ticket from what Jira says about an issue (REST), its description as plain text. */
export function ticketFromJiraIssue(issue: JiraIssueFacts): Ticket {
  return makeTicket({ ...webhookTicketFromJiraIssue(issue), description: jiraRichTextToPlainText(issue.description) });
}

/** The ticket a Jira webhook shows, its description still wiki markup or ADF (jiraRichText). */
export function webhookTicketFromJiraIssue(issue: JiraIssueFacts): WebhookTicket {
  return {
    id: issue.id,
    key: issue.key,
    url: `${issue.siteUrl}/browse/${issue.key}`,
    title: issue.summary,
    description: jiraRichText(issue.description),
    kind: jiraKindFromIssueType(issue.issueTypeName),
    labels: [...issue.labels],
    team: issue.projectKey ?? null,
    author: issue.authorName ?? null,
    createdAt: isoFromJiraDate(issue.created),
  };
}
