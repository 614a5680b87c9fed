import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Provider } from '../domain/ticket-event.js';
import { HttpError, sendHttpError, shuttingDown, toHttpError } from './http-error.js';
import { addOpsRoutes, type OpsRouteOptions } from './ops-routes.js';
import { securityHeaders } from './security-headers.js';
import type { WebhookMetrics } from './ticketlint-metrics.js';
import { webhookHandler, webhookRouteOf, type WebhookRouteOptions } from './webhook-route.js';

export interface AppOptions {
  readonly ops: OpsRouteOptions;
  /** The webhook routes; left out in a worker process, which serves only health and metrics. */
  readonly webhooks?: WebhookRouteOptions;
  /** False once the process is shutting down: every request then gets 503, so load balancers move on. */
  readonly accepting: () => boolean;
  readonly log: Logger;
}

/**
 * What a ticketlint process answers HTTP with: POST /webhooks/linear and /webhooks/jira (in the server)
 * go straight to the webhook handler, the traffic it exists for; everything else (health, metrics,
 * 404s) goes through express. Both answer refusals through one mapper, so a refusal reads, counts and
 * logs the same wherever it comes from.
 */
export function createRequestListener(options: AppOptions): RequestListener {
  const answerError = errorAnswerer(options.log, options.webhooks?.metrics);
  const app = express();
  app.disable('x-powered-by');
  // Answers are small JSON a tracker or a probe reads once; hashing each for an ETag buys nothing.
  app.set('etag', false);
  app.use(securityHeaders());
  app.use(refuseWhileDraining(options.accepting));
  addOpsRoutes(app, options.ops);
  app.use((req, _res, next) => next(new HttpError(404, 'error', `There is no ${req.method} ${req.path} here.`)));
  app.use(((error: unknown, req, res, _next) => answerError(error, req, res, null)) satisfies ErrorRequestHandler);
  if (!options.webhooks) return app;
  const webhooks = webhookHandler(options.webhooks, options.accepting, answerError);
  return (req, res) => {
    const provider = webhookRouteOf(req);
    if (provider) webhooks(provider, req, res);
    else app(req, res);
  };
}

function refuseWhileDraining(accepting: () => boolean): RequestHandler {
  return (_req, _res, next) => {
    next(accepting() ? undefined : shuttingDown());
  };
}

/** The one error mapper: maps the error (toHttpError), counts and logs the refusal, answers JSON. */
function errorAnswerer(log: Logger, metrics: WebhookMetrics | undefined) {
  return (error: unknown, req: IncomingMessage, res: ServerResponse, provider: Provider | null): void => {
    const httpError = toHttpError(error);
    if (provider) metrics?.rejected(provider, httpError.reason);
    const fields = { provider: provider ?? undefined, path: pathOf(req), status: httpError.status, reason: httpError.reason, problems: httpError.problems };
    if (httpError.status >= 500 && httpError.reason === 'error') log.error({ ...fields, err: error }, 'Fails a request');
    else log.warn(fields, `Refuses a request: ${httpError.message}`);
    if (res.headersSent) return;
    sendHttpError(res, httpError);
  };
}

/** The request's path without its query string, which may carry anything a sender put there. */
function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
