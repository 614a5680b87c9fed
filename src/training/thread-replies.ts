import { z } from 'zod';
import { CORPUS_PARTS } from '../cli/eval/corpus-part.js';
import { readJsonLines, type LabelledTicket } from './labelled-ticket.js';

/**
 * One row of corpus/replies.jsonl (corpus/README.md, "Thread replies"): what someone answered in the
 * thread when the bot asked its questions of a ticket with a title and no description, labelled by the
 * corpus's definitions as if the reply were the description. Its part is drawn from the title.
 */
export const ThreadReplySchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  reply: z.string().min(1),
  part: z.enum(CORPUS_PARTS),
  label: z.object({
    has_user: z.boolean(),
    has_outcome: z.boolean(),
    has_success_measure: z.boolean(),
    has_alternatives: z.boolean(),
  }),
});
export type ThreadReply = z.infer<typeof ThreadReplySchema>;

export function readThreadReplies(path: string): ThreadReply[] {
  return readJsonLines(path, ThreadReplySchema, 'a labelled reply');
}

/**
 * A reply as reply-eval.ts reads a ticket: a feature asked its questions from its title alone, with the
 * reply as its description; whatever the labels find, the reply holds, so the whole reply is the evidence.
 */
export function asRepliedTicket(reply: ThreadReply): LabelledTicket {
  const { label } = reply;
  const quote = (present: boolean): string | null => (present ? reply.reply : null);
  return {
    id: reply.id,
    title: reply.title,
    body: reply.reply,
    tracker_labels: [],
    project: 'thread replies',
    tracker: 'github',
    part: reply.part,
    label: { kind: 'feature', output_only: !label.has_outcome, ...label },
    evidence: {
      user: quote(label.has_user),
      outcome: quote(label.has_outcome),
      success_measure: quote(label.has_success_measure),
      alternatives: quote(label.has_alternatives),
    },
  };
}
