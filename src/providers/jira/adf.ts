import { z } from 'zod';

/**
 * Atlassian Document Format, loosely: the node tree Jira REST v3 returns for rich text
 * (https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/). Loose on purpose:
 * Jira adds node types over time, and readers skip what they do not know.
 */
export const AdfMarkSchema = z.object({
  type: z.string(),
  attrs: z.record(z.string(), z.unknown()).optional(),
});
export type AdfMark = z.infer<typeof AdfMarkSchema>;

export const AdfNodeSchema = z.object({
  type: z.string(),
  text: z.string().optional(),
  attrs: z.record(z.string(), z.unknown()).optional(),
  marks: z.array(AdfMarkSchema).optional(),
  get content() {
    return z.array(AdfNodeSchema).optional();
  },
});
export type AdfNode = z.infer<typeof AdfNodeSchema>;

export const AdfDocumentSchema = z.object({
  type: z.literal('doc'),
  version: z.literal(1),
  content: z.array(AdfNodeSchema),
});
export type AdfDocument = z.infer<typeof AdfDocumentSchema>;
