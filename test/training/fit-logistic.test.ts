import { fitGroups, fitLogistic, type Sample } from '../../src/training/fit-logistic.js';
import { bestF1Threshold } from '../../src/training/choose-thresholds.js';

const sample = (...indices: number[]): Sample => ({ indices: Int32Array.from(indices), weight: 1 });

describe('fitLogistic', () => {
  // Feature 0 marks the positives, feature 1 the negatives, feature 2 is noise on both.
  const samples = [sample(0, 2), sample(0), sample(0, 2), sample(1), sample(1, 2), sample(1)];
  const targets = [1, 1, 1, 0, 0, 0];
  const options = { featureCount: 3, l2: 0.001, epochs: 200, learningRate: 0.1 };

  it('learns a positive weight for the word of the positives and a negative one for the word of the negatives', () => {
    const [head] = fitLogistic(samples, targets, 2, options);
    expect(head!.weights[0]).toBeGreaterThan(1);
    expect(head!.weights[1]).toBeLessThan(-1);
    expect(Math.abs(head!.weights[2]!)).toBeLessThan(Math.abs(head!.weights[0]!));
  });

  it('gives the same weights, bit for bit, for the same data', () => {
    const a = fitLogistic(samples, targets, 2, options)[0]!;
    const b = fitLogistic(samples, targets, 2, options)[0]!;
    expect([...a.weights]).toEqual([...b.weights]);
    expect(a.bias).toBe(b.bias);
  });

  it('fits one head per class for a softmax, each favouring its own word', () => {
    const heads = fitLogistic([sample(0), sample(1), sample(2), sample(0)], [0, 1, 2, 0], 3, options);
    expect(heads).toHaveLength(3);
    heads.forEach((head, k) => expect(head.weights[k]).toBe(Math.max(...head.weights)));
  });

  it('fits groups of heads together to the same weights, bit for bit, as each group fitted alone', () => {
    const kinds = [0, 1, 2, 0, 1, 2];
    const [softmax, binary, other] = fitGroups(samples, [
      { softmax: true, classes: 3, targets: kinds },
      { softmax: false, targets },
      { softmax: false, targets: [0, 1, 0, 1, 0, 1] },
    ], options);
    const alone = [fitLogistic(samples, kinds, 3, options), fitLogistic(samples, targets, 2, options), fitLogistic(samples, [0, 1, 0, 1, 0, 1], 2, options)];
    const bits = (heads: readonly { bias: number; weights: Float64Array }[]): number[][] => heads.map((h) => [h.bias, ...h.weights]);
    expect(bits(softmax!)).toEqual(bits(alone[0]!));
    expect(bits(binary!)).toEqual(bits(alone[1]!));
    expect(bits(other!)).toEqual(bits(alone[2]!));
    expect(softmax).toHaveLength(3);
  });

  it('shrinks weights as the L2 penalty grows', () => {
    const loose = fitLogistic(samples, targets, 2, { ...options, l2: 0 })[0]!;
    const tight = fitLogistic(samples, targets, 2, { ...options, l2: 0.5 })[0]!;
    expect(Math.abs(tight.weights[0]!)).toBeLessThan(Math.abs(loose.weights[0]!));
  });
});

describe('bestF1Threshold', () => {
  const scored = [0.9, 0.8, 0.7, 0.4, 0.3, 0.2].map((probability, i) => ({ probability, expected: i < 3 }));

  it('cuts between the positives and the negatives when they are separable', () => {
    const best = bestF1Threshold(scored);
    expect(best.f1).toBe(1);
    expect(best.threshold).toBeGreaterThan(0.4);
    expect(best.threshold).toBeLessThan(0.7);
  });

  it('never flags more negatives than the cap allows', () => {
    const mixed = [0.9, 0.85, 0.8, 0.7, 0.6, 0.5].map((probability, i) => ({ probability, expected: i % 2 === 0 }));
    const best = bestF1Threshold(mixed, 0.34);
    expect(best.falsePositiveRate).toBeLessThanOrEqual(0.34);
    expect(best.threshold).toBeGreaterThan(0.6);
  });
});
