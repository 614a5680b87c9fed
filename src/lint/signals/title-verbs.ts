import type { InferredKind } from '../signal.js';

// Which kind of ticket a title's opening verb leans towards, and whether it asks for an output of its
// own. Every verb here is one of the instruction verbs (phrases/instruction-verbs.ts); the rest lean nowhere.

/** Verbs that ask for something people outside the team will use: they lean towards a feature. */
const FEATURE_VERBS = [
  'add',
  'adding',
  'support',
  'allow',
  'enable',
  'provide',
  'expose',
  'show',
  'display',
  'introduce',
  'export',
  'import',
  'integrate',
  'offer',
  'let',
  'include',
  'generate',
  'notify',
  'send',
  'highlight',
  'redesign',
  'customize',
  'customise',
  'sort',
  'filter',
  'search',
  'download',
  'upload',
  'edit',
  'delete',
  'bulk',
  'mark',
  'hide',
  'new',
  'turn',
  'manage',
  'simplify',
  'auto',
  'want',
  'need',
  'have',
  'persist',
  'save',
  'extend',
];
/** Verbs that ask for internal work: they lean towards a task and name no deliverable. */
const TASK_VERBS = [
  'refactor',
  'upgrade',
  'migrate',
  'move',
  'replace',
  'use',
  'switch',
  'write',
  'test',
  'bump',
  'cleanup',
  'clean',
  'investigate',
  'research',
  'determine',
  'finalize',
  'prepare',
  'avoid',
  'rework',
  'port',
  'drop',
  'deprecate',
  'rename',
  'remove',
];

const LEANS = new Map<string, InferredKind>([
  ...FEATURE_VERBS.map((v) => [v, 'feature'] as const),
  ...TASK_VERBS.map((v) => [v, 'task'] as const),
  ['fix', 'bug'],
]);
/** Verbs whose titles name no deliverable: internal work, a fix, or documenting what exists. */
const NO_OUTPUT = new Set([...TASK_VERBS, 'fix', 'document']);

/** The kind an opening verb leans towards, if any. */
export function verbLean(verb: string): InferredKind | undefined {
  return LEANS.get(verb);
}

/** Whether a title opening with `verb` asks for an output (not internal work or a fix). */
export function verbAsksForOutput(verb: string): boolean {
  return !NO_OUTPUT.has(verb);
}
