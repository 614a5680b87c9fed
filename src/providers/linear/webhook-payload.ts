import { z } from 'zod';

/**
 * Linear webhook bodies, as far as the bot reads them. Field names and optionality follow the
 * EntityWebhookPayload, IssueWebhookPayload and CommentWebhookPayload types that @linear/sdk 98
 * generates from Linear's schema (https://linear.app/developers/webhooks). Unknown fields are dropped.
 */

/** `actor`: a user (`type: "user"`), an OAuth app (`"OauthClient"`) or an integration (`service` set). */
export const LinearActorSchema = z.object({
  id: z.string(),
  type: z.string().optional(),
  name: z.string().optional(),
  service: z.string().optional(),
});
export type LinearActor = z.infer<typeof LinearActorSchema>;

export const LinearEnvelopeSchema = z.object({
  action: z.string(),
  type: z.string(),
  organizationId: z.string().min(1),
  /** When the payload was created: the time of the change. */
  createdAt: z.iso.datetime({ offset: true }),
  /** Unix ms when the webhook was first sent; retries resend the same signed body. */
  webhookTimestamp: z.number(),
  webhookId: z.string(),
  url: z.string().nullish(),
  actor: LinearActorSchema.nullish(),
  /** On update: the previous values of the fields that changed. */
  updatedFrom: z.record(z.string(), z.unknown()).nullish(),
  data: z.unknown(),
});
export type LinearEnvelope = z.infer<typeof LinearEnvelopeSchema>;

const LinearUserChildSchema = z.object({ id: z.string(), name: z.string() });

export const LinearIssueDataSchema = z.object({
  id: z.string().min(1),
  identifier: z.string(),
  title: z.string(),
  description: z.string().nullish(),
  url: z.string().nullish(),
  createdAt: z.string().nullish(),
  labels: z.array(z.object({ id: z.string(), name: z.string() })).nullish(),
  team: z.object({ id: z.string(), key: z.string(), name: z.string() }).nullish(),
  creator: LinearUserChildSchema.nullish(),
});
export type LinearIssueData = z.infer<typeof LinearIssueDataSchema>;

export const LinearCommentDataSchema = z.object({
  id: z.string().min(1),
  body: z.string(),
  /** Absent for comments on project updates, documents and initiatives. */
  issueId: z.string().nullish(),
  issue: z.object({ id: z.string(), identifier: z.string(), title: z.string(), url: z.string() }).nullish(),
  /** Set on replies in a thread. */
  parentId: z.string().nullish(),
  userId: z.string().nullish(),
  user: LinearUserChildSchema.nullish(),
  /** Set when an app wrote the comment. */
  botActor: z.unknown().optional(),
});
export type LinearCommentData = z.infer<typeof LinearCommentDataSchema>;
