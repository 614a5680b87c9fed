import { z } from 'zod';
import { AdfDocumentSchema } from './adf.js';

/**
 * Jira webhook bodies, as far as the bot reads them, shaped as Atlassian documents them
 * (https://developer.atlassian.com/cloud/jira/platform/webhooks/): `timestamp`, `webhookEvent`,
 * `issue_event_type_name`, `user`, `issue`, `changelog`, `comment`. Unknown fields are dropped.
 */

/** Cloud users carry accountId and accountType; Data Center users carry name and key. */
export const JiraUserSchema = z.object({
  accountId: z.string().optional(),
  key: z.string().optional(),
  name: z.string().optional(),
  displayName: z.string().optional(),
  /** 'atlassian' (a person), 'app' (an app or automation), 'customer' (service desk customer). */
  accountType: z.string().optional(),
});
export type JiraUser = z.infer<typeof JiraUserSchema>;

/** Webhooks send rich text as wiki markup strings; accept ADF too, in case a site sends v3 shapes. */
export const JiraRichTextSchema = z.union([z.string(), AdfDocumentSchema]).nullish();

export const JiraIssueSchema = z.object({
  id: z.string().min(1),
  key: z.string().min(1),
  /** REST URL of the issue; the site base URL is everything before `/rest/api/`. */
  self: z.string().min(1),
  fields: z.object({
    summary: z.string().nullish(),
    description: JiraRichTextSchema,
    issuetype: z.object({ name: z.string() }).nullish(),
    labels: z.array(z.string()).nullish(),
    project: z.object({ key: z.string(), name: z.string().optional() }).nullish(),
    creator: JiraUserSchema.nullish(),
    reporter: JiraUserSchema.nullish(),
    created: z.string().nullish(),
  }),
});
export type JiraIssue = z.infer<typeof JiraIssueSchema>;

export const JiraChangelogSchema = z.object({
  id: z.string().optional(),
  items: z.array(z.object({ field: z.string(), fieldId: z.string().optional() })),
});

export const JiraCommentSchema = z.object({
  id: z.string().min(1),
  body: JiraRichTextSchema,
  author: JiraUserSchema.optional(),
  /** Replies (Jira Service Management) name the comment they answer. */
  parentId: z.union([z.string(), z.number()]).optional(),
});
export type JiraComment = z.infer<typeof JiraCommentSchema>;

export const JiraEnvelopeSchema = z.object({
  webhookEvent: z.string(),
  /** Unix ms of the event. */
  timestamp: z.number(),
  issue_event_type_name: z.string().optional(),
  user: JiraUserSchema.optional(),
  issue: z.unknown().optional(),
  changelog: JiraChangelogSchema.optional(),
  comment: z.unknown().optional(),
});
export type JiraEnvelope = z.infer<typeof JiraEnvelopeSchema>;
