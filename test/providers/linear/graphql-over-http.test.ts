import { LinearClient, parseLinearError } from '@linear/sdk';
import { graphQLOverHttp, graphQLOverHttpFor } from '../../../src/providers/linear/graphql-over-http.js';
import { trackerErrorFromLinear } from '../../../src/providers/linear/linear-error.js';
import type { StubResponse } from '../../stubs/http-stub.js';
import { startLinearStub, type LinearStub } from '../../stubs/linear-stub.js';

const NOW = 1_741_200_000_000;
const QUERY = 'query issueForLabelling($id: String!) { issue(id: $id) { id labelIds team { id } } }';

/** How trackerErrorFromLinear sees a failure: what the retry policy and the logs read. */
function mapped(error: unknown): Record<string, unknown> {
  const e = trackerErrorFromLinear(error, 'addLabel', NOW);
  return { reason: e.reason, status: e.status, retryable: e.retryable, retryAfterMs: e.retryAfterMs, message: e.message };
}

describe('graphQLOverHttp against the Linear stub', () => {
  let stub: LinearStub;
  let client: LinearClient;

  beforeEach(async () => {
    stub = await startLinearStub();
    stub.state.issues.set('i-1', { id: 'i-1', identifier: 'ENG-1', title: 'T', description: null, teamId: 't-1', creatorId: null, labelIds: [], createdAt: '2025-01-01T00:00:00.000Z' });
    client = new LinearClient({ apiKey: 'lin_api_stub', apiUrl: stub.url });
  });

  afterEach(() => stub.close());

  it("answers with the data, sending the client's credentials and the same body as the SDK does", async () => {
    await expect(graphQLOverHttpFor(client)(QUERY, { id: 'i-1' }))
      .resolves.toEqual({ issue: { id: 'i-1', labelIds: [], team: { id: 't-1' } } });
    await client.client.rawRequest(QUERY, { id: 'i-1' });
    const [ours, sdks] = stub.calls;
    expect(ours).toMatchObject({ method: 'POST', path: '/graphql', authorization: 'lin_api_stub', operation: 'issueForLabelling' });
    expect(ours!.body).toEqual(sdks!.body);
  });

  const faults: [string, StubResponse][] = [
    ['a 400 RATELIMITED with the reset time', { status: 400, headers: { 'x-ratelimit-requests-reset': String(NOW + 30_000) }, body: { errors: [{ message: 'Rate limit exceeded', extensions: { code: 'RATELIMITED' } }] } }],
    ['a 400 RATELIMITED with Retry-After', { status: 400, headers: { 'retry-after': '12' }, body: { errors: [{ message: 'Rate limit exceeded', extensions: { code: 'RATELIMITED' } }] } }],
    ['a 500 with GraphQL errors', { status: 500, body: { errors: [{ message: 'Internal server error' }] } }],
    ['a 502 page that is not JSON', { status: 502, headers: { 'content-type': 'text/html' }, body: '<html>Bad gateway</html>' }],
    ['a 401', { status: 401, body: { errors: [{ message: 'Authentication required', extensions: { type: 'authentication error', code: 'AUTHENTICATION_ERROR' } }] } }],
    ['a missing entity (200 with errors)', { status: 200, body: { data: null, errors: [{ message: 'Entity not found: Issue', extensions: { type: 'invalid input', code: 'INPUT_ERROR' } }] } }],
    ['a body that says JSON but is not', { status: 200, headers: { 'content-type': 'application/json' }, body: '{"data": ' }],
  ];

  it.each(faults)('fails on %s exactly as the SDK rawRequest over fetch does, once mapped', async (_name, response) => {
    stub.fail({ times: 2, response });
    const ours = await graphQLOverHttpFor(client)(QUERY, { id: 'i-1' }).then(() => null, (e: unknown) => e);
    const sdks = await client.client.rawRequest(QUERY, { id: 'i-1' })
      .then(() => null, (e: unknown) => parseLinearError(e as Parameters<typeof parseLinearError>[0]));
    expect(ours).not.toBeNull();
    expect(mapped(ours)).toEqual(mapped(sdks));
  });

  it('maps a refused connection to a retryable error without a status, as fetch failures are', async () => {
    await stub.close();
    const error = await graphQLOverHttp({ url: stub.url, headers: {} })(QUERY, { id: 'i-1' }).catch((e: unknown) => e);
    expect(mapped(error)).toMatchObject({ reason: 'unavailable', retryable: true, status: null });
    stub = await startLinearStub();
  });

  it('gives up on an answer that does not come within timeoutMs, as a retryable error', async () => {
    stub.fail({ times: 1, delayMs: 2_000 });
    const error = await graphQLOverHttp({ url: stub.url, headers: {}, timeoutMs: 100 })(QUERY, { id: 'i-1' }).catch((e: unknown) => e);
    expect(mapped(error)).toMatchObject({ reason: 'unavailable', retryable: true, status: null });
  });
});
