import { z } from 'zod';
import { describeIssues } from '../ticket-input.js';
import { KINDS, type Reading } from './metrics.js';

/** One labelled ticket (see shared/corpus/README.md, "Format"); other keys are ignored. */
export const CorpusEntrySchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  body: z.string().nullable().transform((body) => body ?? ''),
  /** The tracker's own labels, which the bot reads too (GitHub rows of corpus/tickets.jsonl have them). */
  tracker_labels: z.array(z.string()).optional().default([]),
  label: z.object({
    kind: z.enum(KINDS),
    output_only: z.boolean(),
    has_user: z.boolean(),
    has_outcome: z.boolean(),
    has_success_measure: z.boolean(),
    has_alternatives: z.boolean(),
  }),
});
export type CorpusEntry = z.infer<typeof CorpusEntrySchema>;

export function labelToReading(label: CorpusEntry['label']): Reading {
  return {
    kind: label.kind,
    outputOnly: label.output_only,
    user: label.has_user,
    outcome: label.has_outcome,
    successMeasure: label.has_success_measure,
    alternatives: label.has_alternatives,
  };
}

export interface Corpus {
  readonly entries: readonly CorpusEntry[];
  /** "line 4: label.has_user is required", one per line that is not a labelled ticket. */
  readonly errors: readonly string[];
}

/** Reads a JSON Lines corpus; blank lines are skipped, and every bad line is reported, not just the first. */
export function readCorpus(text: string): Corpus {
  const entries: CorpusEntry[] = [];
  const errors: string[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      errors.push(`line ${index + 1}: not valid JSON (${(e as Error).message})`);
      return;
    }
    const parsed = CorpusEntrySchema.safeParse(value);
    if (parsed.success) entries.push(parsed.data);
    else errors.push(`line ${index + 1}: ${describeIssues(parsed.error, 'a JSON object with id, title, body and label')}`);
  });
  return { entries, errors };
}
