import { LinearClient } from '@linear/sdk';
import { Queue, type Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { loadPack } from '../../src/packs/load-pack.js';
import { TicketEventSchema, type TicketEvent } from '../../src/domain/ticket-event.js';
import { LinearTracker } from '../../src/providers/linear/linear-tracker.js';
import { jobIdFor, TICKET_EVENTS_QUEUE, type TicketJob } from '../../src/queue/ticket-job.js';
import { TICKET_REVIEW_JOB, TicketReviewQueue } from '../../src/queue/ticket-review-queue.js';
import { closeTicketWorker, createTicketWorker, JOB_RETRY } from '../../workers/ticket-worker.js';
import { recordingLogger } from '../bot/recording-logger.js';
import { BARE_EXPORT, LINEAR_ISSUE, linearIssueEvent } from '../bot/ticket-events.js';
import { startLinearStub, type LinearStub } from '../stubs/linear-stub.js';
import { RedisTicketLocks } from '../../src/state/redis-ticket-lock.js';
import { deleteKeysUnderOn } from '../redis-prefix.js';

const connection = { host: '127.0.0.1', port: 6379 };
const prefix = `ticketlint-test-review-${process.pid}`;
const pack = loadPack('product-sense');

/** A person's comment on the fixture's Linear issue, as the webhook parser would give it. */
function linearReply(deliveryId: string, commentId: string, body: string): TicketEvent {
  const edit = linearIssueEvent({ ...BARE_EXPORT, action: 'update', deliveryId: 'unused' });
  return TicketEventSchema.parse({
    ...edit, deliveryId, type: 'comment.created', ticket: null, descriptionChanged: false, titleChanged: false,
    comment: { id: commentId, body, parentId: null, author: { id: 'user-priya', name: 'Priya Raman', isBot: false } },
    actor: { id: 'user-priya', name: 'Priya Raman', isBot: false },
  });
}

describe('the ticket worker with an event window', () => {
  let queue: Queue;
  let linear: LinearStub;
  let reviews: TicketReviewQueue | undefined;
  let worker: Worker | undefined;

  /** The workers' ticket locks, on a connection of the test's own. */
  let lockRedis: Redis;
  let ticketLocks: RedisTicketLocks;

  beforeAll(() => {
    queue = new Queue(TICKET_EVENTS_QUEUE, { connection, prefix });
    lockRedis = new Redis(connection);
    ticketLocks = new RedisTicketLocks({ redis: lockRedis, prefix });
  });

  beforeEach(async () => {
    linear = await startLinearStub();
    linear.state.issues.set(LINEAR_ISSUE.id, {
      id: LINEAR_ISSUE.id, identifier: LINEAR_ISSUE.identifier, title: BARE_EXPORT.title, description: '', teamId: LINEAR_ISSUE.teamId,
      creatorId: null, labelIds: [], createdAt: '2025-03-04T09:15:27.341Z',
    });
  });

  afterEach(async () => {
    if (worker) await closeTicketWorker(worker);
    await reviews?.close();
    worker = undefined;
    reviews = undefined;
    await queue.obliterate({ force: true });
    await linear.close();
  });

  afterAll(async () => {
    await queue.close();
    await lockRedis.quit();
    await deleteKeysUnderOn(connection, prefix);
  });

  function startWorker(windowMs: number): void {
    reviews = new TicketReviewQueue({ connection, prefix, windowMs, jobOptions: JOB_RETRY });
    worker = createTicketWorker({
      connection, prefix, concurrency: 3, log: recordingLogger().log, reviews, ticketLocks,
      contextFor: (_job, log) => ({ tracker: new LinearTracker({ client: new LinearClient({ apiKey: 'lin_api_stub', apiUrl: linear.url }) }), pack, log, clock: () => Date.now(), dryRun: false }),
    });
  }

  const enqueue = (event: TicketEvent) => queue.add(event.type, { event, receivedAt: Date.now() } satisfies TicketJob, { ...JOB_RETRY, jobId: jobIdFor(event) });

  /** Polls until `check` gives a value other than undefined. */
  async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
    for (const until = Date.now() + timeoutMs; Date.now() < until; await new Promise((r) => setTimeout(r, 20))) {
      const value = await check();
      if (value !== undefined) return value;
    }
    throw new Error(`nothing came within ${timeoutMs} ms`);
  }

  /** The return value of the job once it has completed (read after the state, so it is there). */
  async function completedOutcome(jobId: string) {
    if ((await queue.getJobState(jobId)) !== 'completed') return undefined;
    return (await queue.getJob(jobId))?.returnvalue;
  }

  const completedReviews = async () => (await queue.getJobs(['completed'])).filter((job) => job.name === TICKET_REVIEW_JOB);

  it('reviews an edit followed in the window by a reply and a label change as the edit: one review, one comment', async () => {
    startWorker(300);
    const edit = linearIssueEvent({ ...BARE_EXPORT, action: 'update', deliveryId: 'edit-1' });
    const labelOnly = TicketEventSchema.parse({ ...edit, deliveryId: 'labels-1', descriptionChanged: false, titleChanged: false });
    linear.state.comments.push({ id: 'comment-priya', issueId: LINEAR_ISSUE.id, body: 'Looks fine to me.', userId: 'user-priya', createdAt: new Date().toISOString() });

    await enqueue(edit);
    await enqueue(linearReply('reply-1', 'comment-priya', 'Looks fine to me.'));
    await enqueue(labelOnly);

    const [review] = await eventually(async () => ((await completedReviews()).length > 0 ? completedReviews() : undefined));
    expect(review!.returnvalue).toMatchObject({ action: 'commented' });
    expect(review!.data.event.deliveryId).toBe('edit-1');
    expect(linear.calls.filter((c) => c.operation === 'createComment')).toHaveLength(1);
    const labelJob = await queue.getJob(jobIdFor(labelOnly));
    expect(labelJob?.returnvalue).toMatchObject({ action: 'skipped' });
  });

  it('acts on a /ticketlint command at once, without waiting for the window', async () => {
    startWorker(60_000);
    const command = linearReply('command-1', 'comment-lena', '/ticketlint skip a spike we throw away');
    linear.state.comments.push({ id: 'comment-lena', issueId: LINEAR_ISSUE.id, body: command.comment!.body, userId: 'user-priya', createdAt: new Date().toISOString() });

    await enqueue(command);

    const outcome = await eventually(() => completedOutcome(jobIdFor(command)), 5000);
    expect(outcome).toMatchObject({ action: 'muted' });
    expect(await queue.getJobs(['delayed'])).toHaveLength(0);
  });

  it('reviews a new ticket at once and gathers the edits that follow into one later review of the same comment', async () => {
    startWorker(300);
    const created = linearIssueEvent({ ...BARE_EXPORT, action: 'create', deliveryId: 'create-1' });
    const motivated = { ...BARE_EXPORT, description: 'Finance admins re-key every invoice by hand each month, which takes them two days.' };
    const edit = linearIssueEvent({ ...motivated, action: 'update', deliveryId: 'edit-3' });

    await enqueue(created);
    expect(await eventually(() => completedOutcome(jobIdFor(created)), 5000)).toMatchObject({ action: 'commented' });
    expect(await completedReviews()).toHaveLength(0);
    linear.state.issues.get(LINEAR_ISSUE.id)!.description = motivated.description;
    await enqueue(edit);
    await enqueue(linearIssueEvent({ ...motivated, action: 'update', deliveryId: 'edit-4' }));

    expect(await eventually(() => completedOutcome(jobIdFor(edit)))).toMatchObject({ action: 'deferred' });
    const [review] = await eventually(async () => ((await completedReviews()).length > 0 ? completedReviews() : undefined));
    expect(review!.returnvalue).toMatchObject({ action: 'cleared' });
    expect(await completedReviews()).toHaveLength(1);
    expect(linear.calls.filter((c) => c.operation === 'createComment')).toHaveLength(1);
    expect(linear.calls.filter((c) => c.operation === 'updateComment')).toHaveLength(1);
  });

  it('completes an event job only once the review it hands the event to is stored', async () => {
    startWorker(2000);
    const edit = linearIssueEvent({ ...BARE_EXPORT, action: 'update', deliveryId: 'edit-2' });

    await enqueue(edit);

    const outcome = await eventually(() => completedOutcome(jobIdFor(edit)));
    expect(outcome).toMatchObject({ action: 'deferred', joined: false });
    expect(await queue.getJobState(outcome.reviewJobId)).toBe('delayed');
    expect(linear.calls).toHaveLength(0);
  });
});
