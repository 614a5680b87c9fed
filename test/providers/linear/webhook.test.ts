import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { LinearWebhookClient } from '@linear/sdk/webhooks';
import {
  isIgnored, TicketEventSchema, WebhookPayloadError, WebhookTicketEventSchema, type IgnoredEvent, type TicketEvent, type WebhookTicketEvent,
} from '../../../src/domain/ticket-event.js';
import { flattenTicketEvent } from '../../../src/providers/plain-text.js';
import {
  checkLinearWebhookTimestamp, LINEAR_TIMESTAMP_WINDOW, parseLinearWebhook, verifyLinearSignature,
} from '../../../src/providers/linear/webhook.js';

const SECRET = 'lin_wh_test_secret_5c1d';
const DELIVERY = { 'linear-delivery': '234d1a4e-b617-4388-90fe-adc3633d6b72', 'linear-event': 'Issue' };

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../fixtures/linear/${name}.json`, import.meta.url), 'utf8'));
}

function sign(body: Buffer, secret = SECRET): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** The event as the bot reads it: what the server queues (a WebhookTicketEvent), flattened as the worker does. */
function event(result: WebhookTicketEvent | IgnoredEvent): TicketEvent {
  if (isIgnored(result)) throw new Error(`expected an event, got ignored: ${result.ignored}`);
  return TicketEventSchema.parse(flattenTicketEvent(WebhookTicketEventSchema.parse(result)));
}

describe('verifyLinearSignature', () => {
  const body = Buffer.from(JSON.stringify(fixture('issue-created')));

  it('accepts the hex HMAC-SHA256 of the raw body', () => {
    expect(verifyLinearSignature(SECRET, body, sign(body))).toBe(true);
  });

  it('accepts the same signature written in upper case', () => {
    expect(verifyLinearSignature(SECRET, body, sign(body).toUpperCase())).toBe(true);
  });

  it('refuses a signature made with another secret', () => {
    expect(verifyLinearSignature(SECRET, body, sign(body, 'another-secret'))).toBe(false);
  });

  it('refuses a signature of a body that was changed by one byte', () => {
    const tampered = Buffer.from(body.toString().replace('PLAT-318', 'PLAT-319'));
    expect(verifyLinearSignature(SECRET, tampered, sign(body))).toBe(false);
  });

  it('refuses a missing or empty header', () => {
    expect(verifyLinearSignature(SECRET, body, undefined)).toBe(false);
    expect(verifyLinearSignature(SECRET, body, '')).toBe(false);
  });

  it('refuses a truncated signature', () => {
    expect(verifyLinearSignature(SECRET, body, sign(body).slice(0, 63))).toBe(false);
    expect(verifyLinearSignature(SECRET, body, sign(body).slice(0, 32))).toBe(false);
  });

  it('refuses a signature of another length or with a method prefix', () => {
    expect(verifyLinearSignature(SECRET, body, sign(body) + '00')).toBe(false);
    expect(verifyLinearSignature(SECRET, body, `sha256=${sign(body)}`)).toBe(false);
  });

  it('refuses everything when the secret is empty', () => {
    expect(verifyLinearSignature('', body, createHmac('sha256', '').update(body).digest('hex'))).toBe(false);
  });

  it('agrees with the SDK verifier on a freshly signed body', () => {
    const fresh = Buffer.from(JSON.stringify({ ...fixture('issue-created'), webhookTimestamp: Date.now() }));
    const sdk = new LinearWebhookClient(SECRET);
    expect(sdk.verify(fresh, sign(fresh))).toBe(true);
    expect(verifyLinearSignature(SECRET, fresh, sign(fresh))).toBe(true);
  });
});

describe('checkLinearWebhookTimestamp', () => {
  const now = 1_741_200_000_000;

  it("accepts a body signed an hour ago, which the SDK's 60 s window would refuse", () => {
    expect(checkLinearWebhookTimestamp(now - 60 * 60 * 1000, now)).toEqual({ ok: true });
  });

  it("accepts Linear's last retry, 7 hours and a minute after the first send", () => {
    expect(checkLinearWebhookTimestamp(now - (7 * 60 + 1) * 60 * 1000, now).ok).toBe(true);
  });

  it('refuses a body older than the retry horizon', () => {
    const check = checkLinearWebhookTimestamp(now - LINEAR_TIMESTAMP_WINDOW.maxAgeMs - 1, now);
    expect(check).toEqual({ ok: false, reason: expect.stringContaining('retry horizon') });
  });

  it('accepts a small clock skew but refuses a body dated minutes ahead', () => {
    expect(checkLinearWebhookTimestamp(now + 30_000, now).ok).toBe(true);
    expect(checkLinearWebhookTimestamp(now + 5 * 60_000, now)).toEqual({ ok: false, reason: expect.stringContaining('future') });
  });

  it('refuses a missing or non-numeric timestamp', () => {
    expect(checkLinearWebhookTimestamp(undefined, now).ok).toBe(false);
    expect(checkLinearWebhookTimestamp('1741200000000', now).ok).toBe(false);
  });
});

describe('parseLinearWebhook', () => {
  it('turns an issue create into ticket.created, the ticket plain text once flattened', () => {
    const e = event(parseLinearWebhook(fixture('issue-created'), DELIVERY));
    expect(e).toMatchObject({
      provider: 'linear',
      deliveryId: '234d1a4e-b617-4388-90fe-adc3633d6b72',
      workspace: 'f0e9d8c7-b6a5-4321-8fed-cba987654321',
      type: 'ticket.created',
      ticketRef: { id: '0b6f9a52-5c3e-4d8a-8f21-7e4a1d9c3b60', key: 'PLAT-318' },
      descriptionChanged: false,
      comment: null,
      actor: { id: '6f1c2e0a-4b7d-4c1e-9a63-2f0d8c5b7e11', name: 'Priya Raman', isBot: false },
      occurredAt: '2025-03-04T09:15:27.412Z',
    });
    expect(e.ticket).toMatchObject({
      title: 'Add bulk archive for saved filters',
      kind: 'feature',
      labels: ['Feature'],
      team: 'PLAT',
      author: 'Priya Raman',
    });
    expect(e.ticket?.description).toContain('Add a Bulk archive button to the saved filters page.');
    expect(e.ticket?.description).toContain('See the filters page for the current layout.');
    expect(e.ticket?.description).not.toMatch(/\*\*|\]\(/);
  });

  it('takes the delivery id from the Linear-Delivery header, never from the body', () => {
    const e = event(parseLinearWebhook(fixture('issue-created'), { 'Linear-Delivery': 'delivery-from-header' }));
    expect(e.deliveryId).toBe('delivery-from-header');
    expect(e.deliveryId).not.toBe(fixture('issue-created').webhookId);
  });

  it('rejects a delivery without the Linear-Delivery header', () => {
    expect(() => parseLinearWebhook(fixture('issue-created'), {})).toThrow(WebhookPayloadError);
  });

  it('marks an update whose updatedFrom holds the old description as a description change', () => {
    const e = event(parseLinearWebhook(fixture('issue-updated-description'), DELIVERY));
    expect(e.type).toBe('ticket.updated');
    expect(e.descriptionChanged).toBe(true);
    expect(e.titleChanged).toBe(false);
    expect(e.ticket?.description).toMatch(/^Support teams archive dozens of stale filters/);
  });

  it('marks an update that only moved the state as no description change', () => {
    const e = event(parseLinearWebhook(fixture('issue-updated-state'), DELIVERY));
    expect(e.type).toBe('ticket.updated');
    expect(e.descriptionChanged).toBe(false);
  });

  it('marks a retitled issue as a title change', () => {
    const payload = fixture('issue-updated-state');
    payload.updatedFrom = { title: 'Bulk archive' };
    expect(event(parseLinearWebhook(payload, DELIVERY)).titleChanged).toBe(true);
  });

  it('leaves the markdown as it came, named by its format, for the worker to flatten', () => {
    const payload = fixture('issue-created');
    const result = parseLinearWebhook(payload, DELIVERY) as WebhookTicketEvent;
    expect(result.ticket?.description).toEqual({ format: 'markdown', source: (payload.data as { description: string }).description });
  });

  it('turns a comment create into comment.created, the body plain text once flattened, and no ticket', () => {
    const e = event(parseLinearWebhook(fixture('comment-created'), DELIVERY));
    expect(e).toMatchObject({
      type: 'comment.created',
      ticketRef: { id: '0b6f9a52-5c3e-4d8a-8f21-7e4a1d9c3b60', key: 'PLAT-318' },
      ticket: null,
      comment: {
        id: '5e2a8c1d-9b47-4f03-a6e2-7d1c9b0f8a34',
        body: 'The support leads asked for this: archiving takes them twenty minutes every Friday.',
        parentId: null,
        author: { id: '2c7d9e1f-6a3b-4c58-8e0d-5f1a2b3c4d6e', name: 'Tomás Okafor', isBot: false },
      },
    });
  });

  it('keeps the parent comment id of a reply in a thread', () => {
    const e = event(parseLinearWebhook(fixture('comment-reply'), DELIVERY));
    expect(e.comment?.parentId).toBe('a9c4e2b7-1d38-4f6a-8e05-3b7d1f9c2a60');
  });

  it('marks a comment written by an app as written by a bot', () => {
    const payload = fixture('comment-created');
    payload.data = { ...(payload.data as object), botActor: { type: 'oauthClient', name: 'ticketlint' } };
    payload.actor = { id: 'app-1', type: 'OauthClient', name: 'ticketlint' };
    const e = event(parseLinearWebhook(payload, DELIVERY));
    expect(e.comment?.author.isBot).toBe(true);
    expect(e.actor).toEqual({ id: 'app-1', name: 'ticketlint', isBot: true });
  });

  it.each([
    ['issue-removed', /issue "remove"/],
    ['comment-on-project-update', /not on an issue/],
    ['issue-label-created', /IssueLabel events/],
  ])('ignores %s and says why', (name, reason) => {
    const result = parseLinearWebhook(fixture(name), DELIVERY);
    expect(isIgnored(result) && result.ignored).toMatch(reason);
  });

  it('ignores an edited comment', () => {
    const payload = { ...fixture('comment-created'), action: 'update' };
    expect(isIgnored(parseLinearWebhook(payload, DELIVERY))).toBe(true);
  });

  it('rejects an issue payload without a title, naming the field', () => {
    const payload = fixture('issue-created');
    const data = { ...(payload.data as Record<string, unknown>) };
    delete data.title;
    expect(() => parseLinearWebhook({ ...payload, data }, DELIVERY)).toThrow(/data\.title|title/);
  });

  it('rejects a body that is not a Linear webhook envelope', () => {
    expect(() => parseLinearWebhook({ hello: 'world' }, DELIVERY)).toThrow(WebhookPayloadError);
  });
});

describe('verifyLinearSignature, exact length', () => {
  it('refuses a valid signature with one more hex digit', async () => {
    const { createHmac } = await import('node:crypto');
    const { verifyLinearSignature } = await import('../../../src/providers/linear/webhook.js');
    const body = Buffer.from('{"a":1}');
    const sig = createHmac('sha256', 'secret').update(body).digest('hex');
    expect(verifyLinearSignature('secret', body, sig)).toBe(true);
    expect(verifyLinearSignature('secret', body, `${sig}0`)).toBe(false);
  });
});
