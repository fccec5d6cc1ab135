/**
 * The message classifier: two multinomial logistic-regression models (sentiment, intent) over
 * the features of `features.ts`, a priority rule, and a workspace's corrections.
 *
 * Corrections work twice: they join the training data with a larger weight, so similar new
 * messages move towards the corrected labels, and they are remembered, so the corrected
 * message itself and close paraphrases of it (cosine similarity of their n-gram sets at least
 * `memoryThreshold`) get exactly the labels the agent gave.
 */
import { detectLanguage } from '../language.ts';
import { mixNaiveBayes, trainNaiveBayes, type NaiveBayesModel } from './bayes.ts';
import { normalizeText } from '../normalize.ts';
import { DEFAULT_FEATURE_OPTIONS, extractFeatures, type FeatureOptions } from './features.ts';
import { priorityOf } from './priority.ts';
import {
  DEFAULT_SOFTMAX_OPTIONS,
  predictProbabilities,
  trainSoftmax,
  type SoftmaxModel,
  type SoftmaxOptions,
  type SparseVector,
} from './softmax.ts';
import {
  INTENTS,
  SENTIMENTS,
  isIntent,
  isSentiment,
  type Intent,
  type LabelledExample,
  type Sentiment,
  type Understanding,
} from './types.ts';

export interface ModelOptions {
  features: FeatureOptions;
  softmax: SoftmaxOptions;
  /** A feature must occur in at least this many training messages to be kept. */
  minCount: number;
  /** Feature values 1 (binary) rather than 1 + ln(count). */
  binary: boolean;
  /** Scale n-grams by their inverse document frequency. */
  idf: boolean;
  /**
   * Scale of the summary features (lexicon counts, intent cues, sarcasm and shape cues)
   * against the n-grams, before each vector is L2-normalised.
   */
  summaryWeight: number;
  /** Class weights ∝ (1 / class frequency)^classBalance; 0 weighs every message the same. */
  classBalance: number;
  /**
   * Strength of the intent–sentiment coupling at decoding time: 0 decides the two
   * independently; 1 adds the full log-ratio log P(sentiment | intent) / P(sentiment) learned
   * from the labels (praise is rarely negative, a complaint rarely positive).
   */
  coupling: number;
  /**
   * Weight of the naive-Bayes second opinion (`bayes.ts`) added to each logistic model's
   * log-probabilities; 0 leaves it out.
   */
  naiveBayesWeight: number;
  /** Add-alpha smoothing of the naive-Bayes feature counts. */
  naiveBayesAlpha: number;
  /** How many ordinary messages one correction counts as. */
  correctionWeight: number;
  /**
   * Similarity (cosine of n-gram sets, 0..1) from which a remembered correction decides the
   * labels outright; above 1 turns the memory off and leaves corrections to training alone.
   */
  memoryThreshold: number;
}

/**
 * The shipped settings. Chosen by 5-fold cross-validation on the train part of the labelled
 * data (see `selection.ts` and `npm run bench -- classify`), never on the held-out part.
 */
export const DEFAULT_MODEL_OPTIONS: ModelOptions = {
  features: DEFAULT_FEATURE_OPTIONS,
  softmax: DEFAULT_SOFTMAX_OPTIONS,
  minCount: 1,
  binary: false,
  idf: false,
  summaryWeight: 2,
  classBalance: 0,
  coupling: 0.5,
  naiveBayesWeight: 0.15,
  naiveBayesAlpha: 0.1,
  correctionWeight: 5,
  memoryThreshold: 0.6,
};

export interface TrainOptions {
  /** How many ordinary examples one correction counts as (default 5). */
  correctionWeight?: number;
  /** A workspace's corrected messages. */
  corrections?: LabelledExample[];
  /** Overrides of the model settings, for model selection. */
  model?: Partial<ModelOptions>;
}

export interface Classifier {
  classify(text: string): Understanding;
  toJSON(): unknown;
}

const FORMAT = 'opsloop.message-classifier';
const FORMAT_VERSION = 1;

interface Prepared {
  normalized: string;
  features: string[];
}

function prepare(text: string, options: FeatureOptions): Prepared {
  const normalized = normalizeText(text);
  return { normalized, features: extractFeatures(normalized, options) };
}

/** Maps feature names to ids and builds L2-normalised vectors. */
class Vectorizer {
  readonly ids: Map<string, number>;
  readonly binary: boolean;
  readonly scale: Float32Array;

  constructor(vocabulary: readonly string[], scale: Float32Array, binary: boolean) {
    this.ids = new Map(vocabulary.map((feature, i) => [feature, i]));
    this.binary = binary;
    this.scale = scale;
  }

  private found = new Int32Array(256);

  vectorize(features: readonly string[]): SparseVector {
    if (this.found.length < features.length) this.found = new Int32Array(features.length * 2);
    const found = this.found;
    let m = 0;
    for (const feature of features) {
      const id = this.ids.get(feature);
      if (id !== undefined) found[m++] = id;
    }
    const sorted = found.subarray(0, m).sort();
    let unique = 0;
    for (let i = 0; i < m; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) unique++;
    const ids = new Int32Array(unique);
    const values = new Float32Array(unique);
    let norm = 0;
    for (let i = 0, u = 0; i < m; u++) {
      let j = i + 1;
      while (j < m && sorted[j] === sorted[i]) j++;
      const id = sorted[i]!;
      const value = (this.binary ? 1 : 1 + Math.log(j - i)) * this.scale[id]!;
      ids[u] = id;
      values[u] = value;
      norm += value * value;
      i = j;
    }
    norm = Math.sqrt(norm) || 1;
    for (let u = 0; u < unique; u++) values[u]! /= norm;
    return { ids, values };
  }
}

/** Lexicon, cue, sarcasm and shape features, and emoji polarity: everything but n-grams. */
function isSummaryFeature(feature: string): boolean {
  const kind = feature.slice(0, 2);
  return (
    kind === 'l:' ||
    kind === 'i:' ||
    kind === 's:' ||
    kind === 'x:' ||
    feature === 'e:+' ||
    feature === 'e:-'
  );
}

/** The n-gram set a correction is recognised by (content features only, no lexicon counts). */
function contentKeys(features: readonly string[]): Set<string> {
  const keys = new Set<string>();
  for (const f of features) {
    const kind = f.charCodeAt(0);
    // h: Han n-grams, w: words, b: word bigrams, e: emoji
    if ((kind === 104 || kind === 119 || kind === 98 || kind === 101) && f.charCodeAt(1) === 58) {
      if (f !== 'e:+' && f !== 'e:-') keys.add(f);
    }
  }
  return keys;
}

interface Remembered {
  normalized: string;
  keys: number;
  sentiment: Sentiment;
  intent: Intent;
}

/** A workspace's corrections, looked up by an inverted index over their n-grams. */
class CorrectionMemory {
  private readonly items: Remembered[] = [];
  private readonly exact = new Map<string, number>();
  private readonly postings = new Map<string, number[]>();
  private readonly threshold: number;

  constructor(threshold: number) {
    this.threshold = threshold;
  }

  get size(): number {
    return this.items.length;
  }

  add(prepared: Prepared, example: LabelledExample): void {
    const keys = contentKeys(prepared.features);
    const index = this.items.length;
    this.items.push({
      normalized: prepared.normalized,
      keys: keys.size,
      sentiment: example.sentiment,
      intent: example.intent,
    });
    // A later correction of the same text wins.
    this.exact.set(prepared.normalized, index);
    for (const key of keys) {
      const list = this.postings.get(key) ?? [];
      list.push(index);
      this.postings.set(key, list);
    }
  }

  /** The closest remembered correction at or above the threshold, with its similarity. */
  match(prepared: Prepared): { item: Remembered; similarity: number } | null {
    if (this.items.length === 0 || this.threshold > 1) return null;
    const exact = this.exact.get(prepared.normalized);
    if (exact !== undefined) return { item: this.items[exact]!, similarity: 1 };
    const keys = contentKeys(prepared.features);
    if (keys.size === 0) return null;
    const overlap = new Map<number, number>();
    for (const key of keys) {
      const list = this.postings.get(key);
      if (!list) continue;
      for (const index of list) overlap.set(index, (overlap.get(index) ?? 0) + 1);
    }
    let best: { item: Remembered; similarity: number } | null = null;
    for (const [index, shared] of overlap) {
      const item = this.items[index]!;
      // Short texts share few n-grams by chance; ask for a handful before trusting a match.
      if (shared < 3) continue;
      const similarity = shared / Math.sqrt(item.keys * keys.size);
      if (similarity >= this.threshold && (!best || similarity >= best.similarity)) {
        best = { item, similarity };
      }
    }
    return best;
  }
}

interface Parts {
  options: ModelOptions;
  vocabulary: string[];
  /** Per-feature value scale (summary weight, idf). */
  scale: Float32Array;
  sentiment: SoftmaxModel;
  intent: SoftmaxModel;
  /** coupling[intent * SENTIMENTS.length + sentiment]: log P(s | i) − log P(s) */
  coupling: Float64Array;
  /** The naive-Bayes second opinions, when `naiveBayesWeight` is above 0. */
  naiveBayes: { sentiment: NaiveBayesModel; intent: NaiveBayesModel } | null;
  corrections: LabelledExample[];
}

/** The intent–sentiment log-ratios of the labels, with add-one smoothing. */
function couplingTable(
  examples: readonly LabelledExample[],
  weights: readonly number[],
): Float64Array {
  const k = SENTIMENTS.length;
  const joint = new Float64Array(INTENTS.length * k).fill(1);
  const bySentiment = new Float64Array(k).fill(INTENTS.length);
  examples.forEach((e, n) => {
    const s = SENTIMENTS.indexOf(e.sentiment);
    joint[INTENTS.indexOf(e.intent) * k + s]! += weights[n]!;
    bySentiment[s]! += weights[n]!;
  });
  const total = bySentiment.reduce((a, b) => a + b, 0);
  const table = new Float64Array(INTENTS.length * k);
  for (let i = 0; i < INTENTS.length; i++) {
    let row = 0;
    for (let s = 0; s < k; s++) row += joint[i * k + s]!;
    for (let s = 0; s < k; s++) {
      table[i * k + s] = Math.log(joint[i * k + s]! / row) - Math.log(bySentiment[s]! / total);
    }
  }
  return table;
}

/**
 * Combines the two models' probabilities with the coupling table into a joint distribution
 * over (intent, sentiment) and writes both marginals back.
 */
function decodeJointly(
  intent: Float64Array,
  sentiment: Float64Array,
  coupling: Float64Array,
  strength: number,
  joint: Float64Array,
): void {
  const k = sentiment.length;
  let sum = 0;
  for (let i = 0; i < intent.length; i++) {
    for (let s = 0; s < k; s++) {
      const p = intent[i]! * sentiment[s]! * Math.exp(strength * coupling[i * k + s]!);
      joint[i * k + s] = p;
      sum += p;
    }
  }
  intent.fill(0);
  sentiment.fill(0);
  for (let i = 0; i < intent.length; i++) {
    for (let s = 0; s < k; s++) {
      const p = joint[i * k + s]! / sum;
      intent[i]! += p;
      sentiment[s]! += p;
    }
  }
}

function buildClassifier(parts: Parts): Classifier {
  const { options, vocabulary, scale, sentiment, intent, coupling, naiveBayes, corrections } =
    parts;
  const vectorizer = new Vectorizer(vocabulary, scale, options.binary);
  const memory = new CorrectionMemory(options.memoryThreshold);
  for (const correction of corrections) {
    memory.add(prepare(correction.text, options.features), correction);
  }
  const sentimentProbabilities = new Float64Array(SENTIMENTS.length);
  const intentProbabilities = new Float64Array(INTENTS.length);
  const joint = new Float64Array(INTENTS.length * SENTIMENTS.length);
  const scratch = new Float64Array(INTENTS.length);
  const negative = SENTIMENTS.indexOf('negative');
  const positive = SENTIMENTS.indexOf('positive');

  return {
    classify(text: string): Understanding {
      const prepared = prepare(text, options.features);
      const x = vectorizer.vectorize(prepared.features);
      predictProbabilities(sentiment, x, sentimentProbabilities);
      predictProbabilities(intent, x, intentProbabilities);
      if (naiveBayes && options.naiveBayesWeight > 0) {
        const weight = options.naiveBayesWeight;
        mixNaiveBayes(naiveBayes.sentiment, x, weight, sentimentProbabilities, scratch);
        mixNaiveBayes(naiveBayes.intent, x, weight, intentProbabilities, scratch);
      }
      if (options.coupling > 0) {
        decodeJointly(
          intentProbabilities,
          sentimentProbabilities,
          coupling,
          options.coupling,
          joint,
        );
      }
      let s = argmax(sentimentProbabilities);
      let i = argmax(intentProbabilities);
      let sentimentScore = sentimentProbabilities[positive]! - sentimentProbabilities[negative]!;
      let intentConfidence = intentProbabilities[i]!;
      let crisisWords = 0;
      for (const feature of prepared.features) if (feature === 'i:crisis') crisisWords++;

      const remembered = memory.match(prepared);
      if (remembered) {
        const { item, similarity } = remembered;
        if (SENTIMENTS[s] !== item.sentiment) {
          s = SENTIMENTS.indexOf(item.sentiment);
          sentimentScore =
            item.sentiment === 'negative' ? -0.8 : item.sentiment === 'positive' ? 0.8 : 0;
        }
        i = INTENTS.indexOf(item.intent);
        intentConfidence = Math.max(similarity, intentProbabilities[i]!);
      }
      const label = INTENTS[i]!;
      sentimentScore = round(sentimentScore);
      return {
        language: detectLanguage(prepared.normalized),
        sentiment: SENTIMENTS[s]!,
        sentimentScore,
        intent: label,
        intentConfidence: round(intentConfidence),
        priority: priorityOf(label, sentimentScore, { crisisWords }),
      };
    },
    toJSON(): unknown {
      return {
        format: FORMAT,
        version: FORMAT_VERSION,
        options,
        vocabulary,
        scale: floatsToBase64(scale),
        sentiment: modelToJSON(sentiment),
        intent: modelToJSON(intent),
        coupling: Array.from(coupling),
        naiveBayes: naiveBayes && {
          sentiment: naiveBayesToJSON(naiveBayes.sentiment),
          intent: naiveBayesToJSON(naiveBayes.intent),
        },
        corrections,
      };
    },
  };
}

function argmax(values: Float64Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Trains the sentiment and intent models on `examples` plus a workspace's corrections. */
export function trainClassifier(
  examples: readonly LabelledExample[],
  trainOptions: TrainOptions = {},
): Classifier {
  const options: ModelOptions = {
    ...DEFAULT_MODEL_OPTIONS,
    ...trainOptions.model,
    ...(trainOptions.correctionWeight === undefined
      ? {}
      : { correctionWeight: trainOptions.correctionWeight }),
  };
  const corrections = (trainOptions.corrections ?? []).filter(
    (c) => c.text.trim() !== '' && isSentiment(c.sentiment) && isIntent(c.intent),
  );
  const all = [...examples, ...corrections];
  const prepared = all.map((e) => prepare(e.text, options.features));

  // Vocabulary: features seen in at least minCount messages, and every feature of a correction.
  const documentFrequency = new Map<string, number>();
  prepared.forEach((p, n) => {
    const boost = n >= examples.length ? options.minCount : 1;
    for (const feature of new Set(p.features)) {
      documentFrequency.set(feature, (documentFrequency.get(feature) ?? 0) + boost);
    }
  });
  const vocabulary = [...documentFrequency.entries()]
    .filter(([, count]) => count >= options.minCount)
    .map(([feature]) => feature)
    .sort();
  const documents = prepared.length;
  const scale = Float32Array.from(vocabulary, (feature) => {
    if (isSummaryFeature(feature)) return options.summaryWeight;
    if (!options.idf) return 1;
    return 1 + Math.log((documents + 1) / (documentFrequency.get(feature)! + 1));
  });
  const vectorizer = new Vectorizer(vocabulary, scale, options.binary);
  const xs = prepared.map((p) => vectorizer.vectorize(p.features));

  const baseWeights = all.map((_, n) => (n >= examples.length ? options.correctionWeight : 1));
  const sentimentYs = all.map((e) => SENTIMENTS.indexOf(e.sentiment));
  const intentYs = all.map((e) => INTENTS.indexOf(e.intent));
  const train = (labels: readonly string[], ys: number[]): SoftmaxModel => {
    const weights = balanced(ys, labels.length, baseWeights, options.classBalance);
    return trainSoftmax(labels, vocabulary.length, xs, ys, weights, options.softmax);
  };
  const sentimentModel = train(SENTIMENTS, sentimentYs);
  const intentModel = train(INTENTS, intentYs);
  const bayes = (labels: readonly string[], ys: number[]): NaiveBayesModel =>
    trainNaiveBayes(labels, vocabulary.length, xs, ys, baseWeights, options.naiveBayesAlpha);
  return buildClassifier({
    options,
    vocabulary,
    scale,
    sentiment: sentimentModel,
    intent: intentModel,
    coupling: couplingTable(all, baseWeights),
    naiveBayes:
      options.naiveBayesWeight > 0
        ? { sentiment: bayes(SENTIMENTS, sentimentYs), intent: bayes(INTENTS, intentYs) }
        : null,
    corrections,
  });
}

/** Per-example weights times (mean class size / class size)^power. */
function balanced(
  ys: readonly number[],
  classes: number,
  weights: readonly number[],
  power: number,
): number[] {
  if (power === 0) return [...weights];
  const counts = new Array<number>(classes).fill(0);
  ys.forEach((y, n) => (counts[y]! += weights[n]!));
  const total = counts.reduce((a, b) => a + b, 0);
  const present = counts.filter((c) => c > 0).length;
  return ys.map((y, n) => weights[n]! * (total / present / counts[y]!) ** power);
}

interface ModelJSON {
  labels: string[];
  bias: number[];
  /** Float32 little-endian weights, base64. */
  weights: string;
}

function modelToJSON(model: SoftmaxModel): ModelJSON {
  return {
    labels: [...model.labels],
    bias: Array.from(model.bias),
    weights: floatsToBase64(model.weights),
  };
}

interface NaiveBayesJSON {
  logPrior: number[];
  /** Float32 little-endian log-likelihoods, base64. */
  logLikelihood: string;
}

function naiveBayesToJSON(model: NaiveBayesModel): NaiveBayesJSON {
  return {
    logPrior: Array.from(model.logPrior),
    logLikelihood: floatsToBase64(model.logLikelihood),
  };
}

function naiveBayesFromJSON(
  json: unknown,
  labels: readonly string[],
  dimensions: number,
): NaiveBayesModel {
  const m = json as Partial<NaiveBayesJSON> | null;
  if (
    !m ||
    !Array.isArray(m.logPrior) ||
    m.logPrior.length !== labels.length ||
    !m.logPrior.every((v) => typeof v === 'number' && Number.isFinite(v))
  ) {
    throw new Error('Saved classifier: a naive-Bayes model does not match the expected labels');
  }
  return {
    labels,
    dimensions,
    logPrior: Float32Array.from(m.logPrior),
    logLikelihood: floatsFromBase64(
      m.logLikelihood,
      dimensions * labels.length,
      'naive-Bayes likelihoods',
    ),
  };
}

function floatsToBase64(values: Float32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

function floatsFromBase64(text: unknown, length: number, what: string): Float32Array {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'base64') : null;
  if (!bytes || bytes.byteLength !== length * 4) {
    throw new Error(`Saved classifier: ${what} do not match the vocabulary`);
  }
  const values = new Float32Array(length);
  new Uint8Array(values.buffer).set(bytes);
  return values;
}

function modelFromJSON(json: unknown, labels: readonly string[], dimensions: number): SoftmaxModel {
  const m = json as Partial<ModelJSON> | null;
  if (
    !m ||
    !Array.isArray(m.labels) ||
    m.labels.join() !== labels.join() ||
    !Array.isArray(m.bias) ||
    m.bias.length !== labels.length ||
    typeof m.weights !== 'string'
  ) {
    throw new Error('Saved classifier: a model does not match the expected labels');
  }
  const weights = floatsFromBase64(m.weights, dimensions * labels.length, 'weights');
  return { labels, dimensions, weights, bias: Float32Array.from(m.bias) };
}

/** Rebuilds a classifier saved with `toJSON()` (e.g. a cached workspace model). */
export function loadClassifier(json: unknown): Classifier {
  const data = json as Partial<{
    format: string;
    version: number;
    options: ModelOptions;
    vocabulary: string[];
    scale: string;
    sentiment: unknown;
    intent: unknown;
    coupling: number[];
    naiveBayes: { sentiment: unknown; intent: unknown } | null;
    corrections: LabelledExample[];
  }> | null;
  if (!data || data.format !== FORMAT || data.version !== FORMAT_VERSION) {
    throw new Error(`Not a saved classifier of format ${FORMAT} v${FORMAT_VERSION}`);
  }
  if (!data.options || !Array.isArray(data.vocabulary) || !Array.isArray(data.corrections)) {
    throw new Error('Saved classifier: options, vocabulary or corrections missing');
  }
  const options: ModelOptions = { ...DEFAULT_MODEL_OPTIONS, ...data.options };
  if (
    !Array.isArray(data.coupling) ||
    data.coupling.length !== INTENTS.length * SENTIMENTS.length ||
    !data.coupling.every((v) => typeof v === 'number' && Number.isFinite(v))
  ) {
    throw new Error('Saved classifier: coupling table missing or malformed');
  }
  return buildClassifier({
    options,
    vocabulary: data.vocabulary,
    scale: floatsFromBase64(data.scale, data.vocabulary.length, 'feature scales'),
    sentiment: modelFromJSON(data.sentiment, SENTIMENTS, data.vocabulary.length),
    intent: modelFromJSON(data.intent, INTENTS, data.vocabulary.length),
    coupling: Float64Array.from(data.coupling),
    // Classifiers saved before the naive-Bayes opinion existed load without it.
    naiveBayes: data.naiveBayes
      ? {
          sentiment: naiveBayesFromJSON(
            data.naiveBayes.sentiment,
            SENTIMENTS,
            data.vocabulary.length,
          ),
          intent: naiveBayesFromJSON(data.naiveBayes.intent, INTENTS, data.vocabulary.length),
        }
      : null,
    corrections: data.corrections,
  });
}
