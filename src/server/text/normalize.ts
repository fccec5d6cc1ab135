import { T2S_PAIRS } from './data/t2s-chars.ts';

/**
 * Text normalisation shared by search, classification and moderation.
 *
 * `normalizeText` gives a readable canonical form (NFKC, lower case, simplified Chinese, no
 * invisible characters, single spaces). `normalizeForMatch` goes further for word-list
 * matching: it keeps only letters and digits, so separators people insert to dodge filters
 * (`敏 感 词`, `敏*感*词`, `ｓｐａｍ`) disappear, and it remembers where every output character
 * came from in the original string.
 */

const traditionalToSimplified = new Map<number, number>();
{
  const codePoints = Array.from(T2S_PAIRS, (char) => char.codePointAt(0)!);
  for (let i = 0; i + 1 < codePoints.length; i += 2) {
    traditionalToSimplified.set(codePoints[i]!, codePoints[i + 1]!);
  }
}

/** Traditional → simplified for one code point; anything else is returned unchanged. */
export function toSimplifiedCodePoint(codePoint: number): number {
  return traditionalToSimplified.get(codePoint) ?? codePoint;
}

/** Converts traditional Chinese characters to simplified, one character at a time. */
export function toSimplified(input: string): string {
  let out = '';
  for (const char of input) {
    const mapped = traditionalToSimplified.get(char.codePointAt(0)!);
    out += mapped === undefined ? char : String.fromCodePoint(mapped);
  }
  return out;
}

// Invisible characters used to split words without showing: format characters (zero-width
// space/joiners, direction marks, word joiner, BOM, soft hyphen…), variation selectors
// (U+FE00–FE0F and the supplementary ones) and the Hangul/Mongolian fillers that render empty.
const INVISIBLE =
  /[\p{Cf}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}\u180B-\u180F\u115F\u1160\u3164\uFFA0]|\u034F/gu;

/**
 * The canonical, still readable form of a text: NFKC (full-width → half-width, compatibility
 * forms folded), lower-case, traditional → simplified Chinese, invisible characters removed,
 * whitespace collapsed to single spaces and trimmed.
 */
export function normalizeText(input: string): string {
  const folded = input.replace(INVISIBLE, '').normalize('NFKC').toLowerCase();
  return toSimplified(folded).replace(/\s+/gu, ' ').trim();
}

/** The result of {@link normalizeForMatch}: `offsets[i]` is where `text[i]` came from. */
export interface MatchText {
  /** Letters and digits only, folded like {@link normalizeText}. */
  text: string;
  /**
   * For every UTF-16 code unit of `text`, the index in the original string of the code point
   * it came from (a code point that folds to several, like `ﬁ` → `fi`, repeats its index).
   */
  offsets: number[];
}

/** Per code point fold for matching, computed once and cached: see {@link foldCodePoint}. */
const DROP = -1;
/** What {@link foldCodePoint} returns for a code point that matching ignores. */
export const FOLD_DROP = DROP;
const UNKNOWN = 0;
const MANY = -2;
const bmpFold = new Int32Array(0x10000); // 0 = not computed yet, -1 = drop, -2 = see manyFold
const manyFold = new Map<number, readonly number[]>();
const KEEP = /^[\p{L}\p{N}]$/u;
// Letters by category that render as nothing (Hangul fillers), used as invisible spaces.
const FILLER = /^[\u115F\u1160\u3164\uFFA0]$/u;

/**
 * Folds one code point into the code points that represent it for matching: NFKD (so full-width
 * and compatibility forms fold, and accents separate), combining marks dropped, lower case,
 * traditional → simplified. Everything that is not a letter or a digit folds to nothing.
 */
function computeFold(codePoint: number): readonly number[] {
  const out: number[] = [];
  const decomposed = String.fromCodePoint(codePoint).normalize('NFKD').toLowerCase();
  for (const char of decomposed) {
    if (!KEEP.test(char) || FILLER.test(char)) continue;
    out.push(toSimplifiedCodePoint(char.codePointAt(0)!));
  }
  return out;
}

/**
 * The match form of one code point: a code point, several (`ﬁ` → `f`, `i`), or
 * {@link FOLD_DROP} for spaces, punctuation, symbols and invisible characters. Cached, so hot
 * loops (the word-list matcher) can call it for every character.
 */
export function foldCodePoint(codePoint: number): number | readonly number[] {
  if (codePoint < 0x10000) {
    const cached = bmpFold[codePoint]!;
    if (cached > 0) return cached;
    if (cached === DROP) return DROP;
    if (cached === MANY) return manyFold.get(codePoint)!;
    const folded = computeFold(codePoint);
    if (folded.length === 0) {
      bmpFold[codePoint] = DROP;
      return DROP;
    }
    if (folded.length === 1 && folded[0]! > 0) {
      bmpFold[codePoint] = folded[0]!;
      return folded[0]!;
    }
    bmpFold[codePoint] = MANY;
    manyFold.set(codePoint, folded);
    return folded;
  }
  let folded = manyFold.get(codePoint);
  if (!folded) {
    folded = computeFold(codePoint);
    manyFold.set(codePoint, folded);
  }
  return folded;
}

// Pre-fill ASCII so the common path never calls into Intl.
for (let c = 0; c < 0x80; c++) {
  if (bmpFold[c] === UNKNOWN) foldCodePoint(c);
}

/**
 * Streams the match form of `input` as code points: calls `emit(codePoint, originalIndex)` for
 * every kept code point. The matcher uses this directly to avoid building strings.
 */
export function forEachMatchCodePoint(
  input: string,
  emit: (codePoint: number, originalIndex: number) => void,
): void {
  const length = input.length;
  for (let i = 0; i < length; i++) {
    const start = i;
    let codePoint = input.charCodeAt(i);
    if (codePoint >= 0xd800 && codePoint <= 0xdbff && i + 1 < length) {
      const low = input.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        codePoint = (codePoint - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    const folded = foldCodePoint(codePoint);
    if (typeof folded === 'number') {
      if (folded !== DROP) emit(folded, start);
    } else {
      for (const cp of folded) emit(cp, start);
    }
  }
}

/**
 * The form of a text used for word-list matching: like {@link normalizeText}, and in addition
 * only letters and digits are kept — spaces, punctuation, symbols, emoji and invisible
 * characters are dropped — so `敏 感 词`, `敏*感*词`, `敏.感.词` and `敏\u200B感词` all become
 * `敏感词`. Letters and Han characters are never dropped. `offsets` maps every output code unit
 * back to the original string so matches can be highlighted there.
 */
export function normalizeForMatch(input: string): MatchText {
  let text = '';
  const offsets: number[] = [];
  forEachMatchCodePoint(input, (codePoint, index) => {
    text += String.fromCodePoint(codePoint);
    offsets.push(index);
    if (codePoint > 0xffff) offsets.push(index);
  });
  return { text, offsets };
}

/** Folds a word from a word list to its match form (the same fold as the text it will meet). */
export function normalizeWordForMatch(word: string): string {
  return normalizeForMatch(word).text;
}
