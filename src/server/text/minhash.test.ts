import { describe, expect, it } from 'vitest';
import {
  EMPTY_SLOT,
  LshIndex,
  decodeSignature,
  encodeSignature,
  estimateJaccard,
  foldText,
  isEmptySignature,
  jaccard,
  lshCandidateProbability,
  lshKeys,
  lshThreshold,
  minhashSignature,
  normalizeForShingles,
  shingleHashes,
  shingleSequence,
  shingleSet,
  textSignature,
} from './minhash.ts';

/** A small deterministic generator so the statistical checks never flake. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Two sets of integers with a chosen overlap: |A ∩ B| = shared, |A \ B| = |B \ A| = own. */
function setsWithOverlap(shared: number, own: number, seed: number): [Set<number>, Set<number>] {
  const next = random(seed);
  const pool = new Set<number>();
  while (pool.size < shared + 2 * own) pool.add(Math.floor(next() * 2 ** 32));
  const values = [...pool];
  const common = values.slice(0, shared);
  return [
    new Set([...common, ...values.slice(shared, shared + own)]),
    new Set([...common, ...values.slice(shared + own)]),
  ];
}

describe('folding', () => {
  it('folds full-width forms, case, spaces, punctuation and emoji away', () => {
    const { chars } = normalizeForShingles('ＡＢＣ， Hello！ 你好 ２０２６ 👍🏻');
    expect(chars.join('')).toBe('abchello你好2026');
  });

  it('keeps the offset of each kept character, across surrogate pairs', () => {
    expect(foldText('a, b').offsets).toEqual([0, 3]);
    // 𠀀 is outside the BMP: two UTF-16 units, one character.
    const folded = foldText('𠀀x');
    expect(folded.codes).toEqual([0x20000, 0x78]);
    expect(folded.offsets).toEqual([0, 2]);
  });

  it('expands compatibility characters to what they stand for', () => {
    expect(normalizeForShingles('①ﬁ').chars.join('')).toBe('1fi');
  });
});

describe('shingles', () => {
  it('gives one shingle to a text shorter than a shingle and none to an empty one', () => {
    expect(shingleHashes(foldText('好').codes)).toHaveLength(1);
    expect(shingleHashes(foldText('！？…').codes)).toHaveLength(0);
    expect(shingleHashes(foldText('一二三四五').codes, 3)).toHaveLength(3);
    expect(shingleHashes(foldText('一二三四五').codes, 2)).toHaveLength(4);
  });

  it('maps each shingle back to the span it covers in the original text', () => {
    const text = '樱花，拿铁';
    const sequence = shingleSequence(text, 3);
    expect(sequence.hashes).toHaveLength(2);
    expect(text.slice(sequence.starts[0], sequence.ends[0])).toBe('樱花，拿');
    expect(text.slice(sequence.starts[1], sequence.ends[1])).toBe('花，拿铁');
  });

  it('ignores re-punctuation and width, so light copies share every shingle', () => {
    expect(jaccard(shingleSet('App 总是闪退！'), shingleSet('ａｐｐ总是闪退。。。'))).toBe(1);
    expect(jaccard(shingleSet('完全不同的话题'), shingleSet('App 总是闪退'))).toBe(0);
  });
});

describe('signatures', () => {
  it('estimates Jaccard without bias at several overlaps', () => {
    for (const [shared, own, expected] of [
      [90, 5, 90 / 100],
      [60, 20, 60 / 100],
      [30, 35, 30 / 100],
      [5, 10, 5 / 25],
    ] as const) {
      let total = 0;
      const trials = 200;
      for (let trial = 0; trial < trials; trial++) {
        const [a, b] = setsWithOverlap(shared, own, trial * 7919 + shared);
        total += estimateJaccard(minhashSignature(a), minhashSignature(b));
      }
      expect(Math.abs(total / trials - expected)).toBeLessThan(0.03);
    }
  });

  it('fills every slot for a short text and agrees exactly with itself', () => {
    const signature = textSignature('闪退');
    expect([...signature].every((value) => value !== EMPTY_SLOT)).toBe(true);
    expect(estimateJaccard(signature, textSignature('闪退！'))).toBe(1);
  });

  it('marks a text without letters or digits as empty, similar to nothing', () => {
    const empty = textSignature('。。。🙂');
    expect(isEmptySignature(empty)).toBe(true);
    expect(estimateJaccard(empty, empty)).toBe(0);
    expect(estimateJaccard(empty, textSignature('hello'))).toBe(0);
  });

  it('scores a lightly edited Chinese complaint high and another complaint low', () => {
    const a = '你们的App最近更新以后总是闪退，打开直播间就崩溃，希望尽快修复一下';
    const b = '你们的app最近更新后总是闪退!!打开直播间就崩溃，希望尽快修复';
    const c = '客服回复太慢了，等了两天都没有人处理我的退款申请';
    expect(estimateJaccard(textSignature(a), textSignature(b))).toBeGreaterThan(0.6);
    expect(estimateJaccard(textSignature(a), textSignature(c))).toBeLessThan(0.1);
  });

  it('survives a round trip through its text form', () => {
    const signature = textSignature('Please add a dark mode to the app');
    expect(decodeSignature(encodeSignature(signature))).toEqual(signature);
    expect(() => decodeSignature('abc')).toThrow();
  });
});

describe('LSH banding', () => {
  const banding = { bands: 21, rows: 3 };

  it('has the S-curve its parameters promise', () => {
    expect(lshThreshold({ bands: 16, rows: 4 })).toBeCloseTo(0.5, 5);
    expect(lshCandidateProbability(0.7, banding)).toBeGreaterThan(0.99);
    expect(lshCandidateProbability(0.1, banding)).toBeLessThan(0.03);
  });

  it('gives keys distinct per band and stable per signature', () => {
    const signature = textSignature('会员积分兑换规则能不能写清楚一点');
    const keys = lshKeys(signature, banding);
    expect(keys).toHaveLength(21);
    expect(keys.map((key) => Math.floor(key / 2 ** 32))).toEqual([...Array(21).keys()]);
    expect(lshKeys(textSignature('会员积分兑换规则能不能写清楚一点'), banding)).toEqual(keys);
    expect(() => lshKeys(signature, { bands: 40, rows: 2 })).toThrow();
  });

  it('finds near-duplicates and rarely anything else', () => {
    const index = new LshIndex<string>(banding);
    const texts: Record<string, string> = {
      crash: '更新以后App总是闪退，打开直播间就崩溃，希望尽快修复',
      refund: '退款申请提交一周了还没有到账，客服也不回复',
      dark: 'Please add a dark mode, the white screen hurts my eyes at night',
      points: '积分商城的兑换规则太复杂了，建议简化一下',
    };
    for (const [key, text] of Object.entries(texts)) index.add(key, textSignature(text));
    index.add('empty', textSignature('？？？'));
    expect(index.size).toBe(4);
    expect(index.candidates(textSignature('更新以后app总是闪退，打开直播间就崩溃'))).toEqual([
      'crash',
    ]);
    expect(
      index.candidates(textSignature('please add a dark mode; the white screen hurts my eyes')),
    ).toEqual(['dark']);
    expect(index.candidates(textSignature('今天天气不错，适合出去走走'))).toEqual([]);
  });

  it('names the most similar indexed text above a threshold', () => {
    const index = new LshIndex<string>(banding);
    index.add('far', textSignature('积分商城的兑换规则太复杂了，建议简化一下流程'));
    index.add('near', textSignature('积分商城的兑换规则太复杂了，建议简化一下'));
    const query = textSignature('积分商城兑换规则太复杂了，建议简化一下');
    const match = index.mostSimilar(query, 0.5);
    expect(match?.key).toBe('near');
    // The index keeps one byte per slot and corrects for chance agreements: close to the full
    // estimate, not equal to it.
    expect(
      Math.abs(
        (match?.similarity ?? 0) -
          estimateJaccard(query, textSignature('积分商城的兑换规则太复杂了，建议简化一下')),
      ),
    ).toBeLessThan(0.02);
    expect(index.mostSimilar(query, 0.99)).toBeNull();
    expect(index.mostSimilar(textSignature('完全无关的一句话'), 0.1)).toBeNull();
    expect(() => index.add('short', new Uint32Array(8).fill(1))).toThrow();
  });

  it('keeps lookups right across many buckets and its own growth', () => {
    const index = new LshIndex<number>(banding);
    const texts = Array.from({ length: 3000 }, (_, i) => `第${i}号反馈：编号${i * 7919}的问题`);
    texts.forEach((text, i) => index.add(i, textSignature(text)));
    expect(index.size).toBe(3000);
    for (const i of [0, 1234, 2999]) {
      expect(index.mostSimilar(textSignature(texts[i] ?? ''), 0.99)?.key).toBe(i);
    }
  });

  it('caps a crowded bucket at its limit', () => {
    const index = new LshIndex<number>({ ...banding, maxBucket: 5 });
    const signature = textSignature('同一条反馈被复制粘贴了很多次');
    for (let i = 0; i < 50; i++) index.add(i, signature);
    expect(index.candidates(signature)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('textSignature', () => {
  it('equals the signature built step by step, for every kind of text', () => {
    const texts = [
      '',
      '好',
      '①ﬁ ＡＢＣ',
      '𠀀𠀁𠀂 surrogate pairs',
      'Please add a dark mode to the app',
      '更新到最新版以后App总是闪退，打开直播间就崩溃，希望尽快修复一下'.repeat(30),
    ];
    for (const text of texts) {
      for (const shingleSize of [2, 3]) {
        const stepwise = minhashSignature(shingleHashes(foldText(text).codes, shingleSize), 32);
        expect(textSignature(text, { shingleSize, size: 32 })).toEqual(stepwise);
      }
    }
  });
});

describe('LshIndex on many texts', () => {
  it('tells unrelated texts apart as well as the full signatures do', () => {
    const index = new LshIndex<number>({ bands: 16, rows: 4 });
    const next = random(42);
    const words = Array.from({ length: 400 }, (_, i) => `词${i}语${(i * 7) % 13}`);
    const texts = Array.from({ length: 2000 }, () =>
      Array.from({ length: 12 }, () => words[Math.floor(next() * words.length)]).join(''),
    );
    let falseMatches = 0;
    texts.forEach((text, i) => {
      const signature = textSignature(text);
      const match = index.mostSimilar(signature, 0.5);
      if (match && estimateJaccard(signature, textSignature(texts[match.key] ?? '')) < 0.4) {
        falseMatches += 1;
      }
      index.add(i, signature);
    });
    expect(falseMatches).toBe(0);
  });
});
