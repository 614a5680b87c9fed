import { LINEAR_SECRET, startTestServer, uniquePrefix, type TestServer } from './server-harness.js';
import { fixture, jiraDelivery, linearDelivery, post } from './signed-delivery.js';

describe('a server with only Linear configured', () => {
  let test: TestServer;

  beforeAll(async () => {
    test = await startTestServer({ LINEAR_API_KEY: 'lin_api_test', LINEAR_WEBHOOK_SECRET: LINEAR_SECRET }, uniquePrefix('disabled-provider'));
  });

  afterAll(() => test.stop());

  it('answers 404 on the Jira route with what to configure, and queues nothing', async () => {
    const answer = await post(`${test.server.url}/webhooks/jira`, jiraDelivery(fixture('jira', 'issue-created'), 'any-secret'));
    expect(answer.status).toBe(404);
    expect(answer.json).toMatchObject({ error: 'disabled', message: expect.stringMatching(/JIRA_WEBHOOK_SECRET.*JIRA_BASE_URL/) });
    expect(await test.jobs()).toHaveLength(0);
  });

  it('still takes Linear deliveries', async () => {
    const answer = await post(`${test.server.url}/webhooks/linear`, linearDelivery(fixture('linear', 'issue-created'), LINEAR_SECRET));
    expect(answer.status).toBe(200);
  });

  it('answers 404 in JSON for a path it does not serve', async () => {
    const response = await fetch(`${test.server.url}/webhooks/github`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ message: 'There is no POST /webhooks/github here.' });
  });
});
