import { createHash, randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { isIgnored, type TicketEvent } from '../../src/domain/ticket-event.js';
import { parseLinearWebhook } from '../../src/providers/linear/webhook.js';
import { closeRedis, createProducerConnection, redisAnswers, settleConnection } from '../../src/queue/redis-connection.js';
import { TICKET_EVENTS_QUEUE } from '../../src/queue/ticket-job.js';
import {
  JOB_RETENTION, MAX_BATCH, QueueUnavailableError, SIGNED_BODY_TTL_MS, signedBodyId, TicketQueue,
} from '../../src/queue/ticket-queue.js';
import { fixture } from '../server/signed-delivery.js';

const PREFIX = `tl-test-ticket-queue-${process.pid}-${Date.now().toString(36)}`;
const RETRY = { attempts: 4, backoff: { type: 'fixed', delay: 10 } };

/** A Linear issue-created delivery: the event and the exact body it was parsed from. */
function delivery(deliveryId: string = randomUUID(), title = 'Add CSV export'): { event: TicketEvent; body: Buffer } {
  const payload = fixture('linear', 'issue-created');
  const body = Buffer.from(JSON.stringify({ ...payload, data: { ...(payload.data as object), title }, webhookTimestamp: Date.now() }));
  const result = parseLinearWebhook(JSON.parse(body.toString('utf8')), { 'linear-delivery': deliveryId });
  if (isIgnored(result)) throw new Error(result.ignored);
  return { event: result, body };
}

describe('TicketQueue', () => {
  let connection: Redis;
  let queue: TicketQueue;
  let inspector: Queue;

  beforeAll(async () => {
    connection = createProducerConnection('redis://127.0.0.1:6379');
    await settleConnection(connection);
    queue = new TicketQueue({ connection, prefix: PREFIX, jobOptions: RETRY });
    inspector = new Queue(TICKET_EVENTS_QUEUE, { prefix: PREFIX, connection: { url: 'redis://127.0.0.1:6379' } });
  });

  afterEach(() => inspector.obliterate({ force: true }));

  afterAll(async () => {
    await queue.close();
    await inspector.close();
    await closeRedis(connection);
  });

  it('stores the event and when it arrived as a job named jobIdFor(event)', async () => {
    const { event, body } = delivery('d-1');
    expect(await queue.enqueue(event, 1_700_000_000_000, body)).toEqual({ jobId: 'linear-d-1', replay: false });
    const job = await inspector.getJob('linear-d-1');
    expect(job?.data).toEqual({ event, receivedAt: 1_700_000_000_000 });
    expect(job?.name).toBe('ticket.created');
  });

  it('adds jobs with the retry options it was given and its own bounded retention', async () => {
    const { event, body } = delivery();
    const { jobId } = await queue.enqueue(event, Date.now(), body);
    const job = await inspector.getJob(jobId);
    expect(job?.opts).toMatchObject({ ...RETRY, ...JOB_RETENTION });
  });

  it('keeps one job for one delivery enqueued twice', async () => {
    const { event, body } = delivery('d-twice');
    await queue.enqueue(event, Date.now(), body);
    expect(await queue.enqueue(event, Date.now(), body)).toEqual({ jobId: 'linear-d-twice', replay: false });
    expect(await inspector.getJobCountByTypes('waiting')).toBe(1);
  });

  it('keeps one job for the same signed body under another delivery id, and says it is a replay', async () => {
    const first = delivery('d-original');
    await queue.enqueue(first.event, Date.now(), first.body);
    const replayed = { ...first.event, deliveryId: 'd-replayed' };
    expect(await queue.enqueue(replayed, Date.now(), first.body)).toEqual({ jobId: 'linear-d-original', replay: true });
    expect(await inspector.getJobCountByTypes('waiting')).toBe(1);
  });

  it('queues two different bodies as two jobs', async () => {
    const one = delivery(randomUUID(), 'Add CSV export');
    const two = delivery(randomUUID(), 'Add PDF export');
    await queue.enqueue(one.event, Date.now(), one.body);
    await queue.enqueue(two.event, Date.now(), two.body);
    expect(await inspector.getJobCountByTypes('waiting')).toBe(2);
  });

  it('stores adds made together in batches of at most MAX_BATCH, each answered with its own job', async () => {
    const deliveries = Array.from({ length: MAX_BATCH + 50 }, (_, i) => delivery(`d-batch-${i}`, `Add export number ${i}`));
    const results = await Promise.all(deliveries.map(({ event, body }) => queue.enqueue(event, Date.now(), body)));
    expect(results).toEqual(deliveries.map((_, i) => ({ jobId: `linear-d-batch-${i}`, replay: false })));
    expect(await inspector.getJobCountByTypes('waiting')).toBe(MAX_BATCH + 50);
  });

  it('tells a replay and a redelivery apart from the original when all three arrive together', async () => {
    const first = delivery('d-together');
    const [original, redelivered, replayed] = await Promise.all([
      queue.enqueue(first.event, Date.now(), first.body),
      queue.enqueue(first.event, Date.now(), first.body),
      queue.enqueue({ ...first.event, deliveryId: 'd-together-again' }, Date.now(), first.body),
    ]);
    expect([original, redelivered, replayed]).toEqual([
      { jobId: 'linear-d-together', replay: false },
      { jobId: 'linear-d-together', replay: false },
      { jobId: 'linear-d-together', replay: true },
    ]);
    expect(await inspector.getJobCountByTypes('waiting')).toBe(1);
  });

  it('remembers a signed body in Redis for SIGNED_BODY_TTL_MS', async () => {
    const { event, body } = delivery();
    await queue.enqueue(event, Date.now(), body);
    const ttl = await connection.pttl(`${PREFIX}:${TICKET_EVENTS_QUEUE}:de:${signedBodyId('linear', body)}`);
    expect(ttl).toBeGreaterThan(SIGNED_BODY_TTL_MS - 60_000);
    expect(ttl).toBeLessThanOrEqual(SIGNED_BODY_TTL_MS);
  });

  it('names a signed body by its provider and SHA-256', () => {
    const body = Buffer.from('{"a":1}');
    expect(signedBodyId('jira', body)).toBe(`jira-body-${createHash('sha256').update(body).digest('hex')}`);
  });
});

describe('TicketQueue without Redis', () => {
  it('throws QueueUnavailableError at once instead of waiting for a reconnect', async () => {
    const connection = createProducerConnection('redis://127.0.0.1:1');
    connection.on('error', () => undefined);
    const queue = new TicketQueue({ connection, prefix: PREFIX, jobOptions: RETRY });
    const { event, body } = delivery();
    const started = Date.now();
    await expect(queue.enqueue(event, Date.now(), body)).rejects.toBeInstanceOf(QueueUnavailableError);
    expect(Date.now() - started).toBeLessThan(500);
    expect(await redisAnswers(connection)).toBe(false);
    await queue.close();
    await closeRedis(connection);
  });
});
