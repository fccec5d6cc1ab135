import { describe, expect, it } from 'vitest';
import type { ContentLimits } from '../../connectors/connector.ts';
import { measureText, validateForLimits } from './content-validation.ts';

const bluesky: ContentLimits = {
  countMode: 'graphemes',
  maxTextLength: 300,
  maxTextBytes: 3000,
  maxTitleLength: null,
  maxImages: 4,
  maxImageBytes: 2_000_000,
  maxVideos: 1,
  maxVideoBytes: null,
};
const weibo: ContentLimits = {
  ...bluesky,
  countMode: 'characters',
  maxTextLength: 140,
  maxTextBytes: null,
  maxTitleLength: 32,
};

describe('content limits', () => {
  it('counts graphemes so a family emoji is one character', () => {
    expect(measureText('👨‍👩‍👧', 'graphemes')).toBe(1);
    expect(measureText('新品上市', 'characters')).toBe(4);
  });

  it('says exactly how much to cut', () => {
    const problems = validateForLimits({ text: '字'.repeat(152), title: '标'.repeat(40) }, weibo);
    expect(problems).toEqual([
      { field: 'text', message: 'is 152 characters, 12 over the limit of 140: cut 12' },
      { field: 'title', message: 'is 40 characters, 8 over the limit of 32: cut 8' },
    ]);
    expect(validateForLimits({ text: 'a'.repeat(300), title: null }, bluesky)).toEqual([]);
    expect(validateForLimits({ text: 'a'.repeat(301), title: null }, bluesky)[0]?.message).toMatch(
      /cut 1$/,
    );
    // 1,001 three-byte characters fit 300 graphemes? No: but bytes are checked on their own.
    expect(validateForLimits({ text: '😀'.repeat(300) + '', title: null }, bluesky)).toEqual([]);
  });
});
