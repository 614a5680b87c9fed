import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A delivery as a provider sends it: the exact body bytes and the headers, signed with node:crypto. */
export interface Delivery {
  readonly body: string;
  readonly headers: Record<string, string>;
}

export function fixture(provider: 'linear' | 'jira', name: string): Record<string, unknown> {
  // From the project folder, so the same code runs under jest (test/) and as a built bench (dist/test/).
  return JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures', provider, `${name}.json`), 'utf8')) as Record<string, unknown>;
}

/** A Linear "Issue create" payload (the fixture's shape) for a ticket with this title and description. */
export function linearIssueCreated(title: string, description: string | null): Record<string, unknown> {
  const payload = fixture('linear', 'issue-created');
  return { ...payload, data: { ...(payload.data as object), title, description, labels: [], labelIds: [] } };
}

/** The fixture's "comment created" as a person's reply: its id, author and text (Linear's payload carries both userId and user). */
export function linearCommentCreated(comment: { id: string; userId: string; name: string; body: string; parentId: string | null }): Record<string, unknown> {
  const payload = fixture('linear', 'comment-created');
  const data = payload.data as Record<string, unknown>;
  const { id, userId, name, body, parentId } = comment;
  return { ...payload, actor: { id: userId, type: 'user', name }, data: { ...data, id, body, userId, user: { id: userId, name }, parentId } };
}

export function hmacHex(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/**
 * A Linear delivery of `payload`, stamped `webhookTimestamp: now` unless the payload sets its own
 * (Linear signs the body with the timestamp inside it).
 */
export function linearDelivery(payload: Record<string, unknown>, secret: string, options: { deliveryId?: string; now?: number } = {}): Delivery {
  const body = JSON.stringify({ ...payload, webhookTimestamp: options.now ?? Date.now() });
  return {
    body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'linear-delivery': options.deliveryId ?? randomUUID(),
      'linear-event': String(payload.type ?? 'Issue'),
      'linear-signature': hmacHex(secret, body),
    },
  };
}

/**
 * A Jira Cloud delivery: `X-Hub-Signature: sha256=<hex>` and the X-Atlassian-Webhook-Identifier delivery id.
 * The body's `timestamp` is stamped `now` (Jira dates the event inside the signed body).
 */
export function jiraDelivery(payload: Record<string, unknown>, secret: string, options: { deliveryId?: string; now?: number } = {}): Delivery {
  const body = JSON.stringify({ ...payload, timestamp: options.now ?? Date.now() });
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-atlassian-webhook-identifier': options.deliveryId ?? String(Date.now()) + String(Math.floor(Math.random() * 1e6)),
      'x-hub-signature': `sha256=${hmacHex(secret, body)}`,
    },
  };
}

/** POSTs a delivery and returns the status and parsed JSON answer. */
export async function post(url: string, delivery: Delivery): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', headers: delivery.headers, body: delivery.body });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
