import { pino, type DestinationStream, type Logger } from 'pino';
import type { Settings } from './settings.js';

/** Request headers that carry credentials or signatures. */
const SECRET_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'linear-signature', 'x-hub-signature'];

/** Field names that hold a credential, redacted at the top level of a log line and one level down. */
const CREDENTIAL_FIELDS = ['apiKey', 'accessToken', 'apiToken', 'token', 'secret', 'webhookSecret', 'password', 'authorization', 'auth', 'redisUrl'] as const;

const CENSOR = '[redacted]';

/**
 * Paths pino replaces with "[redacted]" wherever they appear in a log line: request headers that carry
 * credentials or signatures, and any field named like a credential at the top level (one level down is
 * redactNestedCredentials). An axios error (jira.js) logged as `err` carries the request it made,
 * Authorization header included, in `config` and `request`: those go whole.
 */
export const REDACTED_PATHS: readonly string[] = [
  ...SECRET_HEADERS.flatMap((header) => [`req.headers["${header}"]`, `headers["${header}"]`]),
  'err.config', 'err.request', 'err.response.config', 'err.response.request',
  ...CREDENTIAL_FIELDS,
];

/**
 * A field named like a credential one level down (`{ settings: { apiKey } }`) is redacted too. pino can
 * say this with `*.apiKey` paths, but its redaction parses every wildcard path on every call: the ten
 * cost about 14 µs per line, more than the rest of the line, and the webhook path logs one line per
 * delivery (README, Performance). This looks at each top-level object once and copies only what it
 * changes (prototype and all, so an Error stays one), never the caller's objects. Past two levels,
 * log calls keep credentials out themselves, as with pino's paths.
 */
export function redactNestedCredentials(line: Record<string, unknown>): Record<string, unknown> {
  let redacted: Record<string, unknown> | undefined;
  for (const key in line) {
    const value = line[key];
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    let copy: Record<string, unknown> | undefined;
    for (const name of CREDENTIAL_FIELDS) {
      if (!Object.hasOwn(value, name)) continue;
      copy ??= Object.create(Object.getPrototypeOf(value) as object | null, Object.getOwnPropertyDescriptors(value)) as Record<string, unknown>;
      copy[name] = CENSOR;
    }
    if (copy) {
      redacted ??= { ...line };
      redacted[key] = copy;
    }
  }
  return redacted ?? line;
}

/** The processes' JSON logger. `destination` is for tests; stdout otherwise. */
export function createLogger(settings: Pick<Settings, 'logLevel'>, destination?: DestinationStream): Logger {
  const options = {
    level: settings.logLevel,
    base: { service: 'ticketlint' },
    redact: { paths: [...REDACTED_PATHS], censor: CENSOR },
    formatters: { log: redactNestedCredentials },
  };
  return destination ? pino(options, destination) : pino(options);
}
