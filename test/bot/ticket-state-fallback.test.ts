import { LinearClient } from '@linear/sdk';
import { Redis } from 'ioredis';
import { handleTicketEvent, type BotContext } from '../../src/bot/handle-ticket-event.js';
import { TicketEventSchema, type TicketEvent } from '../../src/domain/ticket-event.js';
import { loadPack } from '../../src/packs/load-pack.js';
import { LinearTracker } from '../../src/providers/linear/linear-tracker.js';
import { RedisTicketStateStore } from '../../src/state/redis-ticket-state-store.js';
import { startLinearStub, type LinearStub } from '../stubs/linear-stub.js';
import { recordingLogger } from './recording-logger.js';
import { BARE_EXPORT, LINEAR_ISSUE, linearIssueEvent } from './ticket-events.js';
import { deleteKeysUnder } from '../redis-prefix.js';

describe('the bot without its Redis state', () => {
  const prefix = `tl-test-fallback-${process.pid}-${Date.now().toString(36)}`;
  const redis = new Redis('redis://127.0.0.1:6379');
  const store = new RedisTicketStateStore({ redis, prefix });
  let stub: LinearStub;
  let ctx: BotContext;

  beforeEach(async () => {
    await deleteKeysUnder(redis, prefix);
    stub = await startLinearStub();
    stub.state.users.set('user-lena', { id: 'user-lena', name: 'Lena Fischer' });
    stub.state.issues.set(LINEAR_ISSUE.id, {
      id: LINEAR_ISSUE.id, identifier: LINEAR_ISSUE.identifier, title: BARE_EXPORT.title, description: '', teamId: LINEAR_ISSUE.teamId,
      creatorId: null, labelIds: [], createdAt: '2025-03-04T09:15:27.341Z',
    });
    const tracker = new LinearTracker({ client: new LinearClient({ apiKey: 'lin_api_stub', apiUrl: stub.url }) });
    ctx = { tracker, pack: loadPack('product-sense'), state: store, log: recordingLogger().log, clock: () => Date.now(), dryRun: false };
  });

  afterEach(() => stub.close());
  afterAll(async () => {
    await deleteKeysUnder(redis, prefix);
    await redis.quit();
  });

  function comment(body: string): TicketEvent {
    stub.state.comments.push({ id: `c-${stub.state.comments.length}`, issueId: LINEAR_ISSUE.id, body, userId: 'user-lena', createdAt: new Date().toISOString() });
    return TicketEventSchema.parse({
      ...linearIssueEvent(BARE_EXPORT), type: 'comment.created', ticket: null,
      comment: { id: `c-${stub.state.comments.length - 1}`, body, parentId: null, author: { id: 'user-lena', name: 'Lena Fischer', isBot: false } },
    });
  }

  it('stays muted after Redis forgets the ticket, reading the mute back from its comment', async () => {
    await handleTicketEvent({ event: linearIssueEvent(BARE_EXPORT) }, ctx);
    await handleTicketEvent({ event: comment('/ticketlint skip prototype only') }, ctx);
    await deleteKeysUnder(redis, prefix);
    const writesBefore = stub.calls.filter((c) => c.operation === 'updateComment').length;

    const outcome = await handleTicketEvent({ event: linearIssueEvent({ ...BARE_EXPORT, description: 'Add a button.', action: 'update' }) }, ctx);

    expect(outcome).toMatchObject({ action: 'skipped', reason: 'muted by Lena Fischer: prototype only' });
    expect(stub.calls.filter((c) => c.operation === 'updateComment')).toHaveLength(writesBefore);
    expect(await store.get({ provider: 'linear', workspace: linearIssueEvent(BARE_EXPORT).workspace, ticketId: LINEAR_ISSUE.id }))
      .toMatchObject({ muted: { by: 'Lena Fischer', reason: 'prototype only' } });
  });

  it('skips a reply on a ticket it remembers having left alone, without asking the tracker', async () => {
    await handleTicketEvent({ event: linearIssueEvent({ title: 'Export open cases as CSV', description: 'Our support agents copy open cases into a spreadsheet by hand every Monday, which takes an hour.' }) }, ctx);
    const calls = stub.calls.length;

    const outcome = await handleTicketEvent({ event: comment('Looks good.') }, ctx);

    expect(outcome).toMatchObject({ action: 'skipped', reason: 'the bot has not commented on this ticket' });
    expect(stub.calls).toHaveLength(calls);
  });
});
