import { z } from 'zod';

/** What every Redis key and queue name of a deployment starts with, unless TICKETLINT_PREFIX says otherwise. */
export const DEFAULT_PREFIX = 'ticketlint';

/** Where a worker run alone serves /healthz, /readyz and /metrics: Prometheus's registry of default ports has 9464 free for exporters. */
export const DEFAULT_METRICS_PORT = 9464;

/** Log levels pino knows, plus `silent`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const text = z.string().optional();
const httpUrl = (what: string) => z.url({ protocol: /^https?$/, error: `expected ${what} (an http or https URL)` });
const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'], { error: 'expected 1 or 0 (or true / false)' })
  .optional()
  .transform((value) => value === '1' || value === 'true' || value === 'yes');
const integer = (min: number, max: number, what: string) =>
  z.coerce.number({ error: `expected ${what}, a whole number from ${min} to ${max}` })
    .int({ error: `expected ${what}, a whole number from ${min} to ${max}` })
    .min(min, { error: `expected ${what}, a whole number from ${min} to ${max}` })
    .max(max, { error: `expected ${what}, a whole number from ${min} to ${max}` });

/** A switch that is on unless set to 0 / false / no. */
const onByDefault = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'], { error: 'expected 1 or 0 (or true / false)' })
  .optional()
  .transform((value) => value === undefined || value === '1' || value === 'true' || value === 'yes');

/**
 * The process environment as ticketlint reads it: every variable it knows, with its default.
 * Blank values count as unset (docker compose passes `NAME=` from an `.env` file as an empty string).
 * Which providers are switched on, and whether they are complete, is decided in provider-settings.ts.
 */
export const EnvironmentSchema = z.object({
  PORT: integer(0, 65535, 'a TCP port').default(3000),
  METRICS_PORT: integer(0, 65535, 'the TCP port of a worker run alone (0: no HTTP at all)').default(DEFAULT_METRICS_PORT),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'expected a redis:// or rediss:// URL' }).default('redis://127.0.0.1:6379'),
  LINEAR_API_KEY: text,
  LINEAR_ACCESS_TOKEN: text,
  LINEAR_WEBHOOK_SECRET: text,
  LINEAR_API_URL: httpUrl('the Linear GraphQL endpoint').default('https://api.linear.app/graphql'),
  JIRA_BASE_URL: httpUrl('the Jira site, like https://acme.atlassian.net').optional(),
  JIRA_EMAIL: text,
  JIRA_API_TOKEN: text,
  JIRA_ACCESS_TOKEN: text,
  JIRA_WEBHOOK_SECRET: text,
  TICKETLINT_CONFIG: text,
  DRY_RUN: flag,
  ALLOW_VOLATILE_REDIS: flag,
  WORKER_CONCURRENCY: integer(1, 200, 'how many jobs one worker runs at once').default(5),
  EVENT_WINDOW_MS: integer(0, 600_000, 'how many milliseconds a burst of events on one ticket is gathered for (0: none)').default(2000),
  HTTP_HEADERS_TIMEOUT_MS: integer(100, 600_000, 'how many milliseconds a sender may take to send a request\'s headers').default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: integer(100, 600_000, 'how many milliseconds a sender may take to send a whole request').default(15_000),
  MAX_CONNECTIONS: integer(1, 1_000_000, 'how many connections the HTTP server holds open at once').default(1000),
  MAX_BODY_BYTES_IN_FLIGHT: integer(1024 * 1024, 2 ** 40, 'how many bytes of request bodies the HTTP server reads at once (at least 1048576, one body)').default(32 * 1024 * 1024),
  TICKETLINT_PREFIX: z.string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, { error: 'expected a key prefix of letters, digits, "-", "_" or "." (at most 64, no ":")' })
    .default(DEFAULT_PREFIX),
  LLM_PROVIDER: z.enum(['openai', 'anthropic'], { error: 'expected openai (any OpenAI-compatible server: OpenAI, Ollama, vLLM, LM Studio) or anthropic' }).optional(),
  LLM_BASE_URL: httpUrl('the language model API, like https://api.openai.com/v1 or http://localhost:11434/v1').optional(),
  LLM_API_KEY: text,
  LLM_MODEL: text,
  LLM_TIMEOUT_MS: integer(100, 600_000, 'how many milliseconds one call to the language model may take').default(20_000),
  LLM_REDACT: onByDefault,
  LLM_MAX_CALLS_PER_HOUR: integer(0, 1_000_000, 'how many calls to the language model one workspace may make per hour (0: no limit)').default(200),
  LLM_MAX_CALLS_PER_DAY: integer(0, 10_000_000, 'how many calls to the language model one workspace may make per day (0: no limit)').default(2000),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` }).default('info'),
});
export type Environment = z.infer<typeof EnvironmentSchema>;

/** Every variable ticketlint reads; `.env.example` documents each of them. */
export const SETTING_NAMES = Object.keys(EnvironmentSchema.shape) as (keyof Environment)[];

/** ticketlint's variables out of `env`, trimmed, blank ones left out; every other variable ignored. */
export function knownVariables(env: Readonly<Record<string, string | undefined>>): Partial<Record<keyof Environment, string>> {
  const known: Partial<Record<keyof Environment, string>> = {};
  for (const name of SETTING_NAMES) {
    const value = env[name]?.trim();
    if (value) known[name] = value;
  }
  return known;
}

/** The variables parsed with their defaults, or one problem line per bad variable. */
export function parseEnvironment(known: Partial<Record<keyof Environment, string>>): { env: Environment | null; problems: string[] } {
  const parsed = EnvironmentSchema.safeParse(known);
  if (parsed.success) return { env: parsed.data, problems: [] };
  return { env: null, problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
}
