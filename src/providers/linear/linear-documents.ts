import { z } from 'zod';

/**
 * GraphQL documents the tracker sends through `client.client.rawRequest`, each asking for the fields the
 * bot reads and no more. The SDK's own documents for the same operations select whole entities (its
 * `issue` query is the full Issue fragment, ~3 KB a request, built into a model per answer); these are
 * a few hundred bytes. Field names are Linear's schema as @linear/sdk 98's generated documents use them.
 * Operation names of mutations are the SDK's (`createComment`, `issueAddLabel`, ...), so whatever
 * watches the traffic by operation name sees the same writes.
 */

/** What adding a label needs to know about the issue: its team (whose labels it may carry) and the labels it has. */
export const ISSUE_FOR_LABELLING_QUERY = `query issueForLabelling($id: String!) {
  issue(id: $id) { id labelIds team { id } }
}`;

export const IssueForLabellingAnswerSchema = z.object({
  issue: z.object({ id: z.string(), labelIds: z.array(z.string()), team: z.object({ id: z.string() }) }),
});

/** The issue's own labels, by name, for removing one. */
export const ISSUE_WITH_LABELS_QUERY = `query issueWithLabels($id: String!) {
  issue(id: $id) { id labels { nodes { id name } } }
}`;

export const IssueWithLabelsAnswerSchema = z.object({
  issue: z.object({ id: z.string(), labels: z.object({ nodes: z.array(z.object({ id: z.string(), name: z.string() })) }) }),
});

/** Labels of that name in any team or the workspace (Linear compares `eqIgnoreCase` without regard to case). */
export const LABELS_NAMED_QUERY = `query issueLabels($filter: IssueLabelFilter) {
  issueLabels(filter: $filter) { nodes { id name team { id } } }
}`;

export const LabelsNamedAnswerSchema = z.object({
  issueLabels: z.object({
    nodes: z.array(z.object({ id: z.string(), name: z.string(), team: z.object({ id: z.string() }).nullish() })),
  }),
});

export const ISSUE_ADD_LABEL_MUTATION = `mutation issueAddLabel($id: String!, $labelId: String!) {
  issueAddLabel(id: $id, labelId: $labelId) { success }
}`;

export const ISSUE_REMOVE_LABEL_MUTATION = `mutation issueRemoveLabel($id: String!, $labelId: String!) {
  issueRemoveLabel(id: $id, labelId: $labelId) { success }
}`;

export const CREATE_COMMENT_MUTATION = `mutation createComment($input: CommentCreateInput!) {
  commentCreate(input: $input) { success comment { id } }
}`;

export const UPDATE_COMMENT_MUTATION = `mutation updateComment($id: String!, $input: CommentUpdateInput!) {
  commentUpdate(id: $id, input: $input) { success }
}`;

const success = z.object({ success: z.boolean() });

export const IssueAddLabelAnswerSchema = z.object({ issueAddLabel: success });
export const IssueRemoveLabelAnswerSchema = z.object({ issueRemoveLabel: success });
export const CreateCommentAnswerSchema = z.object({
  commentCreate: z.object({ success: z.boolean(), comment: z.object({ id: z.string() }).nullish() }),
});
export const UpdateCommentAnswerSchema = z.object({ commentUpdate: success });
