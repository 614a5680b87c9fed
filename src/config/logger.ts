import { pino, type DestinationStream, type Logger } from 'pino';
import type { Settings } from './settings.js';

/**
 * Paths pino replaces with "[redacted]" wherever they appear in a log line: request headers that carry
 * credentials or signatures, and any field named like a credential at the top level or one level down
 * (pino's redaction has no deep wildcard, so the log calls keep credentials out of nested objects).
 */
export const REDACTED_PATHS: readonly string[] = [
  'req.headers.authorization', 'req.headers.cookie', 'req.headers["linear-signature"]', 'req.headers["x-hub-signature"]',
  'headers.authorization', 'headers.cookie', 'headers["linear-signature"]', 'headers["x-hub-signature"]',
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
