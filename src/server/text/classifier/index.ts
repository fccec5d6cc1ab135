/**
 * Message understanding for the inbox: language, sentiment (with a score), intent and priority
 * of every inbound comment, reply and DM, in Chinese and English.
 *
 * `trainClassifier(baseExamples(), { corrections })` builds a workspace's classifier from the
 * shipped labelled messages plus the corrections its agents made; it trains in a fraction of a
 * second and classifies a message in tens of microseconds. `toJSON()` / `loadClassifier()`
 * cache a trained classifier.
 */
import { trainClassifier, type Classifier } from './classifier.ts';
import { trainExamples } from './dataset.ts';
import type { LabelledExample } from './types.ts';

export {
  DEFAULT_MODEL_OPTIONS,
  loadClassifier,
  trainClassifier,
  type Classifier,
  type ModelOptions,
  type TrainOptions,
} from './classifier.ts';
export { priorityOf, priorityRank } from './priority.ts';
export {
  INTENTS,
  PRIORITIES,
  SENTIMENTS,
  isIntent,
  isSentiment,
  type Intent,
  type LabelledExample,
  type MessageLanguage,
  type Priority,
  type Sentiment,
  type Understanding,
} from './types.ts';

/** The labelled messages OpsLoop ships, train part only (the held-out part is for measuring). */
export function baseExamples(): LabelledExample[] {
  return trainExamples().map(({ text, sentiment, intent }) => ({ text, sentiment, intent }));
}

let shared: Classifier | null = null;

/** The classifier trained on {@link baseExamples} alone, trained once on first use. */
export function defaultClassifier(): Classifier {
  shared ??= trainClassifier(baseExamples());
  return shared;
}
