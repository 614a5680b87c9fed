import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { isEntryPoint, runProcess, type ProcessBasics, type RunningPart } from './config/process-lifecycle.js';
import type { Settings } from './config/settings.js';
import { closeRedis, createProducerConnection, redisAnswers, settleConnection } from './queue/redis-connection.js';
import { TicketIntake } from './queue/ticket-intake.js';
import { TICKET_EVENTS_QUEUE } from './queue/ticket-job.js';
import { TicketQueueAdmin } from './queue/ticket-queue-admin.js';
import { createRequestListener } from './server/app.js';
import { registerQueueMetrics } from './server/ticketlint-metrics.js';
import { listen } from './server/http-server.js';
import { jiraEndpoint, linearEndpoint } from './server/webhook-endpoint.js';

/** The running webhook server; `url` has the bound port. */
export interface RunningServer extends RunningPart {
  readonly url: string;
  /** From now on every request gets 503 (the first step of a drain). */
  stopAccepting(): void;
}

export interface ServerPartOptions {
  /** Key prefix; default settings.prefix (TICKETLINT_PREFIX). */
  readonly prefix?: string;
  /** Default settings.port. */
  readonly port?: number;
}

/**
 * The webhook server: producer connection, ticket intake, HTTP listener. `npm run server`
 * runs it alone; src/main.ts runs it beside a worker.
 */
export async function startServerPart(basics: ProcessBasics, options: ServerPartOptions = {}): Promise<RunningServer> {
  const { settings, log, registry, metrics } = basics;
  const connection = watchRedis(createProducerConnection(settings.redisUrl), log);
  await settleConnection(connection);
  const prefix = options.prefix ?? settings.prefix;
  const intake = new TicketIntake({ connection, prefix });
  const admin = new TicketQueueAdmin({ connection, prefix });
  registerQueueMetrics(registry, admin, () => redisAnswers(connection), TICKET_EVENTS_QUEUE);
  if (!settings.linear && !settings.jira) log.warn('Neither Linear nor Jira is configured: every webhook route answers 404');
  let accepting = true;
  const listener = createRequestListener({
    ops: { redisAnswers: () => redisAnswers(connection), registry },
    webhooks: {
      endpoints: endpointsOf(settings), producer: intake, metrics: metrics.webhooks, log, clock: Date.now, maxBodyBytesInFlight: settings.http.maxBodyBytesInFlight,
    },
    accepting: () => accepting,
    log,
  });
  const http = await listen(listener, options.port ?? settings.port, settings.http);
  return {
    url: http.url,
    stopAccepting: () => { accepting = false; },
    async stop() {
      accepting = false;
      await http.close();
      await admin.close();
      await closeRedis(connection);
    },
  };
}

function endpointsOf(settings: Settings) {
  return {
    linear: settings.linear ? linearEndpoint(settings.linear.webhookSecret) : null,
    jira: settings.jira ? jiraEndpoint(settings.jira.webhookSecret) : null,
  };
}

/** Logs Redis going away and coming back, once per change rather than once per reconnect attempt. */
export function watchRedis(connection: Redis, log: Logger): Redis {
  let down = false;
  connection.on('error', (error: Error) => {
    if (!down) log.error({ err: { message: error.message } }, 'Redis does not answer; webhooks get 503 until it does');
    down = true;
  });
  connection.on('ready', () => {
    if (down) log.info('Redis answers again');
    down = false;
  });
  return connection;
}

if (isEntryPoint(import.meta.url)) {
  void runProcess('webhook server', (basics) => startServerPart(basics));
}
