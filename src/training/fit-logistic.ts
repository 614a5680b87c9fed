/**
 * Logistic regression for the learned judgement, fitted by full-batch Adam on the mean log-loss plus an
 * L2 penalty: no randomness and a fixed order of sums, so the same data give the same weights bit for bit.
 * Binary heads take 0/1 targets; the kind head is a softmax over K classes (targets 0..K-1).
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

/** Fits K heads of a softmax (K = classes), or one logistic head when `classes` is 2 (targets 0/1). */
export function fitLogistic(samples: readonly Sample[], targets: readonly number[], classes: number, options: FitOptions): FittedHead[] {
  const heads = classes === 2 ? 1 : classes;
  const F = options.featureCount;
  const W = Array.from({ length: heads }, () => new Float64Array(F));
  const b = new Float64Array(heads);
  const adamW = Array.from({ length: heads }, () => ({ m: new Float64Array(F), v: new Float64Array(F) }));
  const adamB = { m: new Float64Array(heads), v: new Float64Array(heads) };
  const gW = Array.from({ length: heads }, () => new Float64Array(F));
  const gB = new Float64Array(heads);
  const totalWeight = samples.reduce((sum, s) => sum + s.weight, 0);
  const scores = new Float64Array(heads);
  const beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    for (let k = 0; k < heads; k++) gW[k]!.fill(0);
    gB.fill(0);
    for (let n = 0; n < samples.length; n++) {
      const sample = samples[n]!;
      const y = targets[n]!;
      for (let k = 0; k < heads; k++) {
        let s = b[k]!;
        const w = W[k]!;
        for (const i of sample.indices) s += w[i]!;
        scores[k] = s;
      }
      const errors = heads === 1 ? [sigmoid(scores[0]!) - y] : softmaxErrors(scores, y);
      for (let k = 0; k < heads; k++) {
        const g = errors[k]! * sample.weight;
        if (g === 0) continue;
        const gw = gW[k]!;
        for (const i of sample.indices) gw[i]! += g;
        gB[k]! += g;
      }
    }
    const correction1 = 1 - Math.pow(beta1, epoch);
    const correction2 = 1 - Math.pow(beta2, epoch);
    for (let k = 0; k < heads; k++) {
      const w = W[k]!, gw = gW[k]!, { m, v } = adamW[k]!;
      for (let i = 0; i < F; i++) {
        const g = gw[i]! / totalWeight + options.l2 * w[i]!;
        m[i] = beta1 * m[i]! + (1 - beta1) * g;
        v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
        w[i]! -= (options.learningRate * (m[i]! / correction1)) / (Math.sqrt(v[i]! / correction2) + eps);
      }
      const g = gB[k]! / totalWeight;
      adamB.m[k] = beta1 * adamB.m[k]! + (1 - beta1) * g;
      adamB.v[k] = beta2 * adamB.v[k]! + (1 - beta2) * g * g;
      b[k]! -= (options.learningRate * (adamB.m[k]! / correction1)) / (Math.sqrt(adamB.v[k]! / correction2) + eps);
    }
  }
  return W.map((weights, k) => ({ bias: b[k]!, weights }));
}

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** p_k - [k == y] for a softmax over `scores`. */
function softmaxErrors(scores: Float64Array, y: number): number[] {
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  let total = 0;
  const exps: number[] = [];
  for (const s of scores) {
    const e = Math.exp(s - max);
    exps.push(e);
    total += e;
  }
  return exps.map((e, k) => e / total - (k === y ? 1 : 0));
}
