import type { ServerResponse } from 'node:http';
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

/**
 * Writes the error as JSON: `{ "error": reason, "message": ..., "problems"?: [...] }`. A 503 says when
 * to come back; while draining, the connection is closed too, so the sender's next try goes elsewhere.
 */
export function sendHttpError(res: ServerResponse, error: HttpError): void {
  if (error.status === 503) res.setHeader('Retry-After', '10');
  if (error.reason === 'shutting_down') res.setHeader('Connection', 'close');
  sendJson(res, error.status, {
    error: error.reason,
    message: error.message,
    ...(error.problems.length > 0 ? { problems: error.problems } : {}),
  });
}

/** Answers `status` with `body` as JSON, as express's res.json does, on node's own response. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
