/**
 * Word lists the detectors use, which a rule pack may extend (never shrink): a PM adds the
 * personas, metrics and output verbs of their own domain without touching code.
 */
export interface Vocabulary {
  /** Role, persona or segment nouns ("finance admin", "moderator"); matched as whole words. */
  readonly personas: readonly string[];
  /** Words that name something measurable ("conversion", "churn", "p95"). */
  readonly metrics: readonly string[];
  /** Verbs that ask for an output when they open a title ("add", "support", "export"). */
  readonly outputVerbs: readonly string[];
}

export type VocabularyExtension = Partial<Record<keyof Vocabulary, readonly string[]>>;

export const EMPTY_VOCABULARY: Vocabulary = { personas: [], metrics: [], outputVerbs: [] };

export function extendVocabulary(base: Vocabulary, extra: VocabularyExtension | undefined): Vocabulary {
  if (!extra) return base;
  const merge = (a: readonly string[], b: readonly string[] | undefined): readonly string[] =>
    b && b.length ? [...new Set([...a, ...b.map((w) => w.trim().toLowerCase()).filter(Boolean)])] : a;
  return {
    personas: merge(base.personas, extra.personas),
    metrics: merge(base.metrics, extra.metrics),
    outputVerbs: merge(base.outputVerbs, extra.outputVerbs),
  };
}
