import {
  headerValue, type IgnoredEvent, type Provider, type WebhookHeaders, type WebhookTicketEvent,
} from '../domain/ticket-event.js';
import { bodyFingerprint } from '../providers/hmac-digest.js';
import {
  checkJiraWebhookTimestamp, JIRA_SIGNATURE_HEADER, jiraSignedDigest, parseJiraWebhook,
} from '../providers/jira/webhook.js';
import {
  checkLinearWebhookTimestamp, LINEAR_SIGNATURE_HEADER, linearSignedDigest, parseLinearWebhook,
} from '../providers/linear/webhook.js';

/** One provider's webhook, as the route runs it: verify the raw bytes, check freshness, parse. */
export interface WebhookEndpoint {
  readonly provider: Provider;
  /**
   * The HMAC digest of the raw body under the webhook's secret when the signature header matches it,
   * else null. The digest then names the body for the intake's replay check.
   */
  signedDigest(rawBody: Buffer, headers: WebhookHeaders): Buffer | null;
  /** Why a verified body is too old (or too new) to accept, or null. */
  staleBecause(json: unknown, nowMs: number): string | null;
  /**
   * The event, or why it is ignored; throws WebhookPayloadError for a body not shaped as documented.
   * `bodyDigest`, from signedDigest, names the body where the provider sends no delivery id.
   */
  parse(json: unknown, headers: WebhookHeaders, bodyDigest: Buffer): WebhookTicketEvent | IgnoredEvent;
}

export function linearEndpoint(secret: string): WebhookEndpoint {
  return {
    provider: 'linear',
    signedDigest: (rawBody, headers) => linearSignedDigest(secret, rawBody, headerValue(headers, LINEAR_SIGNATURE_HEADER)),
    staleBecause: (json, nowMs) => {
      const check = checkLinearWebhookTimestamp(fieldOf(json, 'webhookTimestamp'), nowMs);
      return check.ok ? null : check.reason;
    },
    parse: parseLinearWebhook,
  };
}

/**
 * Jira signs the body, whose `timestamp` field dates the event: a replay inside the window is caught by
 * the queue's dedupe on the body's HMAC digest, one after it by the window here.
 */
export function jiraEndpoint(secret: string): WebhookEndpoint {
  return {
    provider: 'jira',
    signedDigest: (rawBody, headers) => jiraSignedDigest(secret, rawBody, headerValue(headers, JIRA_SIGNATURE_HEADER)),
    staleBecause: (json, nowMs) => {
      const check = checkJiraWebhookTimestamp(fieldOf(json, 'timestamp'), nowMs);
      return check.ok ? null : check.reason;
    },
    parse: (json, headers, bodyDigest) => parseJiraWebhook(json, headers, bodyFingerprint(bodyDigest)),
  };
}

/** A top-level field of a parsed body that may be anything (an array, a string, null). */
function fieldOf(json: unknown, name: string): unknown {
  return json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>)[name] : undefined;
}

/** What to set to switch a provider on, for the 404 a disabled provider's route answers. */
export const ENABLE_HINTS: Readonly<Record<Provider, string>> = {
  linear: 'Linear is not configured on this server: set LINEAR_WEBHOOK_SECRET and LINEAR_API_KEY (or LINEAR_ACCESS_TOKEN).',
  jira: 'Jira is not configured on this server: set JIRA_WEBHOOK_SECRET, JIRA_BASE_URL, and JIRA_EMAIL with JIRA_API_TOKEN (or JIRA_ACCESS_TOKEN).',
};
