import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the stub received, as the test wants to assert on it. */
export interface RecordedCall {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly authorization: string | undefined;
  /** Every request header, names in lower case. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** For GraphQL stubs: the operation name the SDK sent. */
  readonly operation?: string;
  /** When the request arrived (Date.now()), for tests of how long a client waited between calls. */
  readonly at: number;
}

export interface StubResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A canned failure answered instead of the real handler, `times` times, to requests it matches.
 * With `delayMs` the answer comes that much later (a slow or hung API); without `response` the real
 * handler answers then, so a delayed write still happens, only late.
 */
export interface Fault {
  readonly times: number;
  readonly response?: StubResponse;
  readonly delayMs?: number;
  readonly matches?: (call: RecordedCall) => boolean;
}

export interface StubHandle {
  readonly url: string;
  readonly calls: RecordedCall[];
  /** Queue a failure: the next `times` matching requests get `response`. */
  fail(fault: Fault): void;
  /** The most requests that were in the stub at once (arrived, not yet answered) since it started or was last reset. */
  peakInFlight(): number;
  resetPeakInFlight(): void;
  close(): Promise<void>;
}

/** How a stub behaves beyond its routes. */
export interface StubOptions {
  /**
   * Every request is answered (and its write applied) this many ms after it arrives, asked once per
   * request: a tracker that answers slowly, as a loaded Linear or Jira does.
   */
  readonly answerDelayMs?: () => number;
}

type Handler = (call: RecordedCall) => StubResponse;
type Describe = (path: string, body: unknown) => string | undefined;

/** A JSON HTTP server on 127.0.0.1 and a free port, recording every call, with switchable faults. */
export async function startJsonStub(handle: Handler, operationOf: Describe = () => undefined, options: StubOptions = {}): Promise<StubHandle> {
  const calls: RecordedCall[] = [];
  const faults: { remaining: number; fault: Fault }[] = [];
  const flight = { now: 0, peak: 0 };
  const server: Server = createServer((req, res) => {
    flight.now += 1;
    flight.peak = Math.max(flight.peak, flight.now);
    let counted = true;
    const landed = (): void => { if (counted) { counted = false; flight.now -= 1; } };
    res.once('finish', landed).once('close', landed);
    void readBody(req).then((raw) => {
      const call = recordedCall(req, raw, operationOf);
      calls.push(call);
      const pending = faults.find((f) => f.remaining > 0 && (f.fault.matches?.(call) ?? true));
      if (pending) pending.remaining -= 1;
      const respond = (): void => send(res, pending?.fault.response ?? safely(handle, call));
      const delayMs = (pending?.fault.delayMs ?? 0) + (options.answerDelayMs?.() ?? 0);
      if (delayMs > 0) setTimeout(respond, delayMs).unref();
      else respond();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    fail: (fault) => faults.push({ remaining: fault.times, fault }),
    peakInFlight: () => flight.peak,
    resetPeakInFlight: () => { flight.peak = flight.now; },
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((err) => (err ? reject(err) : resolve()));
    }),
  };
}

function safely(handle: Handler, call: RecordedCall): StubResponse {
  try {
    return handle(call);
  } catch (error) {
    return { status: 500, body: { message: `stub handler failed: ${String(error)}` } };
  }
}

function recordedCall(req: IncomingMessage, raw: string, operationOf: Describe): RecordedCall {
  const url = new URL(req.url ?? '/', 'http://stub');
  let body: unknown = raw;
  try { body = raw ? JSON.parse(raw) : undefined; } catch { /* keep the raw text */ }
  const operation = operationOf(url.pathname, body);
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    body,
    authorization: req.headers.authorization,
    headers: req.headers,
    at: Date.now(),
    ...(operation ? { operation } : {}),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => { raw += chunk; });
    req.on('end', () => resolve(raw));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, response: StubResponse): void {
  const headers: Record<string, string> = { ...(response.headers ?? {}) };
  if (response.body === undefined) {
    res.writeHead(response.status, headers).end();
    return;
  }
  headers['content-type'] ??= 'application/json; charset=utf-8';
  res.writeHead(response.status, headers).end(JSON.stringify(response.body));
}
