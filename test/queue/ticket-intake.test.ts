import { createHmac, randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { isIgnored, type WebhookTicketEvent } from '../../src/domain/ticket-event.js';
import { bodyFingerprint } from '../../src/providers/hmac-digest.js';
import { parseLinearWebhook } from '../../src/providers/linear/webhook.js';
import { IntakeRelay, jobOf, RELAY_GROUP } from '../../src/queue/intake-relay.js';
import { closeRedis, createProducerConnection, createWorkerConnection, redisAnswers, settleConnection } from '../../src/queue/redis-connection.js';
import { TICKET_EVENTS_QUEUE } from '../../src/queue/ticket-job.js';
import {
  intakeKeys, MAX_BATCH, QueueUnavailableError, SIGNED_BODY_TTL_MS, signedBodyId, TicketIntake,
} from '../../src/queue/ticket-intake.js';
import { JOB_RETENTION, TicketQueue } from '../../src/queue/ticket-queue.js';
import { deleteKeysUnder } from '../redis-prefix.js';
import { recordingLogger } from '../bot/recording-logger.js';
import { fixture } from '../server/signed-delivery.js';
import { until } from '../faults/spawned-process.js';

const PREFIX = `tl-test-ticket-intake-${process.pid}-${Date.now().toString(36)}`;
const REDIS_URL = 'redis://127.0.0.1:6379';
const RETRY = { attempts: 4, backoff: { type: 'fixed', delay: 10 } };
const KEYS = intakeKeys(PREFIX);

/** A Linear issue-created delivery: the event, and the HMAC digest of the exact body it was parsed from. */
function delivery(deliveryId: string = randomUUID(), title = 'Add CSV export'): { event: WebhookTicketEvent; digest: Buffer } {
  const payload = fixture('linear', 'issue-created');
  const body = Buffer.from(JSON.stringify({ ...payload, data: { ...(payload.data as object), title }, webhookTimestamp: Date.now() }));
  const result = parseLinearWebhook(JSON.parse(body.toString('utf8')), { 'linear-delivery': deliveryId });
  if (isIgnored(result)) throw new Error(result.ignored);
  return { event: result, digest: createHmac('sha256', 'secret').update(body).digest() };
}

describe('TicketIntake, moved into the ticket queue by IntakeRelay', () => {
  let producer: Redis;
  let relayConnection: Redis;
  let queueConnection: Redis;
  let intake: TicketIntake;
  let queue: TicketQueue;
  let relay: IntakeRelay;
  let inspector: Queue;
  const silent = pino({ level: 'silent' });

  beforeAll(async () => {
    producer = createProducerConnection(REDIS_URL);
    await settleConnection(producer);
    relayConnection = createWorkerConnection(REDIS_URL);
    queueConnection = createWorkerConnection(REDIS_URL);
    intake = new TicketIntake({ connection: producer, prefix: PREFIX });
    queue = new TicketQueue({ connection: queueConnection, prefix: PREFIX, jobOptions: RETRY });
    relay = new IntakeRelay({ connection: relayConnection, queue, prefix: PREFIX, log: silent });
    inspector = new Queue(TICKET_EVENTS_QUEUE, { prefix: PREFIX, connection: { url: REDIS_URL } });
  });

  afterEach(() => deleteKeysUnder(producer, PREFIX));

  afterAll(async () => {
    await queue.close();
    await inspector.close();
    await Promise.all([closeRedis(producer), closeRedis(relayConnection), closeRedis(queueConnection)]);
  });

  it('stores the event and when it arrived, which the relay makes job jobIdFor(event) named by its type', async () => {
    const { event, digest } = delivery('d-1');
    expect(await intake.enqueue(event, 1_700_000_000_000, digest)).toEqual({ jobId: 'linear-d-1', replay: false, reusedDeliveryId: false });
    expect(await intake.backlog()).toBe(1);
    expect(await inspector.getJob('linear-d-1')).toBeUndefined();

    expect(await relay.moveAvailable()).toBe(1);
    const job = await inspector.getJob('linear-d-1');
    expect(job?.data).toEqual({ event, receivedAt: 1_700_000_000_000 });
    expect(job?.name).toBe('ticket.created');
    expect(await intake.backlog()).toBe(0);
  });

  it('adds jobs with the retry options it was given and its own bounded retention', async () => {
    const { event, digest } = delivery();
    const { jobId } = await intake.enqueue(event, Date.now(), digest);
    await relay.moveAvailable();
    const job = await inspector.getJob(jobId);
    expect(job?.opts).toMatchObject({ ...RETRY, ...JOB_RETENTION });
  });

  it('keeps one job for one delivery enqueued twice', async () => {
    const { event, digest } = delivery('d-twice');
    await intake.enqueue(event, Date.now(), digest);
    expect(await intake.enqueue(event, Date.now(), digest)).toEqual({ jobId: 'linear-d-twice', replay: false, reusedDeliveryId: false });
    expect(await intake.backlog()).toBe(1);
    await relay.moveAvailable();
    expect(await inspector.getJobCountByTypes('waiting')).toBe(1);
  });

  it('keeps one job for the same signed body under another delivery id, and says it is a replay', async () => {
    const first = delivery('d-original');
    await intake.enqueue(first.event, Date.now(), first.digest);
    const replayed = { ...first.event, deliveryId: 'd-replayed' };
    expect(await intake.enqueue(replayed, Date.now(), first.digest)).toEqual({ jobId: 'linear-d-original', replay: true, reusedDeliveryId: false });
    await relay.moveAvailable();
    expect(await inspector.getJobCountByTypes('waiting')).toBe(1);
  });

  it('queues two different bodies as two jobs', async () => {
    const one = delivery(randomUUID(), 'Add CSV export');
    const two = delivery(randomUUID(), 'Add PDF export');
    await intake.enqueue(one.event, Date.now(), one.digest);
    await intake.enqueue(two.event, Date.now(), two.digest);
    expect(await relay.moveAvailable()).toBe(2);
    expect(await inspector.getJobCountByTypes('waiting')).toBe(2);
  });

  it('stores deliveries taken together in batches of at most MAX_BATCH, each answered with its own job', async () => {
    const deliveries = Array.from({ length: MAX_BATCH + 50 }, (_, i) => delivery(`d-batch-${i}`, `Add export number ${i}`));
    const results = await Promise.all(deliveries.map(({ event, digest }) => intake.enqueue(event, Date.now(), digest)));
    expect(results).toEqual(deliveries.map((_, i) => ({ jobId: `linear-d-batch-${i}`, replay: false, reusedDeliveryId: false })));
    expect(await relay.moveAvailable()).toBe(MAX_BATCH + 50);
    expect(await inspector.getJobCountByTypes('waiting')).toBe(MAX_BATCH + 50);
  });

  it('tells a replay and a redelivery apart from the original when all three arrive together', async () => {
    const first = delivery('d-together');
    const [original, redelivered, replayed] = await Promise.all([
      intake.enqueue(first.event, Date.now(), first.digest),
      intake.enqueue(first.event, Date.now(), first.digest),
      intake.enqueue({ ...first.event, deliveryId: 'd-together-again' }, Date.now(), first.digest),
    ]);
    expect([original, redelivered, replayed]).toEqual([
      { jobId: 'linear-d-together', replay: false, reusedDeliveryId: false },
      { jobId: 'linear-d-together', replay: false, reusedDeliveryId: false },
      { jobId: 'linear-d-together', replay: true, reusedDeliveryId: false },
    ]);
    await relay.moveAvailable();
    expect(await inspector.getJobCountByTypes('waiting')).toBe(1);
  });

  it('makes a job of each body sent under one delivery id, the second under a job id of its own, and says the id was reused', async () => {
    const one = delivery('d-same-id', 'Add CSV export');
    const two = delivery('d-same-id', 'Add CSV export for finance');
    expect(await intake.enqueue(one.event, Date.now(), one.digest)).toEqual({ jobId: 'linear-d-same-id', replay: false, reusedDeliveryId: false });
    const second = await intake.enqueue(two.event, Date.now(), two.digest);
    expect(second).toEqual({ jobId: `linear-d-same-id-${bodyFingerprint(two.digest)}`, replay: false, reusedDeliveryId: true });
    // The second body delivered again (the tracker's retry) is the same delivery: its own job, nothing new.
    expect(await intake.enqueue(two.event, Date.now(), two.digest)).toEqual({ ...second, reusedDeliveryId: false });
    expect(await intake.backlog()).toBe(2);
    await relay.moveAvailable();
    expect(await inspector.getJobCountByTypes('waiting')).toBe(2);
  });

  it('remembers a signed body in Redis for SIGNED_BODY_TTL_MS', async () => {
    const { event, digest } = delivery();
    await intake.enqueue(event, Date.now(), digest);
    const ttl = await producer.pttl(KEYS.seen(signedBodyId('linear', digest)));
    expect(ttl).toBeGreaterThan(SIGNED_BODY_TTL_MS - 60_000);
    expect(ttl).toBeLessThanOrEqual(SIGNED_BODY_TTL_MS);
  });

  it('names a signed body by its provider and HMAC digest', () => {
    const digest = createHmac('sha256', 'secret').update('{"a":1}').digest();
    expect(signedBodyId('jira', digest)).toBe(`jira-hmac-${digest.toString('hex')}`);
  });

  it('moves deliveries as they arrive once started, and stops', async () => {
    const connection = createWorkerConnection(REDIS_URL);
    const running = new IntakeRelay({ connection, queue, prefix: PREFIX, log: silent, blockMs: 100 });
    running.start();
    try {
      const { event, digest } = delivery('d-live');
      await intake.enqueue(event, Date.now(), digest);
      await until('the relay moves the delivery', async () => (await inspector.getJob('linear-d-live')) !== undefined, 5000);
      expect(await intake.backlog()).toBe(0);
    } finally {
      await running.stop();
      await closeRedis(connection);
    }
  });

  it('makes the stream and its group again when Redis lost them, and goes on moving', async () => {
    const connection = createWorkerConnection(REDIS_URL);
    const running = new IntakeRelay({ connection, queue, prefix: PREFIX, log: silent, blockMs: 100 });
    running.start();
    try {
      const before = delivery('d-before', 'Add CSV export before');
      await intake.enqueue(before.event, Date.now(), before.digest);
      await until('the first delivery is moved', async () => (await inspector.getJob('linear-d-before')) !== undefined, 5000);
      await producer.del(KEYS.stream);
      const { event, digest } = delivery('d-after', 'Add CSV export after');
      await intake.enqueue(event, Date.now(), digest);
      await until('the delivery after the loss is moved', async () => (await inspector.getJob('linear-d-after')) !== undefined, 5000);
    } finally {
      await running.stop();
      await closeRedis(connection);
    }
  });

  it('takes over what a relay read and died on, storing each job once even when the dead relay had stored it', async () => {
    const stored = delivery('d-stored-then-died', 'Add CSV export (stored)');
    const unstored = delivery('d-read-then-died', 'Add CSV export (not stored)');
    await intake.enqueue(stored.event, Date.now(), stored.digest);
    await intake.enqueue(unstored.event, Date.now(), unstored.digest);
    // A relay that read both, stored the first job, and died before acknowledging either.
    await producer.xgroup('CREATE', KEYS.stream, RELAY_GROUP, '0', 'MKSTREAM');
    const read = await producer.xreadgroup('GROUP', RELAY_GROUP, 'dead-relay', 'COUNT', 10, 'STREAMS', KEYS.stream, '>') as [string, [string, string[]][]][];
    expect(read[0]![1]).toHaveLength(2);
    await queue.store([jobOf(read[0]![1][0]![1])!]);
    expect(await inspector.getJobCountByTypes('waiting')).toBe(1);

    const impatient = new IntakeRelay({ connection: relayConnection, queue, prefix: PREFIX, log: silent, claimIdleMs: 1000 });
    expect(await impatient.moveAvailable()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await impatient.moveAvailable()).toBe(2);
    expect((await inspector.getJobs(['waiting'])).map((job) => job.id).sort()).toEqual(['linear-d-read-then-died', 'linear-d-stored-then-died']);
    expect(await intake.backlog()).toBe(0);
  });

  it('keeps a batch the queue could not store, for a relay that can', async () => {
    // A queue whose connection was up and then dropped: its adds fail at once.
    const broken = createProducerConnection(REDIS_URL);
    broken.on('error', () => undefined);
    await settleConnection(broken);
    const unreachable = new TicketQueue({ connection: broken, prefix: PREFIX, jobOptions: RETRY });
    await unreachable.counts();
    broken.disconnect(false);
    const { event, digest } = delivery('d-kept');
    await intake.enqueue(event, Date.now(), digest);
    const failing = new IntakeRelay({ connection: relayConnection, queue: unreachable, prefix: PREFIX, log: silent });
    await expect(failing.moveAvailable()).rejects.toThrow();
    expect(await intake.backlog()).toBe(1);

    const taker = new IntakeRelay({ connection: relayConnection, queue, prefix: PREFIX, log: silent, claimIdleMs: 0 });
    expect(await taker.moveAvailable()).toBe(1);
    expect(await inspector.getJob('linear-d-kept')).toBeDefined();
    await unreachable.close().catch(() => undefined);
    await closeRedis(broken);
  });

  it('drops, and logs, an entry that is not a job, and moves the rest', async () => {
    const { log, entries } = recordingLogger();
    const { event, digest } = delivery('d-beside-junk');
    await producer.xadd(KEYS.stream, '*', 'something', 'else');
    await intake.enqueue(event, Date.now(), digest);
    const logging = new IntakeRelay({ connection: relayConnection, queue, prefix: PREFIX, log });
    expect(await logging.moveAvailable()).toBe(1);
    expect(await intake.backlog()).toBe(0);
    expect(entries.some((entry) => entry.msg === 'Drops an intake entry that is not a job')).toBe(true);
  });
});

describe('jobOf', () => {
  it('reads the fields TicketIntake writes, and nothing else', () => {
    expect(jobOf(['job', 'linear-d', 'name', 'ticket.created', 'data', '{"receivedAt":1}'])).toEqual({ jobId: 'linear-d', name: 'ticket.created', data: { receivedAt: 1 } });
    expect(jobOf(['job', 'linear-d', 'name', 'ticket.created', 'data', '{not json'])).toBeNull();
    expect(jobOf(['job', 'linear-d', 'data', '{}'])).toBeNull();
    expect(jobOf([])).toBeNull();
  });
});

describe('TicketIntake without Redis', () => {
  it('throws QueueUnavailableError at once instead of waiting for a reconnect', async () => {
    const connection = createProducerConnection('redis://127.0.0.1:1');
    connection.on('error', () => undefined);
    const intake = new TicketIntake({ connection, prefix: PREFIX });
    const { event, digest } = delivery();
    const started = Date.now();
    await expect(intake.enqueue(event, Date.now(), digest)).rejects.toBeInstanceOf(QueueUnavailableError);
    expect(Date.now() - started).toBeLessThan(500);
    expect(await redisAnswers(connection)).toBe(false);
    await closeRedis(connection);
  });
});
