/**
 * Near-duplicate detection for the originality check (原创): character shingles, a MinHash
 * sketch to discard clearly different texts cheaply, then exact Jaccard on the shingle sets.
 *
 * Characters rather than words so that Chinese, which has no spaces, needs no segmentation, and
 * k = 3 because most Chinese words are one or two characters: three-character shingles carry
 * word order without making a one-character edit disturb too many of them.
 */

/** Shingle length in characters. */
export const SHINGLE_SIZE = 3;
/** Buckets of the MinHash sketch (one-permutation hashing: one hash per shingle, 64 minima). */
export const SKETCH_SIZE = 64;
/** Matches at or above this Jaccard similarity are reported. */
export const MATCH_THRESHOLD = 0.5;
// The sketch estimate wanders by about ±0.12 at 64 buckets, so candidates are let through well
// below the reporting threshold and the exact Jaccard decides.
const CANDIDATE_THRESHOLD = 0.3;
const SNIPPET_MAX = 120;
const EMPTY = 0xffffffff;

/** A text prepared for comparison: its shingle hashes, sketch, and where each shingle starts. */
export interface Fingerprint {
  /** The original text, for snippets. */
  text: string;
  /** Distinct shingle hashes. */
  shingles: Set<number>;
  /** Shingle hashes in reading order. */
  sequence: number[];
  /** Offset in `text` (UTF-16 units) of the first and last character of shingle i. */
  starts: number[];
  ends: number[];
  sketch: Uint32Array;
}

/**
 * Folds away what a light edit or a copy through another editor changes: full-width forms and
 * compatibility characters (NFKC), case, whitespace, punctuation and symbols (emoji included).
 * Returns the kept characters with their offsets in the original text.
 */
export function normalizeForShingles(text: string): { chars: string[]; offsets: number[] } {
  const chars: string[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const original of text) {
    for (const char of original.normalize('NFKC').toLowerCase()) {
      if (!/[\p{L}\p{N}]/u.test(char)) continue;
      chars.push(char);
      offsets.push(offset);
    }
    offset += original.length;
  }
  return { chars, offsets };
}

/** FNV-1a over a string, then murmur3's finaliser so that nearby inputs spread over 32 bits. */
function hashString(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

function mix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Shingles, sketch and offsets of one text; texts shorter than a shingle yield one shingle. */
export function fingerprint(text: string): Fingerprint {
  const { chars, offsets } = normalizeForShingles(text);
  const sequence: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  if (chars.length > 0) {
    const last = Math.max(0, chars.length - SHINGLE_SIZE);
    for (let i = 0; i <= last; i++) {
      const endIndex = Math.min(chars.length, i + SHINGLE_SIZE) - 1;
      sequence.push(hashString(chars.slice(i, i + SHINGLE_SIZE).join('')));
      starts.push(offsets[i] ?? 0);
      ends.push((offsets[endIndex] ?? 0) + (chars[endIndex]?.length ?? 1));
    }
  }
  const shingles = new Set(sequence);
  const sketch = new Uint32Array(SKETCH_SIZE).fill(EMPTY);
  for (const hash of shingles) {
    // The low bits choose the bucket, the rest is the value minimised in it.
    const bucket = hash % SKETCH_SIZE;
    const value = Math.floor(hash / SKETCH_SIZE);
    if (value < (sketch[bucket] ?? EMPTY)) sketch[bucket] = value;
  }
  return { text, shingles, sequence, starts, ends, sketch };
}

/** MinHash estimate of the Jaccard similarity; buckets empty in both texts say nothing. */
export function estimateSimilarity(a: Fingerprint, b: Fingerprint): number {
  let informative = 0;
  let equal = 0;
  for (let i = 0; i < SKETCH_SIZE; i++) {
    const x = a.sketch[i] ?? EMPTY;
    const y = b.sketch[i] ?? EMPTY;
    if (x === EMPTY && y === EMPTY) continue;
    informative += 1;
    if (x === y) equal += 1;
  }
  return informative === 0 ? 0 : equal / informative;
}

/** Exact Jaccard similarity of the two shingle sets. */
export function jaccard(a: Fingerprint, b: Fingerprint): number {
  if (a.shingles.size === 0 || b.shingles.size === 0) return 0;
  const [small, large] = a.shingles.size <= b.shingles.size ? [a, b] : [b, a];
  let shared = 0;
  for (const hash of small.shingles) if (large.shingles.has(hash)) shared += 1;
  return shared / (a.shingles.size + b.shingles.size - shared);
}

/**
 * The longest passage of `candidate` whose shingles all occur in `query`: what the two texts
 * share, in the candidate's own wording, cut to a readable length.
 */
export function sharedSnippet(query: Fingerprint, candidate: Fingerprint): string {
  let bestStart = -1;
  let bestEnd = -1;
  let runStart = -1;
  for (let i = 0; i <= candidate.sequence.length; i++) {
    const hash = candidate.sequence[i];
    const inQuery = hash !== undefined && query.shingles.has(hash);
    if (inQuery && runStart < 0) runStart = i;
    if (!inQuery && runStart >= 0) {
      const start = candidate.starts[runStart] ?? 0;
      const end = candidate.ends[i - 1] ?? start;
      if (end - start > bestEnd - bestStart) {
        bestStart = start;
        bestEnd = end;
      }
      runStart = -1;
    }
  }
  if (bestStart < 0) return '';
  const snippet = candidate.text.slice(bestStart, bestEnd).replace(/\s+/g, ' ').trim();
  return snippet.length > SNIPPET_MAX ? `${snippet.slice(0, SNIPPET_MAX - 1)}…` : snippet;
}

/** An earlier text to compare against. */
export interface OriginalityCandidate<K> {
  key: K;
  text: string;
}

/** A candidate found to be a near-duplicate of the checked text. */
export interface OriginalityMatch<K> {
  key: K;
  /** Jaccard similarity of the shingle sets, 0..1. */
  similarity: number;
  sharedSnippet: string;
}

/**
 * Ranks the candidates that are near-duplicates of `text` (similarity ≥ `threshold`), most
 * similar first. Pure: the caller loads the candidates.
 */
export function findNearDuplicates<K>(
  text: string,
  candidates: Iterable<OriginalityCandidate<K>>,
  threshold: number = MATCH_THRESHOLD,
): OriginalityMatch<K>[] {
  const query = fingerprint(text);
  if (query.shingles.size === 0) return [];
  const matches: OriginalityMatch<K>[] = [];
  for (const candidate of candidates) {
    const other = fingerprint(candidate.text);
    if (estimateSimilarity(query, other) < Math.min(CANDIDATE_THRESHOLD, threshold)) continue;
    const similarity = jaccard(query, other);
    if (similarity < threshold) continue;
    matches.push({
      key: candidate.key,
      similarity: Math.round(similarity * 1000) / 1000,
      sharedSnippet: sharedSnippet(query, other),
    });
  }
  return matches.sort((a, b) => b.similarity - a.similarity);
}
