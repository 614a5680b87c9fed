import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The HMAC-SHA256 of `rawBody` under `secret` when the hex digits `given` spell it, else null: a length
 * check, then a constant-time compare of the digests, so no early exit tells which byte differs. Both
 * providers sign this way; each checks its own header's shape first. The digest names the body for
 * the intake's replay check (signedBodyId), so the body is hashed once.
 */
export function hmacSha256Matching(secret: string, rawBody: Buffer, given: string): Buffer | null {
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const received = Buffer.from(given, 'hex');
  return received.length === expected.length && timingSafeEqual(received, expected) ? expected : null;
}

/**
 * A short name of a signed body for ids that logs and Redis show (a Data Center delivery key, the job
 * of a reused delivery id): 16 hex digits of the SHA-256 of its HMAC digest, so the id tells bodies
 * apart without showing the signature itself.
 */
export function bodyFingerprint(digest: Buffer): string {
  return createHash('sha256').update(digest).digest('hex').slice(0, 16);
}
