import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { expectServerUpWithJobs, runs } from './hostile-input.js';
import { BOTH_PROVIDERS, JIRA_SECRET, LINEAR_SECRET, startTestServer, uniquePrefix, type TestServer } from './server-harness.js';
import { fixture, hmacHex, post, type Delivery } from './signed-delivery.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = readonly (string | number)[];

/** Every path into `value`, containers included, so a whole object can be swapped as well as a leaf. */
function pathsOf(value: Json, at: Path = []): Path[] {
  const children = Array.isArray(value) ? value.map((v, i) => [i, v] as const)
    : value !== null && typeof value === 'object' ? Object.entries(value) : [];
  return [...(at.length ? [at] : []), ...children.flatMap(([key, child]) => pathsOf(child, [...at, key]))];
}

function withValueAt(value: Json, path: Path, replacement: Json): Json {
  if (path.length === 0) return replacement;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as Record<string, Json>) }) as Record<string | number, Json>;
  copy[path[0]!] = withValueAt(copy[path[0]!]!, path.slice(1), replacement);
  return copy as Json;
}

/** A string up to ~900 kB: a random piece (any script, emoji, control characters) repeated. */
const hugeString = fc.tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 900_000 }))
  .map(([piece, length]) => piece.repeat(Math.ceil(length / piece.length)).slice(0, length));

/** A value to put in a field; a deep one is built only when sent (fast-check could not print it). */
type Hostile = { readonly value: Json } | { readonly nestedDepth: number };

const hostileValues: fc.Arbitrary<Hostile> = fc.oneof(
  { weight: 4, arbitrary: hugeString.map((value) => ({ value })) },
  { weight: 2, arbitrary: (fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>).map((value) => ({ value })) },
  { weight: 1, arbitrary: fc.constantFrom<Json>(null, true, 0, -1, 1e308, '', [], {}, '\u0000', '\ud83d\ude00'.repeat(1000)).map((value) => ({ value })) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 20_000 }).map((nestedDepth) => ({ nestedDepth })) },
);

/** An ADF document nested `depth` paragraphs deep, built as text: JSON.stringify would recurse. */
function deepJsonText(depth: number): string {
  const inner = '{"type":"paragraph","content":['.repeat(depth) + '{"type":"text","text":"Add CSV export"}' + ']}'.repeat(depth);
  return `{"type":"doc","version":1,"content":[${inner}]}`;
}

const DEEP_PLACEHOLDER = 'hostile-fields:nested-value-goes-here';

const STAMP_FIELD = { linear: 'webhookTimestamp', jira: 'timestamp' } as const;

/** The provider's issue fixture, dated now, with `value` at `path`, signed as the provider signs it. */
function hostileDelivery(provider: 'linear' | 'jira', path: Path, hostile: Hostile): Delivery {
  const value = 'value' in hostile ? hostile.value : DEEP_PLACEHOLDER;
  const payload = { ...fixture(provider, 'issue-created'), [STAMP_FIELD[provider]]: Date.now() } as Json;
  const text = JSON.stringify(withValueAt(payload, path, value));
  const body = 'value' in hostile ? text : text.replace(`"${DEEP_PLACEHOLDER}"`, deepJsonText(hostile.nestedDepth));
  const signature = hmacHex(provider === 'linear' ? LINEAR_SECRET : JIRA_SECRET, body);
  const headers: Record<string, string> = provider === 'linear'
    ? { 'linear-signature': signature, 'linear-delivery': randomUUID(), 'linear-event': 'Issue' }
    : { 'x-hub-signature': `sha256=${signature}`, 'x-atlassian-webhook-identifier': randomUUID() };
  return { body, headers: { 'content-type': 'application/json', ...headers } };
}

describe.each(['linear', 'jira'] as const)('a correctly signed %s issue with one hostile field', (provider) => {
  let test: TestServer;

  beforeAll(async () => {
    test = await startTestServer(BOTH_PROVIDERS, uniquePrefix(`hostile-fields-${provider}`));
  });

  afterAll(() => test.stop());

  it('gets 200, 202, 400, 413 or 401 stale (its date replaced), never a server error, and only a 200 that is no replay adds a job', async () => {
    const paths = pathsOf(fixture(provider, 'issue-created') as Json);
    let jobs = 0;
    await fc.assert(fc.asyncProperty(fc.constantFrom(...paths), hostileValues, async (path, value) => {
      const answer = await post(`${test.server.url}/webhooks/${provider}`, hostileDelivery(provider, path, value));
      expect([200, 202, 400, 401, 413]).toContain(answer.status);
      if (answer.status === 401) expect(answer.json.error).toBe('stale');
      if (answer.status === 200 && answer.json.replay === false) jobs += 1;
      await expectServerUpWithJobs(test, jobs);
    }), runs());
  });
});

describe('a correctly signed Jira issue whose rich text is nested deep', () => {
  let test: TestServer;

  beforeAll(async () => {
    test = await startTestServer(BOTH_PROVIDERS, uniquePrefix('hostile-fields-deep'));
  });

  afterAll(() => test.stop());

  it('takes a document nested as deep as real ones (20 levels), and queues it', async () => {
    const answer = await post(`${test.server.url}/webhooks/jira`, hostileDelivery('jira', ['issue', 'fields', 'description'], { nestedDepth: 20 }));
    expect(answer.status).toBe(200);
    await expectServerUpWithJobs(test, 1);
  });

  it('answers 400 to a document nested 20,000 deep instead of overflowing the stack of the readers', async () => {
    const answer = await post(`${test.server.url}/webhooks/jira`, hostileDelivery('jira', ['issue', 'fields', 'description'], { nestedDepth: 20_000 }));
    expect([answer.status, answer.json.error]).toEqual([400, 'invalid_payload']);
    await expectServerUpWithJobs(test, 1);
  });
});
