import { z } from 'zod';
import { TicketSchema } from './ticket.js';

/**
 * What a provider's webhook tells the bot, in words that no longer depend on the provider.
 * Built at the edge (src/providers/<name>/webhook.ts), carried through the queue, read by src/bot.
 */

export const ProviderSchema = z.enum(['linear', 'jira']);
export type Provider = z.infer<typeof ProviderSchema>;

/** Enough to find the ticket again through a Tracker: the provider's own id, plus key and link when known. */
export const TicketRefSchema = z.object({
  /** Linear issue UUID; Jira numeric issue id. Trackers address tickets by this. */
  id: z.string().min(1),
  /** Linear identifier (`ENG-42`), Jira issue key (`SHOP-7`). */
  key: z.string().nullable(),
  url: z.string().nullable(),
});
export type TicketRef = z.infer<typeof TicketRefSchema>;

/** Someone who did something: a person, or an app or integration (`isBot`), so the bot can ignore itself. */
export const ParticipantSchema = z.object({
  id: z.string(),
  name: z.string(),
  isBot: z.boolean(),
});
export type Participant = z.infer<typeof ParticipantSchema>;

export const TicketEventCommentSchema = z.object({
  id: z.string().min(1),
  /** Plain text: markdown, wiki markup and ADF are flattened before the bot reads it (WebhookTicketEvent). */
  body: z.string(),
  /** The comment this one answers (Linear threads, Jira Service Management replies), or null. */
  parentId: z.string().nullable(),
  author: ParticipantSchema,
});
export type TicketEventComment = z.infer<typeof TicketEventCommentSchema>;

export const TicketEventTypeSchema = z.enum(['ticket.created', 'ticket.updated', 'comment.created']);
export type TicketEventType = z.infer<typeof TicketEventTypeSchema>;

export const TicketEventSchema = z.object({
  provider: ProviderSchema,
  /**
   * The provider's id for this delivery (Linear-Delivery, X-Atlassian-Webhook-Identifier), stable across the
   * provider's retries; Jira Data Center sends none, so a key is built from the event (see jira/webhook.ts).
   */
  deliveryId: z.string().min(1),
  /** Which installation the event belongs to: Linear organizationId, Jira site base URL. */
  workspace: z.string().min(1),
  type: TicketEventTypeSchema,
  ticketRef: TicketRefSchema,
  /**
   * The ticket as the payload shows it (title and description as plain text), when the payload carries them:
   * issue events do, comment events do not (null: ask the Tracker).
   */
  ticket: TicketSchema.nullable(),
  /** True when this update changed the description (Linear `updatedFrom.description`, Jira changelog). */
  descriptionChanged: z.boolean(),
  /** True when this update changed the title; the engine reads the title too, so a retitled ticket is worth a new look. */
  titleChanged: z.boolean(),
  comment: TicketEventCommentSchema.nullable(),
  /** Who caused the event, when the payload says. */
  actor: ParticipantSchema.nullable(),
  /** When the provider says the change happened, ISO 8601. */
  occurredAt: z.iso.datetime({ offset: true }),
});
export type TicketEvent = z.infer<typeof TicketEventSchema>;

/**
 * Rich text as the tracker sent it: Linear's markdown, Jira's wiki markup, or Atlassian Document Format
 * (a node tree). The server queues it as it came; the worker flattens it to the plain text the bot and
 * the lint engine read (src/providers/plain-text.ts), so the time that takes grows with the text on the
 * workers, which scale, and never holds up the server taking other webhooks.
 */
export const RichTextSchema = z.object({
  format: z.enum(['markdown', 'jira-wiki', 'adf']),
  source: z.union([z.string(), z.record(z.string(), z.unknown())]),
});
export type RichText = z.infer<typeof RichTextSchema>;

/** Plain text, or rich text still to be flattened into it. */
export const PlainOrRichTextSchema = z.union([z.string(), RichTextSchema]);
export type PlainOrRichText = z.infer<typeof PlainOrRichTextSchema>;

/**
 * A TicketEvent as a webhook brings it and the queue carries it: the same, except that the ticket's
 * description and the comment's body may still be rich text. Every TicketEvent is one.
 */
export const WebhookTicketEventSchema = TicketEventSchema.extend({
  ticket: TicketSchema.extend({ description: PlainOrRichTextSchema.default('') }).nullable(),
  comment: TicketEventCommentSchema.extend({ body: PlainOrRichTextSchema }).nullable(),
});
export type WebhookTicketEvent = z.infer<typeof WebhookTicketEventSchema>;
/** The ticket a webhook shows: a Ticket whose description may still be rich text. */
export type WebhookTicket = NonNullable<WebhookTicketEvent['ticket']>;

/** A well-formed delivery the bot has no use for (a deleted issue, an edited comment, ...), with the reason. */
export const IgnoredEventSchema = z.object({ ignored: z.string().min(1) });
export type IgnoredEvent = z.infer<typeof IgnoredEventSchema>;

export function ignored(reason: string): IgnoredEvent {
  return { ignored: reason };
}

export function isIgnored<Event extends object>(result: Event | IgnoredEvent): result is IgnoredEvent {
  return 'ignored' in result;
}

/** Request headers as node and express give them: lower-case names, a string or a list of strings. */
export type WebhookHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/** The first value of a header, looked up by any case of its name; undefined when absent or empty. */
export function headerValue(headers: WebhookHeaders, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const key = Object.keys(headers).find((k) => k.toLowerCase() === wanted);
  const raw = key === undefined ? undefined : headers[key];
  const value = (typeof raw === 'string' ? raw : raw?.[0])?.trim();
  return value ? value : undefined;
}

/**
 * A delivery whose body does not have the documented shape. The server answers 400: the provider will not
 * send anything better by retrying, and the message says which fields were wrong.
 */
export class WebhookPayloadError extends Error {
  override readonly name = 'WebhookPayloadError';

  constructor(
    readonly provider: Provider,
    readonly problems: readonly string[],
  ) {
    super(`The ${provider} webhook payload is not shaped as documented: ${problems.join('; ')}`);
  }

  static fromZod(provider: Provider, error: z.ZodError): WebhookPayloadError {
    return new WebhookPayloadError(
      provider,
      error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`),
    );
  }
}

/** Parses `value` with `schema`, or throws a WebhookPayloadError that names the wrong fields. */
export function parsePayload<T>(provider: Provider, schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw WebhookPayloadError.fromZod(provider, result.error);
  return result.data;
}
