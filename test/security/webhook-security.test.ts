import { createHmac } from 'node:crypto';
import { checkJiraWebhookTimestamp, JIRA_TIMESTAMP_WINDOW, verifyJiraSignature } from '../../src/providers/jira/webhook.js';
import { LINEAR_TIMESTAMP_WINDOW } from '../../src/providers/linear/webhook.js';
import { SIGNED_BODY_TTL_MS } from '../../src/queue/ticket-intake.js';
import { SECURITY_HEADERS } from '../../src/server/security-headers.js';
import { jiraEndpoint, linearEndpoint } from '../../src/server/webhook-endpoint.js';
import { BOTH_PROVIDERS, JIRA_SECRET, startTestServer, uniquePrefix, type TestServer } from '../server/server-harness.js';
import { fixture, hmacHex, jiraDelivery, post } from '../server/signed-delivery.js';

const BODY = Buffer.from('{"webhookEvent":"jira:issue_created"}');
const HEX = createHmac('sha256', 'k').update(BODY).digest('hex');

describe('signature checks', () => {
  const verifiers = {
    linear: (header: string) => linearEndpoint('k').signedDigest(BODY, { 'linear-signature': header }) !== null,
    jira: (header: string) => jiraEndpoint('k').signedDigest(BODY, { 'x-hub-signature': `sha256=${header}` }) !== null,
  };

  it.each(['linear', 'jira'] as const)('%s: accepts the exact digest, in either case', (provider) => {
    expect(verifiers[provider](HEX)).toBe(true);
    expect(verifiers[provider](HEX.toUpperCase())).toBe(true);
  });

  it.each(['linear', 'jira'] as const)('%s: refuses a digest changed in any one byte, at every position', (provider) => {
    for (let byte = 0; byte < 32; byte++) {
      const flipped = HEX.slice(0, byte * 2) + (parseInt(HEX.slice(byte * 2, byte * 2 + 2), 16) ^ 0x01).toString(16).padStart(2, '0') + HEX.slice(byte * 2 + 2);
      expect(verifiers[provider](flipped)).toBe(false);
    }
  });

  it.each(['linear', 'jira'] as const)('%s: refuses any other length, an odd trailing digit included', (provider) => {
    for (const header of ['', HEX.slice(0, 63), HEX.slice(0, 62), `${HEX}0`, `${HEX}00`, `${HEX}${HEX}`]) expect(verifiers[provider](header)).toBe(false);
  });

  it('refuses a Jira signature under another method, and an empty secret whatever the header', () => {
    for (const method of ['sha1', 'sha512', 'SHA256', 'md5']) expect(verifyJiraSignature('k', BODY, `${method}=${HEX}`)).toBe(false);
    expect(verifyJiraSignature('', BODY, `sha256=${createHmac('sha256', '').update(BODY).digest('hex')}`)).toBe(false);
  });
});

describe('freshness windows', () => {
  it('reject a body before the queue forgets it, for both providers, clock skew included', () => {
    for (const window of [LINEAR_TIMESTAMP_WINDOW, JIRA_TIMESTAMP_WINDOW]) {
      expect(window.maxAgeMs + window.maxSkewMs).toBeLessThan(SIGNED_BODY_TTL_MS);
    }
  });

  it('accept a Jira body inside the window, refuse one too old or too far ahead, and leave a body without a timestamp to the schema', () => {
    const now = Date.parse('2025-04-02T12:00:00Z');
    expect(checkJiraWebhookTimestamp(now - 7 * 3600_000, now)).toEqual({ ok: true });
    expect(checkJiraWebhookTimestamp(now + 30_000, now)).toEqual({ ok: true });
    expect(checkJiraWebhookTimestamp(now - 8 * 3600_000, now)).toMatchObject({ ok: false, reason: expect.stringMatching(/480 min ago/) });
    expect(checkJiraWebhookTimestamp(now + 5 * 60_000, now)).toMatchObject({ ok: false, reason: expect.stringMatching(/300 s in the future/) });
    for (const missing of [undefined, null, '1743576072401', Number.NaN]) expect(checkJiraWebhookTimestamp(missing, now)).toEqual({ ok: true });
  });
});

describe('the server as an attacker reaches it', () => {
  let test: TestServer;

  beforeAll(async () => {
    test = await startTestServer(BOTH_PROVIDERS, uniquePrefix('webhook-security'));
  });

  afterAll(() => test.stop());

  it('answers 401 stale to a captured Jira body replayed after the dedupe window, and queues nothing', async () => {
    const captured = jiraDelivery(fixture('jira', 'issue-created'), JIRA_SECRET, { now: Date.now() - SIGNED_BODY_TTL_MS });
    const answer = await post(`${test.server.url}/webhooks/jira`, captured);
    expect([answer.status, answer.json.error]).toEqual([401, 'stale']);
    expect(await test.jobs()).toHaveLength(0);
  });

  it('judges a signed Jira body without a timestamp by its shape, not its freshness', async () => {
    const { timestamp: _gone, ...payload } = fixture('jira', 'issue-created');
    const body = JSON.stringify(payload);
    const answer = await post(`${test.server.url}/webhooks/jira`, { body, headers: { 'x-hub-signature': `sha256=${hmacHex(JIRA_SECRET, body)}` } });
    expect(answer.json).toMatchObject({ error: 'invalid_payload', problems: [expect.stringMatching(/^timestamp/)] });
  });

  it.each(['/healthz', '/metrics', '/webhooks/linear', '/nowhere'])('answers %s without X-Powered-By and with headers that stop a browser sniffing, framing or caching it', async (path) => {
    const response = await fetch(`${test.server.url}${path}`, { method: path.startsWith('/webhooks') ? 'POST' : 'GET', body: path.startsWith('/webhooks') ? '{}' : undefined });
    expect(response.headers.get('x-powered-by')).toBeNull();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers.get(name)).toBe(value);
    expect(response.headers.get('content-type')).toMatch(/^(application\/json|text\/plain)/);
  });
});
