import { describe, expect, it } from 'vitest';
import {
  allExamples,
  crossValidationFolds,
  datasetSplit,
  heldOutDigest,
  heldOutExamples,
  parseExamples,
  splitExamples,
  trainExamples,
} from './dataset.ts';
import { normalizeText } from '../normalize.ts';
import { baseExamples } from './index.ts';
import { INTENTS, SENTIMENTS } from './types.ts';

describe('labelled messages', () => {
  const all = allExamples();

  it('has at least 500 Chinese and 300 English messages covering every label', () => {
    expect(all.filter((e) => e.language === 'zh').length).toBeGreaterThanOrEqual(500);
    expect(all.filter((e) => e.language === 'en').length).toBeGreaterThanOrEqual(300);
    for (const language of ['zh', 'en'] as const) {
      const part = all.filter((e) => e.language === language);
      for (const intent of INTENTS) {
        expect(part.filter((e) => e.intent === intent).length).toBeGreaterThanOrEqual(30);
      }
      for (const sentiment of SENTIMENTS) {
        expect(part.some((e) => e.sentiment === sentiment)).toBe(true);
      }
    }
  });

  it('has no duplicate messages, even after normalisation', () => {
    const seen = new Set(all.map((e) => normalizeText(e.text)));
    expect(seen.size).toBe(all.length);
  });

  it('covers sarcasm, negation, emoji, mixed Chinese-English and platform slang', () => {
    const texts = all.map((e) => e.text);
    const has = (pattern: RegExp) => texts.some((t) => pattern.test(t));
    for (const slang of ['绝绝子', 'yyds', '拔草', '种草', '踩雷', '无语子', '破防']) {
      expect(texts.some((t) => t.includes(slang))).toBe(true);
    }
    for (const slang of [/\blol\b/u, /\bngl\b/iu, /\bmid\b/u, /\bW\b/u, /\bL\b/u])
      expect(has(slang)).toBe(true);
    expect(has(/真是太"好"了/u)).toBe(true);
    expect(has(/great, another broken update 🙄/u)).toBe(true);
    expect(has(/不太满意/u) && has(/一点都不/u) && has(/not bad/u)).toBe(true);
    expect(has(/\p{Script=Han}.*[a-z]{3,}|[a-z]{3,}.*\p{Script=Han}/u)).toBe(true);
    expect(has(/\p{Extended_Pictographic}/u)).toBe(true);
  });

  it('rejects a malformed line with its line number', () => {
    expect(() =>
      parseExamples('{"text":"hi","sentiment":"neutral","intent":"other"}\n{"text":"x"}', 'en'),
    ).toThrow(/line 2/u);
    expect(() => parseExamples('{"text":"a","sentiment":"meh","intent":"other"}', 'en')).toThrow();
    expect(() =>
      parseExamples('{"text":"a","sentiment":"neutral","intent":"other","split":"test"}', 'en'),
    ).toThrow();
  });
});

describe('train/test split', () => {
  it('is fixed: the held-out part is exactly the one recorded', () => {
    const { train, test } = datasetSplit();
    expect(train.length).toBe(2409);
    expect(test.length).toBe(328);
    // Changing this digest means the test set changed: only an edit of the data files may.
    expect(heldOutDigest()).toBe(
      'bd36a8c0965589c2c8d9f53cb4fe77d0a16e80a88a6a7ca180a0d005a980741f',
    );
  });

  it('is disjoint, complete and stratified by language, intent and sentiment', () => {
    const { train, test } = datasetSplit();
    const trainTexts = new Set(train.map((e) => e.text));
    expect(test.some((e) => trainTexts.has(e.text))).toBe(false);
    expect(train.length + test.length).toBe(allExamples().length);
    const strata = new Map<string, { train: number; test: number }>();
    for (const [part, examples] of [
      ['train', train],
      ['test', test],
    ] as const) {
      for (const e of examples.filter((x) => !x.trainOnly)) {
        const key = `${e.language}|${e.intent}|${e.sentiment}`;
        const counts = strata.get(key) ?? { train: 0, test: 0 };
        counts[part]++;
        strata.set(key, counts);
      }
    }
    for (const counts of strata.values()) {
      expect(counts.test).toBe(Math.ceil((counts.train + counts.test) / 4));
    }
  });

  it('keeps messages added after the split in the train part', () => {
    const { train, test } = datasetSplit();
    expect(test.some((e) => e.trainOnly)).toBe(false);
    expect(train.filter((e) => e.trainOnly).length).toBe(1473);
    // Without them the split is the same: they never move a held-out message.
    const original = splitExamples(allExamples().filter((e) => !e.trainOnly));
    expect(original.test).toEqual(test);
  });

  it('depends on the data only, not on order', () => {
    const shuffled = [...allExamples()].reverse();
    const again = splitExamples(shuffled);
    expect(new Set(again.test.map((e) => e.text))).toEqual(
      new Set(heldOutExamples().map((e) => e.text)),
    );
  });

  it('ships only the train part as base examples', () => {
    const heldOut = new Set(heldOutExamples().map((e) => e.text));
    const base = baseExamples();
    expect(base.length).toBe(trainExamples().length);
    expect(base.some((e) => heldOut.has(e.text))).toBe(false);
  });

  it('cross-validation folds are deterministic and balanced', () => {
    const train = trainExamples();
    const folds = crossValidationFolds(train, 5);
    expect(crossValidationFolds(train, 5)).toEqual(folds);
    const sizes = [0, 1, 2, 3, 4].map((f) => folds.filter((x) => x === f).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(5);
  });
});
