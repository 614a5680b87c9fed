import { Queue, type Job } from 'bullmq';
import { pino, type Logger } from 'pino';
import { Registry } from 'prom-client';
import type { ProcessBasics } from '../../src/config/process-lifecycle.js';
import { loadSettings } from '../../src/config/settings.js';
import { IntakeRelay } from '../../src/queue/intake-relay.js';
import { closeRedis, createWorkerConnection } from '../../src/queue/redis-connection.js';
import { TICKET_EVENTS_QUEUE } from '../../src/queue/ticket-job.js';
import { TicketQueue } from '../../src/queue/ticket-queue.js';
import { startServerPart, type RunningServer } from '../../src/server-main.js';
import { createTicketlintMetrics } from '../../src/server/ticketlint-metrics.js';
import { JOB_RETRY } from '../../workers/ticket-worker.js';
import { deleteKeysUnder } from '../redis-prefix.js';

export const LINEAR_SECRET = 'lin_wh_server_test_8f2e';
export const JIRA_SECRET = 'jira-server-test-secret-41c7';

/** Both providers on, Redis on its default local port. */
export const BOTH_PROVIDERS: Record<string, string> = {
  LINEAR_API_KEY: 'lin_api_test', LINEAR_WEBHOOK_SECRET: LINEAR_SECRET,
  JIRA_BASE_URL: 'https://acme-shop.atlassian.net', JIRA_EMAIL: 'bot@example.com', JIRA_API_TOKEN: 'jira-token', JIRA_WEBHOOK_SECRET: JIRA_SECRET,
};

/** A unique BullMQ prefix, so test files never see each other's jobs. */
export function uniquePrefix(name: string): string {
  return `tl-test-${name}-${process.pid}-${Date.now().toString(36)}`;
}

export function basicsFor(env: Record<string, string>, log: Logger = pino({ level: 'silent' })): ProcessBasics {
  const settings = loadSettings(env);
  const registry = new Registry();
  return { settings, log, registry, metrics: createTicketlintMetrics(registry) };
}

export interface TestServer {
  readonly server: RunningServer;
  readonly basics: ProcessBasics;
  /** Every job in the test's queue, whatever its state, once a relay has moved everything the server took into it. */
  jobs(): Promise<Job[]>;
  /** Stops the server, empties the test's queue keys, closes the inspecting queue. */
  stop(): Promise<void>;
}

/** The real webhook server (startServerPart) on a free port, against real Redis under `prefix`. */
export async function startTestServer(env: Record<string, string>, prefix: string, log?: Logger): Promise<TestServer> {
  const basics = basicsFor(env, log);
  const server = await startServerPart(basics, { prefix, port: 0 });
  let inspector: Queue | null = null;
  const queue = (): Queue => (inspector ??= new Queue(TICKET_EVENTS_QUEUE, { prefix, connection: { url: 'redis://127.0.0.1:6379' } }));
  // The workers' relay, run on demand: what the server took is in the ticket queue once jobs() looks.
  const relayConnection = createWorkerConnection('redis://127.0.0.1:6379');
  const ticketQueue = new TicketQueue({ connection: relayConnection, prefix, jobOptions: JOB_RETRY });
  const relay = new IntakeRelay({ connection: relayConnection, queue: ticketQueue, prefix, log: basics.log });
  return {
    server,
    basics,
    async jobs() {
      await relay.moveAvailable();
      return queue().getJobs(['waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized']);
    },
    async stop() {
      await server.stop();
      await queue().obliterate({ force: true });
      await queue().close();
      await ticketQueue.close();
      await deleteKeysUnder(relayConnection, prefix);
      await closeRedis(relayConnection);
    },
  };
}
