import { TrackerError, type TrackerErrorReason } from '../../bot/tracker.js';

interface HttpFailure {
  readonly status?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly cause?: { readonly response?: { readonly headers?: Record<string, unknown> } };
  readonly response?: { readonly headers?: Record<string, unknown>; readonly status?: unknown };
}

/**
 * Any failure of a jira.js call -> TrackerError. jira.js throws an HttpException carrying the status,
 * with the axios error (and so the response headers) as its cause; without a response it rethrows the
 * axios error itself. 429 (with Retry-After) and 5xx are retryable, as are network failures; other 4xx not.
 */
export function trackerErrorFromJira(error: unknown, operation: string, nowMs: number): TrackerError {
  if (error instanceof TrackerError) return error;
  const failure = (typeof error === 'object' && error !== null ? error : {}) as HttpFailure;
  const status = httpStatus(failure);
  const reason = reasonOf(status);
  const headers = failure.cause?.response?.headers ?? failure.response?.headers;
  return new TrackerError(describe(failure, status), {
    provider: 'jira',
    operation,
    reason,
    status,
    retryAfterMs: reason === 'rate_limited' || reason === 'unavailable' ? retryAfterMs(headers?.['retry-after'], nowMs) : null,
    cause: error,
  });
}

function httpStatus(failure: HttpFailure): number | null {
  const status = failure.response?.status ?? failure.status;
  return typeof status === 'number' && status >= 100 ? status : null;
}

function reasonOf(status: number | null): TrackerErrorReason {
  if (status === null || status >= 500) return 'unavailable';
  if (status === 429) return 'rate_limited';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404) return 'not_found';
  return 'rejected';
}

/** Retry-After is seconds or an HTTP date (RFC 9110 §10.2.3). */
function retryAfterMs(value: unknown, nowMs: number): number | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

function describe(failure: HttpFailure, status: number | null): string {
  const message = typeof failure.message === 'string' && failure.message ? failure.message : 'request failed';
  const code = typeof failure.code === 'string' ? ` (${failure.code})` : '';
  return status === null ? `no answer from Jira: ${message}${code}` : `HTTP ${status}: ${message}`;
}
