import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { WEBHOOK_BODY_LIMIT_BYTES } from '../../src/server/webhook-route.js';
import {
  contentTypes, expectServerUpWithJobs, hostileBodies, invalidUtf8, nested, runs, sendRaw,
} from './hostile-input.js';
import { BOTH_PROVIDERS, JIRA_SECRET, LINEAR_SECRET, startTestServer, uniquePrefix, type TestServer } from './server-harness.js';
import { hmacHex } from './signed-delivery.js';

type Provider = 'linear' | 'jira';

/** The signature header a provider sends for `body`, made with `secret`. */
function signatureHeaders(provider: Provider, body: Buffer, secret: string): Record<string, string> {
  const hex = hmacHex(secret, body as unknown as string);
  return provider === 'linear'
    ? { 'linear-signature': hex, 'linear-delivery': randomUUID() }
    : { 'x-hub-signature': `sha256=${hex}`, 'x-atlassian-webhook-identifier': randomUUID() };
}

const SECRETS: Record<Provider, string> = { linear: LINEAR_SECRET, jira: JIRA_SECRET };

function withType(headers: Record<string, string>, type: string | undefined): Record<string, string> {
  return type === undefined ? headers : { ...headers, 'content-type': type };
}

describe.each(['linear', 'jira'] as const)('POST /webhooks/%s with hostile bodies', (provider) => {
  let test: TestServer;
  let url: string;

  beforeAll(async () => {
    test = await startTestServer(BOTH_PROVIDERS, uniquePrefix(`hostile-bodies-${provider}`));
    url = `${test.server.url}/webhooks/${provider}`;
  });

  afterAll(() => test.stop());

  it('answers 401 to any body under any content type without a valid signature, and queues nothing', async () => {
    const header = provider === 'linear' ? 'linear-signature' : 'x-hub-signature';
    const forged = fc.oneof(
      fc.constant((_body: Buffer): string | undefined => undefined),
      fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), maxLength: 72 }).map((hex) => () => provider === 'jira' ? `sha256=${hex}` : hex),
      fc.string({ maxLength: 80 }).map((text) => () => text.replace(/[^\x20-\x7e]/g, '')),
      fc.constant((body: Buffer) => signatureHeaders(provider, body, 'a-guessed-secret')[header]),
    );
    await fc.assert(fc.asyncProperty(hostileBodies, contentTypes, forged, async (body, type, signatureOf) => {
      const signature = signatureOf(body);
      const headers = withType(signature === undefined ? {} : { [header]: signature }, type);
      const answer = await sendRaw(url, headers, [body]);
      expect([answer.status, JSON.parse(answer.text).error]).toEqual([401, 'bad_signature']);
      await expectServerUpWithJobs(test, 0);
    }), runs());
  });

  it('answers 400 or 202 to any correctly signed body that is not a ticket event, and queues nothing', async () => {
    await fc.assert(fc.asyncProperty(hostileBodies, contentTypes, async (body, type) => {
      const answer = await sendRaw(url, withType(signatureHeaders(provider, body, SECRETS[provider]), type), [body]);
      expect([400, 401, 202]).toContain(answer.status);
      // 401 only for freshness: a random object that happens to carry a numeric timestamp.
      if (answer.status === 401) expect(JSON.parse(answer.text).error).toBe('stale');
      await expectServerUpWithJobs(test, 0);
    }), runs());
  });

  it('answers 400 to a signed body that is not UTF-8, naming the reason', async () => {
    await fc.assert(fc.asyncProperty(invalidUtf8, async (body) => {
      const answer = await sendRaw(url, signatureHeaders(provider, body, SECRETS[provider]), [body]);
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.text)).toMatchObject({ error: 'malformed_json', message: expect.stringMatching(/UTF-8/) });
      await expectServerUpWithJobs(test, 0);
    }), runs(30));
  });

  it('answers 400 to signed JSON nested deeper than any payload, before parsing it', async () => {
    for (const kind of ['array', 'object'] as const) {
      const body = Buffer.from(nested(100_000, kind));
      const answer = await sendRaw(url, signatureHeaders(provider, body, SECRETS[provider]), [body]);
      expect(JSON.parse(answer.text)).toMatchObject({ error: 'invalid_payload', message: expect.stringMatching(/levels deep/) });
    }
    await expectServerUpWithJobs(test, 0);
  });

  it('answers 413 to a body over the limit sent chunked, without Content-Length, before checking the signature', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 64 * 1024 }), fc.integer({ min: 1024, max: 256 * 1024 }), async (extra, chunkSize) => {
      const total = WEBHOOK_BODY_LIMIT_BYTES + extra;
      const chunks: Buffer[] = [];
      for (let sent = 0; sent < total; sent += chunkSize) chunks.push(Buffer.alloc(Math.min(chunkSize, total - sent), 0x61));
      const answer = await sendRaw(url, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, chunks);
      expect([answer.status, JSON.parse(answer.text).error]).toEqual([413, 'too_large']);
      await expectServerUpWithJobs(test, 0);
    }), runs(8));
  });

  it('answers 413 to a gzip body that inflates past the limit, however small it is on the wire', async () => {
    const bomb = gzipSync(Buffer.alloc(16 * WEBHOOK_BODY_LIMIT_BYTES, 0x20));
    expect(bomb.length).toBeLessThan(WEBHOOK_BODY_LIMIT_BYTES / 10);
    const answer = await sendRaw(url, { 'content-type': 'application/json', 'content-encoding': 'gzip' }, [bomb]);
    expect([answer.status, JSON.parse(answer.text).error]).toEqual([413, 'too_large']);
    await expectServerUpWithJobs(test, 0);
  });

  it('answers 413 to a Content-Length over the limit without reading the body', async () => {
    const answer = await sendRaw(url, { 'content-type': 'application/json', 'content-length': String(WEBHOOK_BODY_LIMIT_BYTES + 1) },
      [Buffer.alloc(WEBHOOK_BODY_LIMIT_BYTES + 1, 0x61)]);
    expect(answer.status).toBe(413);
    await expectServerUpWithJobs(test, 0);
  });

  it('leaves Object.prototype alone whatever keys a signed body uses', async () => {
    const body = Buffer.from('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"data":{"__proto__":{"polluted":true}},"updatedFrom":{"__proto__":{"polluted":true}}}');
    await sendRaw(url, signatureHeaders(provider, body, SECRETS[provider]), [body]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
