import { HttpError } from './http-error.js';

/**
 * The deepest nesting of arrays and objects a webhook body may have. Linear and Jira payloads nest
 * about a dozen levels (an ADF document a few more); the readers after JSON.parse (zod, the ADF and
 * wiki flatteners) recurse, and a signed body nested thousands deep would overflow their stack.
 */
export const MAX_JSON_DEPTH = 128;

/**
 * JSON text is UTF-8 (RFC 8259 §8.1): bytes that are not are refused rather than silently replaced
 * with U+FFFD, so the text the bot reads is the text the provider signed.
 */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A verified body -> its JSON value; HttpError 400 for bytes that are not UTF-8, not JSON, or nested too
 * deep. V8's JSON.parse does not recurse, so any depth parses safely; the depth is then checked on the
 * parsed value, which has far fewer nodes than the text has characters.
 */
export function parseJsonBody(body: Buffer): unknown {
  let text: string;
  try {
    text = UTF8.decode(body);
  } catch {
    throw new HttpError(400, 'malformed_json', 'The body is not valid UTF-8, so it is not valid JSON.');
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(400, 'malformed_json', `The body is not valid JSON: ${(error as Error).message}`);
  }
  if (nestsDeeperThan(value, MAX_JSON_DEPTH)) {
    throw new HttpError(400, 'invalid_payload', `The body nests arrays and objects over ${MAX_JSON_DEPTH} levels deep; no webhook payload does.`);
  }
  return value;
}

/** True when arrays and objects nest more than `limit` levels in `value`; iterative, so any depth is safe. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: unknown[] = [value];
  const depths: number[] = [0];
  while (pending.length > 0) {
    const node = pending.pop();
    const depth = depths.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') {
        pending.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}
