import { BOTH_PROVIDERS, LINEAR_SECRET, startTestServer, uniquePrefix, type TestServer } from '../server/server-harness.js';
import { fixture, linearDelivery, post } from '../server/signed-delivery.js';
import { jsonOf, postHead, rawExchange, statusOf, type RawExchange } from './raw-http.js';

/*
 * What the HTTP server bounds (issue 13), with the bounds set small through the settings so the test
 * runs in seconds: header and request timeouts enforced within 2 s of their settings (node looked only
 * every 30 s), a body over 1 MiB refused before it is read, and connections and body bytes capped with
 * a 503 that says when to come back.
 */
const HEADERS_TIMEOUT_MS = 1000;
const REQUEST_TIMEOUT_MS = 2000;
const MAX_CONNECTIONS = 8;
const MAX_BODY_BYTES_IN_FLIGHT = 1024 * 1024;

const prefix = uniquePrefix('http-bounds');
let harness: TestServer;
let url: string;
const open: RawExchange[] = [];

beforeAll(async () => {
  harness = await startTestServer({
    ...BOTH_PROVIDERS,
    HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
    HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    MAX_CONNECTIONS: String(MAX_CONNECTIONS),
    MAX_BODY_BYTES_IN_FLIGHT: String(MAX_BODY_BYTES_IN_FLIGHT),
  }, prefix);
  url = harness.server.url;
});

afterEach(async () => {
  for (const exchange of open.splice(0)) exchange.socket.destroy();
  // Let the server see the closes before the next test counts connections.
  await new Promise((r) => setTimeout(r, 100));
});

afterAll(async () => {
  await harness.stop();
});

function exchange(bytes: string | Buffer = ''): RawExchange {
  const started = rawExchange(url, bytes);
  open.push(started);
  return started;
}

function realWebhook() {
  return post(`${url}/webhooks/linear`, linearDelivery(fixture('linear', 'issue-created'), LINEAR_SECRET));
}

describe('timeouts', () => {
  it('drops a sender that stops in the middle of its headers within 2 s of HTTP_HEADERS_TIMEOUT_MS', async () => {
    const { closed } = exchange('POST /webhooks/linear HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const { answer, afterMs } = await closed;
    expect(statusOf(answer) ?? 'closed').not.toBe(200);
    expect(afterMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 50);
    expect(afterMs).toBeLessThan(HEADERS_TIMEOUT_MS + 2000);
  }, 10_000);

  it('drops a sender that stops in the middle of its body within 2 s of HTTP_REQUEST_TIMEOUT_MS', async () => {
    const { closed } = exchange(postHead('/webhooks/linear', 100) + '{"type":');
    const { answer, afterMs } = await closed;
    expect(statusOf(answer) ?? 'closed').not.toBe(200);
    expect(afterMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
    expect(afterMs).toBeLessThan(REQUEST_TIMEOUT_MS + 2000);
  }, 10_000);
});

describe('bodies', () => {
  it('answers 413 to a declared Content-Length over 1 MiB before reading a byte of the body, and closes', async () => {
    const { closed } = exchange(postHead('/webhooks/linear', 1024 * 1024 + 1));
    const { answer, afterMs } = await closed;
    expect(statusOf(answer)).toBe(413);
    expect(jsonOf(answer)).toMatchObject({ error: 'too_large' });
    expect(answer).toMatch(/\r\nConnection: close\r\n/i);
    expect(afterMs).toBeLessThan(HEADERS_TIMEOUT_MS);
  });

  it('answers 503 with Retry-After to a large body past MAX_BODY_BYTES_IN_FLIGHT, and still takes a real webhook', async () => {
    const stalled = exchange(Buffer.concat([Buffer.from(postHead('/webhooks/linear', 700_000)), Buffer.alloc(600_000, 'a')]));
    await new Promise((r) => setTimeout(r, 200));
    expect(stalled.answer()).toBe('');

    const { closed } = exchange(postHead('/webhooks/linear', 700_000));
    const { answer } = await closed;
    expect(statusOf(answer)).toBe(503);
    expect(answer).toMatch(/\r\nRetry-After: \d+\r\n/i);
    expect(jsonOf(answer)).toMatchObject({ error: 'busy' });

    expect((await realWebhook()).status).toBe(200);
  });
});

describe('connections', () => {
  it('answers 503 JSON with Retry-After past MAX_CONNECTIONS, and serves again once connections close', async () => {
    const idle = Array.from({ length: MAX_CONNECTIONS }, () => exchange());
    await Promise.all(idle.map((e) => new Promise((resolve) => e.socket.once('connect', resolve))));
    await new Promise((r) => setTimeout(r, 100));

    const { answer } = await exchange(postHead('/webhooks/linear', 2) + '{}').closed;
    expect(statusOf(answer)).toBe(503);
    expect(answer).toMatch(/\r\nRetry-After: \d+\r\n/i);
    expect(answer).toMatch(/\r\nContent-Type: application\/json/i);
    expect(jsonOf(answer)).toMatchObject({ error: 'busy' });

    for (const e of idle) e.socket.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect((await realWebhook()).status).toBe(200);
  });
});
