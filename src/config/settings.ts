import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { DEFAULT_CONFIG, parseConfigFile, type ConfigFile } from './config-file.js';
import { knownVariables, parseEnvironment, type Environment } from './environment.js';
import {
  jiraProblems, jiraSettings, linearProblems, linearSettings, type JiraSettings, type LinearSettings,
} from './provider-settings.js';
import { SettingsError } from './settings-error.js';
import { llmProblems, llmSettings, type LlmSettings } from './llm-settings.js';
import { usesJudge } from './config-file.js';

/** What the HTTP server bounds: how long a sender may take, how many connections and body bytes it holds. */
export interface HttpSettings {
  /** HTTP_HEADERS_TIMEOUT_MS: a request's headers must have arrived within this many milliseconds. */
  readonly headersTimeoutMs: number;
  /** HTTP_REQUEST_TIMEOUT_MS: the whole request must have arrived within this many milliseconds. */
  readonly requestTimeoutMs: number;
  /** MAX_CONNECTIONS: connections past this many are answered 503 and closed. */
  readonly maxConnections: number;
  /** MAX_BODY_BYTES_IN_FLIGHT: request bodies being read at once may hold this many bytes; past it, 503. */
  readonly maxBodyBytesInFlight: number;
}

/** Everything the processes are configured with, validated and with defaults applied. */
export interface Settings {
  /** PORT: the webhook server's (and `npm start`'s) HTTP port. */
  readonly port: number;
  /** METRICS_PORT: where a worker run alone serves /healthz, /readyz and /metrics; 0 serves nothing. */
  readonly metricsPort: number;
  /**
   * TICKETLINT_PREFIX: the first part of every Redis key (queue, intake stream, ticket state), so two
   * deployments on one Redis never see each other's jobs.
   */
  readonly prefix: string;
  readonly redisUrl: string;
  readonly logLevel: Environment['LOG_LEVEL'];
  readonly workerConcurrency: number;
  /**
   * EVENT_WINDOW_MS: edits and replies on one ticket within this many milliseconds of each other give one
   * review, run this long after the last of them; 0 reviews every event at once.
   */
  readonly eventWindowMs: number;
  /**
   * ALLOW_VOLATILE_REDIS=1: start on a Redis that would lose accepted webhooks (no append-only file, or
   * an eviction policy other than noeviction), with a warning and ticketlint_redis_volatile 1, instead of refusing.
   */
  readonly allowVolatileRedis: boolean;
  readonly http: HttpSettings;
  /** DRY_RUN=1 or `dryRun: true` in the config file. */
  readonly dryRun: boolean;
  /** Null when Linear is off: no credentials and no secret. */
  readonly linear: LinearSettings | null;
  readonly jira: JiraSettings | null;
  /** The language model of the `llm` judge (LLM_*); null when LLM_PROVIDER is unset. */
  readonly llm: LlmSettings | null;
  /** The config file, or DEFAULT_CONFIG when TICKETLINT_CONFIG is unset. */
  readonly config: ConfigFile;
  /** Where pack paths in the config file are relative to: the file's folder, else the working directory. */
  readonly configDir: string;
}

export interface LoadSettingsOptions {
  /** Where a relative TICKETLINT_CONFIG is resolved from; default process.cwd(). */
  readonly cwd?: string;
  /** Reads the config file; default node:fs. */
  readonly readFile?: (path: string) => string;
}

/**
 * Reads and validates ticketlint's settings from `env` (pass process.env, or a test's own object).
 * Throws one SettingsError listing every missing or invalid setting, config-file problems included.
 */
export function loadSettings(env: Readonly<Record<string, string | undefined>>, options: LoadSettingsOptions = {}): Settings {
  const cwd = options.cwd ?? process.cwd();
  const known = knownVariables(env);
  const parsed = parseEnvironment(known);
  const file = readConfig(known.TICKETLINT_CONFIG, cwd, options.readFile ?? ((path) => readFileSync(path, 'utf8')));
  const problems = [...parsed.problems, ...timeoutProblems(parsed.env), ...linearProblems(known), ...jiraProblems(known), ...file.problems,
    ...llmProblems(known, file.config && usesJudge(file.config, 'llm') ? 'the config file gives a team or project judge: llm' : null)];
  if (problems.length > 0 || !parsed.env || !file.config) throw new SettingsError(problems);
  const { env: vars } = parsed;
  return {
    port: vars.PORT,
    metricsPort: vars.METRICS_PORT,
    prefix: vars.TICKETLINT_PREFIX,
    redisUrl: vars.REDIS_URL,
    logLevel: vars.LOG_LEVEL,
    workerConcurrency: vars.WORKER_CONCURRENCY,
    eventWindowMs: vars.EVENT_WINDOW_MS,
    allowVolatileRedis: vars.ALLOW_VOLATILE_REDIS,
    http: {
      headersTimeoutMs: vars.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: vars.HTTP_REQUEST_TIMEOUT_MS,
      maxConnections: vars.MAX_CONNECTIONS,
      maxBodyBytesInFlight: vars.MAX_BODY_BYTES_IN_FLIGHT,
    },
    dryRun: vars.DRY_RUN || file.config.dryRun,
    linear: linearSettings(vars),
    jira: jiraSettings(vars),
    llm: llmSettings(vars),
    config: file.config,
    configDir: file.dir,
  };
}

/** Node refuses a headers timeout longer than the request timeout: the headers are part of the request. */
function timeoutProblems(env: Environment | null): string[] {
  if (!env || env.HTTP_HEADERS_TIMEOUT_MS <= env.HTTP_REQUEST_TIMEOUT_MS) return [];
  return [`HTTP_HEADERS_TIMEOUT_MS: expected at most HTTP_REQUEST_TIMEOUT_MS (${env.HTTP_REQUEST_TIMEOUT_MS}), since the headers are part of the request; got ${env.HTTP_HEADERS_TIMEOUT_MS}`];
}

interface ConfigReading {
  readonly config: ConfigFile | null;
  readonly dir: string;
  readonly problems: string[];
}

function readConfig(path: string | undefined, cwd: string, readFile: (path: string) => string): ConfigReading {
  if (!path) return { config: DEFAULT_CONFIG, dir: cwd, problems: [] };
  const absolute = resolve(cwd, path);
  const shown = shownPath(absolute, cwd);
  let text: string;
  try {
    text = readFile(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : `it cannot be read (${code ?? String(error)})`;
    return { config: null, dir: cwd, problems: [`TICKETLINT_CONFIG: expected a readable YAML file; ${why}: ${shown}`] };
  }
  const { config, problems } = parseConfigFile(text, shown);
  return { config, dir: dirname(absolute), problems };
}

function shownPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}
