/**
 * How feedback is grouped into clusters of near-duplicates (去重): the shared MinHash/LSH
 * machinery of `server/text/minhash.ts` with the parameters chosen for short feedback texts.
 *
 * Three-character shingles, 64-slot signatures, 16 bands of 4 rows: the LSH S-curve crosses one
 * half at a similarity of 0.5, finds pairs at 0.7 with probability 0.99 and pairs at 0.2 (what
 * unrelated feedback in one language shares through common phrases) with probability 0.03, so
 * lookups stay cheap as a workspace grows. A new ticket joins the cluster of its most similar
 * earlier ticket when the estimate reaches the workspace's threshold. Tuned on the generated
 * feedback of `npm run bench -- cluster`.
 */
import { estimateJaccard, lshKeys, textSignature, type LshBands } from '../../text/minhash.ts';

export const SHINGLE_SIZE = 3;
export const SIGNATURE_SIZE = 64;
export const BANDING: LshBands = { bands: 16, rows: 4 };
/** Default similarity at which a new ticket joins an existing cluster. */
export const DEFAULT_SIMILARITY = 0.5;
/**
 * At this similarity a new ticket is well represented by the one it matched: it joins without
 * adding buckets of its own (a copy-paste campaign of a thousand tickets costs the index one
 * entry), and a search stops at the first candidate this close.
 */
export const NEAR_IDENTICAL = 0.8;
/** Tickets one LSH bucket holds at most; later look-alikes are found through the ones there. */
export const BUCKET_LIMIT = 8;

/** A feedback text's signature; `into` (of SIGNATURE_SIZE slots) is filled instead of a new one. */
export function feedbackSignature(text: string, into?: Uint32Array): Uint32Array {
  return textSignature(text, {
    shingleSize: SHINGLE_SIZE,
    size: SIGNATURE_SIZE,
    ...(into ? { into } : {}),
  });
}

export function feedbackLshKeys(signature: Uint32Array): number[] {
  return lshKeys(signature, BANDING);
}

/** An earlier ticket that shares a bucket with a new one. */
export interface ClusterCandidate {
  clusterId: string;
  signature: Uint32Array;
}

/** The most similar candidate at or above `threshold`, stopping at the first near-identical one. */
export function closestCandidate(
  signature: Uint32Array,
  candidates: Iterable<ClusterCandidate>,
  threshold: number,
): { clusterId: string; similarity: number } | null {
  let best: { clusterId: string; similarity: number } | null = null;
  for (const candidate of candidates) {
    const similarity = estimateJaccard(signature, candidate.signature);
    if (similarity < threshold || (best && similarity <= best.similarity)) continue;
    best = { clusterId: candidate.clusterId, similarity };
    if (similarity >= NEAR_IDENTICAL) break;
  }
  return best;
}
