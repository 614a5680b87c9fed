import { z } from 'zod';
import type { TicketComment } from '../../bot/tracker.js';
import { linearMarkdownToPlainText } from './markdown-text.js';

/**
 * The comments of an issue with their authors in one request. The SDK's `issue.comments()` returns
 * models whose `user` is a further query per comment; this asks for the fields the bot reads, and no more.
 * `botActor` is set on comments an OAuth app or integration wrote; `user.app` marks app users.
 */
export const ISSUE_COMMENTS_QUERY = `query issueCommentsWithAuthors($id: String!, $first: Int, $after: String) {
  issue(id: $id) {
    comments(first: $first, after: $after) {
      nodes { id body createdAt user { id name app } botActor { id name } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

const LinearCommentNodeSchema = z.object({
  id: z.string(),
  body: z.string(),
  createdAt: z.string(),
  user: z.object({ id: z.string(), name: z.string(), app: z.boolean().nullish() }).nullish(),
  botActor: z.object({ id: z.string().nullish(), name: z.string().nullish() }).nullish(),
});
type LinearCommentNode = z.infer<typeof LinearCommentNodeSchema>;

export const IssueCommentsAnswerSchema = z.object({
  issue: z.object({
    comments: z.object({
      nodes: z.array(LinearCommentNodeSchema),
      pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullish() }),
    }),
  }),
});

export function ticketCommentFromLinear(node: LinearCommentNode): TicketComment {
  const byApp = Boolean(node.botActor) || node.user?.app === true;
  const id = node.user?.id ?? node.botActor?.id ?? 'unknown';
  const name = node.user?.name ?? node.botActor?.name ?? 'someone';
  return {
    id: node.id,
    body: linearMarkdownToPlainText(node.body),
    author: { id, name, isBot: byApp },
    createdAt: new Date(node.createdAt).toISOString(),
  };
}
