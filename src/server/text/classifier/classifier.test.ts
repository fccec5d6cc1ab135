import { beforeAll, describe, expect, it } from 'vitest';
import {
  baseExamples,
  defaultClassifier,
  loadClassifier,
  trainClassifier,
  type Classifier,
  type LabelledExample,
} from './index.ts';

let classifier: Classifier;
let trainMs = 0;

beforeAll(() => {
  const started = performance.now();
  classifier = trainClassifier(baseExamples());
  trainMs = performance.now() - started;
});

describe('trainClassifier', () => {
  it('trains on the base examples in well under a second (a few seconds on a loaded CI machine)', () => {
    expect(trainMs).toBeLessThan(5000);
  });

  it('understands new messages in both languages', () => {
    const cases: Array<[string, Partial<ReturnType<Classifier['classify']>>]> = [
      [
        '主播今天穿的衣服好好看',
        { language: 'zh', sentiment: 'positive', intent: 'praise', priority: 'low' },
      ],
      [
        '上新太慢了，等得花儿都谢了',
        { language: 'zh', sentiment: 'negative', intent: 'complaint' },
      ],
      ['想问一下你们招暑期实习生吗', { language: 'zh', sentiment: 'neutral', intent: 'question' }],
      [
        '喝了你们的果汁全家上吐下泻，已经在医院了',
        { language: 'zh', sentiment: 'negative', intent: 'crisis', priority: 'urgent' },
      ],
      [
        'my package says delivered to a different city??',
        { language: 'en', intent: 'after_sales' },
      ],
      [
        'the seasonal menu drops tomorrow right?',
        { language: 'en', sentiment: 'neutral', intent: 'question' },
      ],
      [
        'you people are absolute clowns, go to hell',
        { sentiment: 'negative', intent: 'abuse', priority: 'high' },
      ],
      [
        'follow me for daily giveaways, link in bio',
        { sentiment: 'neutral', intent: 'spam', priority: 'low' },
      ],
    ];
    for (const [text, expected] of cases) {
      expect({ text, ...classifier.classify(text) }).toMatchObject({ text, ...expected });
    }
  });

  it('reads sarcasm and negation', () => {
    expect(classifier.classify('呵呵，真是"贴心"啊，等了一周还没发货🙄').sentiment).toBe(
      'negative',
    );
    expect(
      classifier.classify('wow, "amazing" support, nobody answered for a week 🙄').sentiment,
    ).toBe('negative');
    expect(classifier.classify('一点都不好用，不太满意').sentiment).toBe('negative');
    expect(classifier.classify('not bad at all, honestly pretty good').sentiment).toBe('positive');
  });

  it('keeps scores and confidences in range, whatever the input', () => {
    for (const text of [
      '',
      '   ',
      '🙂',
      '?????',
      'a'.repeat(5000),
      '测'.repeat(3000),
      '\u200b\u0000',
    ]) {
      const u = classifier.classify(text);
      expect(u.sentimentScore).toBeGreaterThanOrEqual(-1);
      expect(u.sentimentScore).toBeLessThanOrEqual(1);
      expect(u.intentConfidence).toBeGreaterThanOrEqual(0);
      expect(u.intentConfidence).toBeLessThanOrEqual(1);
    }
  });

  it('is deterministic', () => {
    const again = trainClassifier(baseExamples());
    for (const { text } of baseExamples().slice(0, 50)) {
      expect(again.classify(text)).toEqual(classifier.classify(text));
    }
  });

  it('classifies a message in well under 0.3 ms', () => {
    const texts = baseExamples().map((e) => e.text);
    for (const text of texts) classifier.classify(text);
    const started = performance.now();
    for (let round = 0; round < 3; round++) for (const text of texts) classifier.classify(text);
    const microseconds = ((performance.now() - started) * 1000) / (3 * texts.length);
    expect(microseconds).toBeLessThan(300);
  });
});

describe('workspace corrections', () => {
  const scam = 'DM me your order number and I will refund you instantly';
  const groupBuy = '限时团购，拼车群满100人发车，想上车的扣1';
  const corrections: LabelledExample[] = [
    { text: scam, sentiment: 'neutral', intent: 'spam' },
    { text: groupBuy, sentiment: 'neutral', intent: 'spam' },
  ];
  const paraphrases = [
    'dm me your order number, I will refund you right away',
    'send me your order number in DM for an instant refund',
    '拼车群还差20人发车，想上车的扣1',
    '团购拼车，满人就发车，想要的扣1',
  ];

  it('changes the outcome for the corrected messages and similar new ones', () => {
    for (const text of [scam, groupBuy]) {
      expect(classifier.classify(text).intent).not.toBe('spam');
    }
    // The base model may already see through one paraphrase; most it does not.
    const missed = paraphrases.filter((text) => classifier.classify(text).intent !== 'spam');
    expect(missed.length).toBeGreaterThanOrEqual(3);
    const corrected = trainClassifier(baseExamples(), { corrections });
    for (const text of [scam, groupBuy, ...paraphrases]) {
      expect({ text, intent: corrected.classify(text).intent }).toEqual({ text, intent: 'spam' });
    }
    // Genuine after-sales requests are left alone.
    expect(corrected.classify('where is my refund? the order number is in your DMs').intent).toBe(
      'after_sales',
    );
    expect(corrected.classify('我的订单还没发货，能帮我查一下吗').intent).toBe('after_sales');
  });

  it('generalises through training, not only by remembering', () => {
    // With the memory out of play, the weighted corrections alone move similar messages.
    const trainedOnly = trainClassifier(baseExamples(), {
      corrections,
      model: { memoryThreshold: 2 },
    });
    expect(
      trainedOnly.classify('dm me your order number, I will refund you right away').intent,
    ).toBe('spam');
    expect(trainedOnly.classify('拼车群还差20人发车，想上车的扣1').intent).toBe('spam');
  });

  it('corrects sentiment too, and a later correction of the same text wins', () => {
    const text = '这个新包装，怎么说呢，很有想法';
    const first = trainClassifier(baseExamples(), {
      corrections: [
        { text, sentiment: 'positive', intent: 'praise' },
        { text, sentiment: 'negative', intent: 'complaint' },
      ],
    }).classify(text);
    expect(first).toMatchObject({ sentiment: 'negative', intent: 'complaint' });
    expect(first.sentimentScore).toBeLessThan(0);
  });

  it('weighs corrections by correctionWeight', () => {
    const text = 'dm me your order number, I will refund you right away';
    const options = { corrections, model: { memoryThreshold: 2 } };
    expect(
      trainClassifier(baseExamples(), { ...options, correctionWeight: 0 }).classify(text).intent,
    ).not.toBe('spam');
    expect(
      trainClassifier(baseExamples(), { ...options, correctionWeight: 5 }).classify(text).intent,
    ).toBe('spam');
  });
});

describe('toJSON / loadClassifier', () => {
  it('round-trips through JSON text with identical answers, corrections included', () => {
    const corrected = trainClassifier(baseExamples(), {
      corrections: [{ text: '拼车群满人发车，扣1上车', sentiment: 'neutral', intent: 'spam' }],
    });
    const loaded = loadClassifier(JSON.parse(JSON.stringify(corrected.toJSON())));
    const texts = [
      ...baseExamples()
        .slice(0, 100)
        .map((e) => e.text),
      '拼车群满人发车，扣1上车',
    ];
    for (const text of texts) expect(loaded.classify(text)).toEqual(corrected.classify(text));
  });

  it('loads a classifier saved without the naive-Bayes opinion', () => {
    const saved = classifier.toJSON() as Record<string, unknown>;
    expect(saved.naiveBayes).toBeTruthy();
    const older = loadClassifier({ ...saved, naiveBayes: undefined });
    const alone = trainClassifier(baseExamples(), { model: { naiveBayesWeight: 0 } });
    for (const { text } of baseExamples().slice(0, 50)) {
      expect(older.classify(text)).toEqual(alone.classify(text));
    }
  });

  it('rejects what is not a saved classifier', () => {
    expect(() => loadClassifier(null)).toThrow();
    expect(() => loadClassifier({ format: 'something-else' })).toThrow();
    const saved = classifier.toJSON() as Record<string, unknown>;
    expect(() => loadClassifier({ ...saved, vocabulary: ['x'] })).toThrow();
    expect(() => loadClassifier({ ...saved, coupling: [1, 2] })).toThrow();
    expect(() =>
      loadClassifier({ ...saved, naiveBayes: { sentiment: { logPrior: [0] }, intent: {} } }),
    ).toThrow();
  });

  it('shares one default classifier', () => {
    expect(defaultClassifier()).toBe(defaultClassifier());
  });
});
