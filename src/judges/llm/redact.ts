/** A replacement: the pattern, and what the model reads instead of a match (or the match kept, when `keep` says so). */
interface Redaction {
  readonly pattern: RegExp;
  readonly placeholder: string;
  readonly keep?: (match: string) => boolean;
}

/**
 * What LLM_REDACT replaces before a ticket's text leaves the process. Each pattern runs in time linear in
 * the text (bounded repetitions, no nested quantifiers over the same characters); the text is capped
 * (TicketText's MAX_TEXT_LENGTH) before it gets here.
 */
const REDACTIONS: readonly Redaction[] = [
  // user:password@ in any URL: the credentials go, the host stays (it often says what the ticket is about).
  { pattern: /\b([a-z][a-z0-9+.-]{1,20}:\/\/)[^\s/@:]{1,200}:[^\s/@]{1,200}@/gi, placeholder: '$1[credentials]@' },
  { pattern: /\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}\b/g, placeholder: '[email]' },
  // 13 to 19 digits, maybe grouped by single spaces or dashes, passing the Luhn check: card numbers (PANs).
  { pattern: /\b\d(?:[ -]?\d){12,18}\b/g, placeholder: '[card number]', keep: (match) => !luhnValid(match.replace(/\D/g, '')) },
  // 32+ hex digits: API keys, hashes, session ids.
  { pattern: /\b[0-9a-fA-F]{32,}\b/g, placeholder: '[token]' },
  // 32+ characters of base64 / base64url holding a digit and a letter: bearer tokens, JWT parts, secrets (a long word is none).
  { pattern: /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{32,}={0,2}/g, placeholder: '[token]', keep: (match) => !/\d/.test(match) || !/[A-Za-z]/.test(match) },
];

/** The text with e-mail addresses, credentials in URLs, card-like numbers and long hex or base64 tokens replaced. */
export function redact(text: string): string {
  let out = text;
  for (const { pattern, placeholder, keep } of REDACTIONS) {
    out = keep
      ? out.replace(pattern, (match) => (keep(match) ? match : placeholder))
      : out.replace(pattern, placeholder);
  }
  return out;
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}
