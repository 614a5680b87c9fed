import { readdirSync } from 'node:fs';
import { Version3Client } from 'jira.js';
import { handleTicketEvent, type BotContext } from '../../src/bot/handle-ticket-event.js';
import { BUNDLED_RULES_DIR, loadPack } from '../../src/packs/load-pack.js';
import { JiraTracker } from '../../src/providers/jira/jira-tracker.js';
import { startJiraStub, type JiraStub } from '../stubs/jira-stub.js';
import { recordingLogger } from '../bot/recording-logger.js';
import { JIRA_ISSUE, jiraIssueEvent, MOTIVATED_EXPORT } from '../bot/ticket-events.js';
import { jsonLines, runInProcess } from './cli-harness.js';

const BUNDLED = readdirSync(BUNDLED_RULES_DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));

/**
 * Tickets on both sides of every bundled pack's line: output-only, motivated but unmeasured (what
 * strict warns about and product-sense lets pass), bare and full bug reports, a task, an exempt one.
 */
const TICKETS = [
  { title: 'Add CSV export', body: '', kind: 'feature' },
  { title: MOTIVATED_EXPORT.title, body: MOTIVATED_EXPORT.description, kind: 'feature' },
  {
    title: 'Add a weekly usage report for workspace owners',
    body: 'Owners keep asking support how many seats are in use, which costs the support team hours every week.',
    kind: 'feature',
  },
  { title: 'Checkout button does nothing', body: '', kind: 'bug' },
  {
    title: 'Saving a draft loses the attachments',
    body: 'Steps: attach two files to a draft, save it, reopen it. The attachments are gone. Expected: they are still there.',
    kind: 'bug',
  },
  { title: 'Upgrade the test runner to the latest major version', body: 'The current version is no longer maintained.', kind: 'task' },
  { title: 'Add PDF export for invoices', body: '', kind: 'feature', labels: ['no-ticketlint'] },
] as const;

describe('the CLI and the bot decide alike whether the bot speaks', () => {
  let stub: JiraStub;
  beforeAll(async () => {
    stub = await startJiraStub();
  });
  afterAll(() => stub.close());

  async function botComments(pack: string, ticket: (typeof TICKETS)[number]): Promise<boolean> {
    stub.state.issues.set(JIRA_ISSUE.id, {
      id: JIRA_ISSUE.id, key: JIRA_ISSUE.key, summary: ticket.title, description: ticket.body || null, issueType: 'Story',
      labels: 'labels' in ticket ? [...ticket.labels] : [], projectKey: 'SHOP', creator: 'Lena Fischer', created: '2025-04-02T08:41:12.337+0200',
    });
    const client = new Version3Client({ host: stub.url, authentication: { basic: { email: 'bot@example.com', apiToken: 'token-1' } } });
    const ctx: BotContext = {
      tracker: new JiraTracker({ client, siteUrl: stub.url }), pack: loadPack(pack), log: recordingLogger().log, clock: () => Date.now(), dryRun: true,
    };
    const event = jiraIssueEvent({ title: ticket.title, description: ticket.body, kind: ticket.kind, labels: 'labels' in ticket ? [...ticket.labels] : [] });
    const outcome = await handleTicketEvent({ event }, ctx);
    return outcome.action === 'commented';
  }

  it.each(BUNDLED)('under %s: "would comment" and the exit code follow the bot', async (pack) => {
    const bot: boolean[] = [];
    for (const ticket of TICKETS) bot.push(await botComments(pack, ticket));

    const input = TICKETS.map((t) => JSON.stringify(t)).join('\n');
    const json = await runInProcess(['lint', '-', '--pack', pack, '--format', 'json'], { stdin: input });
    expect(jsonLines(json.stdout).map((v) => (v as { wouldComment: boolean }).wouldComment)).toEqual(bot);

    for (const [i, ticket] of TICKETS.entries()) {
      const one = await runInProcess(['lint', '-', '--pack', pack], { stdin: JSON.stringify(ticket) });
      expect([ticket.title, one.stdout]).toEqual([ticket.title, expect.stringContaining(`would comment: ${bot[i] ? 'yes' : 'no'}`)]);
      expect([ticket.title, one.code]).toEqual([ticket.title, bot[i] ? 1 : 0]);
    }
  });

  it('tells apart a ticket strict would comment on and product-sense would not', async () => {
    const ticket = TICKETS[2];
    expect(await botComments('strict', ticket)).toBe(true);
    expect(await botComments('product-sense', ticket)).toBe(false);
    const run = await runInProcess(['lint', '-', '--pack', 'strict'], { stdin: JSON.stringify(ticket) });
    expect(run.stdout).not.toMatch(/✓ ok/);
    expect(run.stdout).toContain('would comment: yes');
    expect(run.code).toBe(1);
  });
});
