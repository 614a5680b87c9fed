import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { JIRA_TIMESTAMP_WINDOW } from '../../src/providers/jira/webhook.js';
import { LINEAR_TIMESTAMP_WINDOW } from '../../src/providers/linear/webhook.js';
import { expectServerUpWithJobs, runs } from './hostile-input.js';
import { BOTH_PROVIDERS, JIRA_SECRET, LINEAR_SECRET, startTestServer, uniquePrefix, type TestServer } from './server-harness.js';
import { fixture, jiraDelivery, linearDelivery, post, type Delivery } from './signed-delivery.js';

const HOUR = 60 * 60 * 1000;

const PROVIDERS = {
  linear: {
    signatureHeader: 'linear-signature', deliveryHeader: 'linear-delivery', window: LINEAR_TIMESTAMP_WINDOW,
    deliver: (now: number) => linearDelivery(fixture('linear', 'issue-created'), LINEAR_SECRET, { now }),
    hexOf: (header: string) => header,
    headerOf: (hex: string) => hex,
  },
  jira: {
    signatureHeader: 'x-hub-signature', deliveryHeader: 'x-atlassian-webhook-identifier', window: JIRA_TIMESTAMP_WINDOW,
    deliver: (now: number) => jiraDelivery(fixture('jira', 'issue-created'), JIRA_SECRET, { now }),
    hexOf: (header: string) => header.slice('sha256='.length),
    headerOf: (hex: string) => `sha256=${hex}`,
  },
} as const;

/** A hex signature changed so that it no longer names the same bytes. */
const signatureMutations = fc.oneof(
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 15 })).map(([at, delta]) => (hex: string) => {
    const i = at % hex.length;
    return hex.slice(0, i) + ((parseInt(hex[i]!, 16) + delta) % 16).toString(16) + hex.slice(i + 1);
  }),
  fc.nat({ max: 63 }).map((length) => (hex: string) => hex.slice(0, length)),
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 1, maxLength: 8 }).map((extra) => (hex: string) => hex + extra),
  fc.constant((hex: string) => hex.split('').reverse().join('')),
  fc.constant((hex: string) => ` ${hex.slice(1)}x`),
);

describe.each(['linear', 'jira'] as const)('POST /webhooks/%s with forged signatures and dates', (provider) => {
  const spec = PROVIDERS[provider];
  let test: TestServer;
  let url: string;
  let jobs: number;

  beforeAll(async () => {
    test = await startTestServer(BOTH_PROVIDERS, uniquePrefix(`hostile-signatures-${provider}`));
    url = `${test.server.url}/webhooks/${provider}`;
    jobs = 0;
  });

  afterAll(() => test.stop());

  const withSignature = (delivery: Delivery, header: string): Delivery => ({ body: delivery.body, headers: { ...delivery.headers, [spec.signatureHeader]: header } });

  it('answers 401 bad_signature to every changed, truncated or extended signature, and queues nothing', async () => {
    await fc.assert(fc.asyncProperty(signatureMutations, async (mutate) => {
      const delivery = spec.deliver(Date.now());
      const forged = mutate(spec.hexOf(delivery.headers[spec.signatureHeader]!));
      fc.pre(forged.toLowerCase() !== spec.hexOf(delivery.headers[spec.signatureHeader]!));
      const answer = await post(url, withSignature(delivery, spec.headerOf(forged)));
      expect([answer.status, answer.json.error]).toEqual([401, 'bad_signature']);
      await expectServerUpWithJobs(test, jobs);
    }), runs());
  });

  it('answers 401 to a body dated past the retry horizon or ahead of the clock beyond the skew, and queues nothing', async () => {
    const tooOld = fc.integer({ min: spec.window.maxAgeMs + 60_000, max: 10 * 365 * 24 * HOUR }).map((age) => -age);
    const tooNew = fc.integer({ min: spec.window.maxSkewMs + 5_000, max: 10 * 365 * 24 * HOUR });
    await fc.assert(fc.asyncProperty(fc.oneof(tooOld, tooNew), async (offset) => {
      const answer = await post(url, spec.deliver(Date.now() + offset));
      expect([answer.status, answer.json.error]).toEqual([401, 'stale']);
      await expectServerUpWithJobs(test, jobs);
    }), runs());
  });

  it('takes a body dated anywhere inside the window, one job each', async () => {
    const inside = fc.integer({ min: -(spec.window.maxAgeMs - 60_000), max: spec.window.maxSkewMs - 5_000 });
    await fc.assert(fc.asyncProperty(inside, async (offset) => {
      const answer = await post(url, spec.deliver(Date.now() + offset));
      expect(answer.status).toBe(200);
      if (answer.json.replay === false) jobs += 1;
      await expectServerUpWithJobs(test, jobs);
    }), runs(20));
  });

  it('queues a captured body once however many new delivery headers it is replayed under', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: HOUR }), async (replays, age) => {
      const captured = spec.deliver(Date.now() - age);
      const first = await post(url, captured);
      expect([first.status, first.json.replay]).toEqual([200, false]);
      jobs += 1;
      for (let i = 0; i < replays; i++) {
        const answer = await post(url, { body: captured.body, headers: { ...captured.headers, [spec.deliveryHeader]: randomUUID() } });
        expect(answer.json).toEqual({ jobId: first.json.jobId, replay: true });
      }
      await expectServerUpWithJobs(test, jobs);
    }), runs(15));
  });
});
