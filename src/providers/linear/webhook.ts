import {
  headerValue, ignored, parsePayload, WebhookPayloadError,
  type IgnoredEvent, type Participant, type WebhookHeaders, type WebhookTicketEvent,
} from '../../domain/ticket-event.js';
import { hmacSha256Matching } from '../hmac-digest.js';
import { linearMarkdown, webhookTicketFromLinearIssue } from './linear-ticket.js';
import {
  LinearCommentDataSchema, LinearEnvelopeSchema, LinearIssueDataSchema,
  type LinearActor, type LinearCommentData, type LinearEnvelope,
} from './webhook-payload.js';

/** Headers Linear sends with every delivery (https://linear.app/developers/webhooks). */
export const LINEAR_SIGNATURE_HEADER = 'linear-signature';
export const LINEAR_DELIVERY_HEADER = 'linear-delivery';

/**
 * The HMAC-SHA256 digest of the raw body under `secret` when `header` is exactly its 64 hex digits,
 * else null. Length check, then a constant-time compare of the digests. Same algorithm as @linear/sdk's
 * LinearWebhookClient.verify, which we do not call: it throws instead of answering, and rejects any body
 * signed over 60 s ago, which would refuse Linear's own retries (see checkLinearWebhookTimestamp).
 */
export function linearSignedDigest(secret: string, rawBody: Buffer, header: string | undefined): Buffer | null {
  if (!secret || typeof header !== 'string') return null;
  const given = header.trim();
  // Exactly 64 hex digits: Buffer.from(hex) would drop an odd trailing digit and accept it.
  if (!/^[0-9a-fA-F]{64}$/.test(given)) return null;
  return hmacSha256Matching(secret, rawBody, given);
}

/** True when `header` is the hex HMAC-SHA256 of the raw body under `secret` (linearSignedDigest). */
export function verifyLinearSignature(secret: string, rawBody: Buffer, header: string | undefined): boolean {
  return linearSignedDigest(secret, rawBody, header) !== null;
}

export interface TimestampWindow {
  /** Oldest signed body accepted. */
  readonly maxAgeMs: number;
  /** How far ahead of our clock a body may be, for clock skew. */
  readonly maxSkewMs: number;
}

/**
 * Linear retries a failed delivery after 1 minute, 1 hour and 6 hours, resending the original signed
 * body (same webhookTimestamp). So we accept bodies up to that horizon (7 h 1 min, plus slack for
 * Linear's own queueing), not the SDK's 60 s. Replays inside the window are caught by the queue's
 * dedupe on the delivery id and a hash of the signed body.
 */
export const LINEAR_TIMESTAMP_WINDOW: TimestampWindow = { maxAgeMs: 7.5 * 60 * 60 * 1000, maxSkewMs: 60 * 1000 };

export type TimestampCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Checks the signed body's `webhookTimestamp` (Unix ms) against our clock. Call after verifying the signature. */
export function checkLinearWebhookTimestamp(
  webhookTimestamp: unknown,
  nowMs: number,
  window: TimestampWindow = LINEAR_TIMESTAMP_WINDOW,
): TimestampCheck {
  if (typeof webhookTimestamp !== 'number' || !Number.isFinite(webhookTimestamp)) {
    return { ok: false, reason: 'the body has no numeric webhookTimestamp' };
  }
  const age = nowMs - webhookTimestamp;
  if (age > window.maxAgeMs) return { ok: false, reason: `the body was signed ${Math.round(age / 60000)} min ago, past Linear's retry horizon` };
  if (-age > window.maxSkewMs) return { ok: false, reason: `the body is dated ${Math.round(-age / 1000)} s in the future` };
  return { ok: true };
}

/**
 * A verified Linear delivery -> the event (its markdown flattened later, by the worker), or the reason
 * the bot ignores it.
 * Throws WebhookPayloadError when the body or the Linear-Delivery header is not as documented.
 */
export function parseLinearWebhook(json: unknown, headers: WebhookHeaders): WebhookTicketEvent | IgnoredEvent {
  const envelope = parsePayload('linear', LinearEnvelopeSchema, json);
  const deliveryId = headerValue(headers, LINEAR_DELIVERY_HEADER);
  if (!deliveryId) throw new WebhookPayloadError('linear', ['the Linear-Delivery header is missing']);
  if (envelope.type === 'Issue') return issueEvent(envelope, deliveryId);
  if (envelope.type === 'Comment') return commentEvent(envelope, deliveryId);
  return ignored(`Linear ${envelope.type} events are not about tickets`);
}

function issueEvent(envelope: LinearEnvelope, deliveryId: string): WebhookTicketEvent | IgnoredEvent {
  if (envelope.action !== 'create' && envelope.action !== 'update') {
    return ignored(`a Linear issue "${envelope.action}" needs no review`);
  }
  const data = parsePayload('linear', LinearIssueDataSchema, envelope.data);
  const ticket = webhookTicketFromLinearIssue({
    id: data.id,
    identifier: data.identifier,
    url: data.url ?? envelope.url ?? null,
    title: data.title,
    description: data.description ?? null,
    labelNames: (data.labels ?? []).map((label) => label.name),
    teamKey: data.team?.key ?? null,
    creatorName: data.creator?.name ?? null,
    createdAt: data.createdAt ?? null,
  });
  const updatedFrom = envelope.updatedFrom ?? {};
  return {
    ...common(envelope, deliveryId),
    type: envelope.action === 'create' ? 'ticket.created' : 'ticket.updated',
    ticketRef: { id: ticket.id, key: ticket.key, url: ticket.url },
    ticket,
    descriptionChanged: envelope.action === 'update' && 'description' in updatedFrom,
    titleChanged: envelope.action === 'update' && 'title' in updatedFrom,
    comment: null,
  };
}

function commentEvent(envelope: LinearEnvelope, deliveryId: string): WebhookTicketEvent | IgnoredEvent {
  if (envelope.action !== 'create') return ignored(`a Linear comment "${envelope.action}" needs no answer`);
  const data = parsePayload('linear', LinearCommentDataSchema, envelope.data);
  const issueId = data.issueId ?? data.issue?.id;
  if (!issueId) return ignored('the Linear comment is not on an issue');
  return {
    ...common(envelope, deliveryId),
    type: 'comment.created',
    ticketRef: { id: issueId, key: data.issue?.identifier ?? null, url: data.issue?.url ?? null },
    ticket: null,
    descriptionChanged: false,
    titleChanged: false,
    comment: {
      id: data.id,
      body: linearMarkdown(data.body),
      parentId: data.parentId ?? null,
      author: commentAuthor(data, envelope.actor ?? null),
    },
  };
}

function common(envelope: LinearEnvelope, deliveryId: string) {
  return {
    provider: 'linear' as const,
    deliveryId,
    workspace: envelope.organizationId,
    actor: envelope.actor ? participantFromActor(envelope.actor) : null,
    occurredAt: envelope.createdAt,
  };
}

/** Anything but a user (an OAuth app, an integration such as GitHub or Slack) counts as a bot. */
function participantFromActor(actor: LinearActor): Participant {
  const isUser = actor.type === 'user' && actor.service === undefined;
  return { id: actor.id, name: actor.name ?? actor.service ?? actor.id, isBot: !isUser };
}

function commentAuthor(data: LinearCommentData, actor: LinearActor | null): Participant {
  const byApp = data.botActor !== undefined && data.botActor !== null;
  if (data.user) return { id: data.user.id, name: data.user.name, isBot: byApp };
  if (actor) {
    const participant = participantFromActor(actor);
    return { ...participant, isBot: participant.isBot || byApp };
  }
  return { id: data.userId ?? 'unknown', name: data.userId ?? 'unknown', isBot: byApp };
}
