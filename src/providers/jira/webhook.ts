import {
  headerValue, ignored, parsePayload, WebhookPayloadError,
  type IgnoredEvent, type WebhookHeaders, type WebhookTicketEvent,
} from '../../domain/ticket-event.js';
import {
  jiraRichText, jiraSiteUrlFromSelf, participantFromJiraUser, webhookTicketFromJiraIssue,
} from './jira-ticket.js';
import { hmacSha256Matching } from '../hmac-digest.js';
import type { TimestampCheck, TimestampWindow } from '../linear/webhook.js';
import {
  JiraCommentSchema, JiraEnvelopeSchema, JiraIssueSchema, type JiraEnvelope, type JiraIssue,
} from './webhook-payload.js';

/** `sha256=<hex HMAC of the raw body>`, sent when the webhook has a secret (Cloud since 2024, Data Center 10). */
export const JIRA_SIGNATURE_HEADER = 'x-hub-signature';
/** Unique per delivery and kept across Jira Cloud's retries; Data Center does not send it. */
export const JIRA_DELIVERY_HEADER = 'x-atlassian-webhook-identifier';

/**
 * The HMAC-SHA256 digest of the raw body under `secret` when `header` is `sha256=` followed by its 64
 * hex digits, else null. Any other method prefix is refused (we do not downgrade to weaker hashes), and
 * so is any other length (Buffer.from would silently drop an odd trailing digit). Length check, then a
 * constant-time compare of the digests: no early exit tells which byte differs.
 */
export function jiraSignedDigest(secret: string, rawBody: Buffer, header: string | undefined): Buffer | null {
  if (!secret || typeof header !== 'string') return null;
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!match) return null;
  return hmacSha256Matching(secret, rawBody, match[1]!);
}

/** True when `header` is `sha256=` and the hex HMAC-SHA256 of the raw body under `secret` (jiraSignedDigest). */
export function verifyJiraSignature(secret: string, rawBody: Buffer, header: string | undefined): boolean {
  return jiraSignedDigest(secret, rawBody, header) !== null;
}

/**
 * How old a signed Jira body may be, judged by its own `timestamp` (Unix ms, inside the signed bytes).
 * Jira Cloud retries a failed delivery within well under an hour, resending the same body; the bound
 * plus the skew stays inside the queue's memory of signed bodies (SIGNED_BODY_TTL_MS, 8 h), so a body
 * replayed after the queue has forgotten it is refused here instead of making a second job.
 */
export const JIRA_TIMESTAMP_WINDOW: TimestampWindow = { maxAgeMs: 7.5 * 60 * 60 * 1000, maxSkewMs: 60 * 1000 };

/**
 * Checks the signed body's `timestamp` against our clock. Call after verifying the signature. A body
 * without a numeric timestamp passes here (the payload schema decides about it), so a sender that
 * leaves it out is not refused for freshness; such a body is protected by the queue's dedupe alone.
 */
export function checkJiraWebhookTimestamp(
  timestamp: unknown,
  nowMs: number,
  window: TimestampWindow = JIRA_TIMESTAMP_WINDOW,
): TimestampCheck {
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) return { ok: true };
  const age = nowMs - timestamp;
  if (age > window.maxAgeMs) return { ok: false, reason: `the body is dated ${Math.round(age / 60000)} min ago, past Jira's retry horizon` };
  if (-age > window.maxSkewMs) return { ok: false, reason: `the body is dated ${Math.round(-age / 1000)} s in the future` };
  return { ok: true };
}

/** Issue updates that only say a comment changed: the comment itself arrives as comment_created. */
const COMMENT_ONLY_UPDATES = new Set(['issue_commented', 'issue_comment_edited', 'issue_comment_deleted']);

/**
 * A verified Jira delivery -> the event (its rich text flattened later, by the worker), or the reason
 * the bot ignores it.
 * Throws WebhookPayloadError when the body is not shaped as documented.
 */
/** `bodyId`: the signed body's bodyFingerprint, part of the delivery key Data Center needs (deliveryIdOf). */
export function parseJiraWebhook(json: unknown, headers: WebhookHeaders, bodyId?: string): WebhookTicketEvent | IgnoredEvent {
  const envelope = parsePayload('jira', JiraEnvelopeSchema, json);
  const { webhookEvent } = envelope;
  if (webhookEvent === 'jira:issue_updated' && COMMENT_ONLY_UPDATES.has(envelope.issue_event_type_name ?? '')) {
    return ignored(`a Jira ${envelope.issue_event_type_name} update repeats a comment event`);
  }
  if (webhookEvent === 'jira:issue_created' || webhookEvent === 'jira:issue_updated') return issueEvent(envelope, headers, bodyId);
  if (webhookEvent === 'comment_created') return commentEvent(envelope, headers, bodyId);
  return ignored(`Jira ${webhookEvent} events need no review`);
}

function issueEvent(envelope: JiraEnvelope, headers: WebhookHeaders, bodyId: string | undefined): WebhookTicketEvent {
  const issue = parsePayload('jira', JiraIssueSchema, envelope.issue);
  const siteUrl = siteUrlOf(issue);
  const ticket = webhookTicketFromJiraIssue({
    id: issue.id,
    key: issue.key,
    siteUrl,
    summary: issue.fields.summary ?? '',
    description: issue.fields.description,
    issueTypeName: issue.fields.issuetype?.name,
    labels: issue.fields.labels ?? [],
    projectKey: issue.fields.project?.key,
    authorName: (issue.fields.creator ?? issue.fields.reporter)?.displayName,
    created: issue.fields.created,
  });
  const changed = new Set((envelope.changelog?.items ?? []).flatMap((item) => [item.field, item.fieldId ?? item.field]));
  const updated = envelope.webhookEvent === 'jira:issue_updated';
  return {
    ...common(envelope, headers, issue, siteUrl, null, bodyId),
    type: updated ? 'ticket.updated' : 'ticket.created',
    ticket,
    descriptionChanged: updated && changed.has('description'),
    titleChanged: updated && changed.has('summary'),
    comment: null,
  };
}

function commentEvent(envelope: JiraEnvelope, headers: WebhookHeaders, bodyId: string | undefined): WebhookTicketEvent {
  const issue = parsePayload('jira', JiraIssueSchema, envelope.issue);
  const comment = parsePayload('jira', JiraCommentSchema, envelope.comment);
  const author = comment.author ? participantFromJiraUser(comment.author) : null;
  return {
    ...common(envelope, headers, issue, siteUrlOf(issue), comment.id, bodyId),
    type: 'comment.created',
    ticket: null,
    descriptionChanged: false,
    titleChanged: false,
    comment: {
      id: comment.id,
      body: jiraRichText(comment.body),
      parentId: comment.parentId === undefined ? null : String(comment.parentId),
      author: author ?? { id: 'unknown', name: 'unknown', isBot: false },
    },
    actor: envelope.user ? participantFromJiraUser(envelope.user) : author,
  };
}

function common(envelope: JiraEnvelope, headers: WebhookHeaders, issue: JiraIssue, siteUrl: string, commentId: string | null, bodyId: string | undefined) {
  return {
    provider: 'jira' as const,
    deliveryId: deliveryIdOf(envelope, headers, issue, commentId, bodyId),
    workspace: siteUrl,
    ticketRef: { id: issue.id, key: issue.key, url: `${siteUrl}/browse/${issue.key}` },
    actor: envelope.user ? participantFromJiraUser(envelope.user) : null,
    occurredAt: new Date(envelope.timestamp).toISOString(),
  };
}

function siteUrlOf(issue: JiraIssue): string {
  const siteUrl = jiraSiteUrlFromSelf(issue.self);
  if (!siteUrl) throw new WebhookPayloadError('jira', [`issue.self is not a Jira REST URL: ${issue.self}`]);
  return siteUrl;
}

/**
 * Jira Cloud names each delivery in X-Atlassian-Webhook-Identifier. Data Center does not, so we build
 * a key from the event: its name, issue, comment, millisecond timestamp and the signed body's
 * fingerprint. Its retries resend the same body, so the key is stable across them; two events of one
 * kind on one issue in the same millisecond differ in their bodies, so their keys differ too.
 */
function deliveryIdOf(envelope: JiraEnvelope, headers: WebhookHeaders, issue: JiraIssue, commentId: string | null, bodyId: string | undefined): string {
  return headerValue(headers, JIRA_DELIVERY_HEADER)
    ?? ['jira', envelope.webhookEvent, issue.id, commentId ?? '-', envelope.timestamp, ...(bodyId ? [bodyId] : [])].join(':');
}
