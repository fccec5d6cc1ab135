import { describe, expect, it } from 'vitest';
import { mixNaiveBayes, trainNaiveBayes } from './bayes.ts';
import type { SparseVector } from './softmax.ts';

function vector(...ids: number[]): SparseVector {
  return { ids: Int32Array.from(ids), values: new Float32Array(ids.length).fill(1) };
}

describe('naive Bayes second opinion', () => {
  // Feature 0 only in label a, feature 1 only in label b, feature 2 in both.
  const xs = [vector(0, 2), vector(0), vector(1, 2), vector(1)];
  const ys = [0, 0, 1, 1];
  const model = trainNaiveBayes(['a', 'b'], 3, xs, ys, [1, 1, 1, 1], 0.1);

  it('learns which label a feature points to', () => {
    const probabilities = Float64Array.from([0.5, 0.5]);
    mixNaiveBayes(model, vector(0), 1, probabilities, new Float64Array(2));
    expect(probabilities[0]).toBeGreaterThan(0.9);
    expect(probabilities[0]! + probabilities[1]!).toBeCloseTo(1, 10);
    const shared = Float64Array.from([0.5, 0.5]);
    mixNaiveBayes(model, vector(2), 1, shared, new Float64Array(2));
    expect(shared[0]).toBeCloseTo(0.5, 5);
  });

  it('moves the main model only as far as its weight allows', () => {
    const strong = Float64Array.from([0.2, 0.8]);
    const weak = Float64Array.from([0.2, 0.8]);
    const none = Float64Array.from([0.2, 0.8]);
    mixNaiveBayes(model, vector(0), 1, strong, new Float64Array(2));
    mixNaiveBayes(model, vector(0), 0.1, weak, new Float64Array(2));
    mixNaiveBayes(model, vector(0), 0, none, new Float64Array(2));
    expect(strong[0]).toBeGreaterThan(0.5);
    expect(weak[0]).toBeGreaterThan(0.2);
    expect(weak[0]).toBeLessThan(strong[0]!);
    expect(none[0]).toBeCloseTo(0.2, 10);
  });

  it('weighs examples', () => {
    const weighted = trainNaiveBayes(['a', 'b'], 3, xs, ys, [1, 1, 10, 1], 0.1);
    expect(weighted.logPrior[1]).toBeGreaterThan(weighted.logPrior[0]!);
  });
});
