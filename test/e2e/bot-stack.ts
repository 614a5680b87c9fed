import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { RunningPart } from '../../src/config/process-lifecycle.js';
import { TICKET_EVENTS_QUEUE } from '../../src/queue/ticket-job.js';
import { startServerPart, type RunningServer } from '../../src/server-main.js';
import { startWorkerPart } from '../../workers/main.js';
import { basicsFor } from '../server/server-harness.js';
import { startJiraStub, type JiraStub } from '../stubs/jira-stub.js';
import { startLinearStub, type LinearStub } from '../stubs/linear-stub.js';
import { deleteKeysUnder } from '../redis-prefix.js';
import { settledJobs } from './settled-jobs.js';

/**
 * The whole bot for an end-to-end test: both tracker stubs, the real server and worker(s) on the real
 * Redis under one key prefix, a config file, and a 50 ms event window unless told otherwise. `settled` waits until every
 * job has completed (throwing if any failed) and returns their states; `clearTicketState` forgets what the bot
 * remembers of tickets between tests.
 */
export interface BotStack {
  readonly linear: LinearStub;
  readonly jira: JiraStub;
  readonly server: RunningServer;
  settled(timeoutMs?: number): Promise<string[]>;
  clearTicketState(): Promise<void>;
  clearJobs(): Promise<void>;
  stop(): Promise<void>;
}

export interface BotStackOptions {
  readonly prefix: string;
  readonly linearSecret: string;
  readonly jiraSecret: string;
  /** The TICKETLINT_CONFIG file's text. */
  readonly config: string;
  /** How many worker parts, each on connections of its own as separate processes would be; default 1. */
  readonly workers?: number;
  /** EVENT_WINDOW_MS; default 50. */
  readonly eventWindowMs?: number;
  /** Both tracker stubs answer each call this many ms late (StubOptions.answerDelayMs); default at once. */
  readonly trackerAnswerDelayMs?: () => number;
  /** More settings, or other values for the ones above (the LLM_* of a judge: llm team, say). */
  readonly env?: Readonly<Record<string, string>>;
}

const REDIS_URL = 'redis://127.0.0.1:6379';

export async function startBotStack(options: BotStackOptions): Promise<BotStack> {
  const { prefix } = options;
  const stubOptions = options.trackerAnswerDelayMs ? { answerDelayMs: options.trackerAnswerDelayMs } : {};
  const [linear, jira] = await Promise.all([startLinearStub(stubOptions), startJiraStub(stubOptions)]);
  const configDir = mkdtempSync(join(tmpdir(), 'ticketlint-e2e-'));
  const configFile = join(configDir, 'ticketlint.yaml');
  writeFileSync(configFile, `${options.config}\n`);
  const basics = basicsFor({
    LINEAR_API_KEY: 'lin_api_e2e', LINEAR_WEBHOOK_SECRET: options.linearSecret, LINEAR_API_URL: linear.url,
    JIRA_BASE_URL: jira.url, JIRA_EMAIL: 'bot@example.com', JIRA_API_TOKEN: 'jira-token', JIRA_WEBHOOK_SECRET: options.jiraSecret,
    WORKER_CONCURRENCY: '2', EVENT_WINDOW_MS: String(options.eventWindowMs ?? 50), TICKETLINT_CONFIG: configFile,
    ...options.env,
  });
  const workers: RunningPart[] = await Promise.all(Array.from({ length: options.workers ?? 1 }, () => startWorkerPart(basics, { prefix })));
  const server = await startServerPart(basics, { prefix, port: 0 });
  const inspector = new Queue(TICKET_EVENTS_QUEUE, { prefix, connection: { url: REDIS_URL } });
  const redis = new Redis(REDIS_URL);

  return {
    linear, jira, server,
    async settled(timeoutMs) {
      const states = await settledJobs(inspector, timeoutMs);
      if (states.includes('failed')) throw new Error('a job failed');
      return states;
    },
    async clearTicketState() {
      const stateKeys = await redis.keys(`${prefix}:ticket-state:*`);
      if (stateKeys.length > 0) await redis.del(...stateKeys);
    },
    clearJobs: () => inspector.obliterate({ force: true }),
    async stop() {
      await deleteKeysUnder(redis, prefix);
      await server.stop();
      await Promise.all(workers.map((worker) => worker.stop()));
      await inspector.close();
      await redis.quit();
      await Promise.all([linear.close(), jira.close()]);
      rmSync(configDir, { recursive: true, force: true });
    },
  };
}
