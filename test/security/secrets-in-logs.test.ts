import { Writable } from 'node:stream';
import { LinearClient } from '@linear/sdk';
import { Version3Client } from 'jira.js';
import { createLogger } from '../../src/config/logger.js';
import { JiraTracker } from '../../src/providers/jira/jira-tracker.js';
import { LinearTracker } from '../../src/providers/linear/linear-tracker.js';
import { BOTH_PROVIDERS, JIRA_SECRET, LINEAR_SECRET, startTestServer, uniquePrefix, type TestServer } from '../server/server-harness.js';
import { fixture, hmacHex, jiraDelivery, linearDelivery, post, type Delivery } from '../server/signed-delivery.js';
import { startJiraStub } from '../stubs/jira-stub.js';
import { startLinearStub } from '../stubs/linear-stub.js';

/** Everything a logger writes, as text. */
function logCapture(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  return { stream, text: () => text };
}

const BEARER = 'Bearer tl-secret-bearer-7d1e';
const COOKIE = 'session=tl-secret-cookie-93ab';

describe('secrets in the server logs and answers', () => {
  let test: TestServer;
  const log = logCapture();

  beforeAll(async () => {
    test = await startTestServer(BOTH_PROVIDERS, uniquePrefix('secrets-in-logs'), createLogger({ logLevel: 'debug' }, log.stream));
  });

  afterAll(() => test.stop());

  /** Deliveries refused at each step, each carrying credential-looking headers. */
  function refusedDeliveries(): [string, string, Delivery][] {
    const linear = linearDelivery(fixture('linear', 'issue-created'), LINEAR_SECRET);
    const jira = jiraDelivery(fixture('jira', 'issue-created'), JIRA_SECRET);
    const { organizationId: _gone, ...unshaped } = fixture('linear', 'issue-created');
    const notJson = '{"action": ';
    return [
      ['linear', 'a forged signature', { body: linear.body.replace('PLAT-318', 'PLAT-319'), headers: linear.headers }],
      ['jira', 'a forged signature', { body: jira.body.replace('SHOP-214', 'SHOP-215'), headers: jira.headers }],
      ['linear', 'a stale body', linearDelivery(fixture('linear', 'issue-created'), LINEAR_SECRET, { now: Date.now() - 9 * 3600_000 })],
      ['jira', 'a stale body', jiraDelivery(fixture('jira', 'issue-created'), JIRA_SECRET, { now: Date.now() - 9 * 3600_000 })],
      ['linear', 'a body that is not JSON', { body: notJson, headers: { 'linear-signature': hmacHex(LINEAR_SECRET, notJson) } }],
      ['linear', 'a body not shaped as documented', linearDelivery(unshaped, LINEAR_SECRET)],
      ['github', 'an unknown route', linear],
    ];
  }

  it('keeps the webhook secrets, the signatures and credential headers out of every log line and error body', async () => {
    const secrets = [LINEAR_SECRET, JIRA_SECRET, BEARER, COOKIE];
    for (const [route, _why, delivery] of refusedDeliveries()) {
      const headers = { ...delivery.headers, authorization: BEARER, 'proxy-authorization': BEARER, cookie: COOKIE };
      const answer = await post(`${test.server.url}/webhooks/${route}`, { body: delivery.body, headers });
      expect(answer.status).toBeGreaterThanOrEqual(400);
      const signature = delivery.headers['linear-signature'] ?? delivery.headers['x-hub-signature']!;
      for (const secret of [...secrets, signature, signature.replace('sha256=', '')]) {
        expect(JSON.stringify(answer.json)).not.toContain(secret);
      }
      secrets.push(signature.replace('sha256=', ''));
    }
    const text = log.text();
    expect(text).toMatch(/Refuses a request/);
    for (const secret of secrets) expect(text).not.toContain(secret);
  });

  it('redacts credential and signature headers when a log call includes the request headers', () => {
    const capture = logCapture();
    const logger = createLogger({ logLevel: 'info' }, capture.stream);
    const headers = { authorization: BEARER, 'proxy-authorization': BEARER, cookie: COOKIE, 'linear-signature': 'ab'.repeat(32), 'x-hub-signature': `sha256=${'cd'.repeat(32)}`, 'linear-delivery': 'd-1' };
    logger.info({ req: { headers } }, 'Receives');
    logger.info({ headers }, 'Receives');
    for (const secret of [BEARER, COOKIE, 'ab'.repeat(32), 'cd'.repeat(32)]) expect(capture.text()).not.toContain(secret);
    expect(capture.text()).toContain('d-1');
  });
});

describe('secrets in logged tracker failures', () => {
  it('keeps the Jira API token out of the log, whether the tracker error or the raw jira.js error is logged', async () => {
    const stub = await startJiraStub();
    const capture = logCapture();
    const logger = createLogger({ logLevel: 'info' }, capture.stream);
    const client = new Version3Client({ host: stub.url, authentication: { basic: { email: 'bot@example.com', apiToken: 'atl-secret-token-55' } } });
    stub.failWith500(10);
    try {
      const trackerError = await new JiraTracker({ client, siteUrl: stub.url }).getTicket({ id: '1', key: 'X-1', url: null }).catch((error: unknown) => error);
      expect(trackerError).toMatchObject({ name: 'TrackerError' });
      logger.error({ err: trackerError }, 'Fails');
      const raw = await client.issues.getIssue({ issueIdOrKey: '1' }).catch((error: unknown) => error);
      const axiosError = (raw as { cause?: unknown }).cause;
      expect(axiosError).toMatchObject({ config: { headers: expect.objectContaining({ Authorization: expect.stringMatching(/^Basic /) }) } });
      logger.error({ err: raw }, 'Fails');
      logger.error({ err: axiosError }, 'Fails');
      const basic = Buffer.from('bot@example.com:atl-secret-token-55').toString('base64');
      expect(capture.text()).toMatch(/Request failed with status code 500/);
      expect(capture.text()).not.toContain(basic);
      expect(capture.text()).not.toContain('atl-secret-token-55');
    } finally {
      await stub.close();
    }
  });

  it('keeps the Linear API key out of the log of a failed call', async () => {
    const stub = await startLinearStub();
    const capture = logCapture();
    const logger = createLogger({ logLevel: 'info' }, capture.stream);
    try {
      stub.fail({ times: 10, response: { status: 500, body: { errors: [{ message: 'Internal server error' }] } } });
      const client = new LinearClient({ apiKey: 'lin_api_secret_key_31', apiUrl: stub.url });
      const trackerError = await new LinearTracker({ client }).getTicket({ id: '1', key: 'X-1', url: null }).catch((error: unknown) => error);
      const raw = await client.issue('1').catch((error: unknown) => error);
      logger.error({ err: trackerError }, 'Fails');
      logger.error({ err: raw }, 'Fails');
      expect(capture.text()).toMatch(/"level":50/);
      expect(capture.text()).not.toContain('lin_api_secret_key_31');
    } finally {
      await stub.close();
    }
  });
});
