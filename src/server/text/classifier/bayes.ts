/**
 * Multinomial naive Bayes over the same feature ids as the logistic-regression models, used as
 * a second opinion: its log-likelihoods, scaled by a small weight, are added to the logistic
 * model's log-probabilities. Naive Bayes trusts a feature seen in only a few messages of one
 * class much more than a regularised logistic regression does, which helps on short texts and
 * a small training set; the weight keeps it from overruling the main model.
 */
import type { SparseVector } from './softmax.ts';

export interface NaiveBayesModel {
  labels: readonly string[];
  dimensions: number;
  /** logLikelihood[feature * labels.length + label] = log P(feature | label) */
  logLikelihood: Float32Array;
  /** log P(label) */
  logPrior: Float32Array;
}

/**
 * Counts each feature once per message it occurs in (with the message's weight), smoothed by
 * adding `alpha` to every count.
 */
export function trainNaiveBayes(
  labels: readonly string[],
  dimensions: number,
  xs: readonly SparseVector[],
  ys: readonly number[],
  exampleWeights: readonly number[],
  alpha: number,
): NaiveBayesModel {
  const k = labels.length;
  const counts = new Float64Array(dimensions * k);
  const totals = new Float64Array(k);
  const prior = new Float64Array(k).fill(1);
  xs.forEach((x, n) => {
    const y = ys[n]!;
    const w = exampleWeights[n]!;
    prior[y]! += w;
    for (const id of x.ids) counts[id * k + y]! += w;
    totals[y]! += w * x.ids.length;
  });
  const logLikelihood = new Float32Array(dimensions * k);
  const denominators = Array.from(totals, (total) => Math.log(total + alpha * dimensions));
  for (let at = 0; at < counts.length; at++) {
    logLikelihood[at] = Math.log(counts[at]! + alpha) - denominators[at % k]!;
  }
  const priorTotal = prior.reduce((a, b) => a + b, 0);
  const logPrior = Float32Array.from(prior, (p) => Math.log(p / priorTotal));
  return { labels, dimensions, logLikelihood, logPrior };
}

/**
 * Multiplies `probabilities` (in place) by P_nb(label | x)^weight and renormalises: a weighted
 * product of the two models' opinions.
 */
export function mixNaiveBayes(
  model: NaiveBayesModel,
  x: SparseVector,
  weight: number,
  probabilities: Float64Array,
  scratch: Float64Array,
): void {
  const k = model.labels.length;
  for (let c = 0; c < k; c++) scratch[c] = model.logPrior[c]!;
  const { logLikelihood } = model;
  for (const id of x.ids) {
    const base = id * k;
    for (let c = 0; c < k; c++) scratch[c]! += logLikelihood[base + c]!;
  }
  let best = -Infinity;
  for (let c = 0; c < k; c++) {
    const score = Math.log(probabilities[c]! + 1e-12) + weight * scratch[c]!;
    scratch[c] = score;
    if (score > best) best = score;
  }
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const p = Math.exp(scratch[c]! - best);
    probabilities[c] = p;
    sum += p;
  }
  for (let c = 0; c < k; c++) probabilities[c]! /= sum;
}
