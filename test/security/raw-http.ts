import { connect, type Socket } from 'node:net';

/** What a raw HTTP exchange came to: the bytes answered, and when the server closed the connection. */
export interface RawExchange {
  readonly socket: Socket;
  /** Resolves once the server has closed the connection (or the test did): the answer, and ms since the connection opened. */
  readonly closed: Promise<{ answer: string; afterMs: number }>;
  /** The answer as far as it has arrived. */
  answer(): string;
}

/**
 * Opens a TCP connection to `url`'s host and port and writes `bytes` without ending the request: a
 * sender that stops mid-request, as a slow or hostile client does.
 */
export function rawExchange(url: string, bytes: string | Buffer = ''): RawExchange {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  const opened = Date.now();
  let answer = '';
  socket.on('data', (chunk: Buffer) => { answer += chunk.toString('latin1'); });
  socket.on('error', () => { /* a reset after the server's answer is the end of the exchange */ });
  if (bytes.length > 0) socket.write(bytes);
  const closed = new Promise<{ answer: string; afterMs: number }>((resolve) => {
    socket.on('close', () => resolve({ answer, afterMs: Date.now() - opened }));
  });
  return { socket, closed, answer: () => answer };
}

/** The status code of a raw HTTP answer, or null before one has arrived. */
export function statusOf(answer: string): number | null {
  const match = /^HTTP\/1\.1 (\d{3})/.exec(answer);
  return match ? Number(match[1]) : null;
}

/** The JSON body of a raw HTTP answer. */
export function jsonOf(answer: string): Record<string, unknown> {
  return JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>;
}

/** Request headers for a POST of `length` bytes to `path`, as a stalled sender writes them. */
export function postHead(path: string, length: number, extra = ''): string {
  return `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n${extra}\r\n`;
}
