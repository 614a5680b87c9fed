import type { z } from 'zod';
import type { Ticket } from '../../domain/ticket.js';
import type { Analysis } from '../analysis.js';
import type { Level } from '../verdict.js';

/** What a rule kind reads: the ticket as the tracker gave it and what the engine made of it. */
export interface RuleContext {
  readonly ticket: Ticket;
  readonly analysis: Analysis;
}

/** A finding before the pack has its say: the pack adds the rule id, level, message and question. */
export interface DraftFinding {
  readonly evidence: readonly string[];
}

/**
 * A rule kind's metadata (as an ESLint rule's `meta`): packs name it by `id`, may omit `level` and
 * `message` (the defaults below apply), and set options that `optionsSchema` validates at load time.
 */
export interface RuleKindMeta<S extends z.ZodType = z.ZodType> {
  readonly id: string;
  readonly description: string;
  readonly defaultLevel: Exclude<Level, 'off'>;
  readonly defaultMessage: string;
  readonly optionsSchema: S;
}

/** A rule kind with its options type erased, as the registry holds it. */
export interface RuleKind {
  readonly meta: RuleKindMeta;
  check(context: RuleContext, options: unknown): DraftFinding[];
}

/** What every `src/lint/kinds/<kind>.ts` module exports. */
export interface RuleKindModule<S extends z.ZodType> {
  readonly meta: RuleKindMeta<S>;
  check(context: RuleContext, options: z.output<S>): DraftFinding[];
}

/**
 * Erases a kind module's options type; the options are parsed by its own schema, once per options
 * object (a compiled pack keeps the same objects for its life, and parsing them per ticket costs time).
 */
export function ruleKind<S extends z.ZodType>(module: RuleKindModule<S>): RuleKind {
  const parsed = new WeakMap<object, z.output<S>>();
  const parse = (options: unknown): z.output<S> => {
    if (typeof options !== 'object' || options === null) return module.meta.optionsSchema.parse(options);
    let value = parsed.get(options);
    if (value === undefined) parsed.set(options, (value = module.meta.optionsSchema.parse(options)));
    return value;
  };
  return { meta: module.meta, check: (context, options) => module.check(context, parse(options)) };
}

/** The words a finding cites when it is about the deliverable: the detector's evidence, else the kind's. */
export function deliverableEvidence(analysis: Analysis): string[] {
  const evidence = analysis.signals.deliverable.evidence.length
    ? analysis.signals.deliverable.evidence
    : analysis.kindEvidence;
  return evidence.map((e) => e.text);
}
