import type { IncomingMessage, ServerResponse } from 'node:http';
import express from 'express';
import type { Logger } from 'pino';
import { isIgnored, type Provider, type WebhookTicketEvent } from '../domain/ticket-event.js';
import type { EnqueueResult } from '../queue/ticket-intake.js';
import { BodyBudget } from './body-budget.js';
import { busy, HttpError, sendJson, shuttingDown } from './http-error.js';
import { parseJsonBody } from './json-body.js';
import { setSecurityHeaders } from './security-headers.js';
import type { WebhookMetrics } from './ticketlint-metrics.js';
import { ENABLE_HINTS, type WebhookEndpoint } from './webhook-endpoint.js';

/**
 * The largest body accepted. Linear and Jira issue payloads are a few kilobytes; a megabyte leaves
 * room for long descriptions while bounding what an unauthenticated sender can make us read and hash.
 */
export const WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;

/** Where verified events go: TicketIntake in the processes. */
export interface TicketProducer {
  /** `bodyDigest`: the signed body's HMAC digest, which names the body for the replay check. */
  enqueue(event: WebhookTicketEvent, receivedAt: number, bodyDigest: Buffer): Promise<EnqueueResult>;
}

export interface WebhookRouteOptions {
  /** MAX_BODY_BYTES_IN_FLIGHT: how many bytes of bodies are read at once; past it, 503. */
  readonly maxBodyBytesInFlight: number;
  /** Null for a provider that is off: its route answers 404 with what to configure. */
  readonly endpoints: Readonly<Record<Provider, WebhookEndpoint | null>>;
  readonly producer: TicketProducer;
  readonly metrics: WebhookMetrics;
  readonly log: Logger;
  readonly clock: () => number;
}

/** How a refusal is counted, logged and answered: the app's one error mapper (app.ts). */
export type AnswerError = (error: unknown, req: IncomingMessage, res: ServerResponse, provider: Provider) => void;

/**
 * POST /webhooks/linear or /webhooks/jira, matched as express matches a route by default: in any case,
 * with or without a trailing slash, with any query string.
 */
const WEBHOOK_ROUTE = /^\/webhooks\/(linear|jira)\/?(?:\?|$)/i;

/** The provider whose webhook route `req` is for, or null for any other request. */
export function webhookRouteOf(req: IncomingMessage): Provider | null {
  if (req.method !== 'POST') return null;
  const match = WEBHOOK_ROUTE.exec(req.url ?? '');
  return match ? (match[1]!.toLowerCase() as Provider) : null;
}

/**
 * The webhook routes, served on node's request and response rather than through express's router,
 * which costs about 100 µs of CPU per request on its own, as much as everything below together
 * (README, Performance). Order matters: the raw bytes are read (at most WEBHOOK_BODY_LIMIT_BYTES, by
 * body-parser, before any JSON parsing), the signature is checked on them, and only a verified body is
 * parsed, checked for freshness, turned into an event and queued. Refusals go to `answerError`;
 * nothing is queued for them.
 */
export function webhookHandler(options: WebhookRouteOptions, accepting: () => boolean, answerError: AnswerError) {
  const readBody = bodyReader();
  const budget = new BodyBudget(options.maxBodyBytesInFlight);
  // An async function, so that anything thrown on the way, even before the first await, becomes a
  // refusal answered by answerError rather than an exception in node's request listener.
  const respond = async (provider: Provider, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    setSecurityHeaders(res);
    options.metrics.received(provider);
    const { endpoint, body } = await readDelivery(provider, options.endpoints[provider], accepting, reserveBody(budget, req, res, readBody), req, res);
    await handleDelivery(endpoint, options, body, req, res);
  };
  return (provider: Provider, req: IncomingMessage, res: ServerResponse): void => {
    respond(provider, req, res).catch((error: unknown) => answerError(error, req, res, provider));
  };
}

type BodyReader = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** body-parser's raw reader, as express.raw: the length limit, gzip and deflate, aborted requests. */
function bodyReader(): BodyReader {
  return express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT_BYTES }) as unknown as BodyReader;
}

/**
 * The body reader, once the body's bytes are reserved in the budget (given back when the answer is
 * sent or the connection closes). A declared Content-Length over the limit is answered 413 at once,
 * before a byte of the body is read; a body that does not fit the budget, 503.
 */
function reserveBody(budget: BodyBudget, req: IncomingMessage, res: ServerResponse, readBody: BodyReader): BodyReader {
  return (_req, _res, next) => {
    const declared = declaredLength(req);
    if (declared !== null && declared > WEBHOOK_BODY_LIMIT_BYTES) {
      next(new HttpError(413, 'too_large', `The body is larger than the ${WEBHOOK_BODY_LIMIT_BYTES} bytes a webhook may have.`));
      return;
    }
    // A compressed body may inflate up to the limit, and one without a length may run up to it.
    const bytes = declared === null || req.headers['content-encoding'] ? WEBHOOK_BODY_LIMIT_BYTES : declared;
    if (!budget.reserve(bytes)) {
      next(busy('request bodies'));
      return;
    }
    res.once('close', () => budget.release(bytes));
    readBody(req, res, next);
  };
}

/** The Content-Length a request declares, or null when it declares none (chunked) or none that is a number. */
function declaredLength(req: IncomingMessage): number | null {
  const header = req.headers['content-length'];
  if (header === undefined || !/^\d+$/.test(header)) return null;
  return Number(header);
}

/** The provider's endpoint and the raw body, once the server is accepting and the provider is on; an HttpError otherwise. */
function readDelivery(
  provider: Provider, endpoint: WebhookEndpoint | null, accepting: () => boolean, readBody: BodyReader, req: IncomingMessage, res: ServerResponse,
): Promise<{ endpoint: WebhookEndpoint; body: Buffer }> {
  return new Promise((resolve, reject) => {
    if (!accepting()) {
      reject(shuttingDown());
      return;
    }
    if (!endpoint) {
      reject(new HttpError(404, 'disabled', ENABLE_HINTS[provider]));
      return;
    }
    readBody(req, res, (error) => {
      if (error) reject(error);
      else {
        const { body } = req as IncomingMessage & { body?: unknown };
        resolve({ endpoint, body: Buffer.isBuffer(body) ? body : Buffer.alloc(0) });
      }
    });
  });
}

async function handleDelivery(
  endpoint: WebhookEndpoint, options: WebhookRouteOptions, body: Buffer, req: IncomingMessage, res: ServerResponse,
): Promise<void> {
  const receivedAt = options.clock();
  const digest = endpoint.signedDigest(body, req.headers);
  if (!digest) {
    throw new HttpError(401, 'bad_signature', 'The signature is missing or does not match the body; check the webhook secret.');
  }
  const json = parseJsonBody(body);
  const stale = endpoint.staleBecause(json, receivedAt);
  if (stale) throw new HttpError(401, 'stale', `The signed body is not fresh: ${stale}.`);
  const result = endpoint.parse(json, req.headers, digest);
  if (isIgnored(result)) {
    options.metrics.ignored(endpoint.provider);
    options.log.debug({ provider: endpoint.provider, ignored: result.ignored }, 'Ignores a delivery');
    sendJson(res, 202, { ignored: result.ignored });
    return;
  }
  const { jobId, replay, reusedDeliveryId } = await options.producer.enqueue(result, receivedAt, digest);
  options.metrics.enqueued(endpoint.provider, replay);
  // A replay is rare and worth seeing. An accepted delivery is counted on /metrics, and the worker logs
  // each job it handles under the same delivery id, so its line here is debug: at info it cost about
  // 10 µs a delivery, and a line per webhook (README, Performance).
  const fields = { provider: result.provider, deliveryId: result.deliveryId, ticket: result.ticketRef.key ?? result.ticketRef.id, jobId, replay, type: result.type };
  if (replay) options.log.info(fields, 'Recognises a replayed body and queues nothing new');
  else if (reusedDeliveryId) options.log.warn(fields, 'Queues a second event under a delivery id already used by another signed body');
  else options.log.debug(fields, 'Queues the event');
  sendJson(res, 200, { jobId, replay });
}
