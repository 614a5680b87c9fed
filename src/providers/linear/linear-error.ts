import { LinearError, LinearErrorType } from '@linear/sdk';
import { TrackerError, type TrackerErrorReason } from '../../bot/tracker.js';

interface RawGraphQLResponse {
  readonly status?: number;
  readonly errors?: readonly { readonly message?: string; readonly extensions?: { readonly code?: string; readonly type?: string } }[];
  readonly headers?: { get(name: string): string | null };
}

/**
 * Any failure of an @linear/sdk call -> TrackerError. Linear signals rate limiting as HTTP 400 with
 * `errors[].extensions.code == "RATELIMITED"` (https://linear.app/developers/rate-limiting), which the SDK
 * files under an unknown type, so we read the raw response. 5xx, lock timeouts and network failures are
 * retryable; a missing entity or any other 4xx is not.
 */
export function trackerErrorFromLinear(error: unknown, operation: string, nowMs: number): TrackerError {
  if (error instanceof TrackerError) return error;
  const raw = error instanceof LinearError ? ((error.raw as { response?: RawGraphQLResponse } | undefined)?.response ?? {}) : {};
  const status = error instanceof LinearError ? (error.status ?? raw.status ?? null) : null;
  const reason = reasonOf(error, raw, status);
  return new TrackerError(error instanceof Error ? error.message : String(error), {
    provider: 'linear',
    operation,
    reason,
    status,
    retryAfterMs: reason === 'rate_limited' ? retryAfterMs(raw.headers, nowMs) : null,
    cause: error,
  });
}

function reasonOf(error: unknown, raw: RawGraphQLResponse, status: number | null): TrackerErrorReason {
  const codes = (raw.errors ?? []).map((e) => e.extensions?.code);
  const type = error instanceof LinearError ? error.type : undefined;
  if (codes.includes('RATELIMITED') || type === LinearErrorType.Ratelimited || status === 429) return 'rate_limited';
  if (!(error instanceof LinearError)) return 'unavailable';
  if (status !== null && status >= 500) return 'unavailable';
  if (type === LinearErrorType.NetworkError || type === LinearErrorType.LockTimeout || type === LinearErrorType.InternalError) return 'unavailable';
  if (type === LinearErrorType.AuthenticationError || type === LinearErrorType.Forbidden || status === 401 || status === 403) return 'unauthorized';
  if ((raw.errors ?? []).some((e) => /not found/i.test(e.message ?? '')) || status === 404) return 'not_found';
  // No answer at all: fetch failed before any response (refused, reset, DNS).
  if (status === null && (raw.errors ?? []).length === 0) return 'unavailable';
  return 'rejected';
}

/** Retry-After (seconds) when sent, else the later of Linear's request and complexity reset times (epoch ms). */
function retryAfterMs(headers: RawGraphQLResponse['headers'], nowMs: number): number | null {
  const retryAfter = Number(headers?.get('retry-after') ?? NaN);
  if (Number.isFinite(retryAfter) && retryAfter >= 0) return retryAfter * 1000;
  const resets = ['x-ratelimit-requests-reset', 'x-ratelimit-complexity-reset']
    .map((name) => Number(headers?.get(name) ?? NaN))
    .filter((value) => Number.isFinite(value) && value > nowMs);
  return resets.length > 0 ? Math.max(...resets) - nowMs : null;
}
