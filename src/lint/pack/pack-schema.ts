import { z } from 'zod';
import { TicketKindSchema } from '../../domain/ticket.js';
import { LEVELS } from '../verdict.js';

/**
 * The YAML of one pack file, as written: every section optional, so a pack that `extends` another
 * may set only what it changes. Merging and defaults come later (merge-packs.ts, compile-pack.ts).
 */
const words = z.array(z.string().min(1));
/** `extends: product-sense` reads as well as `extends: [product-sense]`. */
const oneOrMany = z.preprocess((v) => (typeof v === 'string' ? [v] : v), words);

export const LevelSchema = z.enum(LEVELS);
export const INFERRED_KINDS = ['feature', 'task', 'bug', 'other'] as const;

/**
 * Which tickets a `when` filter or an override is about. Every list it sets must hold; within a list
 * any value will do. `teams` (Linear team keys) and `projects` (Jira project keys) both name the
 * ticket's team or project, so together they are one list: a ticket in either matches.
 */
const ticketFilter = {
  kinds: z.array(z.enum(INFERRED_KINDS)).optional(),
  labels: words.optional(),
  teams: words.optional(),
  projects: words.optional(),
};
export const WhenSchema = z.strictObject(ticketFilter);
export type When = z.infer<typeof WhenSchema>;

/** The fields every rule has; any other key is an option of its kind, checked by the kind's schema. */
export const RULE_FIELDS = ['kind', 'level', 'message', 'question', 'when'] as const;
export const RawRuleSchema = z.looseObject({
  kind: z.string().min(1).optional(),
  level: LevelSchema.optional(),
  message: z.string().min(1).optional(),
  /** `question: null` (or an empty `question:`) removes an inherited question. */
  question: z.string().min(1).nullable().optional(),
  when: WhenSchema.optional(),
});
export type RawRule = z.infer<typeof RawRuleSchema>;

/**
 * ESLint-style `overrides`: for the tickets it matches, change some fields of some rules (a level, a
 * message, a question, a kind's option), applied in order, later wins. Unlike `when`, which switches
 * a rule off for every ticket it does not match, an override leaves the other tickets as they were.
 */
export const OverrideSchema = z.strictObject({
  ...ticketFilter,
  rules: z.record(z.string(), RawRuleSchema),
});
export type Override = z.infer<typeof OverrideSchema>;

export const DeliverableProfileSchema = z.strictObject({
  name: z.string().min(1),
  match: words.min(1),
  who: z.string().min(1).optional(),
  alternatives: words.optional(),
});
export type DeliverableProfile = z.infer<typeof DeliverableProfileSchema>;

export const ExampleSchema = z.strictObject({
  title: z.string().min(1),
  body: z.string().default(''),
  /** What the tracker calls the ticket; the engine infers its own kind from this and the text. */
  kind: TicketKindSchema.default('unknown'),
  labels: words.default([]),
  team: z.string().nullable().default(null),
  author: z.string().nullable().default(null),
  /** For a flagged example: the rules that must fire. */
  rules: words.optional(),
});
export type Example = z.infer<typeof ExampleSchema>;

export const RawPackSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  extends: oneOrMany.optional(),
  vocabulary: z.strictObject({ personas: words.optional(), metrics: words.optional(), outputVerbs: words.optional() }).optional(),
  deliverables: z.array(DeliverableProfileSchema).optional(),
  defaultAlternatives: words.optional(),
  defaultWho: z.string().min(1).optional(),
  labels: z.strictObject({ needsContext: z.string().min(1).optional(), contextComplete: z.string().min(1).optional() }).optional(),
  exempt: z.strictObject({ labels: words.optional(), authors: words.optional() }).optional(),
  /**
   * Which judgement reads tickets: `learned` (the shipped model, the default) or `cues` (the hand-written
   * phrases alone); `strictness`: the output-only probability from which a ticket is flagged (higher flags
   * fewer tickets; default: the model's, chosen to flag at most 5% of good tickets).
   */
  judgement: z.strictObject({ engine: z.enum(['learned', 'cues']).optional(), strictness: z.number().gt(0).lt(1).optional() }).optional(),
  rules: z.record(z.string(), RawRuleSchema).optional(),
  overrides: z.array(OverrideSchema).optional(),
  examples: z.strictObject({ flagged: z.array(ExampleSchema).optional(), passes: z.array(ExampleSchema).optional() }).optional(),
});
export type RawPack = z.infer<typeof RawPackSchema>;
