import { describe, expect, it } from 'vitest';
import {
  MATCH_THRESHOLD,
  estimateSimilarity,
  findNearDuplicates,
  fingerprint,
  jaccard,
  normalizeForShingles,
} from './originality.ts';

const ZH_ORIGINAL = [
  '春天到了，我们的咖啡馆推出了三款季节限定饮品：樱花拿铁、抹茶燕麦和桂花冷萃。',
  '每一款都选用当季原料，樱花来自云南，抹茶来自宇治，桂花由店长亲手采摘晾晒。',
  '即日起到四月底，到店出示本条内容即可享受第二杯半价，欢迎带上朋友一起来尝鲜。',
].join('\n\n');

// A light edit: two words changed, punctuation swapped for full-width/half-width, one clause cut.
const ZH_EDITED = [
  '春天来了，我们的咖啡馆推出了三款季节限定饮品: 樱花拿铁、抹茶燕麦和桂花冷萃！',
  '每一款都选用当季原料，樱花来自云南，抹茶来自宇治，桂花由店长亲手采摘晾晒。',
  '即日起到四月底，到店出示本条内容即可享受第二杯半价。',
].join('\n');

const ZH_UNRELATED =
  '本周直播预告：周五晚八点，产品经理将在线演示新版会员积分体系，解答大家关于等级和兑换的问题。';

const EN_ORIGINAL = [
  'Five habits of teams that publish every day without burning out.',
  'First, they plan topics a month ahead and keep a reserve of at least fifteen ready pieces.',
  'Second, they reuse one flagship article across platforms instead of writing everything twice.',
  'Third, they review numbers after three, seven and thirty days and drop what does not work.',
].join('\n\n');

const EN_REORDERED = [
  'Third, they review numbers after three, seven and thirty days and drop what does not work.',
  'Five habits of teams that publish every day without burning out.',
  'Second, they reuse one flagship article across platforms instead of writing everything twice.',
  'First, they plan topics a month ahead and keep a reserve of at least fifteen ready pieces.',
].join('\n\n');

const EN_UNRELATED =
  'Our support desk is closed on Monday for the public holiday; replies resume on Tuesday morning.';

describe('normalizeForShingles', () => {
  it('folds full-width forms, case, spaces and punctuation away', () => {
    const { chars } = normalizeForShingles('ＡＢＣ， Hello！ 你好 ２０２６');
    expect(chars.join('')).toBe('abchello你好2026');
  });

  it('keeps the offset of each kept character in the original text', () => {
    const { offsets } = normalizeForShingles('a, b');
    expect(offsets).toEqual([0, 3]);
  });
});

describe('similarity', () => {
  it('scores a lightly edited Chinese copy high and unrelated Chinese text low', () => {
    const original = fingerprint(ZH_ORIGINAL);
    expect(jaccard(original, fingerprint(ZH_EDITED))).toBeGreaterThan(0.7);
    expect(jaccard(original, fingerprint(ZH_UNRELATED))).toBeLessThan(0.05);
  });

  it('still matches reordered paragraphs and rejects unrelated English text', () => {
    const original = fingerprint(EN_ORIGINAL);
    expect(jaccard(original, fingerprint(EN_REORDERED))).toBeGreaterThan(0.95);
    // Latin trigrams recur by chance in any English text, so the floor sits higher than for Chinese.
    expect(jaccard(original, fingerprint(EN_UNRELATED))).toBeLessThan(0.15);
  });

  it('gives identical texts similarity 1 and an empty text 0', () => {
    expect(jaccard(fingerprint(ZH_ORIGINAL), fingerprint(ZH_ORIGINAL))).toBe(1);
    expect(jaccard(fingerprint('！！！'), fingerprint(ZH_ORIGINAL))).toBe(0);
  });

  it('has a sketch estimate close to the exact Jaccard', () => {
    const pairs = [
      [ZH_ORIGINAL, ZH_EDITED],
      [EN_ORIGINAL, EN_REORDERED],
      [EN_ORIGINAL, EN_UNRELATED],
    ] as const;
    for (const [a, b] of pairs) {
      const fa = fingerprint(a);
      const fb = fingerprint(b);
      expect(Math.abs(estimateSimilarity(fa, fb) - jaccard(fa, fb))).toBeLessThan(0.2);
    }
  });
});

describe('findNearDuplicates', () => {
  const candidates = [
    { key: 'zh', text: ZH_ORIGINAL },
    { key: 'en', text: EN_ORIGINAL },
    { key: 'zh-other', text: ZH_UNRELATED },
    { key: 'en-other', text: EN_UNRELATED },
  ];

  it('reports only the near-copy, with a shared snippet in the earlier wording', () => {
    const matches = findNearDuplicates(ZH_EDITED, candidates);
    expect(matches.map((m) => m.key)).toEqual(['zh']);
    expect(matches[0]?.similarity).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
    expect(matches[0]?.sharedSnippet).toContain('樱花来自云南，抹茶来自宇治');
  });

  it('finds the English original of a reordered copy', () => {
    const matches = findNearDuplicates(EN_REORDERED, candidates);
    expect(matches.map((m) => m.key)).toEqual(['en']);
    expect(matches[0]?.sharedSnippet.length).toBeGreaterThan(40);
  });

  it('finds nothing for new text or text without letters', () => {
    expect(
      findNearDuplicates('全新的内容，与之前的都不一样，讲的是夏季露营装备。', candidates),
    ).toEqual([]);
    expect(findNearDuplicates('…！？', candidates)).toEqual([]);
  });

  it('checks a few thousand earlier items quickly', () => {
    const many = Array.from({ length: 3000 }, (_, i) => ({
      key: i,
      text: `${EN_UNRELATED} ${i} ${ZH_UNRELATED}`.repeat(4),
    }));
    const started = performance.now();
    findNearDuplicates(EN_ORIGINAL, many);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
