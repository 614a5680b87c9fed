import { ForwardSearch } from './forward-search.js';

/**
 * What a piece of markup opening at one place comes to: where it ends (exclusive) and what stands in
 * its place; 'none' when it does not open there; 'done' when nothing opening there or later can close.
 */
export type Opening = { readonly end: number; readonly replacement: string } | 'none' | 'done';

/**
 * `text` with each piece of markup that starts with `opener` replaced, scanning left to right as a
 * global regex replace does: after a piece, the scan goes on from its end. `readAt` finds its closing
 * characters with the shared ForwardSearch, so the scan costs one pass over the text however many
 * openers go unclosed (where a pattern like `\[[^\]]*\]` pays a pass per opener).
 */
export function replaceOpenings(text: string, opener: string, readAt: (open: number, search: ForwardSearch) => Opening): string {
  if (!text.includes(opener)) return text;
  const search = new ForwardSearch(text);
  const parts: string[] = [];
  let copied = 0;
  for (let open = text.indexOf(opener); open !== -1;) {
    const piece = readAt(open, search);
    if (piece === 'done') break;
    if (piece === 'none') {
      open = text.indexOf(opener, open + 1);
      continue;
    }
    parts.push(text.slice(copied, open), piece.replacement);
    copied = piece.end;
    open = text.indexOf(opener, copied);
  }
  if (copied === 0) return text;
  parts.push(text.slice(copied));
  return parts.join('');
}
