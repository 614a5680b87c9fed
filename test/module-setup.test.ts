// The module setup (ESM, NodeNext, jest under VM modules) exists so that @linear/sdk 98, which ships
// ESM only, loads in tsc, node and jest alike. This test fails the day that stops being true.
import { LinearClient } from '@linear/sdk';
import { LinearWebhookClient } from '@linear/sdk/webhooks';

describe('module setup', () => {
  it('loads the ESM-only @linear/sdk and its webhooks entry point under jest', () => {
    const client = new LinearClient({ apiKey: 'lin_api_test', apiUrl: 'http://127.0.0.1:9/graphql' });
    expect(typeof client.createComment).toBe('function');
    expect(typeof LinearWebhookClient).toBe('function');
  });
});
