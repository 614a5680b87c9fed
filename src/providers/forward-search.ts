/**
 * `text.indexOf(needle, from)` for a scan that only moves forward, as a flattener's scan does: a result
 * is reused while it still holds, so that many openers looking for the same closer (100,000 `[` and no
 * `]`) cost one search in all rather than one each, which a regex like `\[[^\]]*\]` pays (quadratic).
 */
export class ForwardSearch {
  private readonly found = new Map<string, { readonly from: number; readonly at: number }>();

  constructor(private readonly text: string) {}

  /** The first index of `needle` at or after `from`, or -1; `from` must not move back between calls with one needle. */
  indexOf(needle: string, from: number): number {
    const last = this.found.get(needle);
    if (last && from >= last.from && (last.at === -1 || from <= last.at)) return last.at;
    const at = this.text.indexOf(needle, from);
    this.found.set(needle, { from, at });
    return at;
  }

  /** The first line terminator (as `.` in a regex does not match it) at or after `from`, or the text's length. */
  lineBreak(from: number): number {
    let first = this.text.length;
    for (const terminator of LINE_TERMINATORS) {
      const at = this.indexOf(terminator, from);
      if (at !== -1 && at < first) first = at;
    }
    return first;
  }
}

const LINE_TERMINATORS = ['\n', '\r', '\u2028', '\u2029'];
