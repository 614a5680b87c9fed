import { PassThrough, Readable } from 'node:stream';
import { DelayedError, Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { runCli } from '../../src/cli/main.js';
import { parkJob } from '../../src/queue/parked-job.js';
import { ENTRY_FIELDS, intakeKeys } from '../../src/queue/ticket-intake.js';
import { TICKET_EVENTS_QUEUE } from '../../src/queue/ticket-job.js';
import { until } from '../faults/spawned-process.js';
import { deleteKeysUnder } from '../redis-prefix.js';
import { scratchDir } from './cli-harness.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const PREFIX = `tl-test-cli-ops-${process.pid}`;
const ENV = { REDIS_URL, TICKETLINT_PREFIX: PREFIX, JIRA_BASE_URL: 'https://acme.atlassian.net/' };
const event = (key: string) => ({ event: { provider: 'linear', ticketRef: { id: `id-${key}`, key, url: null } }, receivedAt: 1 });

/** The CLI in-process with the runbook's environment (and a folder without .env). */
async function cli(argv: string[], env: Record<string, string> = ENV) {
  const [stdout, stderr] = [new PassThrough(), new PassThrough()];
  const [out, err]: [Buffer[], Buffer[]] = [[], []];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const dir = scratchDir();
  try {
    const code = await runCli(argv, { stdin: Readable.from([]), stdout, stderr, cwd: dir.dir, env });
    return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
  } finally {
    dir.remove();
  }
}

describe('the runbook commands, against the real Redis under TICKETLINT_PREFIX', () => {
  let queue: Queue;
  let redis: Redis;
  let worker: Worker;

  beforeAll(async () => {
    redis = new Redis(REDIS_URL);
    queue = new Queue(TICKET_EVENTS_QUEUE, { connection: { url: REDIS_URL }, prefix: PREFIX });
    // A worker that fails ENG-1 for good and sets ENG-2 aside, as the ticket worker does.
    worker = new Worker(TICKET_EVENTS_QUEUE, async (job, token) => {
      if (job.data.event.ticketRef.key === 'ENG-2') {
        await parkJob(job, token!, 'no linear credentials for workspace w', Date.now());
        throw new DelayedError();
      }
      throw new UnrecoverableError('linear getTicket failed (not_found): gone');
    }, { connection: { url: REDIS_URL }, prefix: PREFIX });
    await queue.add('ticket.created', event('ENG-1'), { jobId: 'linear-d1' });
    await queue.add('ticket.created', event('ENG-2'), { jobId: 'linear-d2' });
    await until('one job failed and one is parked', async () => {
      const counts = await queue.getJobCounts('failed', 'delayed');
      return counts.failed === 1 && counts.delayed === 1;
    });
    await worker.pause();
  });

  afterAll(async () => {
    await worker.close();
    await queue.close();
    await deleteKeysUnder(redis, PREFIX);
    await redis.quit();
  });

  it('jobs failed: lists the failed job with its reason and the parked one with why', async () => {
    const run = await cli(['jobs', 'failed']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^linear-d1 {2}failed {2}linear ENG-1 {2}\S+ {2}1 attempts {2}linear getTicket failed \(not_found\): gone$/);
    expect(lines[1]).toMatch(/^linear-d2 {2}parked {2}linear ENG-2 .* parked: no linear credentials for workspace w$/);
  });

  it('jobs show: one job as JSON, with its data and state', async () => {
    const run = await cli(['jobs', 'show', 'linear-d1']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ id: 'linear-d1', state: 'failed', ticket: 'linear ENG-1', data: event('ENG-1') });
    expect(await cli(['jobs', 'show', 'nope'])).toMatchObject({ code: 2, stderr: expect.stringContaining('there is no job nope') });
  });

  it('jobs retry: refuses a job that is neither failed nor parked, and wants an id or --all', async () => {
    expect(await cli(['jobs', 'retry'])).toMatchObject({ code: 2, stderr: expect.stringContaining('give one job id or --all') });
    await queue.add('ticket.created', event('ENG-3'), { jobId: 'linear-d3' });
    expect(await cli(['jobs', 'retry', 'linear-d3'])).toMatchObject({ code: 2, stderr: expect.stringContaining('job linear-d3 is waiting, not failed or parked') });
    await queue.remove('linear-d3');
  });

  it('jobs retry ID and --all: puts failed and parked jobs back in the queue', async () => {
    expect(await cli(['jobs', 'retry', 'linear-d1'])).toMatchObject({ code: 0, stdout: 'linear-d1: retried\n' });
    expect(await queue.getJobState('linear-d1')).toBe('waiting');
    expect(await cli(['jobs', 'retry', '--all'])).toMatchObject({ code: 0, stdout: 'retried 0 failed and brought back 1 parked jobs\n' });
    expect(await queue.getJobState('linear-d2')).toBe('waiting');
  });

  it('review: queues a review of one ticket into the intake, as an edit of it', async () => {
    const run = await cli(['review', 'jira', 'SHOP-7']);
    expect(run).toMatchObject({ code: 0, stdout: expect.stringMatching(/^queued a review of jira SHOP-7 as job jira-cli-review-/) });
    const [[, fields]] = (await redis.xrange(intakeKeys(PREFIX).stream, '-', '+')) as [string, string[]][] as [[string, string[]]];
    const data = JSON.parse(fields[fields.indexOf(ENTRY_FIELDS.data) + 1]!) as { event: Record<string, unknown> };
    expect(data.event).toMatchObject({
      provider: 'jira', workspace: 'https://acme.atlassian.net', type: 'ticket.updated', ticketRef: { id: 'SHOP-7', key: 'SHOP-7' },
      titleChanged: true, descriptionChanged: true, actor: { isBot: false },
    });
    expect(await cli(['review', 'github', 'X-1'])).toMatchObject({ code: 2, stderr: expect.stringContaining('expected the provider linear or jira') });
  });

  it('says where Redis did not answer, without the password, and exits 2', async () => {
    const run = await cli(['jobs', 'failed'], { REDIS_URL: 'redis://:hunter2@127.0.0.1:1', TICKETLINT_PREFIX: PREFIX });
    expect(run).toMatchObject({ code: 2, stderr: 'ticketlint: Redis at 127.0.0.1:1 (REDIS_URL) does not answer\n' });
  });
});
