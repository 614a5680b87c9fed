import { startWorkerPart } from '../workers/main.js';
import { isEntryPoint, runProcess } from './config/process-lifecycle.js';
import { startServerPart } from './server-main.js';

/**
 * `npm start`: the webhook server and a worker in one process, sharing one metrics registry. The
 * server's /healthz, /readyz and /metrics cover both. On SIGTERM: new requests get 503, the HTTP
 * server finishes what it has, the worker finishes its jobs in flight, then Redis connections close.
 */
if (isEntryPoint(import.meta.url)) {
  void runProcess('ticketlint process', async (basics) => {
    const worker = await startWorkerPart(basics);
    const server = await startServerPart(basics);
    return {
      async stop() {
        server.stopAccepting();
        await server.stop();
        await worker.stop();
      },
    };
  });
}
