/**
 * A CSV reader after RFC 4180, for the files Linear and Jira export: fields separated by commas,
 * records by CRLF or LF, a field in double quotes may hold commas, line breaks and doubled quotes.
 * Forty lines of our own rather than a dependency: the CLI only reads, never writes, and needs no
 * dialects. One pass with indexOf, so a hostile file costs time linear in its length.
 */
export interface CsvRow {
  /** The line the record starts on, counting from 1, for error messages. */
  readonly line: number;
  readonly cells: readonly string[];
}

export class CsvError extends Error {
  override readonly name = 'CsvError';
}

export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let at = 0;
  let line = 1;
  let rowLine = 1;
  while (at <= text.length) {
    let cell: string;
    if (text[at] === '"') {
      const pieces: string[] = [];
      let from = at + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote < 0) throw new CsvError(`line ${line}: a quoted field is never closed`);
        pieces.push(text.slice(from, quote));
        if (text[quote + 1] !== '"') { at = quote + 1; break; }
        pieces.push('"');
        from = quote + 2;
      }
      // Text between a closing quote and the next comma is kept, as spreadsheets do, rather than refused.
      const end = endOfField(text, at);
      pieces.push(text.slice(at, end));
      at = end;
      cell = pieces.join('');
      line += countLineBreaks(cell);
    } else {
      const end = endOfField(text, at);
      cell = text.slice(at, end);
      at = end;
    }
    cells.push(cell);
    if (text[at] === ',') { at++; continue; }
    // The record ends here, at a line break or at the end of the text.
    const next = text[at] === '\r' && text[at + 1] === '\n' ? at + 2 : at < text.length ? at + 1 : -1;
    if (!(cells.length === 1 && cells[0] === '')) rows.push({ line: rowLine, cells });
    cells = [];
    line += 1;
    rowLine = line;
    if (next < 0) break;
    at = next;
  }
  return rows;
}

/** Where an unquoted field ends: the next comma or line break, or the end. */
function endOfField(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 44 || ch === 10 || ch === 13) return i;
  }
  return text.length;
}

function countLineBreaks(text: string): number {
  return (text.match(/\r\n|\r|\n/g) ?? []).length;
}
