import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { parseLinearError, type LinearClient } from '@linear/sdk';

export type GraphQLVariables = Record<string, unknown>;

/** Sends one GraphQL document and resolves with its `data`, or rejects with the SDK's LinearError. */
export type GraphQLPost = (query: string, variables: GraphQLVariables) => Promise<unknown>;

export interface GraphQLOverHttpOptions {
  /** Linear's endpoint (https://api.linear.app/graphql, or a stub's). */
  readonly url: string;
  /** Sent with every request: Authorization and User-Agent, as the LinearClient built them. */
  readonly headers: Readonly<Record<string, string>>;
  /** No answer, or no further bytes of it, for this long: the request fails as a network error. Default 300 s, as global fetch waits. */
  readonly timeoutMs?: number;
  /** Idle kept-alive connections are closed after this long (below the 5 s a Node server keeps them). Default 4 s. */
  readonly idleSocketMs?: number;
}

/**
 * GraphQL over node:http(s) with kept-alive connections: what the SDK's `rawRequest` does over global
 * fetch, for a quarter of the CPU per request (fetch builds web streams, abort signals and cloned
 * Request/Response objects for each call). The answer is read as the SDK reads it, and every failure
 * reaches the caller as the SDK would throw it: an HTTP or GraphQL error goes through parseLinearError
 * with the same `response` (status, errors, headers) and `request` fields, so trackerErrorFromLinear maps
 * rate limits, Retry-After, 5xx, 401 and missing entities exactly as before; a refused or broken
 * connection and an unreadable body are wrapped by parseLinearError as fetch's failures were.
 */
export function graphQLOverHttp(options: GraphQLOverHttpOptions): GraphQLPost {
  const url = new URL(options.url);
  const secure = url.protocol === 'https:';
  const agentOptions = { keepAlive: true, timeout: options.idleSocketMs ?? 4000, scheduling: 'lifo' as const };
  const agent = secure ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
  const send = secure ? httpsRequest : httpRequest;
  const timeoutMs = options.timeoutMs ?? 300_000;
  return async (query, variables) => {
    const body = JSON.stringify({ query, variables });
    const answer = await new Promise<HttpAnswer>((resolve, reject) => {
      const req = send(url, {
        method: 'POST',
        agent,
        headers: { 'Content-Type': 'application/json', ...options.headers, 'Content-Length': Buffer.byteLength(body) },
      }, (res) => readAnswer(res).then(resolve, reject));
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer from Linear within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    }).catch((error: unknown) => { throw parseLinearError(error as Parameters<typeof parseLinearError>[0]); });
    const result = parsedBody(answer);
    if (typeof result !== 'string' && answer.status >= 200 && answer.status < 300 && !result.errors && result.data) return result.data;
    const response = { ...(typeof result === 'string' ? { error: result } : result), status: answer.status, headers: answer.headers };
    throw parseLinearError(new LinearAnswerError(response, { query, variables }) as Parameters<typeof parseLinearError>[0]);
  };
}

/** The `url` and `headers` a LinearClient was built with (apiKey or OAuth token, User-Agent). */
export function graphQLOverHttpFor(client: LinearClient): GraphQLPost {
  const { apiUrl, headers } = client.options as { apiUrl: string; headers?: Record<string, string> };
  return graphQLOverHttp({ url: apiUrl, headers: headers ?? {} });
}

interface HttpAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
  readonly headers: { get(name: string): string | null };
}

interface GraphQLResult {
  readonly data?: unknown;
  readonly errors?: unknown;
  readonly [key: string]: unknown;
}

function readAnswer(res: IncomingMessage): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('error', reject);
    res.on('aborted', () => reject(new Error('Linear closed the connection mid-answer')));
    res.on('end', () => resolve({
      status: res.statusCode ?? 0,
      contentType: String(res.headers['content-type'] ?? ''),
      text: Buffer.concat(chunks).toString('utf8'),
      headers: headersOf(res),
    }));
  });
}

/** JSON when Linear says it is JSON, else the text, as the SDK's getResult reads an answer; unparseable JSON throws as response.json() would. */
function parsedBody(answer: HttpAnswer): GraphQLResult | string {
  if (!answer.contentType.startsWith('application/json')) return answer.text;
  try {
    return JSON.parse(answer.text) as GraphQLResult;
  } catch (error) {
    throw parseLinearError(error as Parameters<typeof parseLinearError>[0]);
  }
}

/** `get(name)` over the answer's headers, as fetch's Headers offers it (a repeated header joined with ", "). */
function headersOf(res: IncomingMessage): HttpAnswer['headers'] {
  return {
    get(name: string): string | null {
      const value = res.headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/** The shape of the SDK's (unexported) GraphQLClientError, which parseLinearError and LinearError read. */
class LinearAnswerError extends Error {
  constructor(readonly response: Record<string, unknown> & { status: number }, readonly request: { query: string; variables: GraphQLVariables }) {
    super(`${messageOf(response)}: ${JSON.stringify({ response, request: { query: request.query } })}`);
  }
}

function messageOf(response: { status: number; errors?: unknown }): string {
  const first = Array.isArray(response.errors) ? (response.errors[0] as { message?: unknown } | undefined)?.message : undefined;
  return typeof first === 'string' ? first : `GraphQL Error (Code: ${response.status})`;
}
