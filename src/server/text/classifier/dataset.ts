/**
 * The labelled messages OpsLoop's classifier starts from, and their fixed train/test split.
 *
 * The split depends on the data only: within every (language, intent, sentiment) stratum the
 * messages are ordered by a salted SHA-256 of their text and every fourth one, starting with the
 * first, is held out for testing. Changing features, models or hyper-parameters can never move
 * a message between the parts. Messages added after the split was made carry
 * `"split": "train"`: they join the train part and take no part in the stratified split, so
 * adding training data never changes the held-out part either. Model choices are made by
 * cross-validation on the train part ({@link crossValidationFolds}), never on the test part.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIntent, isSentiment, type LabelledExample, type MessageLanguage } from './types.ts';

/** The salt that fixes the split; changing it would make a new test set. */
const SPLIT_SALT = 'opsloop.classify.split.v1';
/** One message in TEST_EVERY of each stratum is held out. */
const TEST_EVERY = 4;

export interface DatasetExample extends LabelledExample {
  /** The file the message came from. */
  language: MessageLanguage;
  /** Added after the split was made: always in the train part. */
  trainOnly: boolean;
}

export interface DatasetSplit {
  train: DatasetExample[];
  test: DatasetExample[];
}

const FILES: Record<MessageLanguage, string> = {
  zh: 'messages.zh.jsonl',
  en: 'messages.en.jsonl',
};

/** Parses one JSONL data file; a malformed line is an error naming the line. */
export function parseExamples(source: string, language: MessageLanguage): DatasetExample[] {
  const examples: DatasetExample[] = [];
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const row = JSON.parse(line) as Record<string, unknown>;
    const { text, sentiment, intent, split } = row;
    if (
      typeof text !== 'string' ||
      text.trim() === '' ||
      !isSentiment(sentiment) ||
      !isIntent(intent) ||
      (split !== undefined && split !== 'train')
    ) {
      throw new Error(
        `${FILES[language]} line ${i + 1}: expected {text, sentiment, intent} and optionally "split": "train"`,
      );
    }
    examples.push({ text, sentiment, intent, language, trainOnly: split === 'train' });
  }
  return examples;
}

let cachedAll: DatasetExample[] | null = null;

/** Every labelled message, Chinese first, in file order. */
export function allExamples(): DatasetExample[] {
  if (!cachedAll) {
    cachedAll = (['zh', 'en'] as const).flatMap((language) =>
      parseExamples(
        readFileSync(new URL(`./data/${FILES[language]}`, import.meta.url), 'utf8'),
        language,
      ),
    );
  }
  return cachedAll;
}

/** A stable number for a text under a salt (the first 48 bits of SHA-256). */
export function textRank(text: string, salt: string): number {
  return parseInt(
    createHash('sha256').update(`${salt}\u0000${text}`).digest('hex').slice(0, 12),
    16,
  );
}

function strata<T extends DatasetExample>(examples: readonly T[], salt: string): T[][] {
  const groups = new Map<string, T[]>();
  for (const example of examples) {
    const key = `${example.language}|${example.intent}|${example.sentiment}`;
    const group = groups.get(key) ?? [];
    group.push(example);
    groups.set(key, group);
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return ordered.map(([, group]) => {
    const ranked = group.map((example) => ({ example, rank: textRank(example.text, salt) }));
    ranked.sort((a, b) => a.rank - b.rank || (a.example.text < b.example.text ? -1 : 1));
    return ranked.map((r) => r.example);
  });
}

/** The stratified, data-only train/test split described at the top of this file. */
export function splitExamples(examples: readonly DatasetExample[]): DatasetSplit {
  const train: DatasetExample[] = examples.filter((e) => e.trainOnly);
  const test: DatasetExample[] = [];
  for (const group of strata(
    examples.filter((e) => !e.trainOnly),
    SPLIT_SALT,
  )) {
    group.forEach((example, i) => (i % TEST_EVERY === 0 ? test : train).push(example));
  }
  return { train, test };
}

let cachedSplit: DatasetSplit | null = null;

export function datasetSplit(): DatasetSplit {
  cachedSplit ??= splitExamples(allExamples());
  return cachedSplit;
}

/** The train part: what the shipped model learns from. */
export function trainExamples(): DatasetExample[] {
  return datasetSplit().train;
}

/** The held-out part: for measuring the shipped model only, never for choosing it. */
export function heldOutExamples(): DatasetExample[] {
  return datasetSplit().test;
}

/**
 * Stratified k-fold assignment of (train-part) examples: `folds[i]` is the fold of
 * `examples[i]`. Deterministic, with its own salt so folds are unrelated to the test split.
 */
export function crossValidationFolds(examples: readonly DatasetExample[], k: number): number[] {
  const index = new Map<DatasetExample, number>();
  examples.forEach((example, i) => index.set(example, i));
  const folds = new Array<number>(examples.length).fill(0);
  let offset = 0;
  for (const group of strata(examples, `${SPLIT_SALT}.cv`)) {
    // Rotating the start keeps small strata from all landing in fold 0.
    group.forEach((example, i) => (folds[index.get(example)!] = (i + offset) % k));
    offset = (offset + group.length) % k;
  }
  return folds;
}

/** A digest of the held-out texts, so a test can prove the test part never changed. */
export function heldOutDigest(): string {
  const texts = heldOutExamples()
    .map((e) => `${e.language}\t${e.intent}\t${e.sentiment}\t${e.text}`)
    .sort();
  return createHash('sha256').update(texts.join('\n')).digest('hex');
}
