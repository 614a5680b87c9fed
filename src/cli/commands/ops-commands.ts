import { createHash, randomUUID } from 'node:crypto';
import { Command, Option } from 'commander';
import type { Redis } from 'ioredis';
import { withEnvFile } from '../../config/env-file.js';
import { EnvironmentSchema } from '../../config/environment.js';
import { ProviderSchema, type Provider, type WebhookTicketEvent } from '../../domain/ticket-event.js';
import { closeRedis, createProducerConnection, settleConnection } from '../../queue/redis-connection.js';
import { TicketIntake } from '../../queue/ticket-intake.js';
import { RetryRefusal, TicketQueueAdmin, type JobSummary } from '../../queue/ticket-queue-admin.js';
import { UsageError, writeLine, type CliIo } from '../cli-io.js';

/** What the runbook commands read: the Redis and the key prefix the processes use, from the environment over ./.env. */
const OpsEnvironmentSchema = EnvironmentSchema.pick({ REDIS_URL: true, TICKETLINT_PREFIX: true, JIRA_BASE_URL: true });

interface OpsConnection {
  readonly redis: Redis;
  readonly prefix: string;
  readonly jiraSite: string | undefined;
}

/** Connects as the processes do; a Redis that does not answer is a UsageError naming where it looked (no password). */
async function connect(io: CliIo): Promise<OpsConnection> {
  const { env } = withEnvFile(io.env ?? {}, io.cwd);
  const known = Object.fromEntries(Object.keys(OpsEnvironmentSchema.shape).flatMap((name) => (env[name]?.trim() ? [[name, env[name]!.trim()]] : [])));
  const parsed = OpsEnvironmentSchema.safeParse(known);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const redis = createProducerConnection(parsed.data.REDIS_URL);
  redis.on('error', () => undefined);
  await settleConnection(redis);
  if (redis.status !== 'ready') {
    redis.disconnect(false);
    const where = new URL(parsed.data.REDIS_URL);
    throw new UsageError(`Redis at ${where.hostname}:${where.port || 6379} (REDIS_URL) does not answer`);
  }
  return { redis, prefix: parsed.data.TICKETLINT_PREFIX, jiraSite: parsed.data.JIRA_BASE_URL?.replace(/\/+$/, '') };
}

async function withAdmin<T>(io: CliIo, use: (admin: TicketQueueAdmin, connection: OpsConnection) => Promise<T>): Promise<T> {
  const connection = await connect(io);
  const admin = new TicketQueueAdmin({ connection: connection.redis, prefix: connection.prefix });
  try {
    return await use(admin, connection);
  } finally {
    await admin.close();
    await closeRedis(connection.redis);
  }
}

function summaryLine(job: JobSummary): string {
  const why = job.parked ? `parked: ${job.parked.reason}` : (job.failedReason ?? '');
  return [job.id, job.state, job.ticket ?? '-', new Date(job.createdAt).toISOString(), `${job.attemptsMade} attempts`, why].join('  ');
}

/** `ticketlint jobs failed|show|retry` and `ticketlint review`: the runbook's commands, on the deployment's Redis. */
export function addOpsCommands(program: Command, io: CliIo, result: { code: number }): void {
  const jobs = program.command('jobs').description('list, inspect and retry the ticket jobs that failed or were set aside (REDIS_URL, TICKETLINT_PREFIX)');
  jobs.command('failed')
    .description('list failed jobs (newest first), then the jobs set aside for want of credentials')
    .addOption(new Option('-n, --limit <n>', 'at most this many failed jobs').default('50'))
    .action(async (options: { limit: string }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit: expected a whole number from 1, not ${options.limit}`);
      await withAdmin(io, async (admin) => {
        const listed = [...(await admin.failed(limit)), ...(await admin.parked())];
        for (const job of listed) writeLine(io.stdout, summaryLine(job));
        writeLine(io.stderr, listed.length === 0 ? 'no failed or parked jobs' : `${listed.length} jobs; \`ticketlint jobs retry ID\` or \`--all\` runs them again`);
      });
    });
  jobs.command('show')
    .description('one job as JSON: state, ticket, why it failed or was set aside, its data and stack')
    .argument('<id>', 'job id, as `ticketlint jobs failed` lists it')
    .action(async (id: string) => {
      await withAdmin(io, async (admin) => {
        const job = await admin.show(id);
        if (!job) throw new UsageError(`there is no job ${id} (completed jobs are kept a day, failed ones a week)`);
        writeLine(io.stdout, JSON.stringify(job, null, 2));
      });
    });
  jobs.command('retry')
    .description('run a failed or parked job again now; --all: every failed and every parked job')
    .argument('[id]', 'job id')
    .option('--all', 'every failed and every parked job')
    .action(async (id: string | undefined, options: { all?: boolean }) => {
      if (Boolean(id) === Boolean(options.all)) throw new UsageError('jobs retry: give one job id or --all');
      await withAdmin(io, async (admin) => {
        if (options.all) {
          const done = await admin.retryAll();
          writeLine(io.stdout, `retried ${done.failed} failed and brought back ${done.parked} parked jobs`);
          return;
        }
        try {
          writeLine(io.stdout, `${id}: ${await admin.retry(id!)}`);
        } catch (error) {
          if (error instanceof RetryRefusal) throw new UsageError(error.message);
          throw error;
        }
      });
    });
  program.command('review')
    .description('queue a review of one ticket now, as if it had just been edited (a muted ticket stays muted)')
    .argument('<provider>', 'linear or jira')
    .argument('<ticket>', 'the ticket key (ENG-42, SHOP-7) or id')
    .option('--workspace <id>', 'the Linear organization id or Jira site URL (default: JIRA_BASE_URL for Jira, "default" for Linear)')
    .action(async (providerName: string, ticket: string, options: { workspace?: string }) => {
      const provider = ProviderSchema.safeParse(providerName);
      if (!provider.success) throw new UsageError(`review: expected the provider linear or jira, not "${providerName}"`);
      const connection = await connect(io);
      try {
        const workspace = options.workspace ?? (provider.data === 'jira' ? connection.jiraSite : 'default');
        if (!workspace) throw new UsageError('review jira: set JIRA_BASE_URL or pass --workspace <site URL>');
        const event = reviewRequest(provider.data, ticket, workspace, new Date());
        const intake = new TicketIntake({ connection: connection.redis, prefix: connection.prefix });
        const { jobId } = await intake.enqueue(event, Date.now(), createHash('sha256').update(event.deliveryId).digest());
        writeLine(io.stdout, `queued a review of ${provider.data} ${ticket} as job ${jobId}; a worker takes it within seconds`);
      } finally {
        await closeRedis(connection.redis);
      }
    });
  // The actions set no code: success leaves runCli's 0, a thrown UsageError makes it 2.
  void result;
}

/**
 * The event a review request queues: the ticket edited in title and description by the operator, so the
 * worker reads it from the tracker and reviews it as after an edit (a muted ticket stays muted).
 */
export function reviewRequest(provider: Provider, ticket: string, workspace: string, now: Date): WebhookTicketEvent {
  return {
    provider, deliveryId: `cli-review-${randomUUID()}`, workspace, type: 'ticket.updated',
    ticketRef: { id: ticket, key: /^[A-Za-z][A-Za-z0-9_]*-\d+$/.test(ticket) ? ticket : null, url: null },
    ticket: null, descriptionChanged: true, titleChanged: true, comment: null,
    actor: { id: 'ticketlint-cli', name: 'ticketlint review', isBot: false }, occurredAt: now.toISOString(),
  };
}
