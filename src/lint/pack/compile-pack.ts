import { EMPTY_VOCABULARY, extendVocabulary, type Vocabulary } from '../vocabulary.js';
import { checkRule, ruleOptions } from './check-rule.js';
import { didYouMean } from './did-you-mean.js';
import { PackError } from './pack-error.js';
import { deliverableOverlaps, type PlacedProfile } from './deliverable-overlap.js';
import type { Example, RawPack, RawRule } from './pack-schema.js';
import type { CompiledOverride, CompiledRule, RuleChange, RulePack } from './rule-pack.js';

/** One parsed pack file; a pack and the packs it extends are a list of these, base first. */
export interface PackLayer {
  readonly file: string;
  readonly pack: RawPack;
}

export const DEFAULT_WHO = 'Who needs {deliverable}, and what problem does it solve for them?';
export const DEFAULT_LABELS = { needsContext: 'needs-context', contextComplete: 'context-complete' } as const;

/**
 * Merges layers (later wins) and checks the result: rules merge per id field by field, word lists,
 * deliverable profiles and exemptions accumulate, scalars and `defaultAlternatives` are replaced.
 * Throws PackError naming the file the faulty part came from.
 */
export function compilePack(layers: readonly PackLayer[]): RulePack {
  const top = layers[layers.length - 1];
  if (!top) throw new Error('compilePack needs at least one layer');
  const last = <T>(pick: (pack: RawPack) => T | undefined): T | undefined =>
    layers.reduce<T | undefined>((value, layer) => pick(layer.pack) ?? value, undefined);
  const merged = mergeRules(layers);
  const rules = compileRules(merged);
  const overrides = compileOverrides(layers, merged);
  const profiles = rankDeliverables(layers);
  return {
    name: top.pack.name,
    description: last((p) => p.description) ?? '',
    file: top.file,
    files: layers.map((l) => l.file),
    vocabulary: mergeVocabulary(layers),
    deliverables: profiles.map((p) => p.profile),
    deliverableOverlaps: deliverableOverlaps(profiles),
    defaultAlternatives: last((p) => p.defaultAlternatives) ?? [],
    defaultWho: last((p) => p.defaultWho) ?? DEFAULT_WHO,
    labels: layers.reduce<RulePack['labels']>((labels, l) => ({ ...labels, ...l.pack.labels }), DEFAULT_LABELS),
    judgement: {
      engine: layers.reduce<'learned' | 'cues'>((engine, l) => l.pack.judgement?.engine ?? engine, 'learned'),
      strictness: layers.reduce<number | null>((strictness, l) => l.pack.judgement?.strictness ?? strictness, null),
      model: null,
    },
    exempt: {
      labels: unique(layers.flatMap((l) => l.pack.exempt?.labels ?? [])),
      authors: unique(layers.flatMap((l) => l.pack.exempt?.authors ?? [])),
    },
    rules,
    overrides,
    examples: checkExamples(top, rules, overrides),
  };
}

function mergeVocabulary(layers: readonly PackLayer[]): Vocabulary {
  return layers.reduce((vocabulary, layer) => extendVocabulary(vocabulary, layer.pack.vocabulary), EMPTY_VOCABULARY);
}

/**
 * Profiles accumulate, a pack's own ranked before those of the packs it extends (where two can match
 * the same word, the first ranked wins, so a child's profile beats its parent's), each layer's in the
 * order it lists them. A child's profile with an inherited name updates that one field by field and
 * takes the child's rank; its file is the child's.
 */
function rankDeliverables(layers: readonly PackLayer[]): PlacedProfile[] {
  const byName = new Map<string, PlacedProfile>();
  for (const layer of [...layers].reverse()) {
    for (const profile of layer.pack.deliverables ?? []) {
      const mine = byName.get(profile.name);
      byName.set(profile.name, mine ? { ...mine, profile: { ...profile, ...mine.profile } } : { profile, file: layer.file });
    }
  }
  return [...byName.values()];
}

/**
 * A later layer's fields override an earlier layer's, one by one, so `level: off` alone switches a
 * rule off. A layer that gives a rule another kind starts it afresh: the old options mean nothing there.
 */
function mergeRules(layers: readonly PackLayer[]): MergedRules {
  const merged = new Map<string, { fields: RawRule; file: string }>();
  for (const layer of layers) {
    for (const [id, rule] of Object.entries(layer.pack.rules ?? {})) {
      const before = merged.get(id);
      if (!before && rule.kind === undefined && merged.size > 0) {
        // A child that changes a rule without naming its kind means an inherited rule: most likely a typo.
        const known = didYouMean(id, [...merged.keys()], 'rules');
        throw new PackError(layer.file, `rules.${id}`, `expected the id of an inherited rule, or a kind for a new rule; ${known}`);
      }
      const fresh = !before || (rule.kind !== undefined && rule.kind !== before.fields.kind);
      merged.set(id, { fields: fresh ? rule : { ...before.fields, ...rule }, file: layer.file });
    }
  }
  return merged;
}

/** Each rule id with its merged fields and the file that last touched it (to blame in an error). */
type MergedRules = ReadonlyMap<string, { readonly fields: RawRule; readonly file: string }>;

function compileRules(merged: MergedRules): CompiledRule[] {
  return [...merged].map(([id, { fields, file }]) => {
    const { kind, options } = checkRule(file, id, fields);
    return {
      id,
      kind: kind.meta.id,
      level: fields.level ?? kind.meta.defaultLevel,
      message: fields.message ?? kind.meta.defaultMessage,
      question: fields.question ?? null,
      when: fields.when ?? {},
      options,
    };
  });
}

/**
 * Every layer's overrides, base first. Each names rules of the merged pack (a typo gets "did you
 * mean"), and the options it sets are checked against the rule's kind together with the rule's own.
 */
function compileOverrides(layers: readonly PackLayer[], merged: MergedRules): CompiledOverride[] {
  return layers.flatMap((layer) => (layer.pack.overrides ?? []).map((override, index): CompiledOverride => {
    const at = `overrides.${index}.rules`;
    const rules = new Map<string, RuleChange>();
    for (const [id, change] of Object.entries(override.rules)) {
      const base = merged.get(id);
      if (!base) throw new PackError(layer.file, `${at}.${id}`, `expected a rule of this pack; ${didYouMean(id, [...merged.keys()], 'rules')}`);
      checkRule(layer.file, id, { ...base.fields, ...change }, at);
      rules.set(id, ruleChange(change));
    }
    const { rules: _rules, ...filter } = override;
    return { filter, rules };
  }));
}

function ruleChange(change: RawRule): RuleChange {
  const options = ruleOptions(change);
  return {
    ...(change.level !== undefined && { level: change.level }),
    ...(change.message !== undefined && { message: change.message }),
    ...('question' in change && { question: change.question ?? null }),
    ...(Object.keys(options).length > 0 && { options }),
  };
}

function checkExamples(top: PackLayer, rules: readonly CompiledRule[], overrides: readonly CompiledOverride[]): RulePack['examples'] {
  const turnedOn = (id: string): boolean => overrides.some((o) => { const level = o.rules.get(id)?.level; return level !== undefined && level !== 'off'; });
  const flagged = top.pack.examples?.flagged ?? [];
  flagged.forEach((example: Example, index) => {
    example.rules?.forEach((id, at) => {
      const rule = rules.find((r) => r.id === id);
      const path = `examples.flagged.${index}.rules.${at}`;
      if (!rule) throw new PackError(top.file, path, `expected a rule of this pack; ${didYouMean(id, rules.map((r) => r.id), 'rules')}`);
      if (rule.level === 'off' && !turnedOn(id)) throw new PackError(top.file, path, `expected a rule that is on; ${id} is off`);
    });
  });
  return { flagged, passes: top.pack.examples?.passes ?? [] };
}

function unique(words: readonly string[]): string[] {
  return [...new Set(words)];
}
