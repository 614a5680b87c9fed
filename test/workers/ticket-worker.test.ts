import { LinearClient } from '@linear/sdk';
import { Queue, type Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { Version3Client } from 'jira.js';
import { ticketKeyOf, type BotContext, type BotLogger, type BotOutcome } from '../../src/bot/handle-ticket-event.js';
import type { Tracker } from '../../src/bot/tracker.js';
import { TicketEventSchema, type TicketEvent } from '../../src/domain/ticket-event.js';
import { loadPack } from '../../src/packs/load-pack.js';
import { JiraTracker } from '../../src/providers/jira/jira-tracker.js';
import { LinearTracker } from '../../src/providers/linear/linear-tracker.js';
import { jobIdFor, TICKET_EVENTS_QUEUE, type TicketJob } from '../../src/queue/ticket-job.js';
import { closeTicketWorker, createTicketWorker, JOB_RETRY, type WorkerMetrics } from '../../workers/ticket-worker.js';
import { recordingLogger } from '../bot/recording-logger.js';
import { BARE_EXPORT, JIRA_ISSUE, jiraIssueEvent, LINEAR_ISSUE, linearIssueEvent } from '../bot/ticket-events.js';
import { startJiraStub, type JiraStub } from '../stubs/jira-stub.js';
import { startLinearStub, type LinearStub } from '../stubs/linear-stub.js';
import { RedisTicketLocks } from '../../src/state/redis-ticket-lock.js';
import { deleteKeysUnderOn } from '../redis-prefix.js';

const connection = { host: '127.0.0.1', port: 6379 };
const prefix = `ticketlint-test-worker-${process.pid}`;
const pack = loadPack('product-sense');
/** JOB_RETRY with a 100 ms base delay, so retries after an outage take a fraction of a second. */
const FAST_RETRY = { ...JOB_RETRY, backoff: { ...JOB_RETRY.backoff, delay: 100 } };

/** A WorkerMetrics that keeps what it is told. */
function recordingMetrics() {
  const seen = { processed: [] as [string, string][], failed: [] as [string, string][], lint: [] as number[], webhookToComment: [] as number[], skipped: [] as [string, string][] };
  const metrics: WorkerMetrics = {
    processed: (action, provider) => seen.processed.push([action, provider]),
    failed: (provider, reason) => seen.failed.push([provider, reason]),
    lintSeconds: (s) => seen.lint.push(s),
    webhookToCommentSeconds: (s) => seen.webhookToComment.push(s),
    skipped: (reason, provider) => seen.skipped.push([reason, provider]),
  };
  return { metrics, seen };
}

/** The stubs record calls but not when; a fault that never matches is asked about every request first, so it can stamp them. */
function stampCalls(stub: JiraStub): number[] {
  const times: number[] = [];
  stub.fail({ times: Number.POSITIVE_INFINITY, response: { status: 599 }, matches: () => { times.push(Date.now()); return false; } });
  return times;
}

describe('the ticket worker', () => {
  let queue: Queue;
  let jira: JiraStub;
  let linear: LinearStub;
  let worker: Worker | undefined;
  let logged: ReturnType<typeof recordingLogger>;

  /** The workers' ticket locks, on a connection of the test's own. */
  let lockRedis: Redis;
  let ticketLocks: RedisTicketLocks;

  beforeAll(() => {
    queue = new Queue(TICKET_EVENTS_QUEUE, { connection, prefix });
    lockRedis = new Redis(connection);
    ticketLocks = new RedisTicketLocks({ redis: lockRedis, prefix });
  });

  beforeEach(async () => {
    [jira, linear] = await Promise.all([startJiraStub(), startLinearStub()]);
    jira.state.issues.set(JIRA_ISSUE.id, {
      id: JIRA_ISSUE.id, key: JIRA_ISSUE.key, summary: BARE_EXPORT.title, description: null, issueType: 'Story', labels: [],
      projectKey: 'SHOP', creator: 'Lena Fischer', created: '2025-04-02T08:41:12.337+0200',
    });
    linear.state.issues.set(LINEAR_ISSUE.id, {
      id: LINEAR_ISSUE.id, identifier: LINEAR_ISSUE.identifier, title: BARE_EXPORT.title, description: '', teamId: LINEAR_ISSUE.teamId,
      creatorId: null, labelIds: [], createdAt: '2025-03-04T09:15:27.341Z',
    });
    logged = recordingLogger();
  });

  afterEach(async () => {
    if (worker) await closeTicketWorker(worker);
    worker = undefined;
    await queue.obliterate({ force: true });
    await Promise.all([jira.close(), linear.close()]);
  });

  afterAll(async () => {
    await queue.close();
    await lockRedis.quit();
    await deleteKeysUnderOn(connection, prefix);
  });

  /** The tracker per provider, as the worker's entry point composes it; `jiraHost` points Jira elsewhere. */
  function trackerFor(event: TicketEvent, jiraHost = jira.url): Tracker {
    if (event.provider === 'linear') return new LinearTracker({ client: new LinearClient({ apiKey: 'lin_api_stub', apiUrl: linear.url }) });
    const client = new Version3Client({ host: jiraHost, authentication: { basic: { email: 'bot@example.com', apiToken: 'token-1' } } });
    return new JiraTracker({ client, siteUrl: jiraHost });
  }

  function startWorker(options: { metrics?: WorkerMetrics; concurrency?: number; contextFor?: (job: TicketJob, log: BotLogger) => BotContext | Promise<BotContext> } = {}): Worker {
    worker = createTicketWorker({
      connection, prefix, concurrency: options.concurrency ?? 2, log: logged.log, metrics: options.metrics, ticketLocks,
      contextFor: options.contextFor ?? ((job, log) => ({ tracker: trackerFor(job.event), pack, log, clock: () => Date.now(), dryRun: false })),
    });
    return worker;
  }

  function enqueue(event: TicketEvent, opts: object = FAST_RETRY, receivedAt = Date.now()) {
    return queue.add('ticket-event', { event, receivedAt } satisfies TicketJob, { ...opts, jobId: jobIdFor(event) });
  }

  /** Polls until the job has completed or failed for good. */
  async function settled(jobId: string, timeoutMs = 15_000): Promise<{ state: string; attemptsMade: number; failedReason?: string; returnvalue: BotOutcome }> {
    for (const until = Date.now() + timeoutMs; Date.now() < until; await new Promise((r) => setTimeout(r, 25))) {
      const job = await queue.getJob(jobId);
      const state = job ? await job.getState() : 'missing';
      if (state !== 'completed' && state !== 'failed') continue;
      // Read the job again: the copy fetched before it finished has no return value yet.
      const done = (await queue.getJob(jobId))!;
      return { state, attemptsMade: done.attemptsMade, failedReason: done.failedReason, returnvalue: done.returnvalue };
    }
    throw new Error(`job ${jobId} did not settle within ${timeoutMs} ms`);
  }

  const jiraPosts = () => jira.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/comment'));

  it('takes a queued Linear event to a comment on the ticket, and records the outcome and its timings', async () => {
    const { metrics, seen } = recordingMetrics();
    startWorker({ metrics });
    const event = linearIssueEvent(BARE_EXPORT);

    await enqueue(event, JOB_RETRY, Date.now() - 1500);

    expect(await settled(jobIdFor(event))).toMatchObject({ state: 'completed', returnvalue: { action: 'commented' } });
    expect(linear.state.comments).toEqual([expect.objectContaining({ body: expect.stringContaining('**CSV export**') })]);
    expect(seen.processed).toEqual([['commented', 'linear']]);
    expect(seen.lint).toHaveLength(1);
    expect(seen.webhookToComment[0]).toBeGreaterThanOrEqual(1.5);
    expect(logged.entries.find((e) => e.msg === 'Handles the ticket event'))
      .toMatchObject({ deliveryId: event.deliveryId, provider: 'linear', ticket: LINEAR_ISSUE.identifier, action: 'commented' });
  });

  it('leaves a German ticket alone: no comment, no label, one debug line and the skipped metric', async () => {
    const { metrics, seen } = recordingMetrics();
    startWorker({ metrics });
    const event = linearIssueEvent({ title: 'CSV-Export für Rechnungen', description: '' });

    await enqueue(event);

    expect(await settled(jobIdFor(event))).toMatchObject({ state: 'completed', returnvalue: { action: 'skipped', reason: 'not judged: language (de)' } });
    expect(linear.state.comments).toEqual([]);
    expect(linear.state.issues.get(LINEAR_ISSUE.id)!.labelIds).toEqual([]);
    expect(seen.skipped).toEqual([['language', 'linear']]);
    expect(logged.entries.filter((e) => e.msg === 'Leaves the ticket alone: it is not written in a language the judgement reads'))
      .toEqual([expect.objectContaining({ level: 20, language: 'de', ticket: LINEAR_ISSUE.identifier })]);
  });

  it('processes a job id added twice only once', async () => {
    startWorker({ concurrency: 1 });
    const event = jiraIssueEvent(BARE_EXPORT);
    await enqueue(event);
    await enqueue(event);
    await settled(jobIdFor(event));
    const callsAfterFirst = jira.calls.length;

    await enqueue(event);
    const bot = TicketEventSchema.parse({ ...event, deliveryId: 'later-delivery', actor: { id: 'app', name: 'Automation', isBot: true } });
    await enqueue(bot);
    await settled(jobIdFor(bot));

    expect(jiraPosts()).toHaveLength(1);
    expect(jira.calls).toHaveLength(callsAfterFirst);
    expect(await queue.getJobCounts('completed', 'waiting', 'delayed')).toEqual({ completed: 2, waiting: 0, delayed: 0 });
  });

  it('puts a job back without spending an attempt while another job reviews its ticket, then reads the ticket as it is now', async () => {
    startWorker();
    const event = linearIssueEvent(BARE_EXPORT);
    const held = (await ticketLocks.acquire(ticketKeyOf(event)))!;
    await enqueue(event);

    for (const until = Date.now() + 10_000; Date.now() < until; await new Promise((r) => setTimeout(r, 20))) {
      if (((await queue.getJob(jobIdFor(event)))?.data as { ticketBusy?: number }).ticketBusy) break;
    }
    const waiting = (await queue.getJob(jobIdFor(event)))!;
    expect(await waiting.getState()).toBe('delayed');
    expect(waiting.attemptsMade).toBe(0);
    expect(linear.calls).toEqual([]);
    // Meanwhile the other review's ticket was edited: the waiting job must not comment on its older snapshot.
    linear.state.issues.get(LINEAR_ISSUE.id)!.title = 'Add PDF export';
    await held.release();

    // One attempt: the run that commented (BullMQ counts a completed run); the waits counted none.
    expect(await settled(jobIdFor(event))).toMatchObject({ state: 'completed', attemptsMade: 1, returnvalue: { action: 'commented' } });
    expect(linear.state.comments).toHaveLength(1);
    expect(linear.state.comments[0]!.body).toContain('PDF export');
    expect(await lockRedis.exists(ticketLocks.keyOf(ticketKeyOf(event)))).toBe(0);
  });

  it('retries through two 500 answers and posts exactly one comment', async () => {
    startWorker();
    jira.failWith500(2);
    const event = jiraIssueEvent(BARE_EXPORT);

    await enqueue(event);

    expect(await settled(jobIdFor(event))).toMatchObject({ state: 'completed', attemptsMade: 3, returnvalue: { action: 'commented' } });
    expect(jiraPosts()).toHaveLength(1);
    expect(jira.state.comments).toHaveLength(1);
  });

  it('waits at least as long as a 429 Retry-After says before the next attempt', async () => {
    startWorker();
    const stamps = stampCalls(jira);
    jira.rateLimit(2);
    const event = jiraIssueEvent(BARE_EXPORT);

    await enqueue(event);

    expect(await settled(jobIdFor(event))).toMatchObject({ state: 'completed', attemptsMade: 2 });
    expect(stamps).toHaveLength(jira.calls.length);
    expect(stamps[1]! - stamps[0]!).toBeGreaterThanOrEqual(2000);
    expect(logged.entries.find((e) => e.msg === 'Fails this attempt and retries later')).toMatchObject({ reason: 'rate_limited', retryAfterMs: 2000 });
  });

  it('fails a ticket the tracker does not know (404) at once, without retrying', async () => {
    const { metrics, seen } = recordingMetrics();
    startWorker({ metrics });
    jira.state.issues.clear();
    const event = jiraIssueEvent(BARE_EXPORT);

    await enqueue(event);

    expect(await settled(jobIdFor(event))).toMatchObject({ state: 'failed', attemptsMade: 1, failedReason: expect.stringContaining('not_found') });
    expect(jira.calls).toHaveLength(1);
    expect(seen.failed).toEqual([['jira', 'not_found']]);
    expect(logged.entries.find((e) => e.level === 50)).toMatchObject({ msg: 'Gives up on the event: the tracker refused it', reason: 'not_found', status: 404 });
  });

  it('retries when the tracker cannot be reached at all, until the attempts run out', async () => {
    const dead = await startJiraStub();
    await dead.close();
    startWorker({ contextFor: (job, log) => ({ tracker: trackerFor(job.event, dead.url), pack, log, clock: () => Date.now(), dryRun: false }) });
    const event = jiraIssueEvent(BARE_EXPORT);

    await enqueue(event, { ...FAST_RETRY, attempts: 3 });

    expect(await settled(jobIdFor(event))).toMatchObject({ state: 'failed', attemptsMade: 3, failedReason: expect.stringContaining('unavailable') });
  });

  it('fails a malformed job at once', async () => {
    startWorker();
    await queue.add('ticket-event', { event: { provider: 'github' }, receivedAt: -1 }, { ...FAST_RETRY, jobId: 'malformed-1' });

    expect(await settled('malformed-1')).toMatchObject({ state: 'failed', attemptsMade: 1, failedReason: expect.stringContaining('not a TicketJob') });
  });

  it('hands the bot the queued rich text flattened to plain text', async () => {
    const seen: TicketJob[] = [];
    startWorker({ contextFor: (job, log) => {
      seen.push(job);
      return { tracker: trackerFor(job.event), pack, log, clock: () => Date.now(), dryRun: false };
    } });
    const event = jiraIssueEvent(BARE_EXPORT);
    const queued = { ...event, ticket: { ...event.ticket!, description: { format: 'jira-wiki', source: 'h2. Why\n*Accountants* close the books with {{CSV}} files.' } } };

    await queue.add('ticket-event', { event: queued, receivedAt: Date.now() }, { ...FAST_RETRY, jobId: jobIdFor(event) });

    expect(await settled(jobIdFor(event))).toMatchObject({ state: 'completed' });
    expect(seen.map((job) => job.event.ticket?.description)).toEqual(['Why\nAccountants close the books with CSV files.']);
  });

  it('fails at once a job whose rich text is not what its format needs', async () => {
    startWorker();
    const event = jiraIssueEvent(BARE_EXPORT);
    const queued = { ...event, ticket: { ...event.ticket!, description: { format: 'adf', source: 'not a node tree' } } };

    await queue.add('ticket-event', { event: queued, receivedAt: Date.now() }, { ...FAST_RETRY, jobId: 'malformed-text' });

    expect(await settled('malformed-text')).toMatchObject({ state: 'failed', attemptsMade: 1, failedReason: expect.stringContaining('event text') });
    expect(jiraPosts()).toHaveLength(0);
  });

  it('lets the job in flight finish when it is closed', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    let started!: () => void;
    const inFlight = new Promise<void>((resolve) => { started = resolve; });
    const closing = startWorker({
      contextFor: async (job, log) => {
        started();
        await gate;
        return { tracker: trackerFor(job.event), pack, log, clock: () => Date.now(), dryRun: false };
      },
    });
    worker = undefined;
    const event = jiraIssueEvent(BARE_EXPORT);
    await enqueue(event);
    await inFlight;

    let closed = false;
    const close = closeTicketWorker(closing).then(() => { closed = true; });
    await new Promise((r) => setTimeout(r, 200));
    expect(closed).toBe(false);
    release();
    await close;

    expect(jira.state.comments).toHaveLength(1);
    expect(await queue.getJobState(jobIdFor(event))).toBe('completed');
  });
});
