import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** One row of corpus/tickets.jsonl (corpus/README.md). */
export const LabelledTicketSchema = z.object({
  id: z.string().min(1),
  project: z.string().min(1),
  tracker: z.enum(['jira', 'github', 'gitlab']),
  title: z.string(),
  body: z.string().nullable().transform((b) => b ?? ''),
  tracker_labels: z.array(z.string()).optional().default([]),
  part: z.enum(['train', 'test']),
  label: z.object({
    kind: z.enum(['feature', 'task', 'bug', 'other']),
    output_only: z.boolean(),
    has_user: z.boolean(),
    has_outcome: z.boolean(),
    has_success_measure: z.boolean(),
    has_alternatives: z.boolean(),
  }),
});
export type LabelledTicket = z.infer<typeof LabelledTicketSchema>;

/** Reads a labelled corpus file; a line that is not a labelled ticket stops the run, naming the line. */
export function readLabelledTickets(path: string): LabelledTicket[] {
  return readFileSync(path, 'utf8').split('\n').flatMap((line, index) => {
    if (!line.trim()) return [];
    const parsed = LabelledTicketSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${path}:${index + 1}: not a labelled ticket: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    return [parsed.data];
  });
}
