/**
 * Model selection by stratified k-fold cross-validation on the train part only. Every
 * candidate setting is trained k times on k−1 folds and scored on the fold left out; the
 * pooled out-of-fold predictions give its sentiment accuracy and intent macro-F1. The winner
 * has the best mean of the two. The held-out test part takes no part in this.
 */
import { trainClassifier, type ModelOptions } from './classifier.ts';
import { crossValidationFolds, type DatasetExample } from './dataset.ts';
import { DEFAULT_FEATURE_OPTIONS } from './features.ts';
import { classificationReport, type ClassificationReport } from './metrics.ts';
import { DEFAULT_SOFTMAX_OPTIONS } from './softmax.ts';
import { INTENTS, SENTIMENTS } from './types.ts';

export interface Candidate {
  name: string;
  model: Partial<ModelOptions>;
}

export interface CrossValidation {
  sentiment: ClassificationReport;
  intent: ClassificationReport;
  /** (sentiment accuracy + intent macro-F1) / 2 */
  score: number;
}

export const CV_FOLDS = 5;

/** Pooled out-of-fold evaluation of one setting. */
export function crossValidate(
  examples: readonly DatasetExample[],
  model: Partial<ModelOptions>,
  k = CV_FOLDS,
): CrossValidation {
  const folds = crossValidationFolds(examples, k);
  const predictedSentiment = new Array<string>(examples.length);
  const predictedIntent = new Array<string>(examples.length);
  for (let fold = 0; fold < k; fold++) {
    const train = examples.filter((_, i) => folds[i] !== fold);
    const classifier = trainClassifier(train, { model });
    examples.forEach((example, i) => {
      if (folds[i] !== fold) return;
      const u = classifier.classify(example.text);
      predictedSentiment[i] = u.sentiment;
      predictedIntent[i] = u.intent;
    });
  }
  const sentiment = classificationReport(
    SENTIMENTS,
    examples.map((e) => e.sentiment),
    predictedSentiment,
  );
  const intent = classificationReport(
    INTENTS,
    examples.map((e) => e.intent),
    predictedIntent,
  );
  return { sentiment, intent, score: (sentiment.accuracy + intent.macroF1) / 2 };
}

const features = DEFAULT_FEATURE_OPTIONS;
const softmax = DEFAULT_SOFTMAX_OPTIONS;

/**
 * The settings compared: the feature groups one at a time, n-gram order, regularisation,
 * feature weighting, class balancing and the naive-Bayes second opinion. Small on purpose: a large grid on ~900 messages
 * would fit the folds' noise.
 */
export const CANDIDATES: readonly Candidate[] = [
  { name: 'default', model: {} },
  { name: 'han-bigrams', model: { features: { ...features, hanMaxN: 2 } } },
  { name: 'word-char-grams', model: { features: { ...features, wordCharGrams: true } } },
  { name: 'no-word-bigrams', model: { features: { ...features, wordBigrams: false } } },
  { name: 'no-negation', model: { features: { ...features, negation: false } } },
  { name: 'no-lexicon', model: { features: { ...features, lexicon: false } } },
  { name: 'no-sarcasm', model: { features: { ...features, sarcasm: false } } },
  { name: 'binary', model: { binary: true } },
  { name: 'idf', model: { idf: true } },
  { name: 'summary-weight-1', model: { summaryWeight: 1 } },
  { name: 'summary-weight-3', model: { summaryWeight: 3 } },
  { name: 'class-balance-0.5', model: { classBalance: 0.5 } },
  { name: 'class-balance-1', model: { classBalance: 1 } },
  { name: 'no-coupling', model: { coupling: 0 } },
  { name: 'coupling-1', model: { coupling: 1 } },
  { name: 'no-naive-bayes', model: { naiveBayesWeight: 0 } },
  { name: 'naive-bayes-0.3', model: { naiveBayesWeight: 0.3 } },
  { name: 'naive-bayes-alpha-1', model: { naiveBayesAlpha: 1 } },
  { name: 'l2-1e-3', model: { softmax: { ...softmax, l2: 1e-3 } } },
  { name: 'l2-1e-5', model: { softmax: { ...softmax, l2: 1e-5 } } },
  { name: 'epochs-20', model: { softmax: { ...softmax, epochs: 20 } } },
  { name: 'min-count-2', model: { minCount: 2 } },
];

/**
 * A candidate replaces the shipped default only if it beats it by more than this: smaller
 * differences are about one message either way on ~900, i.e. noise.
 */
export const SELECTION_MARGIN = 0.005;

export interface SelectionResult {
  folds: number;
  margin: number;
  results: Array<{ name: string } & CrossValidation>;
  /** The first candidate is the shipped default; this is the one cross-validation prefers. */
  chosen: Candidate;
}

export function selectModel(
  train: readonly DatasetExample[],
  candidates: readonly Candidate[] = CANDIDATES,
): SelectionResult {
  const results = candidates.map((c) => ({ name: c.name, ...crossValidate(train, c.model) }));
  let best = 0;
  results.forEach((r, i) => {
    if (r.score > results[best]!.score) best = i;
  });
  const chosen = results[best]!.score > results[0]!.score + SELECTION_MARGIN ? best : 0;
  return { folds: CV_FOLDS, margin: SELECTION_MARGIN, results, chosen: candidates[chosen]! };
}
