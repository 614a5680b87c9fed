import { createServer } from 'node:net';
import { BOTH_PROVIDERS, LINEAR_SECRET, startTestServer, uniquePrefix, type TestServer } from './server-harness.js';
import { fixture, linearDelivery, post } from './signed-delivery.js';

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('a server whose Redis does not answer', () => {
  let test: TestServer;

  beforeAll(async () => {
    const port = await closedPort();
    test = await startTestServer({ ...BOTH_PROVIDERS, REDIS_URL: `redis://127.0.0.1:${port}` }, uniquePrefix('redis-outage'));
  });

  afterAll(() => test.stop());

  it('answers 503 with Retry-After to a valid delivery, at once', async () => {
    const started = Date.now();
    const response = await fetch(`${test.server.url}/webhooks/linear`, {
      method: 'POST', ...linearDelivery(fixture('linear', 'issue-created'), LINEAR_SECRET),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('10');
    expect(await response.json()).toMatchObject({ error: 'queue_unavailable' });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('answers /readyz with 503 and /healthz with 200', async () => {
    expect((await fetch(`${test.server.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${test.server.url}/healthz`)).status).toBe(200);
  });

  it('counts the refusal as queue_unavailable', async () => {
    await post(`${test.server.url}/webhooks/linear`, linearDelivery(fixture('linear', 'issue-created'), LINEAR_SECRET));
    const text = await (await fetch(`${test.server.url}/metrics`)).text();
    expect(text).toMatch(/^ticketlint_webhooks_rejected_total\{provider="linear",reason="queue_unavailable"\} [1-9]/m);
    expect(text).toMatch(/^ticketlint_intake_backlog Nan$/m);
  });
});
