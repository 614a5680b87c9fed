import { startWorkerPart } from '../workers/main.js';
import { isEntryPoint, runProcess } from './config/process-lifecycle.js';
import { startServerPart } from './server-main.js';

/**
 * `npm start`: the webhook server and a worker in one process, sharing one metrics registry. The
 * server's /healthz, /readyz and /metrics cover both. On SIGTERM: new requests get 503 while the
 * worker finishes its jobs in flight, then the HTTP server closes, then the Redis connections.
 */
if (isEntryPoint(import.meta.url)) {
  void runProcess('ticketlint process', async (basics) => {
    const worker = await startWorkerPart(basics);
    const server = await startServerPart(basics);
    return {
      async stop() {
        // Keep listening while the worker drains, so a new webhook gets a 503 its sender will retry,
        // not a refused connection; close the HTTP server only once the jobs in flight are done.
        server.stopAccepting();
        await worker.stop();
        await server.stop();
      },
    };
  });
}
