import { describe, expect, it } from 'vitest';
import { createSegmentDictionary, detectLanguage, segmentText, tokenize } from './segment.ts';

describe('segmentText', () => {
  it('segments Chinese into words with ICU', () => {
    const words = segmentText('我们要好好学习，近期有考试').filter((s) => s.isWord);
    expect(words.map((s) => s.text)).toEqual(['我们', '要', '好好', '学习', '近期', '有', '考试']);
  });

  it('returns every piece so the segments rebuild the text, with their indexes', () => {
    const text = '运营主管, read the 日报 now!';
    const segments = segmentText(text);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    for (const s of segments) expect(text.slice(s.index, s.index + s.text.length)).toBe(s.text);
  });

  it('keeps dictionary words whole, longest first, case- and script-insensitively', () => {
    const dictionary = createSegmentDictionary(['蔚来', '蔚来ES6', 'OpsLoop', '微信号']);
    const segments = segmentText('我开蔚来es6，用ＯｐｓＬｏｏｐ做運營，加微信号', { dictionary });
    const fromDictionary = segments.filter((s) => s.fromDictionary).map((s) => s.text);
    expect(fromDictionary).toEqual(['蔚来es6', 'ＯｐｓＬｏｏｐ', '微信号']);
    expect(segments.map((s) => s.text).join('')).toBe(
      '我开蔚来es6，用ＯｐｓＬｏｏｐ做運營，加微信号',
    );
  });

  it('does not cut a Latin dictionary word out of a longer word', () => {
    const dictionary = createSegmentDictionary(['app']);
    const segments = segmentText('happy app users', { dictionary });
    expect(segments.filter((s) => s.fromDictionary).map((s) => s.index)).toEqual([6]);
  });

  it('reports dictionary membership', () => {
    const dictionary = createSegmentDictionary(['OpsLoop', '  ']);
    expect(dictionary.size).toBe(1);
    expect(dictionary.has('opsloop')).toBe(true);
    expect(dictionary.has('loop')).toBe(false);
  });
});

describe('tokenize', () => {
  it('returns normalised words without spaces or punctuation', () => {
    expect(tokenize("Don't SPAM me, 這個產品不錯!")).toEqual([
      "don't",
      'spam',
      'me',
      '这个',
      '产品',
      '不错',
    ]);
  });

  it('uses the dictionary', () => {
    const dictionary = createSegmentDictionary(['小米手机']);
    expect(tokenize('我爱小米手机', { dictionary })).toEqual(['我', '爱', '小米手机']);
  });
});

describe('detectLanguage', () => {
  it.each([
    ['我喜欢iPhone手机', 'zh'],
    ['這個產品很好用', 'zh'],
    ['I love 北京 so much', 'en'],
    ['The quick brown fox', 'en'],
    ['12345 !!!', 'en'],
    ['', 'en'],
    ['新品上市 New arrivals 限时优惠', 'zh'],
  ] as const)('%j is %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });
});
