import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { HttpSettings } from '../config/settings.js';
import { busy, rawHttpError } from './http-error.js';
import { SECURITY_HEADERS } from './security-headers.js';

export interface RunningHttpServer {
  readonly server: Server;
  /** `http://127.0.0.1:<port>`, with the port actually bound (useful with port 0). */
  readonly url: string;
  /** Stops accepting connections, lets requests in flight finish (at most `graceMs`), then resolves. */
  close(graceMs?: number): Promise<void>;
}

/** What `listen` bounds: the timeouts and the connections (HttpSettings; the body bytes are the webhook route's). */
export type ServerLimits = Pick<HttpSettings, 'headersTimeoutMs' | 'requestTimeoutMs' | 'maxConnections'>;

/**
 * How often node looks for requests past their header or request timeout. Its default, 30 s, let a
 * promised 15 s become 41 s; checking every second enforces each timeout within a second of its setting.
 */
export const CONNECTIONS_CHECKING_INTERVAL_MS = 1000;

/** Another process listens on the port: a setting to change, said in one line (runProcess prints it without a stack). */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';

  constructor(readonly port: number, readonly setting: string) {
    super(`ticketlint cannot start: port ${port} (${setting}) is already in use by another process; stop it or set ${setting} to a free port`);
  }
}

/**
 * Header and request timeouts (HTTP_HEADERS_TIMEOUT_MS, HTTP_REQUEST_TIMEOUT_MS) below a tracker's
 * webhook timeout (Linear waits 5 s, Jira Cloud 20 s), so a slow or stalled sender cannot hold a
 * socket open for long; connections past MAX_CONNECTIONS are answered 503 at once and closed, so a
 * flood of sockets costs a bounded amount of memory. `setting` names the variable the port came from
 * (PORT, METRICS_PORT), for the PortInUseError thrown when another process has it.
 */
export async function listen(handler: RequestListener, port: number, limits: ServerLimits, setting = 'PORT', host = '0.0.0.0'): Promise<RunningHttpServer> {
  const refused = new WeakSet<Socket>();
  const server = createServer({
    requestTimeout: limits.requestTimeoutMs,
    headersTimeout: limits.headersTimeoutMs,
    connectionsCheckingInterval: CONNECTIONS_CHECKING_INTERVAL_MS,
  }, (req, res) => {
    // A refused connection was answered already; a request read from it before it closed is not served.
    if (refused.has(req.socket)) req.socket.destroy();
    else handler(req, res);
  });
  capConnections(server, limits.maxConnections, refused);
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

const TOO_MANY_CONNECTIONS = rawHttpError(busy('connections'), SECURITY_HEADERS);

/**
 * Past `max` open connections, a new one is answered 503 (JSON, Retry-After) and closed before node
 * reads a byte of it. node's own `maxConnections` would drop it without a word, which a tracker reads
 * as a network fault rather than as "come back later".
 */
function capConnections(server: Server, max: number, refused: WeakSet<Socket>): void {
  let open = 0;
  server.on('connection', (socket: Socket) => {
    if (open >= max) {
      refused.add(socket);
      socket.end(TOO_MANY_CONNECTIONS, () => socket.destroy());
      return;
    }
    open += 1;
    socket.once('close', () => { open -= 1; });
  });
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
