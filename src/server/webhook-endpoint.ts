import {
  headerValue, type IgnoredEvent, type Provider, type TicketEvent, type WebhookHeaders,
} from '../domain/ticket-event.js';
import { JIRA_SIGNATURE_HEADER, parseJiraWebhook, verifyJiraSignature } from '../providers/jira/webhook.js';
import {
  checkLinearWebhookTimestamp, LINEAR_SIGNATURE_HEADER, parseLinearWebhook, verifyLinearSignature,
} from '../providers/linear/webhook.js';

/** One provider's webhook, as the route runs it: verify the raw bytes, check freshness, parse. */
export interface WebhookEndpoint {
  readonly provider: Provider;
  /** True when the signature header matches the raw body under the webhook's secret. */
  verify(rawBody: Buffer, headers: WebhookHeaders): boolean;
  /** Why a verified body is too old (or too new) to accept, or null. */
  staleBecause(json: unknown, nowMs: number): string | null;
  /** The event, or why it is ignored; throws WebhookPayloadError for a body not shaped as documented. */
  parse(json: unknown, headers: WebhookHeaders): TicketEvent | IgnoredEvent;
}

export function linearEndpoint(secret: string): WebhookEndpoint {
  return {
    provider: 'linear',
    verify: (rawBody, headers) => verifyLinearSignature(secret, rawBody, headerValue(headers, LINEAR_SIGNATURE_HEADER)),
    staleBecause: (json, nowMs) => {
      const timestamp = json !== null && typeof json === 'object' ? (json as { webhookTimestamp?: unknown }).webhookTimestamp : undefined;
      const check = checkLinearWebhookTimestamp(timestamp, nowMs);
      return check.ok ? null : check.reason;
    },
    parse: parseLinearWebhook,
  };
}

/**
 * Jira signs the body but puts no signed timestamp in a header, so a replayed body is caught by the
 * queue's dedupe on the body's hash rather than by a time window here.
 */
export function jiraEndpoint(secret: string): WebhookEndpoint {
  return {
    provider: 'jira',
    verify: (rawBody, headers) => verifyJiraSignature(secret, rawBody, headerValue(headers, JIRA_SIGNATURE_HEADER)),
    staleBecause: () => null,
    parse: parseJiraWebhook,
  };
}

/** What to set to switch a provider on, for the 404 a disabled provider's route answers. */
export const ENABLE_HINTS: Readonly<Record<Provider, string>> = {
  linear: 'Linear is not configured on this server: set LINEAR_WEBHOOK_SECRET and LINEAR_API_KEY (or LINEAR_ACCESS_TOKEN).',
  jira: 'Jira is not configured on this server: set JIRA_WEBHOOK_SECRET, JIRA_BASE_URL, and JIRA_EMAIL with JIRA_API_TOKEN (or JIRA_ACCESS_TOKEN).',
};
