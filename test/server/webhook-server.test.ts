import { request, type IncomingHttpHeaders } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { intakeKeys, SIGNED_BODY_TTL_MS, signedBodyId } from '../../src/queue/ticket-intake.js';
import { BOTH_PROVIDERS, JIRA_SECRET, LINEAR_SECRET, startTestServer, uniquePrefix, type TestServer } from './server-harness.js';
import { recordingLogger } from '../bot/recording-logger.js';
import { fixture, hmacHex, jiraDelivery, linearDelivery, post, type Delivery } from './signed-delivery.js';

describe('the webhook server', () => {
  let test: TestServer;
  let linearUrl: string;
  let jiraUrl: string;
  let prefix: string;

  beforeEach(async () => {
    prefix = uniquePrefix('webhook-server');
    test = await startTestServer(BOTH_PROVIDERS, prefix);
    linearUrl = `${test.server.url}/webhooks/linear`;
    jiraUrl = `${test.server.url}/webhooks/jira`;
  });

  afterEach(() => test.stop());

  describe('with a valid delivery', () => {
    it('answers 200 to a signed Linear issue and queues exactly one job named after the delivery', async () => {
      const deliveryId = randomUUID();
      const answer = await post(linearUrl, linearDelivery(fixture('linear', 'issue-created'), LINEAR_SECRET, { deliveryId }));
      expect(answer).toEqual({ status: 200, json: { jobId: `linear-${deliveryId}`, replay: false } });
      const jobs = await test.jobs();
      expect(jobs.map((job) => job.id)).toEqual([`linear-${deliveryId}`]);
      expect(jobs[0]!.data).toMatchObject({ event: { provider: 'linear', deliveryId, type: 'ticket.created', ticketRef: { key: 'PLAT-318' } } });
      expect(jobs[0]!.data.receivedAt).toBeGreaterThan(Date.now() - 60_000);
    });

    it('answers 200 to a signed Jira issue and queues exactly one job named after the delivery', async () => {
      const answer = await post(jiraUrl, jiraDelivery(fixture('jira', 'issue-created'), JIRA_SECRET, { deliveryId: 'wh-5521' }));
      expect(answer).toEqual({ status: 200, json: { jobId: 'jira-wh-5521', replay: false } });
      const jobs = await test.jobs();
      expect(jobs.map((job) => job.id)).toEqual(['jira-wh-5521']);
      expect(jobs[0]!.data).toMatchObject({ event: { provider: 'jira', ticketRef: { key: 'SHOP-214' }, workspace: 'https://acme-shop.atlassian.net' } });
    });

    it('queues a job with the workers retry options and bounded retention', async () => {
      await post(linearUrl, linearDelivery(fixture('linear', 'issue-created'), LINEAR_SECRET));
      const [job] = await test.jobs();
      expect(job!.opts.attempts).toBeGreaterThan(1);
      expect(job!.opts.removeOnComplete).toEqual({ count: expect.any(Number), age: expect.any(Number) });
      expect(job!.opts.removeOnFail).toEqual({ count: expect.any(Number), age: expect.any(Number) });
    });
  });

  describe('with the same event twice', () => {
    it('answers 200 both times to one delivery sent twice and keeps one job', async () => {
      const delivery = linearDelivery(fixture('linear', 'issue-created'), LINEAR_SECRET);
      expect((await post(linearUrl, delivery)).status).toBe(200);
      expect((await post(linearUrl, delivery)).status).toBe(200);
      expect(await test.jobs()).toHaveLength(1);
    });

    it('keeps one job when the same signed body comes back under a new Linear-Delivery header', async () => {
      const first = linearDelivery(fixture('linear', 'issue-created'), LINEAR_SECRET);
      const replayed: Delivery = { body: first.body, headers: { ...first.headers, 'linear-delivery': randomUUID() } };
      const firstAnswer = await post(linearUrl, first);
      const secondAnswer = await post(linearUrl, replayed);
      expect(secondAnswer).toEqual({ status: 200, json: { jobId: firstAnswer.json.jobId, replay: true } });
      expect(await test.jobs()).toHaveLength(1);
    });

    it('logs a replay at info, and an accepted delivery only at debug (the worker logs each job it handles)', async () => {
      const { log, entries } = recordingLogger();
      const quiet = await startTestServer(BOTH_PROVIDERS, uniquePrefix('webhook-server-log'), log);
      try {
        const first = linearDelivery(fixture('linear', 'issue-created'), LINEAR_SECRET);
        await post(`${quiet.server.url}/webhooks/linear`, first);
        await post(`${quiet.server.url}/webhooks/linear`, { body: first.body, headers: { ...first.headers, 'linear-delivery': randomUUID() } });
        const lines = entries.filter((entry) => entry.msg === 'Queues the event' || entry.msg === 'Recognises a replayed body and queues nothing new');
        expect(lines.map((entry) => [entry.level, entry.msg, entry.replay])).toEqual([
          [20, 'Queues the event', false],
          [30, 'Recognises a replayed body and queues nothing new', true],
        ]);
      } finally {
        await quiet.stop();
      }
    });

    it('keeps one job when a Jira body comes back under a new webhook identifier', async () => {
      const first = jiraDelivery(fixture('jira', 'issue-created'), JIRA_SECRET, { deliveryId: 'wh-1' });
      await post(jiraUrl, first);
      await post(jiraUrl, { body: first.body, headers: { ...first.headers, 'x-atlassian-webhook-identifier': 'wh-2' } });
      expect(await test.jobs()).toHaveLength(1);
    });

    it('queues both of two Jira Data Center events of one kind on one issue in the same millisecond', async () => {
      // Data Center sends no X-Atlassian-Webhook-Identifier: the delivery key is built from the event and its body.
      const now = Date.now();
      const edit = (summary: string): Delivery => {
        const delivery = jiraDelivery(fixture('jira', 'issue-updated-description'), JIRA_SECRET, { now });
        const payload = JSON.parse(delivery.body) as { issue: { fields: Record<string, unknown> } };
        payload.issue.fields.summary = summary;
        const body = JSON.stringify(payload);
        return { body, headers: { 'content-type': 'application/json', 'x-hub-signature': `sha256=${hmacHex(JIRA_SECRET, body)}` } };
      };
      const first = await post(jiraUrl, edit('Export order history as PDF'));
      const second = await post(jiraUrl, edit('Export order history as PDF for accountants'));
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(second.json).toMatchObject({ replay: false });
      expect(second.json.jobId).not.toBe(first.json.jobId);
      const jobs = await test.jobs();
      expect(jobs.map((job) => job.data.event.ticket.title).sort()).toEqual(['Export order history as PDF', 'Export order history as PDF for accountants']);
      // Two deliveries in their own right, not one delivery id reused.
      expect(new Set(jobs.map((job) => job.data.event.deliveryId)).size).toBe(2);
      // A retry of either is the same delivery: still two jobs.
      expect((await post(jiraUrl, edit('Export order history as PDF'))).json).toEqual({ jobId: first.json.jobId, replay: false });
      expect(await test.jobs()).toHaveLength(2);
    });

    it('queues a second signed body sent under a delivery id already used, and logs a warning', async () => {
      const { log, entries } = recordingLogger();
      const watched = await startTestServer(BOTH_PROVIDERS, uniquePrefix('webhook-server-reused'), log);
      try {
        const url = `${watched.server.url}/webhooks/linear`;
        const deliveryId = randomUUID();
        const created = linearDelivery(fixture('linear', 'issue-created'), LINEAR_SECRET, { deliveryId });
        const edited = linearDelivery(fixture('linear', 'issue-updated-description'), LINEAR_SECRET, { deliveryId });
        const first = await post(url, created);
        const second = await post(url, edited);
        expect(first).toEqual({ status: 200, json: { jobId: `linear-${deliveryId}`, replay: false } });
        expect(second).toEqual({ status: 200, json: { jobId: expect.stringMatching(new RegExp(`^linear-${deliveryId}-[0-9a-f]{16}$`)), replay: false } });
        expect((await watched.jobs()).map((job) => job.data.event.type).sort()).toEqual(['ticket.created', 'ticket.updated']);
        expect(entries.filter((entry) => entry.level === 40).map((entry) => [entry.msg, entry.deliveryId, entry.jobId])).toEqual([
          ['Queues a second event under a delivery id already used by another signed body', deliveryId, second.json.jobId],
        ]);
        // Linear retrying the second delivery finds its job: no third job, and no replay.
        expect(await post(url, edited)).toEqual(second);
        expect(await watched.jobs()).toHaveLength(2);
      } finally {
        await watched.stop();
      }
    });

    it('remembers a signed body for the whole retry horizon', async () => {
      const delivery = linearDelivery(fixture('linear', 'issue-created'), LINEAR_SECRET);
      await post(linearUrl, delivery);
      const redis = new Redis('redis://127.0.0.1:6379');
      try {
        const ttl = await redis.pttl(intakeKeys(prefix).seen(signedBodyId('linear', Buffer.from(hmacHex(LINEAR_SECRET, delivery.body), 'hex'))));
        expect(ttl).toBeGreaterThan(SIGNED_BODY_TTL_MS - 60_000);
        expect(ttl).toBeLessThanOrEqual(SIGNED_BODY_TTL_MS);
      } finally {
        await redis.quit();
      }
    });
  });

  describe('refusing deliveries', () => {
    const signedLinear = () => linearDelivery(fixture('linear', 'issue-created'), LINEAR_SECRET);

    it.each([
      ['a signature made with another secret', (d: Delivery) => ({ ...d.headers, 'linear-signature': hmacHex('not-the-secret', d.body) })],
      ['no signature', (d: Delivery) => { const { 'linear-signature': _gone, ...rest } = d.headers; return rest; }],
      ['a truncated signature', (d: Delivery) => ({ ...d.headers, 'linear-signature': d.headers['linear-signature']!.slice(0, 40) })],
    ])('answers 401 and queues nothing for %s', async (_name, headersOf) => {
      const delivery = signedLinear();
      const answer = await post(linearUrl, { body: delivery.body, headers: headersOf(delivery) });
      expect(answer.status).toBe(401);
      expect(answer.json.error).toBe('bad_signature');
      expect(await test.jobs()).toHaveLength(0);
    });

    it('answers 401 to a Jira body whose signature does not match it', async () => {
      const delivery = jiraDelivery(fixture('jira', 'issue-created'), JIRA_SECRET);
      const answer = await post(jiraUrl, { body: delivery.body.replace('SHOP-214', 'SHOP-215'), headers: delivery.headers });
      expect(answer.status).toBe(401);
      expect(await test.jobs()).toHaveLength(0);
    });

    it('answers 400 with a JSON reason to a signed body that is not JSON', async () => {
      const body = '{"action": "create", ';
      const answer = await post(linearUrl, { body, headers: { 'linear-delivery': randomUUID(), 'linear-signature': hmacHex(LINEAR_SECRET, body) } });
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({ error: 'malformed_json', message: expect.stringMatching(/not valid JSON/) });
      expect(await test.jobs()).toHaveLength(0);
    });

    it('answers 400 listing the wrong fields of a signed body not shaped as documented', async () => {
      const { organizationId: _gone, ...payload } = fixture('linear', 'issue-created');
      const answer = await post(linearUrl, linearDelivery(payload, LINEAR_SECRET));
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({ error: 'invalid_payload', problems: [expect.stringMatching(/^organizationId: /)] });
      expect(await test.jobs()).toHaveLength(0);
    });

    it('answers 401 to a Linear body signed past the retry horizon', async () => {
      const eightHoursAgo = Date.now() - 8 * 60 * 60 * 1000;
      const answer = await post(linearUrl, linearDelivery(fixture('linear', 'issue-created'), LINEAR_SECRET, { now: eightHoursAgo }));
      expect(answer.status).toBe(401);
      expect(answer.json).toMatchObject({ error: 'stale', message: expect.stringMatching(/retry horizon/) });
      expect(await test.jobs()).toHaveLength(0);
    });

    it('answers 413 to a body over 1 MiB, before looking at its signature', async () => {
      const payload = { ...fixture('linear', 'issue-created'), padding: 'x'.repeat(1024 * 1024) };
      const answer = await post(linearUrl, linearDelivery(payload, LINEAR_SECRET));
      expect(answer.status).toBe(413);
      expect(answer.json.error).toBe('too_large');
      expect(await test.jobs()).toHaveLength(0);
    });

    it('answers 202 with the reason to a verified event the bot has no use for, and queues nothing', async () => {
      const answer = await post(linearUrl, linearDelivery(fixture('linear', 'issue-removed'), LINEAR_SECRET));
      expect(answer).toEqual({ status: 202, json: { ignored: 'a Linear issue "remove" needs no review' } });
      expect(await test.jobs()).toHaveLength(0);
    });
  });

  describe('routing', () => {
    it.each(['/webhooks/linear/', '/Webhooks/LINEAR', '/webhooks/linear?team=web&x=1'])('takes a Linear delivery posted to %s', async (path) => {
      const answer = await post(`${test.server.url}${path}`, linearDelivery(fixture('linear', 'issue-created'), LINEAR_SECRET));
      expect(answer.status).toBe(200);
      expect(await test.jobs()).toHaveLength(1);
    });

    it.each([['GET', '/webhooks/linear'], ['PUT', '/webhooks/jira'], ['POST', '/webhooks/linearx'], ['POST', '/webhooks/linear/extra']])(
      'answers 404 with a JSON reason to %s %s, and queues nothing', async (method, path) => {
        const delivery = linearDelivery(fixture('linear', 'issue-created'), LINEAR_SECRET);
        const response = await fetch(`${test.server.url}${path}`, { method, headers: delivery.headers, ...(method === 'GET' ? {} : { body: delivery.body }) });
        expect([response.status, await response.json()]).toEqual([404, { error: 'error', message: `There is no ${method} ${path} here.` }]);
        expect(await test.jobs()).toHaveLength(0);
      },
    );

    it('answers many deliveries sent at once each with its own job', async () => {
      const ids = Array.from({ length: 60 }, () => randomUUID());
      const answers = await Promise.all(ids.map((deliveryId, n) => {
        const payload = fixture('linear', 'issue-created');
        const data = { ...(payload.data as object), id: `issue-${n}`, title: `Add export number ${n}` };
        return post(linearUrl, linearDelivery({ ...payload, data }, LINEAR_SECRET, { deliveryId }));
      }));
      expect(answers).toEqual(ids.map((deliveryId) => ({ status: 200, json: { jobId: `linear-${deliveryId}`, replay: false } })));
      expect((await test.jobs()).map((job) => job.id).sort()).toEqual(ids.map((id) => `linear-${id}`).sort());
    });
  });

  describe('health and metrics', () => {
    it('answers /healthz and /readyz with 200 while Redis answers', async () => {
      expect((await fetch(`${test.server.url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${test.server.url}/readyz`);
      expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready' }]);
    });

    it('counts received, rejected, ignored and enqueued deliveries on /metrics, and the intake not yet moved', async () => {
      await post(linearUrl, linearDelivery(fixture('linear', 'issue-created'), LINEAR_SECRET));
      await post(linearUrl, linearDelivery(fixture('linear', 'issue-removed'), LINEAR_SECRET));
      await post(linearUrl, { body: '{}', headers: { 'linear-signature': 'ab' } });
      const response = await fetch(`${test.server.url}/metrics`);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      const text = await response.text();
      expect(text).toMatch(/^ticketlint_webhooks_received_total\{provider="linear"\} 3$/m);
      expect(text).toMatch(/^ticketlint_webhooks_rejected_total\{provider="linear",reason="bad_signature"\} 1$/m);
      expect(text).toMatch(/^ticketlint_webhooks_ignored_total\{provider="linear"\} 1$/m);
      expect(text).toMatch(/^ticketlint_webhooks_enqueued_total\{provider="linear",replay="false"\} 1$/m);
      expect(text).toMatch(/^ticketlint_intake_backlog 1$/m);
      await test.jobs();
      expect(await (await fetch(`${test.server.url}/metrics`)).text()).toMatch(/^ticketlint_intake_backlog 0$/m);
      expect(text).toMatch(/^# TYPE ticketlint_webhook_to_comment_seconds histogram$/m);
    });

    it('answers 503 to every request once it stops accepting, and queues nothing', async () => {
      test.server.stopAccepting();
      const answer = await post(linearUrl, linearDelivery(fixture('linear', 'issue-created'), LINEAR_SECRET));
      expect(answer).toMatchObject({ status: 503, json: { error: 'shutting_down' } });
      expect(await test.jobs()).toHaveLength(0);
    });

    it.each(['POST /webhooks/linear', 'GET /healthz'])('closes the connection with its 503 while draining, and says when to come back: %s', async (route) => {
      test.server.stopAccepting();
      const [method, path] = route.split(' ') as [string, string];
      const headers = await new Promise<IncomingHttpHeaders>((resolve, reject) => {
        const req = request(`${test.server.url}${path}`, { method }, (res) => {
          res.resume();
          resolve(res.headers);
        });
        req.on('error', reject);
        req.end(method === 'POST' ? linearDelivery(fixture('linear', 'issue-created'), LINEAR_SECRET).body : undefined);
      });
      expect(headers).toMatchObject({ connection: 'close', 'retry-after': '10' });
    });
  });
});
