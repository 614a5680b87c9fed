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

/** A verified body -> its JSON value; HttpError 400 for bytes that are not UTF-8, not JSON, or nested too deep. */
export function parseJsonBody(body: Buffer): unknown {
  let text: string;
  try {
    text = UTF8.decode(body);
  } catch {
    throw new HttpError(400, 'malformed_json', 'The body is not valid UTF-8, so it is not valid JSON.');
  }
  const depth = nestingDepth(text);
  if (depth > MAX_JSON_DEPTH) {
    throw new HttpError(400, 'invalid_payload', `The body nests arrays and objects over ${MAX_JSON_DEPTH} levels deep; no webhook payload does.`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(400, 'malformed_json', `The body is not valid JSON: ${(error as Error).message}`);
  }
}

/** The deepest bracket nesting outside string literals, in one pass (stops counting past the limit). */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > MAX_JSON_DEPTH) return deepest;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return deepest;
}
