import { makeTicket, type Ticket, type TicketKind } from '../../domain/ticket.js';
import type { PlainOrRichText, WebhookTicket } from '../../domain/ticket-event.js';
import { linearMarkdownToPlainText } from './markdown-text.js';

/** Linear's default issue labels that say what kind of work a ticket is. */
const KIND_BY_LABEL: Readonly<Record<string, TicketKind>> = {
  bug: 'bug',
  feature: 'feature',
  improvement: 'feature',
};

/**
 * Linear has no issue type: teams say it with labels. One kind label decides; none, or labels that
 * disagree (Bug and Feature), leave the kind unknown rather than guess.
 */
export function linearKindFromLabels(labelNames: readonly string[]): TicketKind {
  const kinds = new Set(labelNames.map((name) => KIND_BY_LABEL[name.trim().toLowerCase()]).filter((k) => k !== undefined));
  return kinds.size === 1 ? [...kinds][0]! : 'unknown';
}

/** The team key is the part of the identifier before the number (`ENG` in `ENG-42`). */
export function teamKeyFromIdentifier(identifier: string): string | null {
  return /^(.+)-\d+$/.exec(identifier)?.[1] ?? null;
}

export interface LinearIssueFacts {
  readonly id: string;
  readonly identifier: string;
  readonly url: string | null;
  readonly title: string;
  /** Markdown, as Linear stores it. */
  readonly description: string | null;
  readonly labelNames: readonly string[];
  readonly teamKey: string | null;
  readonly creatorName: string | null;
  readonly createdAt: string | null;
}

/** The provider-neutral ticket from what Linear's API says about an issue, its description as plain text. */
export function ticketFromLinearIssue(issue: LinearIssueFacts): Ticket {
  return makeTicket({ ...webhookTicketFromLinearIssue(issue), description: linearMarkdownToPlainText(issue.description ?? '') });
}

/** The ticket a Linear webhook shows, its description still markdown (linearMarkdown). */
export function webhookTicketFromLinearIssue(issue: LinearIssueFacts): WebhookTicket {
  return {
    id: issue.id,
    key: issue.identifier,
    url: issue.url,
    title: issue.title,
    description: linearMarkdown(issue.description),
    kind: linearKindFromLabels(issue.labelNames),
    labels: [...issue.labelNames],
    team: issue.teamKey ?? teamKeyFromIdentifier(issue.identifier),
    author: issue.creatorName,
    createdAt: issue.createdAt,
  };
}

/** Markdown as the webhook sent it, named by its format, for the worker to flatten. */
export function linearMarkdown(markdown: string | null | undefined): PlainOrRichText {
  return markdown ? { format: 'markdown', source: markdown } : '';
}
