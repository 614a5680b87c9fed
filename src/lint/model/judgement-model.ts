import { z } from 'zod';

/**
 * The learned judgement's weights, as `npm run train` writes them (models/judgement-weights.json):
 * the heads' names and biases, then one row per named feature with its weight in each head, so a diff of
 * the file says which words moved. Heads:
 * - `kind:feature`, `kind:task`, `kind:bug`, `kind:other`: a softmax over the four kinds;
 * - `user`, `outcome`, `successMeasure`, `alternatives`: each a logistic regression;
 * - `featureOutcome`: whether a feature says why, fitted on features alone (see outputOnlyProbability).
 * `thresholds`: the probability at which each signal counts as present (chosen for F1 in cross-validation),
 * and for output-only the default strictness (at most 5% of good tickets flagged in cross-validation).
 */
export const JudgementWeightsSchema = z.object({
  version: z.string().min(1),
  thresholds: z.object({
    user: z.number(),
    outcome: z.number(),
    successMeasure: z.number(),
    alternatives: z.number(),
    outputOnly: z.number(),
  }),
  /**
   * How each signal is decided, chosen by cross-validated F1: `model` (its probability at or over the
   * threshold), `cues` (the cue engine's phrases alone) or `either`.
   */
  signalRules: z.object({
    user: z.enum(['model', 'cues', 'either']),
    outcome: z.enum(['model', 'cues', 'either']),
    successMeasure: z.enum(['model', 'cues', 'either']),
    alternatives: z.enum(['model', 'cues', 'either']),
  }),
  heads: z.array(z.string()),
  bias: z.array(z.number()),
  features: z.array(z.tuple([z.string()], z.number())),
});
export type JudgementWeights = z.infer<typeof JudgementWeightsSchema>;

export const MODEL_KINDS = ['feature', 'task', 'bug', 'other'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];
export const MODEL_SIGNALS = ['user', 'outcome', 'successMeasure', 'alternatives'] as const;
export type ModelSignal = (typeof MODEL_SIGNALS)[number];
export const BINARY_HEADS = [...MODEL_SIGNALS, 'featureOutcome'] as const;
export type BinaryHead = (typeof BINARY_HEADS)[number];

interface Head {
  readonly bias: number;
  readonly weights: Float64Array;
}

/** What the model says of one ticket: a probability for each kind, signal and output-only. */
export interface ModelReading {
  readonly kind: Readonly<Record<ModelKind, number>>;
  /** Each head's own probability. */
  readonly heads: Readonly<Record<BinaryHead, number>>;
  /** The probability that the ticket is output-only, as the judgement uses it (outputOnlyProbability). */
  readonly outputOnly: number;
}

/**
 * Output-only, as the labels define it, is "a feature with no outcome": P(feature) x (1 - P(outcome | feature)).
 * The second factor is a head fitted on features alone (bugs nearly always state their pain and would drown
 * the distinction that matters here); in cross-validation this product ranks tickets better than a head
 * fitted on output-only itself.
 */
export function outputOnlyProbability(kind: Readonly<Record<ModelKind, number>>, heads: Readonly<Record<BinaryHead, number>>): number {
  return kind.feature * (1 - heads.featureOutcome);
}

/** A loaded model: the feature index built once, heads as typed arrays. */
export class JudgementModel {
  private readonly index: ReadonlyMap<string, number>;
  private readonly heads: ReadonlyMap<string, Head>;

  /** What the model reads by besides its weights; the weights file's rows are not kept once the heads are built. */
  private readonly settings: Pick<JudgementWeights, 'version' | 'thresholds' | 'signalRules'>;

  private constructor(weights: JudgementWeights) {
    this.settings = { version: weights.version, thresholds: weights.thresholds, signalRules: weights.signalRules };
    this.index = new Map(weights.features.map(([f], i) => [f, i]));
    const heads = new Map<string, Head>();
    if (weights.bias.length !== weights.heads.length) throw new Error(`judgement weights ${weights.version}: ${weights.bias.length} biases for ${weights.heads.length} heads`);
    weights.heads.forEach((name, h) => {
      const column = new Float64Array(weights.features.length);
      weights.features.forEach((row, i) => {
        if (row.length !== weights.heads.length + 1) throw new Error(`judgement weights ${weights.version}: feature ${row[0]} has ${row.length - 1} weights for ${weights.heads.length} heads`);
        column[i] = row[h + 1] as number;
      });
      heads.set(name, { bias: weights.bias[h]!, weights: column });
    });
    for (const name of [...MODEL_KINDS.map((k) => 'kind:' + k), ...BINARY_HEADS]) {
      if (!heads.has(name)) throw new Error(`judgement weights ${weights.version}: head ${name} is missing`);
    }
    this.heads = heads;
  }

  static from(raw: unknown): JudgementModel {
    return new JudgementModel(JudgementWeightsSchema.parse(raw));
  }

  get version(): string {
    return this.settings.version;
  }

  get thresholds(): JudgementWeights['thresholds'] {
    return this.settings.thresholds;
  }

  get signalRules(): JudgementWeights['signalRules'] {
    return this.settings.signalRules;
  }

  /** The indices of the features the model knows; unknown ones carry no weight. */
  indicesOf(features: readonly string[]): number[] {
    const out: number[] = [];
    for (const f of features) {
      const i = this.index.get(f);
      if (i !== undefined) out.push(i);
    }
    return out;
  }

  /** A head's raw score (log-odds) for these feature indices. */
  score(head: string, indices: readonly number[], withBias = true): number {
    const h = this.heads.get(head);
    if (!h) throw new Error(`no head ${head}`);
    let sum = withBias ? h.bias : 0;
    for (const i of indices) sum += h.weights[i]!;
    return sum;
  }

  read(features: readonly string[]): ModelReading {
    const indices = this.indicesOf(features);
    const kindScores = MODEL_KINDS.map((k) => this.score('kind:' + k, indices));
    const kindProbabilities = softmax(kindScores);
    const kind = {} as Record<ModelKind, number>;
    MODEL_KINDS.forEach((k, i) => (kind[k] = kindProbabilities[i]!));
    const heads = {} as Record<BinaryHead, number>;
    for (const head of BINARY_HEADS) heads[head] = sigmoid(this.score(head, indices));
    return { kind, heads, outputOnly: outputOnlyProbability(kind, heads) };
  }
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

export function softmax(scores: readonly number[]): number[] {
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

export type SignalRule = JudgementWeights['signalRules'][ModelSignal];

/** Whether a signal is present under its rule, given the model's probability and whether a cue fired. */
export function signalPresent(rule: SignalRule, probability: number, threshold: number, cueFired: boolean): boolean {
  const byModel = probability >= threshold;
  return rule === 'model' ? byModel : rule === 'cues' ? cueFired : byModel || cueFired;
}

/**
 * The probability the strictness is compared with: the model's output-only probability, unless the cue
 * engine found an outcome. The hand-written phrases carry product knowledge a model fitted on public
 * trackers rarely sees ("security reviews block the deal"); as a veto they raised cross-validated F1 at
 * 5% of good tickets flagged from 0.625 to 0.643.
 */
export function flagProbability(outputOnly: number, cueFoundOutcome: boolean): number {
  return cueFoundOutcome ? 0 : outputOnly;
}
