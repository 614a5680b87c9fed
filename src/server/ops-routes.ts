import type { Express } from 'express';
import type { Registry } from 'prom-client';

export interface OpsRouteOptions {
  /** True when Redis answers PING (redisAnswers on the process's connection). */
  readonly redisAnswers: () => Promise<boolean>;
  readonly registry: Registry;
}

/**
 * GET /healthz: the process is up (a liveness probe: restart it when this fails).
 * GET /readyz: Redis answers, so deliveries can be queued (a readiness probe: send no traffic when this fails).
 * GET /metrics: the registry in Prometheus text format.
 */
export function addOpsRoutes(app: Express, options: OpsRouteOptions): void {
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = await options.redisAnswers();
    res.status(ready ? 200 : 503).json(ready ? { status: 'ready' } : { status: 'unavailable', redis: 'does not answer PING' });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(options.registry.contentType).send(await options.registry.metrics());
  });
}
