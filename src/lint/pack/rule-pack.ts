import type { Vocabulary } from '../vocabulary.js';
import type { Judgement } from '../model/learned-judgement.js';
import type { DeliverableOverlap } from './deliverable-overlap.js';
import type { Level } from '../verdict.js';
import type { DeliverableProfile, Example, When } from './pack-schema.js';

/**
 * The pack `lint()` runs: every `extends` merged in, every default applied, every rule's kind and
 * options checked. Built by compilePack (pure) from the layers src/packs/load-pack.ts reads. Its
 * parts are the types of the YAML schema (pack-schema.ts); only the merged shape is new here.
 */
export interface RulePack {
  readonly name: string;
  readonly description: string;
  /** The file the pack was loaded from, and every file merged into it, base first. */
  readonly file: string;
  readonly files: readonly string[];
  /** Words added to the engine's own lists; the same arrays for the pack's life, so detectors may cache by them. */
  readonly vocabulary: Vocabulary;
  /** Ranked: where two can match the same word the first wins, and a pack's own come before those it extends. */
  readonly deliverables: readonly DeliverableProfile[];
  /** Profiles that can match the same words, and which wins (`ticketlint validate` reports them). */
  readonly deliverableOverlaps: readonly DeliverableOverlap[];
  readonly defaultAlternatives: readonly string[];
  readonly defaultWho: string;
  /** Labels the bot sets on a ticket that needs context, and once the context is complete. */
  readonly labels: { readonly needsContext: string; readonly contextComplete: string };
  readonly exempt: { readonly labels: readonly string[]; readonly authors: readonly string[] };
  /**
   * The judgement the pack asks for. `model` is null in a pack compiled from YAML alone; the loader that
   * reads packs from disk (src/packs/load-pack.ts) gives a `learned` pack the shipped model.
   */
  readonly judgement: PackJudgement;
  /** In pack order: the order findings and questions come out in. */
  readonly rules: readonly CompiledRule[];
  /** Every layer's overrides, base first: applied in this order to the tickets they match (rulesFor). */
  readonly overrides: readonly CompiledOverride[];
  /** The examples of the pack's own file (not of the packs it extends, whose levels may differ). */
  readonly examples: { readonly flagged: readonly Example[]; readonly passes: readonly Example[] };
}

export interface CompiledRule {
  readonly id: string;
  readonly kind: string;
  readonly level: Level;
  readonly message: string;
  readonly question: string | null;
  readonly when: When;
  /** The kind's options, validated by its schema. */
  readonly options: Readonly<Record<string, unknown>>;
}

export interface PackJudgement extends Judgement {
  readonly engine: 'learned' | 'cues';
}

/** The pack read by the cue engine alone, whatever judgement it asks for. */
export function withCueEngineOnly(pack: RulePack): RulePack {
  return { ...pack, judgement: { engine: 'cues', strictness: null, model: null } };
}

/** One entry of `overrides`: which tickets, and per rule id the fields it changes there. */
export interface CompiledOverride {
  readonly filter: When;
  readonly rules: ReadonlyMap<string, RuleChange>;
}

/** The fields an override changes; options are only those it sets, checked against the rule's kind merged with them. */
export type RuleChange = Partial<Pick<CompiledRule, 'level' | 'message' | 'question' | 'options'>>;
