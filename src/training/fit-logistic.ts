/**
 * Logistic regression for the learned judgement, fitted by full-batch Adam on the mean log-loss plus an
 * L2 penalty: no randomness and a fixed order of sums, so the same data give the same weights bit for bit.
 * Binary heads take 0/1 targets; the kind head is a softmax over K classes (targets 0..K-1).
 *
 * The weights of all heads fitted together sit side by side (feature i's weight for head k at i × heads + k),
 * so one pass over the tickets serves every head and the heads' walks over a ticket's features touch the
 * same cache lines; each head's sums still run in the same order as if it were fitted alone, so fitting
 * heads together or apart gives the same weights bit for bit.
 */
export interface Sample {
  /** Indices of the features present (each counts 1). */
  readonly indices: Int32Array;
  /** How much the sample counts in the loss (a ticket seen twice, with and without its tracker labels, counts half each time). */
  readonly weight: number;
}

export interface FitOptions {
  readonly featureCount: number;
  /** L2 penalty on the weights (not the bias), against the mean loss. */
  readonly l2: number;
  readonly epochs: number;
  readonly learningRate: number;
}

export const DEFAULT_FIT: Omit<FitOptions, 'featureCount'> = { l2: 0.002, epochs: 300, learningRate: 0.05 };

export interface FittedHead {
  bias: number;
  weights: Float64Array;
}

/** Heads fitted together: a softmax over `classes` (targets 0..classes-1), or one logistic head (targets 0/1). */
export type HeadGroup =
  | { readonly softmax: true; readonly classes: number; readonly targets: readonly number[] }
  | { readonly softmax: false; readonly targets: readonly number[] };

/** Fits K heads of a softmax (K = classes), or one logistic head when `classes` is 2 (targets 0/1). */
export function fitLogistic(samples: readonly Sample[], targets: readonly number[], classes: number, options: FitOptions): FittedHead[] {
  return fitGroups(samples, [classes === 2 ? { softmax: false, targets } : { softmax: true, classes, targets }], options)[0]!;
}

/**
 * Fits several groups of heads on the same samples in one pass over them: the weights of each group are
 * those it would get fitted alone, bit for bit, in less time than fitting the groups one after another.
 */
export function fitGroups(samples: readonly Sample[], groups: readonly HeadGroup[], options: FitOptions): FittedHead[][] {
  const sizes = groups.map((g) => (g.softmax ? g.classes : 1));
  const offsets = sizes.map((_, i) => sizes.slice(0, i).reduce((a, b) => a + b, 0));
  const heads = sizes.reduce((a, b) => a + b, 0);
  const exps = new Float64Array(Math.max(...sizes));
  const fitted = fitByAdam(samples, heads, options, (scores, n, errors) => {
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g]!, at = offsets[g]!;
      if (!group.softmax) {
        errors[at] = sigmoid(scores[at]!) - group.targets[n]!;
        continue;
      }
      let max = -Infinity;
      for (let k = 0; k < group.classes; k++) if (scores[at + k]! > max) max = scores[at + k]!;
      let total = 0;
      for (let k = 0; k < group.classes; k++) {
        exps[k] = Math.exp(scores[at + k]! - max);
        total += exps[k]!;
      }
      const y = group.targets[n]!;
      for (let k = 0; k < group.classes; k++) errors[at + k] = exps[k]! / total - (k === y ? 1 : 0);
    }
  });
  return groups.map((_, g) => fitted.slice(offsets[g]!, offsets[g]! + sizes[g]!));
}

/** Full-batch Adam over `heads` heads whose per-sample errors (dLoss/dScore) `errorsOf` gives. */
function fitByAdam(
  samples: readonly Sample[],
  heads: number,
  options: FitOptions,
  errorsOf: (scores: Float64Array, sample: number, errors: Float64Array) => void,
): FittedHead[] {
  const F = options.featureCount;
  const size = F * heads;
  const W = new Float64Array(size);
  const b = new Float64Array(heads);
  const m = new Float64Array(size), v = new Float64Array(size);
  const adamB = { m: new Float64Array(heads), v: new Float64Array(heads) };
  const gW = new Float64Array(size);
  const gB = new Float64Array(heads);
  const totalWeight = samples.reduce((sum, s) => sum + s.weight, 0);
  const scores = new Float64Array(heads);
  const errors = new Float64Array(heads);
  const gradients = new Float64Array(heads);
  const beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    gW.fill(0);
    gB.fill(0);
    for (let n = 0; n < samples.length; n++) {
      const sample = samples[n]!;
      const indices = sample.indices;
      for (let k = 0; k < heads; k++) {
        let score = b[k]!;
        for (let j = 0; j < indices.length; j++) score += W[indices[j]! * heads + k]!;
        scores[k] = score;
      }
      errorsOf(scores, n, errors);
      // A zero gradient adds +0, which leaves every sum as it was (no sum here is ever -0).
      for (let k = 0; k < heads; k++) {
        const g = errors[k]! * sample.weight;
        gradients[k] = g;
        gB[k]! += g;
      }
      for (let k = 0; k < heads; k++) {
        const g = gradients[k]!;
        for (let j = 0; j < indices.length; j++) gW[indices[j]! * heads + k]! += g;
      }
    }
    const correction1 = 1 - Math.pow(beta1, epoch);
    const correction2 = 1 - Math.pow(beta2, epoch);
    for (let i = 0; i < size; i++) {
      const g = gW[i]! / totalWeight + options.l2 * W[i]!;
      m[i] = beta1 * m[i]! + (1 - beta1) * g;
      v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
      W[i]! -= (options.learningRate * (m[i]! / correction1)) / (Math.sqrt(v[i]! / correction2) + eps);
    }
    for (let k = 0; k < heads; k++) {
      const g = gB[k]! / totalWeight;
      adamB.m[k] = beta1 * adamB.m[k]! + (1 - beta1) * g;
      adamB.v[k] = beta2 * adamB.v[k]! + (1 - beta2) * g * g;
      b[k]! -= (options.learningRate * (adamB.m[k]! / correction1)) / (Math.sqrt(adamB.v[k]! / correction2) + eps);
    }
  }
  return Array.from({ length: heads }, (_, k) => {
    const weights = new Float64Array(F);
    for (let i = 0; i < F; i++) weights[i] = W[i * heads + k]!;
    return { bias: b[k]!, weights };
  });
}

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}
