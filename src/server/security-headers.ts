import type { ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';

/**
 * Headers for every answer. The server speaks JSON (and Prometheus text on /metrics), never HTML, so
 * helmet's page-oriented headers have nothing to protect; these few cost nothing and make sure that,
 * should a browser ever open an answer, it neither sniffs it into HTML nor runs, frames or caches it.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/** Puts SECURITY_HEADERS on an answer: the webhook routes call it on node's response, express through securityHeaders(). */
export function setSecurityHeaders(res: ServerResponse): void {
  for (const name in SECURITY_HEADERS) res.setHeader(name, SECURITY_HEADERS[name]!);
}

export function securityHeaders(): RequestHandler {
  return (_req, res, next) => {
    setSecurityHeaders(res);
    next();
  };
}
