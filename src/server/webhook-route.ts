import express, { type Express, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import { isIgnored, type Provider, type TicketEvent } from '../domain/ticket-event.js';
import type { EnqueueResult } from '../queue/ticket-queue.js';
import { HttpError } from './http-error.js';
import { parseJsonBody } from './json-body.js';
import type { WebhookMetrics } from './ticketlint-metrics.js';
import { ENABLE_HINTS, type WebhookEndpoint } from './webhook-endpoint.js';

/**
 * The largest body accepted. Linear and Jira issue payloads are a few kilobytes; a megabyte leaves
 * room for long descriptions while bounding what an unauthenticated sender can make us read and hash.
 */
export const WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;

/** Where verified events go: TicketQueue in the processes. */
export interface TicketProducer {
  enqueue(event: TicketEvent, receivedAt: number, signedBody: Buffer): Promise<EnqueueResult>;
}

export interface WebhookRouteOptions {
  /** Null for a provider that is off: its route answers 404 with what to configure. */
  readonly endpoints: Readonly<Record<Provider, WebhookEndpoint | null>>;
  readonly producer: TicketProducer;
  readonly metrics: WebhookMetrics;
  readonly log: Logger;
  readonly clock: () => number;
}

/**
 * POST /webhooks/linear and /webhooks/jira. Order matters: the raw bytes are read (at most
 * WEBHOOK_BODY_LIMIT_BYTES, before any JSON parsing), the signature is checked on them, and only a
 * verified body is parsed, checked for freshness, turned into an event and queued. Refusals are thrown
 * as HttpError for the app's one error mapper; nothing is queued for them.
 */
export function addWebhookRoutes(app: Express, options: WebhookRouteOptions): void {
  const raw = express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT_BYTES });
  for (const provider of ['linear', 'jira'] as const) {
    const endpoint = options.endpoints[provider];
    app.post(`/webhooks/${provider}`, countReceived(provider, options.metrics), ...(endpoint
      ? [raw, handleDelivery(endpoint, options)]
      : [refuseDisabled(provider)]));
  }
}

function countReceived(provider: Provider, metrics: WebhookMetrics): RequestHandler {
  return (_req, res, next) => {
    res.locals.provider = provider;
    metrics.received(provider);
    next();
  };
}

function refuseDisabled(provider: Provider): RequestHandler {
  return () => {
    throw new HttpError(404, 'disabled', ENABLE_HINTS[provider]);
  };
}

function handleDelivery(endpoint: WebhookEndpoint, options: WebhookRouteOptions): RequestHandler {
  return async (req: Request, res: Response) => {
    const receivedAt = options.clock();
    const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!endpoint.verify(body, req.headers)) {
      throw new HttpError(401, 'bad_signature', 'The signature is missing or does not match the body; check the webhook secret.');
    }
    const json = parseJsonBody(body);
    const stale = endpoint.staleBecause(json, receivedAt);
    if (stale) throw new HttpError(401, 'stale', `The signed body is not fresh: ${stale}.`);
    const result = endpoint.parse(json, req.headers);
    if (isIgnored(result)) {
      options.metrics.ignored(endpoint.provider);
      options.log.debug({ provider: endpoint.provider, ignored: result.ignored }, 'Ignores a delivery');
      res.status(202).json({ ignored: result.ignored });
      return;
    }
    const { jobId, replay } = await options.producer.enqueue(result, receivedAt, body);
    options.metrics.enqueued(endpoint.provider, replay);
    options.log.info({
      provider: result.provider, deliveryId: result.deliveryId, ticket: result.ticketRef.key ?? result.ticketRef.id, jobId, replay, type: result.type,
    }, replay ? 'Recognises a replayed body and queues nothing new' : 'Queues the event');
    res.status(200).json({ jobId, replay });
  };
}
