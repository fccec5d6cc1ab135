import { describe, expect, it } from 'vitest';
import {
  normalizeForMatch,
  normalizeText,
  normalizeWordForMatch,
  toSimplified,
} from './normalize.ts';

describe('normalizeText', () => {
  it('folds full-width forms to half-width and lower-cases Latin', () => {
    expect(normalizeText('ＯｐｓＬｏｏｐ　１２３！')).toBe('opsloop 123!');
    expect(normalizeText('Hello WORLD')).toBe('hello world');
  });

  it('converts traditional Chinese to simplified', () => {
    expect(normalizeText('發票代開，網絡營銷')).toBe('发票代开,网络营销');
    expect(normalizeText('這個產品的質量還不錯')).toBe('这个产品的质量还不错');
    // Taiwan and Hong Kong variant forms fold too.
    expect(normalizeText('裡面')).toBe('里面');
    expect(normalizeText('温度')).toBe('温度');
  });

  it('leaves simplified text and characters that are already simplified alone', () => {
    expect(normalizeText('什么都不说了，才怪')).toBe('什么都不说了,才怪');
    expect(normalizeText('台风来了')).toBe('台风来了');
  });

  it('removes zero-width, direction and variation-selector characters', () => {
    expect(normalizeText('敏\u200B感\u200C词\u200D\u200E\u200F\u2060\uFEFF')).toBe('敏感词');
    expect(normalizeText('ok\uFE0F\u{E0101}')).toBe('ok');
    expect(normalizeText('soft\u00ADhyphen')).toBe('softhyphen');
  });

  it('collapses whitespace of every kind and trims', () => {
    expect(normalizeText('  a \t\n b\u3000\u3000c  ')).toBe('a b c');
  });

  it('applies compatibility folds (circled digits, ligatures)', () => {
    expect(normalizeText('①ﬁ')).toBe('1fi');
  });
});

describe('toSimplified', () => {
  it('maps character by character and keeps other characters', () => {
    expect(toSimplified('國際 ABC 123')).toBe('国际 ABC 123');
  });
});

describe('normalizeForMatch', () => {
  it.each([
    ['敏 感 词'],
    ['敏*感*词'],
    ['敏.感.词'],
    ['敏-感_词'],
    ['敏\u200B感\u200D词'],
    ['敏😀感👍词'],
    ['敏　感　詞'],
    ['【敏】【感】【词】'],
    ['敏\u3164感\u3164词'],
  ])('drops separators in %j', (input) => {
    expect(normalizeForMatch(input).text).toBe('敏感词');
  });

  it('never drops letters, digits or Han characters', () => {
    expect(normalizeForMatch('学习，近期').text).toBe('学习近期');
    expect(normalizeForMatch('a1b2 c3').text).toBe('a1b2c3');
  });

  it('folds case, width, accents and traditional characters', () => {
    expect(normalizeForMatch('ＳＰＡＭ Café').text).toBe('spamcafe');
    expect(normalizeForMatch('Cafe\u0301').text).toBe('cafe');
    expect(normalizeForMatch('習近平').text).toBe('习近平');
  });

  it('maps every output character back to its original index', () => {
    const input = '这是 敏*感*詞 吧';
    const { text, offsets } = normalizeForMatch(input);
    expect(text).toBe('这是敏感词吧');
    expect(offsets).toEqual([0, 1, 3, 5, 7, 9]);
    for (let i = 0; i < text.length; i++) {
      expect(normalizeForMatch(input[offsets[i]!]!).text).toBe(text[i]);
    }
  });

  it('repeats the index for a character that folds to several', () => {
    expect(normalizeForMatch('xﬁy')).toEqual({ text: 'xfiy', offsets: [0, 1, 1, 2] });
  });

  it('gives both code units of a supplementary character the same index', () => {
    const { text, offsets } = normalizeForMatch('😀a𠵾b');
    expect(text).toBe('a𠵾b');
    expect(offsets).toEqual([2, 3, 3, 5]);
  });

  it('folds a word the same way as the text it will meet', () => {
    expect(normalizeWordForMatch(' 代開 發票 ')).toBe('代开发票');
    expect(normalizeWordForMatch('!!!')).toBe('');
  });
});
