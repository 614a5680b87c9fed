import type { LinearClient } from '@linear/sdk';
import type { z } from 'zod';
import type { Ticket } from '../../domain/ticket.js';
import type { TicketRef } from '../../domain/ticket-event.js';
import { contextSectionMarkdown, currentContextMarkdown, sameContext, withContextMarkdown, type ContextSection } from '../../bot/context-section.js';
import { containsMarker, TrackerError, type BotComment, type TicketComment, type Tracker } from '../../bot/tracker.js';
import { ISSUE_COMMENTS_QUERY, IssueCommentsAnswerSchema, ticketCommentFromLinear } from './linear-comments.js';
import {
  CREATE_COMMENT_MUTATION, CreateCommentAnswerSchema, ISSUE_ADD_LABEL_MUTATION, ISSUE_FOR_LABELLING_QUERY, ISSUE_REMOVE_LABEL_MUTATION,
  ISSUE_WITH_LABELS_QUERY, IssueAddLabelAnswerSchema, IssueForLabellingAnswerSchema, IssueRemoveLabelAnswerSchema, IssueWithLabelsAnswerSchema,
  LABELS_NAMED_QUERY, LabelsNamedAnswerSchema, UPDATE_COMMENT_MUTATION, UpdateCommentAnswerSchema,
} from './linear-documents.js';
import { graphQLOverHttpFor, type GraphQLPost, type GraphQLVariables } from './graphql-over-http.js';
import { trackerErrorFromLinear } from './linear-error.js';
import { LabelIdCache, labelNameKey } from './label-id-cache.js';
import { ticketFromLinearIssue } from './linear-ticket.js';

export interface LinearTrackerOptions {
  /** Built once at start-up: `new LinearClient({ apiKey })` or `({ accessToken })`, plus `apiUrl` in tests. */
  readonly client: LinearClient;
  /**
   * How the tracker's own small documents are sent; default: node:http(s) with kept-alive connections to
   * the client's apiUrl with its headers (graphql-over-http.ts), much cheaper per request than the SDK's fetch.
   */
  readonly graphql?: GraphQLPost;
  /** For retry-after arithmetic; Date.now unless a test passes its own. */
  readonly now?: () => number;
  /** Comments read per page, and the most pages read, when looking for the bot's comment. */
  readonly commentPageSize?: number;
  readonly maxCommentPages?: number;
  /** How long the id of a label name in a team is remembered; 0 looks it up every time. Default 5 minutes. */
  readonly labelCacheMs?: number;
}

export const DEFAULT_LABEL_CACHE_MS = 5 * 60 * 1000;

/**
 * The Tracker on @linear/sdk. Comments are markdown, as Linear takes them. Labels are entities with
 * ids: adding one finds the team's label (or a workspace label) by name, creating the team label when
 * there is none, then calls issueAddLabel. The id found is remembered per team and name for a while
 * (labelCacheMs). Writes and the reads on the bot's path send the small documents of linear-documents.ts
 * over node:http (graphql-over-http.ts) rather than through the SDK's fetch; errors are mapped the same
 * way either way (parseLinearError, then trackerErrorFromLinear).
 */
export class LinearTracker implements Tracker {
  private readonly client: LinearClient;
  private readonly now: () => number;
  private readonly commentPageSize: number;
  private readonly maxCommentPages: number;
  private readonly labelIds: LabelIdCache;
  private readonly post: GraphQLPost;

  constructor(options: LinearTrackerOptions) {
    this.client = options.client;
    this.now = options.now ?? Date.now;
    this.commentPageSize = options.commentPageSize ?? 50;
    this.maxCommentPages = options.maxCommentPages ?? 20;
    this.labelIds = new LabelIdCache(options.labelCacheMs ?? DEFAULT_LABEL_CACHE_MS, this.now);
    this.post = options.graphql ?? graphQLOverHttpFor(options.client);
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
        const answer: z.infer<typeof IssueCommentsAnswerSchema> = await this.raw(ISSUE_COMMENTS_QUERY, { id: ref.id, first: this.commentPageSize, after }, IssueCommentsAnswerSchema);
        const page = answer.issue.comments;
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
      const { commentCreate } = await this.raw(CREATE_COMMENT_MUTATION, { input: { issueId: ref.id, body: markdownBody } }, CreateCommentAnswerSchema);
      const id = commentCreate.comment?.id;
      if (!commentCreate.success || !id) throw this.refused('createComment', 'Linear did not create the comment');
      return { id };
    });
  }

  updateComment(_ref: TicketRef, commentId: string, markdownBody: string): Promise<void> {
    return this.call('updateComment', async () => {
      const { commentUpdate } = await this.raw(UPDATE_COMMENT_MUTATION, { id: commentId, input: { body: markdownBody } }, UpdateCommentAnswerSchema);
      if (!commentUpdate.success) throw this.refused('updateComment', `Linear did not update comment ${commentId}`);
    });
  }

  /**
   * One small read of the issue (team, label ids), the label's id from the cache or a search by name,
   * then issueAddLabel. A remembered id that Linear refuses (the label was deleted, renamed or moved) is
   * forgotten and the name looked up again, once.
   */
  addLabel(ref: TicketRef, name: string): Promise<void> {
    return this.call('addLabel', async () => {
      const { issue } = await this.raw(ISSUE_FOR_LABELLING_QUERY, { id: ref.id }, IssueForLabellingAnswerSchema);
      const teamId = issue.team.id;
      const remembered = this.labelIds.get(teamId, name);
      const labelId = remembered ?? (await this.teamLabelId(teamId, name));
      try {
        await this.addLabelById(issue, labelId, name);
      } catch (error) {
        if (remembered === undefined || !refusesTheLabel(trackerErrorFromLinear(error, 'addLabel', this.now()))) throw error;
        this.labelIds.forget(teamId, name);
        await this.addLabelById(issue, await this.teamLabelId(teamId, name), name);
      }
    });
  }

  removeLabel(ref: TicketRef, name: string): Promise<void> {
    return this.call('removeLabel', async () => {
      const { issue } = await this.raw(ISSUE_WITH_LABELS_QUERY, { id: ref.id }, IssueWithLabelsAnswerSchema);
      const label = issue.labels.nodes.find((l) => sameName(l.name, name));
      if (!label) return;
      const { issueRemoveLabel } = await this.raw(ISSUE_REMOVE_LABEL_MUTATION, { id: issue.id, labelId: label.id }, IssueRemoveLabelAnswerSchema);
      if (!issueRemoveLabel.success) throw this.refused('removeLabel', `Linear did not remove label "${name}"`);
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

  private async addLabelById(issue: { id: string; labelIds: readonly string[] }, labelId: string, name: string): Promise<void> {
    if (issue.labelIds.includes(labelId)) return;
    const { issueAddLabel } = await this.raw(ISSUE_ADD_LABEL_MUTATION, { id: issue.id, labelId }, IssueAddLabelAnswerSchema);
    if (!issueAddLabel.success) throw this.refused('addLabel', `Linear did not add label "${name}"`);
  }

  /** The team's label of that name, else a workspace label, else a new team label; remembered either way. */
  private async teamLabelId(teamId: string, name: string): Promise<string> {
    const labelId = (await this.labelNamed(teamId, name)) ?? (await this.createTeamLabel(teamId, name));
    this.labelIds.set(teamId, name, labelId);
    return labelId;
  }

  private async labelNamed(teamId: string, name: string): Promise<string | undefined> {
    const found = await this.raw(LABELS_NAMED_QUERY, { filter: { name: { eqIgnoreCase: name } } }, LabelsNamedAnswerSchema);
    const candidates = found.issueLabels.nodes.filter((label) => sameName(label.name, name));
    return (candidates.find((label) => label.team?.id === teamId) ?? candidates.find((label) => !label.team))?.id;
  }

  private async createTeamLabel(teamId: string, name: string): Promise<string> {
    const created = await this.client.createIssueLabel({ name, teamId });
    if (!created.success || !created.issueLabelId) throw this.refused('addLabel', `Linear did not create label "${name}"`);
    return created.issueLabelId;
  }

  /** One GraphQL request (its errors the SDK's LinearError), its data checked against `schema`. */
  private async raw<S extends z.ZodType>(query: string, variables: GraphQLVariables, schema: S): Promise<z.infer<S>> {
    return schema.parse(await this.post(query, variables));
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

/** Linear refused the label itself (gone, or not one this issue may carry), not the request as a whole. */
function refusesTheLabel(error: TrackerError): boolean {
  return error.reason === 'not_found' || error.reason === 'rejected';
}

function sameName(a: string, b: string): boolean {
  return labelNameKey(a) === labelNameKey(b);
}
