import { describe, expect, it } from 'vitest';
import { countGraphemes, detectLanguages, recordKeyFor, utf8Length } from './bluesky-text.ts';

// The TID syntax of @atproto/syntax: 13 base32-sortable characters, top bit zero.
const TID = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;
const S32 = '234567abcdefghijklmnopqrstuvwxyz';

function decodeTid(tid: string): { micros: bigint; clockId: bigint } {
  let value = 0n;
  for (const char of tid) value = (value << 5n) | BigInt(S32.indexOf(char));
  return { micros: value >> 10n, clockId: value & 0x3ffn };
}

describe('recordKeyFor', () => {
  it('derives a valid, stable TID from the idempotency key alone', () => {
    const key = recordKeyFor('post_01HZX:channel_7');
    expect(key).toMatch(TID);
    expect(recordKeyFor('post_01HZX:channel_7')).toBe(key);
    expect(recordKeyFor('post_01HZX:channel_8')).not.toBe(key);
  });

  it('spreads keys over 2023–2025 and over clock ids', () => {
    const clockIds = new Set<bigint>();
    for (let i = 0; i < 500; i += 1) {
      const tid = recordKeyFor(`key-${i}`);
      expect(tid).toMatch(TID);
      const { micros, clockId } = decodeTid(tid);
      const ms = Number(micros / 1000n);
      expect(ms).toBeGreaterThanOrEqual(Date.UTC(2023, 0, 1));
      expect(ms).toBeLessThan(Date.UTC(2026, 0, 1));
      clockIds.add(clockId);
    }
    expect(clockIds.size).toBeGreaterThan(300);
  });
});

describe('text measures', () => {
  it('counts graphemes as Bluesky does (an emoji family is one) and UTF-8 bytes', () => {
    expect(countGraphemes('你好👋🏽👨‍👩‍👧')).toBe(4);
    expect(utf8Length('你好')).toBe(6);
    expect(utf8Length('👨‍👩‍👧')).toBe(18);
  });

  it('detects Chinese, English or both, ignoring links and mentions', () => {
    expect(detectLanguages('今天发布新品，欢迎来看')).toEqual(['zh']);
    expect(detectLanguages('Launch day is here, come and see')).toEqual(['en']);
    expect(detectLanguages('新款 iPhone 壳今天上架 https://shop.example.com/iphone-case')).toEqual([
      'zh',
    ]);
    expect(detectLanguages('新品发布 — our new collection is finally available today')).toEqual([
      'en',
      'zh',
    ]);
    expect(detectLanguages('https://example.com @bob.test')).toEqual([]);
  });
});
