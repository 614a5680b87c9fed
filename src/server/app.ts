import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Provider } from '../domain/ticket-event.js';
import { HttpError, sendHttpError, toHttpError } from './http-error.js';
import { addOpsRoutes, type OpsRouteOptions } from './ops-routes.js';
import { securityHeaders } from './security-headers.js';
import type { WebhookMetrics } from './ticketlint-metrics.js';
import { addWebhookRoutes, type WebhookRouteOptions } from './webhook-route.js';

export interface AppOptions {
  readonly ops: OpsRouteOptions;
  /** The webhook routes; left out in a worker process, which serves only health and metrics. */
  readonly webhooks?: WebhookRouteOptions;
  /** False once the process is shutting down: every request then gets 503, so load balancers move on. */
  readonly accepting: () => boolean;
  readonly log: Logger;
}

/** The express app of a ticketlint process: health, metrics and (in the server) the webhook routes. */
export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  // Answers are small JSON a tracker or a probe reads once; hashing each for an ETag buys nothing.
  app.set('etag', false);
  app.use(securityHeaders());
  app.use(refuseWhileDraining(options.accepting));
  // Routes on the app itself, webhooks first: they are the traffic, and a nested router costs each
  // request a second pass of path matching.
  if (options.webhooks) addWebhookRoutes(app, options.webhooks);
  addOpsRoutes(app, options.ops);
  app.use((req, _res, next) => next(new HttpError(404, 'error', `There is no ${req.method} ${req.path} here.`)));
  app.use(answerWithError(options.log, options.webhooks?.metrics));
  return app;
}

function refuseWhileDraining(accepting: () => boolean): RequestHandler {
  return (_req, res, next) => {
    if (accepting()) {
      next();
      return;
    }
    res.set('Connection', 'close');
    next(new HttpError(503, 'shutting_down', 'The server is shutting down; deliver again later.'));
  };
}

/** The one error handler: maps the error (toHttpError), counts and logs the refusal, answers JSON. */
function answerWithError(log: Logger, metrics: WebhookMetrics | undefined): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const httpError = toHttpError(error);
    const provider = res.locals.provider as Provider | undefined;
    if (provider) metrics?.rejected(provider, httpError.reason);
    const fields = { provider, path: req.path, status: httpError.status, reason: httpError.reason, problems: httpError.problems };
    if (httpError.status >= 500 && httpError.reason === 'error') log.error({ ...fields, err: error }, 'Fails a request');
    else log.warn(fields, `Refuses a request: ${httpError.message}`);
    if (res.headersSent) return;
    sendHttpError(res, httpError);
  };
}
