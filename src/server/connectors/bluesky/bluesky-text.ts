import { createHash } from 'node:crypto';

/** Bluesky's limits on `app.bsky.feed.post` text (lexicon `maxGraphemes` / `maxLength`). */
export const BLUESKY_MAX_GRAPHEMES = 300;
export const BLUESKY_MAX_TEXT_BYTES = 3000;

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

export function countGraphemes(text: string): number {
  return Array.from(graphemes.segment(text)).length;
}

export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * The post's languages for `langs`, from its script: Han characters mean Chinese, Latin words
 * mean English. Links, mentions and hashtags are left out because they are Latin in any language.
 */
export function detectLanguages(text: string): string[] {
  const prose = text.replace(/https?:\/\/\S+|[@#][\p{L}\p{N}._-]+/gu, ' ');
  const han = prose.match(/\p{Script=Han}/gu)?.length ?? 0;
  const latin = prose.match(/\p{Script=Latin}/gu)?.length ?? 0;
  const langs: Array<{ lang: string; weight: number }> = [];
  // A brand name or two inside Chinese prose does not make the post English.
  if (han >= 2) langs.push({ lang: 'zh', weight: han * 2 });
  if (latin >= 12 || (han < 2 && latin > 0)) langs.push({ lang: 'en', weight: latin });
  return langs.sort((a, b) => b.weight - a.weight).map(({ lang }) => lang);
}

const S32 = '234567abcdefghijklmnopqrstuvwxyz';
/** Record keys derived from idempotency keys fall in 2023–2025, so they sort like real TIDs. */
const WINDOW_START_US = BigInt(Date.UTC(2023, 0, 1)) * 1000n;
const WINDOW_US = 3n * 365n * 86_400n * 1_000_000n;

/**
 * A valid TID (the record key type of `app.bsky.feed.post`) derived only from the idempotency
 * key, so a retried publish writes to the same record instead of creating a second post. Both
 * the 53-bit microsecond time and the 10-bit clock id come from a SHA-256 of the key; a time
 * from the clock would differ between attempts.
 */
export function recordKeyFor(idempotencyKey: string): string {
  const hash = createHash('sha256')
    .update('opsloop/bluesky/rkey/v1\0')
    .update(idempotencyKey)
    .digest();
  const micros = WINDOW_START_US + (hash.readBigUInt64BE(0) % WINDOW_US);
  const clockId = BigInt(hash.readUInt16BE(8) & 0x3ff);
  let value = (micros << 10n) | clockId;
  let encoded = '';
  for (let i = 0; i < 13; i += 1) {
    encoded = S32[Number(value & 31n)] + encoded;
    value >>= 5n;
  }
  return encoded;
}
