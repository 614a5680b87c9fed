import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CorpusEntrySchema } from '../cli/eval/corpus.js';
import { CORPUS_PARTS } from '../cli/eval/corpus-part.js';

/** One row of corpus/tickets.jsonl (corpus/README.md): a labelled ticket with its project and its frozen part. */
export const LabelledTicketSchema = CorpusEntrySchema.extend({
  project: z.string().min(1),
  tracker: z.enum(['jira', 'github', 'gitlab']),
  part: z.enum(CORPUS_PARTS),
  /** The labellers' quotes of the words that carry each signal marked true (corpus/README.md). */
  evidence: z.record(z.string(), z.string().nullable()).optional().default({}),
});
export type LabelledTicket = z.infer<typeof LabelledTicketSchema>;

/** Reads a labelled corpus file; a line that is not a labelled ticket stops the run, naming the line. */
export function readLabelledTickets(path: string): LabelledTicket[] {
  return readJsonLines(path, LabelledTicketSchema, 'a labelled ticket');
}

/** Reads a JSON Lines file of `schema`'s rows; a line that is not one (`what`) stops the run, naming the line and the field. */
export function readJsonLines<Schema extends z.ZodTypeAny>(path: string, schema: Schema, what: string): z.infer<Schema>[] {
  return readFileSync(path, 'utf8').split('\n').flatMap((line, index) => {
    if (!line.trim()) return [];
    const parsed = schema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${path}:${index + 1}: not ${what}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    return [parsed.data];
  });
}

/** The evidence field that quotes each signal's words (corpus/README.md). */
export const EVIDENCE_FIELD = { user: 'user', outcome: 'outcome', successMeasure: 'success_measure', alternatives: 'alternatives' } as const;

/** The parts of a labelled quote: labellers join distant words with "..." (or "…"). */
export function evidenceParts(quote: string | null | undefined): string[] {
  return (quote ?? '').split(/\s*(?:\.\.\.|…)\s*/).filter((part) => part.trim() !== '');
}
