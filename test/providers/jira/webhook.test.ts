import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  isIgnored, TicketEventSchema, WebhookPayloadError, WebhookTicketEventSchema, type IgnoredEvent, type TicketEvent, type WebhookTicketEvent,
} from '../../../src/domain/ticket-event.js';
import { flattenTicketEvent } from '../../../src/providers/plain-text.js';
import { parseJiraWebhook, verifyJiraSignature } from '../../../src/providers/jira/webhook.js';

const SECRET = 'jira-webhook-secret-8f2e';
const CLOUD = { 'x-atlassian-webhook-identifier': '7ab3c1d2-e4f5-4a6b-8c9d-0e1f2a3b4c5d', 'x-atlassian-webhook-retry': '0' };

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../fixtures/jira/${name}.json`, import.meta.url), 'utf8'));
}

function hmacHex(body: Buffer, secret = SECRET): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** The event as the bot reads it: what the server queues (a WebhookTicketEvent), flattened as the worker does. */
function event(result: WebhookTicketEvent | IgnoredEvent): TicketEvent {
  if (isIgnored(result)) throw new Error(`expected an event, got ignored: ${result.ignored}`);
  return TicketEventSchema.parse(flattenTicketEvent(WebhookTicketEventSchema.parse(result)));
}

describe('verifyJiraSignature', () => {
  const body = Buffer.from(JSON.stringify(fixture('issue-created')));

  it('accepts sha256= followed by the hex HMAC of the raw body', () => {
    expect(verifyJiraSignature(SECRET, body, `sha256=${hmacHex(body)}`)).toBe(true);
  });

  it('refuses a signature made with another secret', () => {
    expect(verifyJiraSignature(SECRET, body, `sha256=${hmacHex(body, 'other')}`)).toBe(false);
  });

  it('refuses a missing or empty header', () => {
    expect(verifyJiraSignature(SECRET, body, undefined)).toBe(false);
    expect(verifyJiraSignature(SECRET, body, '')).toBe(false);
  });

  it('refuses a truncated signature', () => {
    expect(verifyJiraSignature(SECRET, body, `sha256=${hmacHex(body).slice(0, 40)}`)).toBe(false);
  });

  it('refuses a bare hex digest and any other method prefix', () => {
    expect(verifyJiraSignature(SECRET, body, hmacHex(body))).toBe(false);
    const sha1 = createHmac('sha1', SECRET).update(body).digest('hex');
    expect(verifyJiraSignature(SECRET, body, `sha1=${sha1}`)).toBe(false);
    expect(verifyJiraSignature(SECRET, body, `sha512=${hmacHex(body)}`)).toBe(false);
  });

  it('refuses a digest of another length', () => {
    const sha512 = createHmac('sha512', SECRET).update(body).digest('hex');
    expect(verifyJiraSignature(SECRET, body, `sha256=${sha512}`)).toBe(false);
  });
});

describe('parseJiraWebhook', () => {
  it('turns jira:issue_created into ticket.created, its wiki markup plain text once flattened', () => {
    const e = event(parseJiraWebhook(fixture('issue-created'), CLOUD));
    expect(e).toMatchObject({
      provider: 'jira',
      deliveryId: '7ab3c1d2-e4f5-4a6b-8c9d-0e1f2a3b4c5d',
      workspace: 'https://acme-shop.atlassian.net',
      type: 'ticket.created',
      ticketRef: { id: '10482', key: 'SHOP-214', url: 'https://acme-shop.atlassian.net/browse/SHOP-214' },
      descriptionChanged: false,
      actor: { id: '5d8f2a1c9e3b7d0012a4c6e8', name: 'Lena Fischer', isBot: false },
      occurredAt: new Date(1743576072401).toISOString(),
    });
    expect(e.ticket).toMatchObject({
      id: '10482',
      title: 'Export order history as PDF',
      kind: 'feature',
      labels: ['checkout'],
      team: 'SHOP',
      author: 'Lena Fischer',
      createdAt: '2025-04-02T06:41:12.337Z',
    });
    expect(e.ticket?.description).toBe(
      'What\nAdd a Download PDF button to the order history page.\n\n- one page per order\n- include the VAT number\n\nSee the mockup for layout.',
    );
  });

  it('marks an update whose changelog names the description as a description change', () => {
    const e = event(parseJiraWebhook(fixture('issue-updated-description'), CLOUD));
    expect(e.type).toBe('ticket.updated');
    expect(e.descriptionChanged).toBe(true);
    expect(e.titleChanged).toBe(false);
    expect(e.ticket?.description).toMatch(/^Accountants at our B2B customers/);
    expect(e.actor?.name).toBe('Marco Bianchi');
  });

  it('marks a status change as no description change', () => {
    const e = event(parseJiraWebhook(fixture('issue-updated-status'), CLOUD));
    expect(e.descriptionChanged).toBe(false);
  });

  it('marks a changed summary as a title change', () => {
    const payload = fixture('issue-updated-status');
    payload.changelog = { id: '1', items: [{ field: 'summary', fieldtype: 'jira', fieldId: 'summary' }] };
    expect(event(parseJiraWebhook(payload, CLOUD)).titleChanged).toBe(true);
  });

  it('turns comment_created into comment.created, its body plain text once flattened', () => {
    const e = event(parseJiraWebhook(fixture('comment-created'), CLOUD));
    expect(e).toMatchObject({
      type: 'comment.created',
      ticketRef: { id: '10482', key: 'SHOP-214' },
      ticket: null,
      comment: {
        id: '20931',
        body: 'The finance team at Nordwind GmbH asked for this twice last month.',
        parentId: null,
        author: { id: '61a3c5e7f9b2d40068e1a2b3', name: 'Marco Bianchi', isBot: false },
      },
    });
  });

  it('marks a comment by an app account as written by a bot', () => {
    const payload = fixture('comment-created');
    const comment = payload.comment as { author: Record<string, unknown> };
    comment.author = { ...comment.author, accountType: 'app', displayName: 'ticketlint' };
    expect(event(parseJiraWebhook(payload, CLOUD)).comment?.author.isBot).toBe(true);
  });

  it('ignores jira:issue_updated sent for a new comment, which arrives as comment_created', () => {
    const result = parseJiraWebhook(fixture('issue-commented'), CLOUD);
    expect(isIgnored(result) && result.ignored).toMatch(/issue_commented/);
  });

  it('ignores events the bot has no use for', () => {
    const result = parseJiraWebhook(fixture('issue-deleted'), CLOUD);
    expect(isIgnored(result) && result.ignored).toMatch(/jira:issue_deleted/);
    expect(isIgnored(parseJiraWebhook({ ...fixture('comment-created'), webhookEvent: 'comment_updated' }, CLOUD))).toBe(true);
  });

  it('builds a Data Center delivery id from event, issue, comment, timestamp and body when the header is missing', () => {
    const comment = event(parseJiraWebhook(fixture('comment-created'), {}, '0123456789abcdef'));
    expect(comment.deliveryId).toBe('jira:comment_created:10482:20931:1743664365102:0123456789abcdef');
    const issue = event(parseJiraWebhook(fixture('issue-created'), {}, 'fedcba9876543210'));
    expect(issue.deliveryId).toBe('jira:jira:issue_created:10482:-:1743576072401:fedcba9876543210');
    expect(event(parseJiraWebhook(fixture('issue-created'), { 'x-atlassian-webhook-identifier': 'wh-9' }, 'fedcba9876543210')).deliveryId).toBe('wh-9');
  });

  it('gives two different events on the same issue two different fallback ids', () => {
    const a = event(parseJiraWebhook(fixture('issue-updated-description'), {}));
    const b = event(parseJiraWebhook(fixture('issue-updated-status'), {}));
    expect(a.deliveryId).not.toBe(b.deliveryId);
  });

  it('keeps a Data Center context path in the workspace URL', () => {
    const payload = fixture('issue-created');
    (payload.issue as { self: string }).self = 'https://jira.example.org/jira/rest/api/2/issue/10482';
    const e = event(parseJiraWebhook(payload, {}));
    expect(e.workspace).toBe('https://jira.example.org/jira');
    expect(e.ticketRef.url).toBe('https://jira.example.org/jira/browse/SHOP-214');
  });

  it('leaves the wiki markup as it came, named by its format, for the worker to flatten', () => {
    const payload = fixture('issue-created');
    const result = parseJiraWebhook(payload, CLOUD) as WebhookTicketEvent;
    const { description } = (payload.issue as { fields: { description: string } }).fields;
    expect(result.ticket?.description).toEqual({ format: 'jira-wiki', source: description });
    const comment = parseJiraWebhook(fixture('comment-created'), CLOUD) as WebhookTicketEvent;
    expect(comment.comment?.body).toMatchObject({ format: 'jira-wiki', source: expect.any(String) });
  });

  it('reads a description sent as ADF as well as wiki markup', () => {
    const payload = fixture('issue-created');
    const fields = (payload.issue as { fields: Record<string, unknown> }).fields;
    fields.description = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Plain words.' }] }] };
    expect(event(parseJiraWebhook(payload, CLOUD)).ticket?.description).toBe('Plain words.');
  });

  it('maps Jira issue types to kinds', () => {
    const kindOf = (name: string): string | undefined => {
      const payload = fixture('issue-created');
      const fields = (payload.issue as { fields: Record<string, unknown> }).fields;
      fields.issuetype = { name };
      return event(parseJiraWebhook(payload, CLOUD)).ticket?.kind;
    };
    expect(['Story', 'New Feature', 'Improvement', 'Bug', 'Task', 'Sub-task', 'Epic'].map(kindOf))
      .toEqual(['feature', 'feature', 'feature', 'bug', 'task', 'task', 'unknown']);
  });

  it('rejects an issue event without an issue, naming what is missing', () => {
    const payload = fixture('issue-created');
    delete payload.issue;
    expect(() => parseJiraWebhook(payload, CLOUD)).toThrow(WebhookPayloadError);
  });

  it('rejects a body without webhookEvent or timestamp', () => {
    expect(() => parseJiraWebhook({ issue: {} }, CLOUD)).toThrow(/webhookEvent/);
  });
});
