import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RunningHttpServer {
  readonly server: Server;
  /** `http://127.0.0.1:<port>`, with the port actually bound (useful with port 0). */
  readonly url: string;
  /** Stops accepting connections, lets requests in flight finish (at most `graceMs`), then resolves. */
  close(graceMs?: number): Promise<void>;
}

/**
 * Header and request timeouts below a tracker's webhook timeout (Linear waits 5 s, Jira Cloud 20 s),
 * so a slow or stalled sender cannot hold a socket open for long.
 */
const REQUEST_TIMEOUT_MS = 15_000;
const HEADERS_TIMEOUT_MS = 10_000;

/** Another process listens on the port: a setting to change, said in one line (runProcess prints it without a stack). */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';

  constructor(readonly port: number, readonly setting: string) {
    super(`ticketlint cannot start: port ${port} (${setting}) is already in use by another process; stop it or set ${setting} to a free port`);
  }
}

/**
 * Listens on `port`; `setting` names the variable the port came from (PORT, METRICS_PORT), for the
 * PortInUseError thrown when another process has it.
 */
export async function listen(handler: RequestListener, port: number, setting = 'PORT', host = '0.0.0.0'): Promise<RunningHttpServer> {
  const server = createServer({ requestTimeout: REQUEST_TIMEOUT_MS, headersTimeout: HEADERS_TIMEOUT_MS }, handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, setting) : error));
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port: bound } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${bound}`, close: (graceMs = 10_000) => closeServer(server, graceMs) };
}

async function closeServer(server: Server, graceMs: number): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), graceMs);
  try {
    await closed;
  } finally {
    clearTimeout(timer);
  }
}
