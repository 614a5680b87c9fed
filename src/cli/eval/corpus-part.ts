import { createHash } from 'node:crypto';

/**
 * The frozen split of corpus/tickets.jsonl (corpus/README.md): a project's tickets are all in the test part or
 * all in train, by a salted SHA-256 of the project's name, so a new ticket of a known project lands on its
 * project's side and a new project is drawn without anyone choosing. Mirrors corpus/tools/part_of.py, which
 * built the file; the test part is only measured on, never tuned on.
 */
export const CORPUS_PARTS = ['train', 'test'] as const;
export type CorpusPart = (typeof CORPUS_PARTS)[number];

const SPLIT_SALT = 'ticketlint-split-v1:';
export const TEST_PERCENT = 20;

export function corpusPartOf(project: string): CorpusPart {
  const digest = createHash('sha256').update(SPLIT_SALT + project.toLowerCase(), 'utf8').digest('hex');
  return Number.parseInt(digest.slice(0, 8), 16) % 100 < TEST_PERCENT ? 'test' : 'train';
}
