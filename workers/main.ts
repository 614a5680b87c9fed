import { botContextFor } from '../src/config/bot-context.js';
import { SettingsCredentialStore } from '../src/config/credential-store.js';
import { PackDirectory } from '../src/config/pack-directory.js';
import { isEntryPoint, runProcess, type ProcessBasics, type RunningPart } from '../src/config/process-lifecycle.js';
import { TrackerDirectory } from '../src/config/tracker-directory.js';
import { makeTicket } from '../src/domain/ticket.js';
import { LlmBudget } from '../src/judges/llm/llm-budget.js';
import { LlmJudge } from '../src/judges/llm/llm-judge.js';
import { lint } from '../src/lint/lint.js';
import { closeRedis, createProducerConnection, createWorkerConnection, redisAnswers, settleConnection } from '../src/queue/redis-connection.js';
import { IntakeRelay } from '../src/queue/intake-relay.js';
import { TICKET_EVENTS_QUEUE } from '../src/queue/ticket-job.js';
import { TicketQueue } from '../src/queue/ticket-queue.js';
import { TicketQueueAdmin } from '../src/queue/ticket-queue-admin.js';
import { TicketReviewQueue } from '../src/queue/ticket-review-queue.js';
import { createRequestListener } from '../src/server/app.js';
import { listen, type RunningHttpServer } from '../src/server/http-server.js';
import { registerQueueMetrics } from '../src/server/ticketlint-metrics.js';
import { watchRedis } from '../src/server-main.js';
import { RedisTicketLocks } from '../src/state/redis-ticket-lock.js';
import { RedisTicketStateStore } from '../src/state/redis-ticket-state-store.js';
import { closeTicketWorker, createTicketWorker, JOB_RETRY } from './ticket-worker.js';

export interface WorkerPartOptions {
  /** Key prefix; default settings.prefix (TICKETLINT_PREFIX). */
  readonly prefix?: string;
  /**
   * Serve /healthz, /readyz and /metrics on this port (a worker run alone: METRICS_PORT, so docker and
   * Prometheus can reach it); left out when the process's webhook server already serves them.
   */
  readonly opsPort?: number;
  /**
   * Test-only (the fault tests): see TicketWorkerOptions.stalledJobCheckMs; production keeps BullMQ's 30 s.
   * The relay takes over another's unmoved deliveries after as long, and a ticket's lock lasts as long.
   */
  readonly stalledJobCheckMs?: number;
}

/**
 * The worker: packs (loaded now, so a broken pack stops the start), trackers per workspace, the relay
 * moving what the server took into the ticket queue, and a BullMQ worker draining that queue into the
 * bot. `npm run worker` runs it alone; src/main.ts runs it beside the webhook server.
 */
export async function startWorkerPart(basics: ProcessBasics, options: WorkerPartOptions = {}): Promise<RunningPart> {
  const { settings, log, metrics } = basics;
  const prefix = options.prefix ?? settings.prefix;
  const packs = PackDirectory.load(settings.config, settings.configDir);
  // First: a port another process has stops the start before this worker takes any job.
  const ops = options.opsPort === undefined ? null : await serveOps(basics, options.opsPort, prefix);
  warmUpEngine(packs);
  const trackers = new TrackerDirectory(new SettingsCredentialStore(settings));
  const connection = watchRedis(createWorkerConnection(settings.redisUrl), log);
  const reviews = settings.eventWindowMs > 0
    ? new TicketReviewQueue({ connection, windowMs: settings.eventWindowMs, jobOptions: JOB_RETRY, prefix })
    : null;
  const worker = createTicketWorker({
    connection,
    concurrency: settings.workerConcurrency,
    contextFor: botContextFor({
      trackers, packs, dryRun: settings.dryRun, clock: Date.now, config: settings.config,
      ticketState: new RedisTicketStateStore({ redis: connection, prefix }),
      llmJudge: settings.llm
        ? new LlmJudge({
          settings: settings.llm, redis: connection, prefix, log, ...(metrics.llm ? { metrics: metrics.llm } : {}),
          budget: new LlmBudget({ redis: connection, prefix, limits: { perHour: settings.llm.maxCallsPerHour, perDay: settings.llm.maxCallsPerDay } }),
        })
        : null,
    }),
    ticketLocks: new RedisTicketLocks({
      redis: connection,
      onRenewalFailed: (key, reason) => log.warn({ key, reason }, 'A ticket lock cannot be renewed; another review of the ticket may start'),
      ...(options.prefix ? { prefix: options.prefix } : {}),
      ...(options.stalledJobCheckMs ? { lockMs: options.stalledJobCheckMs } : {}),
    }),
    log,
    metrics: metrics.jobs,
    ...(reviews ? { reviews } : {}),
    prefix,
    ...(options.stalledJobCheckMs ? { stalledJobCheckMs: options.stalledJobCheckMs } : {}),
  });
  // Its own connection: the relay blocks on the intake stream while it waits for deliveries.
  const relayConnection = watchRedis(createWorkerConnection(settings.redisUrl), log);
  const queue = new TicketQueue({ connection, jobOptions: JOB_RETRY, prefix });
  const relay = new IntakeRelay({
    connection: relayConnection, queue, log, moved: metrics.jobs.movedFromIntake,
    prefix,
    ...(options.stalledJobCheckMs ? { claimIdleMs: options.stalledJobCheckMs } : {}),
  });
  relay.start();
  if (!settings.linear && !settings.jira) log.warn('Neither Linear nor Jira is configured: every job is set aside until credentials are (ticketlint jobs retry --all)');
  log.info({ concurrency: settings.workerConcurrency, dryRun: settings.dryRun, eventWindowMs: settings.eventWindowMs }, 'The ticket worker takes jobs');
  return {
    async stop() {
      await ops?.stop();
      await relay.stop();
      await closeTicketWorker(worker);
      await queue.close();
      await reviews?.close();
      await closeRedis(relayConnection);
      await closeRedis(connection);
    },
  };
}

/**
 * Lints one ticket with every pack before the worker takes a job. The engine builds its index of cue
 * openings on first use, which held the event loop for about 600 ms on the first review after a start
 * (in `npm start`, the webhook server's too); built here, before the process answers, no request waits.
 */
function warmUpEngine(packs: PackDirectory): void {
  const ticket = makeTicket({ id: 'warm-up', title: 'Add CSV export', description: 'Finance admins retype every invoice by hand, so month-end close takes two days.' });
  for (const pack of packs.all()) lint(ticket, pack);
}

async function serveOps({ settings, log, registry }: ProcessBasics, port: number, prefix: string): Promise<RunningPart> {
  // Its own connection: PING on the worker's connection would wait behind the blocking job fetch.
  const health = createProducerConnection(settings.redisUrl);
  // As the server does: the first probe and scrape find Redis connected, or find it down after at most 2 s.
  await settleConnection(health);
  const admin = new TicketQueueAdmin({ connection: health, prefix });
  registerQueueMetrics(registry, admin, () => redisAnswers(health), TICKET_EVENTS_QUEUE);
  let accepting = true;
  const listener = createRequestListener({ ops: { redisAnswers: () => redisAnswers(health), registry }, accepting: () => accepting, log });
  const http: RunningHttpServer = await listen(listener, port, settings.http, 'METRICS_PORT');
  return {
    async stop() {
      accepting = false;
      await http.close();
      await admin.close();
      await closeRedis(health);
    },
  };
}

if (isEntryPoint(import.meta.url)) {
  // METRICS_PORT=0: no HTTP at all (nothing to probe or scrape), so any number of workers share a host.
  void runProcess('ticket worker', (basics) => startWorkerPart(basics, basics.settings.metricsPort === 0 ? {} : { opsPort: basics.settings.metricsPort }));
}
