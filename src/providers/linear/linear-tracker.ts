import { parseLinearError, type Issue, type IssueLabel, type LinearClient } from '@linear/sdk';
import type { Ticket } from '../../domain/ticket.js';
import type { TicketRef } from '../../domain/ticket-event.js';
import { contextSectionMarkdown, currentContextMarkdown, sameContext, withContextMarkdown, type ContextSection } from '../../bot/context-section.js';
import { containsMarker, TrackerError, type BotComment, type TicketComment, type Tracker } from '../../bot/tracker.js';
import { ISSUE_COMMENTS_QUERY, IssueCommentsAnswerSchema, ticketCommentFromLinear } from './linear-comments.js';
import { trackerErrorFromLinear } from './linear-error.js';
import { ticketFromLinearIssue } from './linear-ticket.js';

export interface LinearTrackerOptions {
  /** Built once at start-up: `new LinearClient({ apiKey })` or `({ accessToken })`, plus `apiUrl` in tests. */
  readonly client: LinearClient;
  /** For retry-after arithmetic; Date.now unless a test passes its own. */
  readonly now?: () => number;
  /** Comments read per page, and the most pages read, when looking for the bot's comment. */
  readonly commentPageSize?: number;
  readonly maxCommentPages?: number;
}

/**
 * The Tracker on @linear/sdk. Comments are markdown, as Linear takes them. Labels are entities with
 * ids: adding one finds the team's label (or a workspace label) by name, creating the team label when
 * there is none, then calls issueAddLabel.
 */
export class LinearTracker implements Tracker {
  private readonly client: LinearClient;
  private readonly now: () => number;
  private readonly commentPageSize: number;
  private readonly maxCommentPages: number;

  constructor(options: LinearTrackerOptions) {
    this.client = options.client;
    this.now = options.now ?? Date.now;
    this.commentPageSize = options.commentPageSize ?? 50;
    this.maxCommentPages = options.maxCommentPages ?? 20;
  }

  getTicket(ref: TicketRef): Promise<Ticket> {
    return this.call('getTicket', async () => {
      const issue = await this.client.issue(ref.id);
      const [labels, creator] = await Promise.all([issue.labels(), issue.creator]);
      return ticketFromLinearIssue({
        id: issue.id,
        identifier: issue.identifier,
        url: issue.url,
        title: issue.title,
        description: issue.description ?? null,
        labelNames: labels.nodes.map((label) => label.name),
        teamKey: null,
        creatorName: creator?.name ?? null,
        createdAt: issue.createdAt.toISOString(),
      });
    });
  }

  findBotComment(ref: TicketRef, marker: string): Promise<BotComment | null> {
    return this.call('findBotComment', async () => {
      const issue = await this.client.issue(ref.id);
      const page = await issue.comments({ first: this.commentPageSize });
      for (let pages = 1; ; pages++) {
        const found = page.nodes.find((comment) => containsMarker(comment.body, marker));
        if (found) return { id: found.id, body: found.body };
        if (!page.pageInfo.hasNextPage || pages >= this.maxCommentPages) return null;
        await page.fetchNext();
      }
    });
  }

  /** One GraphQL query per page with the authors inline (the SDK's models would fetch each author separately). */
  listComments(ref: TicketRef): Promise<TicketComment[]> {
    return this.call('listComments', async () => {
      const comments: TicketComment[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < this.maxCommentPages; pages++) {
        const variables: Record<string, unknown> = { id: ref.id, first: this.commentPageSize, after };
        const raw = await this.client.client.rawRequest<unknown, Record<string, unknown>>(ISSUE_COMMENTS_QUERY, variables)
          .catch((error: unknown) => { throw parseLinearError(error as Parameters<typeof parseLinearError>[0]); });
        const page = IssueCommentsAnswerSchema.parse(raw.data).issue.comments;
        comments.push(...page.nodes.map(ticketCommentFromLinear));
        if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
        after = page.pageInfo.endCursor;
      }
      return comments.map((comment, order) => ({ comment, order }))
        .sort((a, b) => a.comment.createdAt.localeCompare(b.comment.createdAt) || a.order - b.order)
        .map(({ comment }) => comment);
    });
  }

  createComment(ref: TicketRef, markdownBody: string): Promise<{ id: string }> {
    return this.call('createComment', async () => {
      const payload = await this.client.createComment({ issueId: ref.id, body: markdownBody });
      const id = payload.commentId;
      if (!payload.success || !id) throw this.refused('createComment', 'Linear did not create the comment');
      return { id };
    });
  }

  updateComment(_ref: TicketRef, commentId: string, markdownBody: string): Promise<void> {
    return this.call('updateComment', async () => {
      const payload = await this.client.updateComment(commentId, { body: markdownBody });
      if (!payload.success) throw this.refused('updateComment', `Linear did not update comment ${commentId}`);
    });
  }

  addLabel(ref: TicketRef, name: string): Promise<void> {
    return this.call('addLabel', async () => {
      const issue = await this.client.issue(ref.id);
      const label = await this.teamLabel(issue, name);
      if (issue.labelIds.includes(label.id)) return;
      const payload = await this.client.issueAddLabel(issue.id, label.id);
      if (!payload.success) throw this.refused('addLabel', `Linear did not add label "${name}"`);
    });
  }

  removeLabel(ref: TicketRef, name: string): Promise<void> {
    return this.call('removeLabel', async () => {
      const issue = await this.client.issue(ref.id);
      const labels = await issue.labels();
      const label = labels.nodes.find((l) => sameName(l.name, name));
      if (!label) return;
      const payload = await this.client.issueRemoveLabel(issue.id, label.id);
      if (!payload.success) throw this.refused('removeLabel', `Linear did not remove label "${name}"`);
    });
  }

  /**
   * Reads the markdown description, puts the section in (src/bot/context-section.ts), and writes it with
   * issueUpdate only when the section changed. Comment links are the issue's URL with Linear's
   * `#comment-<first 8 characters of the comment id>` anchor.
   */
  upsertContextSection(ref: TicketRef, section: ContextSection): Promise<boolean> {
    return this.call('upsertContextSection', async () => {
      const issue = await this.client.issue(ref.id);
      const description = issue.description ?? '';
      const markdown = contextSectionMarkdown(section, (commentId) => `${issue.url}#comment-${commentId.slice(0, 8)}`);
      const current = currentContextMarkdown(description);
      if (current !== null && sameContext(current, markdown)) return false;
      const payload = await this.client.updateIssue(issue.id, { description: withContextMarkdown(description, markdown) });
      if (!payload.success) throw this.refused('upsertContextSection', `Linear did not update the description of ${issue.identifier}`);
      return true;
    });
  }

  /** The issue team's label of that name, else a workspace label, else a new team label. */
  private async teamLabel(issue: Issue, name: string): Promise<{ id: string }> {
    const existing = await this.labelNamed(issue.teamId, name);
    if (existing) return existing;
    const created = await this.client.createIssueLabel({ name, teamId: issue.teamId });
    if (!created.success || !created.issueLabelId) throw this.refused('addLabel', `Linear did not create label "${name}"`);
    return { id: created.issueLabelId };
  }

  private async labelNamed(teamId: string | undefined, name: string): Promise<IssueLabel | undefined> {
    const found = await this.client.issueLabels({ filter: { name: { eqIgnoreCase: name } } });
    const candidates = found.nodes.filter((label) => sameName(label.name, name));
    return candidates.find((label) => label.teamId === teamId) ?? candidates.find((label) => label.teamId === undefined);
  }

  private refused(operation: string, message: string): TrackerError {
    return new TrackerError(message, { provider: 'linear', operation, reason: 'rejected' });
  }

  private async call<T>(operation: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw trackerErrorFromLinear(error, operation, this.now());
    }
  }
}

function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
