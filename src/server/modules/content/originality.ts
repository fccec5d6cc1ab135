/**
 * Near-duplicate detection for the originality check (原创): character shingles, a MinHash
 * sketch to discard clearly different texts cheaply, then exact Jaccard on the shingle sets.
 * The shingling and hashing are OpsLoop's shared ones (`server/text/minhash.ts`).
 *
 * Characters rather than words so that Chinese, which has no spaces, needs no segmentation, and
 * k = 3 because most Chinese words are one or two characters: three-character shingles carry
 * word order without making a one-character edit disturb too many of them.
 */
import {
  estimateJaccard,
  jaccard as jaccardOfSets,
  minhashSignature,
  shingleSequence,
} from '../../text/minhash.ts';

export { normalizeForShingles } from '../../text/minhash.ts';

/** Shingle length in characters. */
export const SHINGLE_SIZE = 3;
/** Slots of the MinHash sketch. */
export const SKETCH_SIZE = 64;
/** Matches at or above this Jaccard similarity are reported. */
export const MATCH_THRESHOLD = 0.5;
// The sketch estimate wanders by about ±0.12 at 64 slots, so candidates are let through well
// below the reporting threshold and the exact Jaccard decides.
const CANDIDATE_THRESHOLD = 0.3;
const SNIPPET_MAX = 120;

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

/** Shingles, sketch and offsets of one text; texts shorter than a shingle yield one shingle. */
export function fingerprint(text: string): Fingerprint {
  const { hashes, starts, ends } = shingleSequence(text, SHINGLE_SIZE);
  const shingles = new Set(hashes);
  return {
    text,
    shingles,
    sequence: hashes,
    starts,
    ends,
    sketch: minhashSignature(shingles, SKETCH_SIZE),
  };
}

/** MinHash estimate of the Jaccard similarity. */
export function estimateSimilarity(a: Fingerprint, b: Fingerprint): number {
  return estimateJaccard(a.sketch, b.sketch);
}

/** Exact Jaccard similarity of the two shingle sets. */
export function jaccard(a: Fingerprint, b: Fingerprint): number {
  return jaccardOfSets(a.shingles, b.shingles);
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
