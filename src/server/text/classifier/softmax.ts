/**
 * Multinomial logistic regression over sparse features, trained with AdaGrad and L2
 * regularisation. Small, deterministic (seeded shuffling) and fast: about a thousand messages
 * train in tens of milliseconds, and scoring one is a few hundred multiply-adds.
 */

/** A feature vector: parallel arrays of feature ids (ascending) and values. */
export interface SparseVector {
  ids: Int32Array;
  values: Float32Array;
}

export interface SoftmaxOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

export const DEFAULT_SOFTMAX_OPTIONS: SoftmaxOptions = {
  epochs: 10,
  learningRate: 1,
  l2: 1e-4,
  seed: 7,
};

export interface SoftmaxModel {
  labels: readonly string[];
  dimensions: number;
  /** weights[feature * labels.length + label] */
  weights: Float32Array;
  bias: Float32Array;
}

/** A small deterministic PRNG (mulberry32), so training gives the same model every time. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes the label probabilities of `x` into `out` and returns it. */
export function predictProbabilities(
  model: SoftmaxModel,
  x: SparseVector,
  out: Float64Array = new Float64Array(model.labels.length),
): Float64Array {
  const k = model.labels.length;
  for (let c = 0; c < k; c++) out[c] = model.bias[c]!;
  const { ids, values } = x;
  const weights = model.weights;
  for (let j = 0; j < ids.length; j++) {
    const base = ids[j]! * k;
    const value = values[j]!;
    for (let c = 0; c < k; c++) out[c]! += weights[base + c]! * value;
  }
  let max = -Infinity;
  for (let c = 0; c < k; c++) if (out[c]! > max) max = out[c]!;
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const e = Math.exp(out[c]! - max);
    out[c] = e;
    sum += e;
  }
  for (let c = 0; c < k; c++) out[c]! /= sum;
  return out;
}

/**
 * Trains on `xs` with label indices `ys` and per-example weights (a correction or a rare
 * class can count more than one ordinary example).
 */
export function trainSoftmax(
  labels: readonly string[],
  dimensions: number,
  xs: readonly SparseVector[],
  ys: readonly number[],
  exampleWeights: readonly number[],
  options: SoftmaxOptions,
): SoftmaxModel {
  const k = labels.length;
  const weights = new Float32Array(dimensions * k);
  const bias = new Float32Array(k);
  // AdaGrad accumulators; started above zero so the first steps are not huge.
  const g2 = new Float64Array(dimensions * k).fill(1e-2);
  const g2Bias = new Float64Array(k).fill(1e-2);
  const model: SoftmaxModel = { labels, dimensions, weights, bias };
  const order = xs.map((_, i) => i);
  const random = seededRandom(options.seed);
  const probabilities = new Float64Array(k);
  const gradient = new Float64Array(k);
  const { learningRate, l2 } = options;

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const n of order) {
      const x = xs[n]!;
      const y = ys[n]!;
      const w = exampleWeights[n]!;
      predictProbabilities(model, x, probabilities);
      for (let c = 0; c < k; c++) gradient[c] = w * (probabilities[c]! - (c === y ? 1 : 0));
      for (let c = 0; c < k; c++) {
        const g = gradient[c]!;
        g2Bias[c]! += g * g;
        bias[c]! -= (learningRate * g) / Math.sqrt(g2Bias[c]!);
      }
      const { ids, values } = x;
      for (let j = 0; j < ids.length; j++) {
        const base = ids[j]! * k;
        const value = values[j]!;
        for (let c = 0; c < k; c++) {
          const at = base + c;
          const g = gradient[c]! * value + l2 * weights[at]!;
          g2[at]! += g * g;
          weights[at]! -= (learningRate * g) / Math.sqrt(g2[at]!);
        }
      }
    }
  }
  return model;
}
