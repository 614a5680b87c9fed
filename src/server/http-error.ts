import { STATUS_CODES, type ServerResponse } from 'node:http';
import { WebhookPayloadError } from '../domain/ticket-event.js';
import { QueueUnavailableError } from '../queue/ticket-intake.js';
import type { RejectReason } from './ticketlint-metrics.js';

/** A refusal the server answers with: the HTTP status, a reason code for logs and metrics, and a sentence. */
export class HttpError extends Error {
  override readonly name = 'HttpError';

  constructor(
    readonly status: number,
    readonly reason: RejectReason,
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(message);
  }
}

/** The refusal while the process drains: the sender retries later, elsewhere or once it is back. */
export function shuttingDown(): HttpError {
  return new HttpError(503, 'shutting_down', 'The server is shutting down; deliver again later.');
}

/** The fields body-parser puts on its errors (https://github.com/expressjs/body-parser#errors). */
interface BodyParserError {
  readonly type?: unknown;
  readonly status?: unknown;
  readonly limit?: unknown;
}

/**
 * The one place errors become HTTP answers: a payload the schema refuses is 400 (retrying will not
 * fix it), a body over the limit 413, Redis not taking the job 503 (the tracker retries later), and
 * anything unexpected 500.
 */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof WebhookPayloadError) {
    return new HttpError(400, 'invalid_payload', `The ${error.provider} payload is not shaped as documented.`, error.problems);
  }
  if (error instanceof QueueUnavailableError) {
    return new HttpError(503, 'queue_unavailable', 'The queue is unavailable; deliver again later.');
  }
  const parser = (error ?? {}) as BodyParserError;
  if (parser.type === 'entity.too.large') {
    return new HttpError(413, 'too_large', `The body is larger than the ${String(parser.limit)} bytes a webhook may have.`);
  }
  if (typeof parser.status === 'number' && parser.status >= 400 && parser.status < 500) {
    return new HttpError(parser.status, 'error', `The request could not be read (${String(parser.type ?? 'bad request')}).`);
  }
  return new HttpError(500, 'error', 'Something went wrong on our side.');
}

/** The server is holding as many connections or body bytes as it may (MAX_CONNECTIONS, MAX_BODY_BYTES_IN_FLIGHT). */
export function busy(what: string): HttpError {
  return new HttpError(503, 'busy', `The server is reading as many ${what} as it may at once; deliver again in a moment.`);
}

/** Retry-After on every 503, in seconds. */
const RETRY_AFTER_SECONDS = '10';

/**
 * Refusals after which the connection is closed: while draining, so the sender's next try goes
 * elsewhere; when busy or the body is too large, so that a body not read is not read at all.
 */
const CLOSES_CONNECTION: ReadonlySet<RejectReason> = new Set(['shutting_down', 'busy', 'too_large']);

/**
 * Writes the error as JSON: `{ "error": reason, "message": ..., "problems"?: [...] }`. A 503 says when
 * to come back (Retry-After).
 */
export function sendHttpError(res: ServerResponse, error: HttpError): void {
  if (error.status === 503) res.setHeader('Retry-After', RETRY_AFTER_SECONDS);
  if (CLOSES_CONNECTION.has(error.reason)) res.setHeader('Connection', 'close');
  sendJson(res, error.status, errorBody(error));
}

function errorBody(error: HttpError) {
  return { error: error.reason, message: error.message, ...(error.problems.length > 0 ? { problems: error.problems } : {}) };
}

/**
 * The error as a whole HTTP/1.1 answer, for a socket refused before node's HTTP parser has read a
 * request from it (past MAX_CONNECTIONS): the same JSON, headers and Retry-After as sendHttpError.
 */
export function rawHttpError(error: HttpError, headers: Readonly<Record<string, string>>): string {
  const text = JSON.stringify(errorBody(error));
  const lines = [
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? ''}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    ...(error.status === 503 ? [`Retry-After: ${RETRY_AFTER_SECONDS}`] : []),
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(text)}`,
    'Connection: close',
  ];
  return `${lines.join('\r\n')}\r\n\r\n${text}`;
}

/** Answers `status` with `body` as JSON, as express's res.json does, on node's own response. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
