import type { PlainOrRichText, TicketEvent, WebhookTicketEvent } from '../domain/ticket-event.js';
import { AdfNodeSchema } from './jira/adf.js';
import { adfToPlainText } from './jira/adf-text.js';
import { jiraWikiToPlainText } from './jira/wiki-markup-text.js';
import { linearMarkdownToPlainText } from './linear/markdown-text.js';

/**
 * Rich text -> the plain text the lint engine reads, by its format; plain text stays as it is. Throws
 * when the source is not what its format needs (a string, or an ADF node tree): a queued event holding
 * that was not written by our server.
 */
export function plainTextOf(text: PlainOrRichText): string {
  if (typeof text === 'string') return text;
  if (text.format === 'adf') return adfToPlainText(AdfNodeSchema.parse(text.source));
  if (typeof text.source !== 'string') throw new TypeError(`${text.format} text must be a string, not an object`);
  return text.format === 'markdown' ? linearMarkdownToPlainText(text.source) : jiraWikiToPlainText(text.source);
}

/**
 * The event as the bot reads it: the ticket's description and the comment's body flattened to plain
 * text. The worker does this, not the server: flattening a long description takes milliseconds (about
 * 60 ms a megabyte), which the server would otherwise spend while other webhooks wait (README, Performance).
 */
export function flattenTicketEvent(event: WebhookTicketEvent): TicketEvent {
  return {
    ...event,
    ticket: event.ticket && { ...event.ticket, description: plainTextOf(event.ticket.description) },
    comment: event.comment && { ...event.comment, body: plainTextOf(event.comment.body) },
  };
}
