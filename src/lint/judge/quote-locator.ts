import type { Evidence } from '../signal.js';
import { TicketText } from '../ticket-text.js';

/** A quote longer than this is no quote but a copy of the ticket; the model is asked for the shortest words that carry a signal. */
export const MAX_QUOTE_LENGTH = 400;

/**
 * The ticket's text with every run of white space one space and lower-cased, and for each of its
 * characters the offset it came from, so a quote found in it is evidence in the ticket's own offsets.
 */
interface Squeezed {
  readonly text: string;
  readonly origin: readonly number[];
}

const squeezedOf = new WeakMap<TicketText, Squeezed>();

function squeeze(full: string): Squeezed {
  let text = '';
  const origin: number[] = [];
  let space = false;
  for (let i = 0; i < full.length; i += 1) {
    const ch = full[i]!;
    if (/\s/.test(ch)) {
      space = text.length > 0;
      continue;
    }
    if (space) {
      text += ' ';
      origin.push(i - 1);
      space = false;
    }
    text += ch.toLowerCase().length === 1 ? ch.toLowerCase() : ch;
    origin.push(i);
  }
  return { text, origin };
}

/** The quote as it is compared: white space squeezed, lower case, trimmed, and quotation marks around it dropped. */
export function normaliseQuote(quote: string): string {
  return quote.trim().replace(/^["'“‘]+|["'”’]+$/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * Where the quote occurs in the ticket's text (white space normalised, case ignored), as evidence with
 * the ticket's own words; null when it does not occur, is empty, or is longer than MAX_QUOTE_LENGTH.
 * Linear in the text's length: one pass to squeeze (once per text), one indexOf.
 */
export function locateQuote(text: TicketText, quote: string): Evidence | null {
  const wanted = normaliseQuote(quote);
  if (wanted.length === 0 || wanted.length > MAX_QUOTE_LENGTH) return null;
  let squeezed = squeezedOf.get(text);
  if (!squeezed) squeezedOf.set(text, (squeezed = squeeze(text.full)));
  const at = squeezed.text.indexOf(wanted);
  if (at < 0) return null;
  const start = squeezed.origin[at]!;
  const end = squeezed.origin[at + wanted.length - 1]! + 1;
  return text.evidence(start, end);
}

/**
 * The first of the replies that holds the quote (white space normalised, case ignored), as its index and
 * the reply's own words; null when none does. A reply is read as a ticket with an empty title.
 */
export function locateInReplies(replies: readonly string[], quote: string): { readonly reply: number; readonly words: string } | null {
  for (let reply = 0; reply < replies.length; reply += 1) {
    const evidence = locateQuote(TicketText.of('', replies[reply]!), quote);
    if (evidence) return { reply, words: evidence.text };
  }
  return null;
}
