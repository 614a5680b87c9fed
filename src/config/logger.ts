import { pino, type DestinationStream, type Logger } from 'pino';
import type { Settings } from './settings.js';

/** Request headers that carry credentials or signatures. */
const SECRET_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'linear-signature', 'x-hub-signature'];

/**
 * Paths pino replaces with "[redacted]" wherever they appear in a log line: request headers that carry
 * credentials or signatures, and any field named like a credential at the top level or one level down
 * (pino's redaction has no deep wildcard, so the log calls keep credentials out of nested objects).
 * An axios error (jira.js) logged as `err` carries the request it made, Authorization header included,
 * in `config` and `request`: those go whole.
 */
export const REDACTED_PATHS: readonly string[] = [
  ...SECRET_HEADERS.flatMap((header) => [`req.headers["${header}"]`, `headers["${header}"]`]),
  'err.config', 'err.request', 'err.response.config', 'err.response.request',
  ...['apiKey', 'accessToken', 'apiToken', 'token', 'secret', 'webhookSecret', 'password', 'authorization', 'auth', 'redisUrl']
    .flatMap((name) => [name, `*.${name}`]),
];

/** The processes' JSON logger. `destination` is for tests; stdout otherwise. */
export function createLogger(settings: Pick<Settings, 'logLevel'>, destination?: DestinationStream): Logger {
  const options = {
    level: settings.logLevel,
    base: { service: 'ticketlint' },
    redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
