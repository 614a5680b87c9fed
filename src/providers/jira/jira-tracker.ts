import type { Version3Client } from 'jira.js';
import type { Ticket } from '../../domain/ticket.js';
import type { TicketRef } from '../../domain/ticket-event.js';
import { containsMarker, TrackerError, type BotComment, type TicketComment, type Tracker } from '../../bot/tracker.js';
import type { ContextSection } from '../../bot/context-section.js';
import { AdfNodeSchema } from './adf.js';
import { contextSectionAdf, withContextAdf } from './context-section-adf.js';
import { adfToPlainText } from './adf-text.js';
import { trackerErrorFromJira } from './jira-error.js';
import { isoFromJiraDate, jiraSiteUrlFromSelf, participantFromJiraUser, ticketFromJiraIssue } from './jira-ticket.js';
import { markdownToAdf } from './markdown-adf.js';

export interface JiraTrackerOptions {
  /** `new Version3Client({ host, authentication: { basic: { email, apiToken } } })` or `{ oauth2: { accessToken } }`. */
  readonly client: Version3Client;
  /** The site base URL (`https://acme.atlassian.net`), for ticket links when an answer lacks `self`. */
  readonly siteUrl: string;
  readonly now?: () => number;
  readonly commentPageSize?: number;
  readonly maxCommentPages?: number;
}

const TICKET_FIELDS = ['summary', 'description', 'issuetype', 'labels', 'project', 'creator', 'reporter', 'created'];

/**
 * The Tracker on jira.js (REST v3). Comments go out as ADF converted from the bot's markdown and come
 * back as ADF, read as plain text. Labels are plain strings edited with `update: { labels: [...] }`;
 * Jira refuses labels with spaces, so those fail here, before any request.
 */
export class JiraTracker implements Tracker {
  private readonly client: Version3Client;
  private readonly siteUrl: string;
  private readonly now: () => number;
  private readonly commentPageSize: number;
  private readonly maxCommentPages: number;

  constructor(options: JiraTrackerOptions) {
    this.client = options.client;
    this.siteUrl = options.siteUrl.replace(/\/+$/, '');
    this.now = options.now ?? Date.now;
    this.commentPageSize = options.commentPageSize ?? 100;
    this.maxCommentPages = options.maxCommentPages ?? 20;
  }

  getTicket(ref: TicketRef): Promise<Ticket> {
    return this.call('getTicket', async () => {
      const issue = await this.client.issues.getIssue({ issueIdOrKey: ref.id, fields: TICKET_FIELDS });
      const fields = issue.fields;
      const description = AdfNodeSchema.safeParse(fields.description);
      return ticketFromJiraIssue({
        id: issue.id,
        key: issue.key,
        siteUrl: jiraSiteUrlFromSelf(issue.self ?? '') ?? this.siteUrl,
        summary: fields.summary ?? '',
        description: description.success ? description.data : null,
        issueTypeName: fields.issuetype?.name,
        labels: fields.labels ?? [],
        projectKey: fields.project?.key,
        authorName: (fields.creator ?? fields.reporter)?.displayName,
        created: fields.created,
      });
    });
  }

  findBotComment(ref: TicketRef, marker: string): Promise<BotComment | null> {
    return this.call('findBotComment', async () => {
      for (let page = 0, startAt = 0; page < this.maxCommentPages; page++) {
        const answer = await this.client.issueComments.getComments({ issueIdOrKey: ref.id, startAt, maxResults: this.commentPageSize, orderBy: 'created' });
        const comments = answer.comments ?? [];
        for (const comment of comments) {
          const body = AdfNodeSchema.safeParse(comment.body);
          const text = body.success ? adfToPlainText(body.data) : '';
          if (comment.id && containsMarker(text, marker)) return { id: comment.id, body: text };
        }
        startAt += comments.length;
        if (comments.length === 0 || startAt >= (answer.total ?? 0)) return null;
      }
      return null;
    });
  }

  listComments(ref: TicketRef): Promise<TicketComment[]> {
    return this.call('listComments', async () => {
      const listed: TicketComment[] = [];
      for (let page = 0, startAt = 0; page < this.maxCommentPages; page++) {
        const answer = await this.client.issueComments.getComments({ issueIdOrKey: ref.id, startAt, maxResults: this.commentPageSize, orderBy: 'created' });
        const comments = answer.comments ?? [];
        for (const comment of comments) {
          if (!comment.id) continue;
          const body = AdfNodeSchema.safeParse(comment.body);
          const author = comment.author ? participantFromJiraUser(comment.author) : { id: 'unknown', name: 'someone', isBot: false };
          listed.push({ id: comment.id, body: body.success ? adfToPlainText(body.data) : '', author, createdAt: isoFromJiraDate(comment.created) ?? '' });
        }
        startAt += comments.length;
        if (comments.length === 0 || startAt >= (answer.total ?? 0)) break;
      }
      return listed;
    });
  }

  createComment(ref: TicketRef, markdownBody: string): Promise<{ id: string }> {
    return this.call('createComment', async () => {
      const comment = await this.client.issueComments.addComment({ issueIdOrKey: ref.id, comment: markdownToAdf(markdownBody) });
      if (!comment.id) throw new TrackerError('Jira answered without a comment id', { provider: 'jira', operation: 'createComment', reason: 'rejected' });
      return { id: comment.id };
    });
  }

  updateComment(ref: TicketRef, commentId: string, markdownBody: string): Promise<void> {
    return this.call('updateComment', async () => {
      await this.client.issueComments.updateComment({ issueIdOrKey: ref.id, id: commentId, body: markdownToAdf(markdownBody) });
    });
  }

  addLabel(ref: TicketRef, name: string): Promise<void> {
    return this.call('addLabel', () => this.editLabels(ref, { add: this.label('addLabel', name) }));
  }

  removeLabel(ref: TicketRef, name: string): Promise<void> {
    return this.call('removeLabel', () => this.editLabels(ref, { remove: this.label('removeLabel', name) }));
  }

  /**
   * Reads the description's ADF as REST v3 returns it, swaps only the section's top-level nodes (or
   * appends them), and writes `fields.description` only when the section changed. Nodes outside the
   * section go back as they came, unknown attributes and all. Comment links use focusedCommentId.
   */
  upsertContextSection(ref: TicketRef, section: ContextSection): Promise<boolean> {
    return this.call('upsertContextSection', async () => {
      const issue = await this.client.issues.getIssue({ issueIdOrKey: ref.id, fields: ['description'] });
      const site = jiraSiteUrlFromSelf(issue.self ?? '') ?? this.siteUrl;
      const nodes = contextSectionAdf(section, (commentId) => `${site}/browse/${encodeURIComponent(issue.key)}?focusedCommentId=${encodeURIComponent(commentId)}`);
      const { doc, changed } = withContextAdf(issue.fields.description, nodes);
      if (!changed) return false;
      await this.client.issues.editIssue({ issueIdOrKey: ref.id, fields: { description: doc } });
      return true;
    });
  }

  /** Add and remove are idempotent in Jira. No `notifyUsers=false`: it needs admin permission. */
  private async editLabels(ref: TicketRef, change: { add: string } | { remove: string }): Promise<void> {
    await this.client.issues.editIssue({ issueIdOrKey: ref.id, update: { labels: [change] } });
  }

  private label(operation: string, name: string): string {
    const label = name.trim();
    if (label === '' || /\s/.test(label)) {
      throw new TrackerError(`Jira labels cannot be empty or contain spaces: "${name}"`, { provider: 'jira', operation, reason: 'rejected' });
    }
    return label;
  }

  private async call<T>(operation: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw trackerErrorFromJira(error, operation, this.now());
    }
  }
}
