import type { LlmRequest } from './llm-request.js';
import { LlmFailure } from './llm-failure.js';

export interface TransportOptions {
  /** Each attempt's bound (LLM_TIMEOUT_MS); a timeout is not retried: the offline judge answers at once. */
  readonly timeoutMs: number;
  /** Retries after a 429 or 5xx, each after Retry-After or a backoff; then the offline judge answers. */
  readonly retries: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** The first backoff when the answer has no Retry-After; doubled on each retry. */
const BACKOFF_MS = 500;

/**
 * POSTs the request and returns the parsed JSON body, retrying a 429 or 5xx `retries` times (waiting as
 * Retry-After says, seconds or a date, at most one timeout's length, else 0.5 s, 1 s, ...). Node's fetch: no SDK, since both APIs
 * are one POST each and an SDK per provider would add two dependencies for what this file does.
 */
export async function postJson(request: LlmRequest, options: TransportOptions): Promise<unknown> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 0; ; attempt += 1) {
    const response = await send(request, options.timeoutMs);
    const retryable = response.status === 429 || response.status >= 500;
    if (retryable && attempt < options.retries) {
      await response.body?.cancel();
      await sleep(waitMs(response.headers.get('retry-after'), attempt, options.timeoutMs));
      continue;
    }
    if (response.status === 429) throw new LlmFailure('rate_limited', `HTTP 429 after ${attempt} retries`);
    if (response.status >= 500) throw new LlmFailure('server_error', `HTTP ${response.status} after ${attempt} retries`);
    if (response.status >= 400) throw new LlmFailure('client_error', `HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`);
    try {
      return await response.json();
    } catch {
      throw new LlmFailure('invalid_json', 'the response body is not JSON');
    }
  }
}

async function send(request: LlmRequest, timeoutMs: number): Promise<Response> {
  try {
    return await fetch(request.url, {
      method: 'POST', headers: request.headers, body: JSON.stringify(request.body), signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') throw new LlmFailure('timeout', `no answer within ${timeoutMs} ms`);
    throw new LlmFailure('unreachable', String((error as Error).cause ?? error));
  }
}

/** Retry-After in seconds or as an HTTP date (RFC 9110 §10.2.3), bounded by one timeout; else the backoff. */
export function waitMs(retryAfter: string | null, attempt: number, maxMs: number): number {
  const backoff = BACKOFF_MS * 2 ** attempt;
  if (!retryAfter) return Math.min(backoff, maxMs);
  const seconds = Number(retryAfter);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(0, ms), maxMs) : Math.min(backoff, maxMs);
}
