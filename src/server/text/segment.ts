import { normalizeText, toSimplifiedCodePoint } from './normalize.ts';

export { detectLanguage, type TextLanguage } from './language.ts';

/**
 * Word segmentation for Chinese and English. Chinese has no spaces, so words come from ICU's
 * dictionary segmenter (`Intl.Segmenter`, full ICU ships with Node). A workspace dictionary
 * keeps its own words whole — brand and product names ICU has never heard of (`OpsLoop`,
 * `蔚来ES6`) — whatever ICU would have done with them.
 */

/** One piece of a segmented text; concatenating every `text` gives the input back. */
export interface Segment {
  text: string;
  /** Index of the segment's first UTF-16 code unit in the input. */
  index: number;
  /** A word (letters, digits, Han characters) rather than spaces or punctuation. */
  isWord: boolean;
  /** The segment is a word from the workspace dictionary. */
  fromDictionary: boolean;
}

/** Words that must stay whole, compared case-insensitively and across Chinese scripts. */
export interface SegmentDictionary {
  readonly size: number;
  has(word: string): boolean;
}

interface DictionaryIndex extends SegmentDictionary {
  /** Folded word lengths (UTF-16) by folded first code unit, longest first. */
  readonly lengthsByFirst: ReadonlyMap<number, readonly number[]>;
  readonly words: ReadonlySet<string>;
}

const LATIN_OR_DIGIT = /[\p{Script=Latin}\p{N}]/u;

/**
 * Folds full-width ASCII, case and traditional characters code unit by code unit, keeping the
 * length so that positions in the folded text are positions in the original (full NFKC could
 * change lengths).
 */
function foldSameLength(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const raw = text.charCodeAt(i);
    const unit = raw >= 0xff01 && raw <= 0xff5e ? String.fromCharCode(raw - 0xfee0) : text[i]!;
    const lower = unit.toLowerCase();
    const code = (lower.length === 1 ? lower : unit).charCodeAt(0);
    const simplified = code >= 0xd800 && code <= 0xdfff ? code : toSimplifiedCodePoint(code);
    out += simplified <= 0xffff ? String.fromCharCode(simplified) : String.fromCharCode(code);
  }
  return out;
}

/** Builds a dictionary from a workspace's words; blank entries are ignored. */
export function createSegmentDictionary(words: Iterable<string>): SegmentDictionary {
  const folded = new Set<string>();
  const lengthsByFirst = new Map<number, number[]>();
  for (const raw of words) {
    const word = foldSameLength(raw.trim());
    if (word.length === 0 || folded.has(word)) continue;
    folded.add(word);
    const first = word.charCodeAt(0);
    const lengths = lengthsByFirst.get(first) ?? [];
    if (!lengths.includes(word.length)) lengths.push(word.length);
    lengths.sort((a, b) => b - a);
    lengthsByFirst.set(first, lengths);
  }
  const index: DictionaryIndex = {
    size: folded.size,
    words: folded,
    lengthsByFirst,
    has: (word) => folded.has(foldSameLength(word.trim())),
  };
  return index;
}

const segmenters = new Map<string, Intl.Segmenter>();
function segmenterFor(locale: string): Intl.Segmenter {
  let segmenter = segmenters.get(locale);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenters.set(locale, segmenter);
  }
  return segmenter;
}

function icuSegments(text: string, offset: number, out: Segment[]): void {
  if (text.length === 0) return;
  for (const piece of segmenterFor('zh').segment(text)) {
    out.push({
      text: piece.segment,
      index: offset + piece.index,
      isWord: piece.isWordLike === true,
      fromDictionary: false,
    });
  }
}

/** Finds the longest dictionary word starting at `start`, respecting Latin word boundaries. */
function dictionaryWordAt(
  original: string,
  folded: string,
  start: number,
  dictionary: DictionaryIndex,
): number {
  const lengths = dictionary.lengthsByFirst.get(folded.charCodeAt(start));
  if (!lengths) return 0;
  for (const length of lengths) {
    const end = start + length;
    if (end > folded.length) continue;
    if (!dictionary.words.has(folded.slice(start, end))) continue;
    // `app` must not be cut out of `happy`: Latin words only match whole.
    if (
      LATIN_OR_DIGIT.test(original[start]!) &&
      start > 0 &&
      LATIN_OR_DIGIT.test(original[start - 1]!)
    ) {
      continue;
    }
    if (LATIN_OR_DIGIT.test(original[end - 1]!) && end < original.length) {
      if (LATIN_OR_DIGIT.test(original[end]!)) continue;
    }
    return length;
  }
  return 0;
}

/**
 * Splits a text into words, spaces and punctuation. Dictionary words are found first
 * (leftmost, longest) and kept as one segment each; the text between them is segmented by ICU.
 */
export function segmentText(
  text: string,
  options: { dictionary?: SegmentDictionary } = {},
): Segment[] {
  const out: Segment[] = [];
  const dictionary = options.dictionary as DictionaryIndex | undefined;
  if (!dictionary || dictionary.size === 0) {
    icuSegments(text, 0, out);
    return out;
  }
  const folded = foldSameLength(text);
  let pendingStart = 0;
  let i = 0;
  while (i < text.length) {
    const length = dictionaryWordAt(text, folded, i, dictionary);
    if (length === 0) {
      i++;
      continue;
    }
    icuSegments(text.slice(pendingStart, i), pendingStart, out);
    out.push({ text: text.slice(i, i + length), index: i, isWord: true, fromDictionary: true });
    i += length;
    pendingStart = i;
  }
  icuSegments(text.slice(pendingStart), pendingStart, out);
  return out;
}

/**
 * The words of a text, normalised (lower case, simplified Chinese, NFKC): what classifiers and
 * similarity measures count. Spaces and punctuation are left out.
 */
export function tokenize(text: string, options: { dictionary?: SegmentDictionary } = {}): string[] {
  const tokens: string[] = [];
  for (const segment of segmentText(text, options)) {
    if (!segment.isWord) continue;
    const token = normalizeText(segment.text);
    if (token.length > 0) tokens.push(token);
  }
  return tokens;
}
