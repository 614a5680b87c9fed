import { pino } from 'pino';
import { TrackerError } from '../../src/bot/tracker.js';
import { botContextFor } from '../../src/config/bot-context.js';
import { SettingsCredentialStore } from '../../src/config/credential-store.js';
import { DEFAULT_CONFIG } from '../../src/config/config-file.js';
import { PackDirectory } from '../../src/config/pack-directory.js';
import { loadSettings } from '../../src/config/settings.js';
import { TrackerDirectory } from '../../src/config/tracker-directory.js';
import { isIgnored, type TicketEvent } from '../../src/domain/ticket-event.js';
import { parseJiraWebhook } from '../../src/providers/jira/webhook.js';
import { flattenTicketEvent } from '../../src/providers/plain-text.js';
import { startJiraStub, type JiraStub } from '../stubs/jira-stub.js';
import { startLinearStub, type LinearStub } from '../stubs/linear-stub.js';
import { fixture } from '../server/signed-delivery.js';

describe('TrackerDirectory with the settings credential store', () => {
  let linear: LinearStub;
  let jira: JiraStub;
  let trackers: TrackerDirectory;

  beforeAll(async () => {
    [linear, jira] = await Promise.all([startLinearStub(), startJiraStub()]);
    linear.state.teams.set('t-1', { id: 't-1', key: 'ENG', name: 'Engineering' });
    linear.state.issues.set('i-1', { id: 'i-1', identifier: 'ENG-1', title: 'Add CSV export', description: null, teamId: 't-1', creatorId: null, labelIds: [], createdAt: '2025-01-01T00:00:00.000Z' });
    jira.state.issues.set('10482', { id: '10482', key: 'SHOP-214', summary: 'Export order history as PDF', description: null, issueType: 'Story', labels: [], projectKey: 'SHOP', creator: 'Lena', created: '2025-04-02T08:41:12.337+0200' });
    const settings = loadSettings({
      LINEAR_API_KEY: 'lin_api_key', LINEAR_WEBHOOK_SECRET: 's', LINEAR_API_URL: linear.url,
      JIRA_BASE_URL: jira.url, JIRA_EMAIL: 'bot@acme.test', JIRA_API_TOKEN: 'atl', JIRA_WEBHOOK_SECRET: 's',
    });
    trackers = new TrackerDirectory(new SettingsCredentialStore(settings));
  });

  afterAll(() => Promise.all([linear.close(), jira.close()]));

  it('builds a Linear tracker that calls the configured API URL with the API key', async () => {
    const tracker = await trackers.trackerFor('linear', 'org-1');
    expect((await tracker.getTicket({ id: 'i-1', key: 'ENG-1', url: null })).title).toBe('Add CSV export');
    expect(linear.calls.at(-1)?.authorization).toBe('lin_api_key');
  });

  it('builds a Jira tracker on the configured site with basic auth', async () => {
    const tracker = await trackers.trackerFor('jira', 'https://acme-shop.atlassian.net');
    expect((await tracker.getTicket({ id: '10482', key: 'SHOP-214', url: null })).title).toBe('Export order history as PDF');
    expect(jira.calls.at(-1)?.authorization).toBe(`Basic ${Buffer.from('bot@acme.test:atl').toString('base64')}`);
  });

  it('keeps one tracker per workspace', async () => {
    expect(await trackers.trackerFor('linear', 'org-1')).toBe(await trackers.trackerFor('linear', 'org-1'));
    expect(await trackers.trackerFor('linear', 'org-1')).not.toBe(await trackers.trackerFor('linear', 'org-2'));
  });

  it('fails without retry for a provider that has no credentials', async () => {
    const none = new TrackerDirectory(new SettingsCredentialStore(loadSettings({})));
    const failure = none.trackerFor('jira', 'https://acme.atlassian.net');
    await expect(failure).rejects.toBeInstanceOf(TrackerError);
    await expect(failure).rejects.toMatchObject({ reason: 'unauthorized', retryable: false, message: expect.stringMatching(/no jira credentials/) });
  });
});

describe('botContextFor', () => {
  it('hands the bot the workspace tracker, the pack of the ticket project, the logger, the clock and dry run', async () => {
    const jira = await startJiraStub();
    try {
      const settings = loadSettings({ JIRA_BASE_URL: jira.url, JIRA_EMAIL: 'e@x.test', JIRA_API_TOKEN: 't', JIRA_WEBHOOK_SECRET: 's' });
      const trackers = new TrackerDirectory(new SettingsCredentialStore(settings));
      const packs = PackDirectory.load({ ...DEFAULT_CONFIG, jira: { projects: { SHOP: 'strict' } } }, process.cwd());
      const contextFor = botContextFor({ trackers, packs, dryRun: true, clock: () => 42 });
      const parsed = parseJiraWebhook(fixture('jira', 'issue-created'), { 'x-atlassian-webhook-identifier': 'wh-1' });
      if (isIgnored(parsed)) throw new Error(parsed.ignored);
      const event: TicketEvent = flattenTicketEvent(parsed);
      const log = pino({ level: 'silent' });
      const context = await contextFor({ event, receivedAt: 1 }, log);
      expect(context.pack.name).toBe('strict');
      expect(context.tracker).toBe(await trackers.trackerFor('jira', event.workspace));
      expect([context.log, context.clock(), context.dryRun]).toEqual([log, 42, true]);
      const comment = await contextFor({ event: { ...event, ticket: null, ticketRef: { ...event.ticketRef, key: 'OPS-3' } }, receivedAt: 1 }, log);
      expect(comment.pack.name).toBe('product-sense');
    } finally {
      await jira.close();
    }
  });
});
