import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { PortInUseError } from '../server/http-server.js';
import { createTicketlintMetrics, type JobMetrics, type WebhookMetrics } from '../server/ticketlint-metrics.js';
import type { LlmMetrics } from '../judges/llm/model-client.js';
import { envFileMessage, withEnvFile } from './env-file.js';
import { createLogger } from './logger.js';
import { requireDurableRedis, type PendingRedisCheck } from './redis-requirements.js';
import { loadSettings, type Settings } from './settings.js';
import { SettingsError } from './settings-error.js';

/** What every process starts from: settings, its logger, its metrics registry. */
export interface ProcessBasics {
  readonly settings: Settings;
  readonly log: Logger;
  readonly registry: Registry;
  readonly metrics: { readonly webhooks: WebhookMetrics; readonly jobs: JobMetrics; readonly llm?: LlmMetrics };
}

/** A started process part: `stop` drains it (stop taking work, finish what is in flight, close connections). */
export interface RunningPart {
  stop(): Promise<void>;
}

/** The longest a SIGTERM drain may take before the process exits anyway (docker's stop_grace_period is 30 s). */
export const SHUTDOWN_DEADLINE_MS = 25_000;

/** True when the module at `moduleUrl` is the script node was started with (not merely imported). */
export function isEntryPoint(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

/**
 * Runs a process: reads the settings from process.env over the working directory's .env file, if any, and
 * checks that Redis keeps what it accepts (a SettingsError or VolatileRedisError is printed as it is and exits
 * 2), starts it, and on SIGTERM or SIGINT drains it and exits 0 (1 when the drain fails or overruns
 * SHUTDOWN_DEADLINE_MS). A port already in use is a setting to change, so it too is one line and exit 2, not
 * a stack. When Redis could not be checked before the start because it did not answer, a failed check once
 * it does drains the process and exits 2.
 */
export async function runProcess(name: string, start: (basics: ProcessBasics) => Promise<RunningPart>): Promise<void> {
  let basics: ProcessBasics;
  let envFile: string;
  let pendingCheck: PendingRedisCheck | null;
  try {
    const reading = withEnvFile(process.env, process.cwd());
    envFile = envFileMessage(reading, process.cwd());
    basics = processBasics(loadSettings(reading.env));
    pendingCheck = await requireDurableRedis(basics);
  } catch (error) {
    process.stderr.write(`${error instanceof SettingsError ? error.message : String(error)}\n`);
    process.exit(2);
  }
  const { log } = basics;
  log.info(envFile);
  let running: RunningPart;
  try {
    running = await start(basics);
  } catch (error) {
    const isSetting = error instanceof SettingsError || error instanceof PortInUseError;
    log.fatal(isSetting ? { problem: (error as Error).message } : { err: error }, `The ${name} fails to start`);
    process.stderr.write(`${isSetting ? (error as Error).message : String(error)}\n`);
    process.exit(isSetting ? 2 : 1);
  }
  log.info({ port: basics.settings.port, linear: basics.settings.linear !== null, jira: basics.settings.jira !== null }, `The ${name} is running`);
  const shutdown = (signal: string, exitCode = 0): void => {
    log.info({ signal }, `The ${name} drains and stops`);
    setTimeout(() => {
      log.error({ deadlineMs: SHUTDOWN_DEADLINE_MS }, 'The drain overruns its deadline; exits anyway');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    running.stop().then(
      () => { log.info(`The ${name} has stopped`); process.exit(exitCode); },
      (error: unknown) => { log.error({ err: error }, 'The drain fails'); process.exit(1); },
    );
  };
  // Node passes the signal's number as a second argument, which is not an exit code.
  process.once('SIGTERM', (signal) => shutdown(signal));
  process.once('SIGINT', (signal) => shutdown(signal));
  void pendingCheck?.outcome.then((refusal) => {
    if (!refusal) return;
    log.fatal({ problems: refusal.problems }, `The ${name} stops: Redis would lose accepted webhooks`);
    process.stderr.write(`${refusal.message}\n`);
    shutdown('volatile Redis', 2);
  });
}

/** Logger and metrics for `settings`; the default Node metrics (memory, event loop lag) go on the same registry. */
export function processBasics(settings: Settings): ProcessBasics {
  const log = createLogger(settings);
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return { settings, log, registry, metrics: createTicketlintMetrics(registry) };
}
