/**
 * Near-duplicate text detection: character shingles, MinHash signatures and an LSH index that
 * finds the texts worth comparing without comparing everything with everything.
 *
 * Characters rather than words, so Chinese, which has no spaces, needs no segmentation. Text is
 * first folded (full-width forms and compatibility characters through NFKC, case, and dropping
 * everything that is not a letter or digit: spaces, punctuation, emoji), so that a copy through
 * another editor or a light re-punctuation changes nothing.
 *
 * Signatures use one-permutation hashing (one hash per shingle, the minimum kept per slot) with
 * "optimal densification" for the slots a short text leaves empty (Shrivastava, ICML 2017): every
 * slot then holds a sample whose chance of matching between two texts is their Jaccard
 * similarity, at the cost of one hash per shingle instead of one per shingle and slot.
 *
 * Pure: no I/O, no clock. Used by the originality check of the content library and by the
 * clustering of feedback.
 */

/** Shingle length in characters when a caller does not choose one. */
export const DEFAULT_SHINGLE_SIZE = 3;
/** Slots in a signature when a caller does not choose. */
export const DEFAULT_SIGNATURE_SIZE = 64;
/** The value of every slot in the signature of a text without a single letter or digit. */
export const EMPTY_SLOT = 0xffffffff;

// ── normalisation ─────────────────────────────────────────────────────────────

const KEEP = /^[\p{L}\p{N}]$/u;
const NOTHING: readonly number[] = [];
// Most texts draw on a few thousand distinct characters, so each one is folded once: a table
// for the Basic Multilingual Plane (0: not folded yet, 1: dropped, 2: folds to several, else the
// folded code point + 3), a Map for the rest and for expansions.
const bmpFolds = new Int32Array(0x10000);
const otherFolds = new Map<number, readonly number[]>();

function computeFold(codePoint: number): readonly number[] {
  const folded: number[] = [];
  for (const char of String.fromCodePoint(codePoint).normalize('NFKC').toLowerCase()) {
    if (KEEP.test(char)) folded.push(char.codePointAt(0) ?? 0);
  }
  return folded.length === 0 ? NOTHING : folded;
}

/** The code points one character folds to: NFKC, lower case, letters and digits only. */
function foldCodePoint(codePoint: number): readonly number[] {
  if (codePoint < 0x10000) {
    const known = bmpFolds[codePoint] ?? 0;
    if (known === 1) return NOTHING;
    if (known > 2) return [known - 3];
    if (known === 0) {
      const folded = computeFold(codePoint);
      if (folded.length <= 1) {
        bmpFolds[codePoint] = folded.length === 0 ? 1 : (folded[0] ?? 0) + 3;
        return folded;
      }
      bmpFolds[codePoint] = 2;
      otherFolds.set(codePoint, folded);
      return folded;
    }
  }
  let folded = otherFolds.get(codePoint);
  if (!folded) {
    folded = computeFold(codePoint);
    otherFolds.set(codePoint, folded);
  }
  return folded;
}

/**
 * What one BMP character folds to when it folds to at most one: -1 for nothing, the code point
 * otherwise; -2 when it expands to several (use `foldCodePoint`).
 */
function foldBmpSingle(unit: number): number {
  let known = bmpFolds[unit] ?? 0;
  if (known === 0) {
    foldCodePoint(unit);
    known = bmpFolds[unit] ?? 0;
  }
  return known === 1 ? -1 : known === 2 ? -2 : known - 3;
}

/** Folded code points of a text and, for each, its offset (UTF-16 units) in the original. */
export interface FoldedText {
  codes: number[];
  offsets: number[];
}

/**
 * Folds away what a light edit or a copy through another editor changes: full-width forms and
 * compatibility characters (NFKC), case, whitespace, punctuation and symbols (emoji included).
 */
export function foldText(text: string): FoldedText {
  const codes: number[] = [];
  const offsets: number[] = [];
  const length = text.length;
  let i = 0;
  while (i < length) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) {
      // ASCII: the common case in English and in the digits and Latin of Chinese text.
      if (unit >= 0x61 && unit <= 0x7a) {
        codes.push(unit);
        offsets.push(i);
      } else if (unit >= 0x41 && unit <= 0x5a) {
        codes.push(unit + 0x20);
        offsets.push(i);
      } else if (unit >= 0x30 && unit <= 0x39) {
        codes.push(unit);
        offsets.push(i);
      }
      i += 1;
      continue;
    }
    if (unit < 0xd800 || unit > 0xdfff) {
      const single = foldBmpSingle(unit);
      if (single !== -2) {
        if (single >= 0) {
          codes.push(single);
          offsets.push(i);
        }
        i += 1;
        continue;
      }
    }
    const codePoint = text.codePointAt(i) ?? unit;
    for (const code of foldCodePoint(codePoint)) {
      codes.push(code);
      offsets.push(i);
    }
    i += codePoint > 0xffff ? 2 : 1;
  }
  return { codes, offsets };
}

/** The folded characters of a text as strings, with their offsets in the original text. */
export function normalizeForShingles(text: string): { chars: string[]; offsets: number[] } {
  const { codes, offsets } = foldText(text);
  return { chars: codes.map((code) => String.fromCodePoint(code)), offsets };
}

// ── hashing ───────────────────────────────────────────────────────────────────

/** murmur3's finaliser: spreads nearby inputs over all 32 bits. */
export function mix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over code points `codes[from, to)`, then `mix32`. */
function hashCodes(codes: readonly number[], from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    h ^= codes[i] ?? 0;
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

// ── shingles ──────────────────────────────────────────────────────────────────

/** Shingle hashes in reading order, with the span each one covers in the original text. */
export interface ShingleSequence {
  /** Hash of shingle i. */
  hashes: number[];
  /** Offset (UTF-16 units) in the original text of the first character of shingle i. */
  starts: number[];
  /** Offset just past the last character of shingle i. */
  ends: number[];
}

function shingleCount(length: number, size: number): number {
  // A text shorter than one shingle still yields one, so that "好" and "好" are alike.
  return length === 0 ? 0 : Math.max(1, length - size + 1);
}

/** Hashes of the `size`-character shingles of a folded text, in reading order. */
export function shingleHashes(codes: readonly number[], size = DEFAULT_SHINGLE_SIZE): number[] {
  const count = shingleCount(codes.length, size);
  const hashes = new Array<number>(count);
  for (let i = 0; i < count; i++) hashes[i] = hashCodes(codes, i, Math.min(codes.length, i + size));
  return hashes;
}

/** The distinct shingle hashes of a text. */
export function shingleSet(text: string, size = DEFAULT_SHINGLE_SIZE): Set<number> {
  return new Set(shingleHashes(foldText(text).codes, size));
}

/** Shingles of a text with where each sits in the original, for showing the shared passage. */
export function shingleSequence(text: string, size = DEFAULT_SHINGLE_SIZE): ShingleSequence {
  const { codes, offsets } = foldText(text);
  const hashes = shingleHashes(codes, size);
  const starts = new Array<number>(hashes.length);
  const ends = new Array<number>(hashes.length);
  for (let i = 0; i < hashes.length; i++) {
    const last = Math.min(codes.length, i + size) - 1;
    starts[i] = offsets[i] ?? 0;
    ends[i] = (offsets[last] ?? 0) + ((codes[last] ?? 0) > 0xffff ? 2 : 1);
  }
  return { hashes, starts, ends };
}

/** Exact Jaccard similarity of two shingle sets; 0 when either is empty. */
export function jaccard(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const hash of small) if (large.has(hash)) shared += 1;
  return shared / (a.size + b.size - shared);
}

// ── signatures ────────────────────────────────────────────────────────────────

/**
 * MinHash signature of a set of shingle hashes. Slot i holds the smallest hash whose residue
 * modulo `size` is i; a slot no shingle fell into borrows the slot that a probe sequence fixed
 * by i alone picks first among the filled ones, so two texts borrow alike exactly when they can.
 */
export function minhashSignature(
  shingles: Iterable<number>,
  size = DEFAULT_SIGNATURE_SIZE,
): Uint32Array {
  const own = new Uint32Array(size).fill(EMPTY_SLOT);
  let filled = 0;
  for (const hash of shingles) {
    const slot = hash % size;
    const current = own[slot] ?? EMPTY_SLOT;
    if (hash < current) {
      if (current === EMPTY_SLOT) filled += 1;
      own[slot] = hash;
    }
  }
  if (filled === 0 || filled === size) return own;
  const signature = own.slice();
  for (let slot = 0; slot < size; slot++) {
    if (own[slot] !== EMPTY_SLOT) continue;
    signature[slot] = borrow(own, slot, size);
  }
  return signature;
}

function borrow(own: Uint32Array, slot: number, size: number): number {
  const seed = Math.imul(slot + 1, 0x9e3779b1);
  // Random probing ends quickly on average; the bound keeps a pathological case finite.
  for (let attempt = 1; attempt <= 8 * size; attempt++) {
    const value = own[mix32(seed ^ Math.imul(attempt, 0x85ebca77)) % size] ?? EMPTY_SLOT;
    if (value !== EMPTY_SLOT) return value;
  }
  for (let step = 1; step < size; step++) {
    const value = own[(slot + step) % size] ?? EMPTY_SLOT;
    if (value !== EMPTY_SLOT) return value;
  }
  return EMPTY_SLOT;
}

// Scratch space for `textSignature`, reused so that signing a text allocates only its signature.
let scratch = new Int32Array(1024);
let ownScratch = new Uint32Array(DEFAULT_SIGNATURE_SIZE);

/** Folds a text into `scratch` (growing it when needed) and returns how many code points. */
function foldIntoScratch(text: string): number {
  if (scratch.length < text.length) scratch = new Int32Array(text.length * 2);
  let n = 0;
  const length = text.length;
  let i = 0;
  while (i < length) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) {
      if ((unit >= 0x61 && unit <= 0x7a) || (unit >= 0x30 && unit <= 0x39)) scratch[n++] = unit;
      else if (unit >= 0x41 && unit <= 0x5a) scratch[n++] = unit + 0x20;
      i += 1;
      continue;
    }
    if (unit < 0xd800 || unit > 0xdfff) {
      const single = foldBmpSingle(unit);
      if (single !== -2) {
        if (single >= 0) scratch[n++] = single;
        i += 1;
        continue;
      }
    }
    const codePoint = text.codePointAt(i) ?? unit;
    const folded = foldCodePoint(codePoint);
    // Compatibility characters can expand (① → 1, ㈱ → (株)); make room for the longest.
    if (n + folded.length > scratch.length) {
      const grown = new Int32Array((n + folded.length) * 2);
      grown.set(scratch);
      scratch = grown;
    }
    for (const code of folded) scratch[n++] = code;
    i += codePoint > 0xffff ? 2 : 1;
  }
  return n;
}

/**
 * Signature of a text: folds it, shingles it and hashes the shingles. The same as
 * `minhashSignature(shingleHashes(foldText(text).codes, shingleSize), size)`, without the
 * intermediate arrays: this is the hot path when thousands of texts are signed at once.
 */
export function textSignature(
  text: string,
  options: { shingleSize?: number; size?: number; into?: Uint32Array } = {},
): Uint32Array {
  const k = options.shingleSize ?? DEFAULT_SHINGLE_SIZE;
  const size = options.into?.length ?? options.size ?? DEFAULT_SIGNATURE_SIZE;
  const n = foldIntoScratch(text);
  // `into` lets a caller that only looks at each signature once reuse one array for all.
  const signature = (options.into ?? new Uint32Array(size)).fill(EMPTY_SLOT);
  const count = shingleCount(n, k);
  const power = (size & (size - 1)) === 0;
  let filled = 0;
  for (let i = 0; i < count; i++) {
    const end = Math.min(n, i + k);
    let h = 0x811c9dc5;
    for (let j = i; j < end; j++) {
      h ^= scratch[j] ?? 0;
      h = Math.imul(h, 0x01000193);
    }
    const hash = mix32(h);
    const slot = power ? hash & (size - 1) : hash % size;
    const current = signature[slot] ?? EMPTY_SLOT;
    if (hash < current) {
      if (current === EMPTY_SLOT) filled += 1;
      signature[slot] = hash;
    }
  }
  if (filled === 0 || filled === size) return signature;
  // Borrow from the slots filled by shingles only, as minhashSignature does.
  if (ownScratch.length !== size) ownScratch = new Uint32Array(size);
  const own = ownScratch;
  own.set(signature);
  for (let slot = 0; slot < size; slot++) {
    if (own[slot] === EMPTY_SLOT) signature[slot] = borrow(own, slot, size);
  }
  return signature;
}

/** True for the signature of a text without letters or digits. */
export function isEmptySignature(signature: Uint32Array): boolean {
  return signature.length === 0 || signature[0] === EMPTY_SLOT;
}

/** Estimated Jaccard similarity: the share of slots where the two signatures agree. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) throw new Error('signatures of different sizes cannot be compared');
  if (isEmptySignature(a) || isEmptySignature(b)) return 0;
  let equal = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) equal += 1;
  return equal / a.length;
}

/** A signature as text (base64 of its slots, little-endian) for storing in a database. */
export function encodeSignature(signature: Uint32Array): string {
  const bytes = Buffer.alloc(signature.length * 4);
  for (let i = 0; i < signature.length; i++) bytes.writeUInt32LE(signature[i] ?? 0, i * 4);
  return bytes.toString('base64');
}

/** Reads back what `encodeSignature` wrote. */
export function decodeSignature(encoded: string): Uint32Array {
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length % 4 !== 0) throw new Error('not an encoded signature');
  const signature = new Uint32Array(bytes.length / 4);
  for (let i = 0; i < signature.length; i++) signature[i] = bytes.readUInt32LE(i * 4);
  return signature;
}

// ── LSH banding ───────────────────────────────────────────────────────────────

/**
 * How a signature is cut into bands: `bands` × `rows` slots are used. Two texts land in the same
 * bucket of a band when all its rows agree, which happens with probability J^rows, so they meet
 * in at least one band with probability 1 − (1 − J^rows)^bands: an S-curve rising around
 * (1/bands)^(1/rows).
 */
export interface LshBands {
  bands: number;
  rows: number;
}

/** Where the S-curve of a banding crosses one half: similarities well above it are found. */
export function lshThreshold({ bands, rows }: LshBands): number {
  return (1 / bands) ** (1 / rows);
}

/** Probability that two texts of Jaccard similarity `similarity` share at least one bucket. */
export function lshCandidateProbability(similarity: number, { bands, rows }: LshBands): number {
  return 1 - (1 - similarity ** rows) ** bands;
}

/** The 32-bit bucket hash of each band of a signature. */
function bandHashes(signature: Uint32Array, { bands, rows }: LshBands): Uint32Array {
  if (bands * rows > signature.length) {
    throw new Error(`${bands} bands of ${rows} rows need ${bands * rows} slots`);
  }
  if (bands > 1 << 20) throw new Error('too many bands');
  const hashes = new Uint32Array(bands);
  for (let band = 0; band < bands; band++) {
    let h = 0x811c9dc5 ^ band;
    for (let row = band * rows; row < (band + 1) * rows; row++) {
      h ^= signature[row] ?? 0;
      h = Math.imul(h, 0x01000193);
    }
    hashes[band] = mix32(h);
  }
  return hashes;
}

/**
 * One bucket key per band, each `band · 2³² + hash of the band's rows`: distinct across bands,
 * below 2⁵³ (so exact as a JavaScript number and as a 64-bit integer column).
 */
export function lshKeys(signature: Uint32Array, banding: LshBands): number[] {
  return Array.from(bandHashes(signature, banding), (hash, band) => band * 0x1_0000_0000 + hash);
}

const NONE = -1;

/** The closest indexed text found for a signature. */
export interface LshMatch<K> {
  key: K;
  /** Estimated Jaccard similarity. */
  similarity: number;
}

/** One 32-bit key per (band, bucket hash); two pairs sharing one only add a candidate to check. */
function bucketKey(band: number, hash: number): number {
  return mix32(hash ^ Math.imul(band + 1, 0x9e3779b1)) | 0;
}

/**
 * An in-memory LSH index: add signatures under a key, then ask which keys share a bucket with
 * another signature, or which of those is most similar. A bucket holds at most `maxBucket` keys
 * (the earliest ones): a bucket that full stands for a crowd of look-alikes already, and capping
 * it keeps lookups constant-time however many texts come in.
 *
 * Everything lives in a few packed typed arrays (open-addressed buckets of [key, first entry],
 * chained entries of [position, next], the signatures end to end) rather than Maps of arrays: at
 * a hundred thousand texts that keeps each lookup to a handful of cache lines and the garbage
 * collector out of the way.
 */
export class LshIndex<K> {
  readonly bands: number;
  readonly rows: number;
  readonly maxBucket: number;
  private readonly keys: K[] = [];
  private signatureSize = 0;
  // One byte of each slot (b-bit minwise hashing): a quarter of the memory, so a comparison reads
  // one cache line; chance agreements (1 in 256) are corrected for in `mostSimilar`. The top
  // byte, since the low bits of a slot's value are the slot's own number.
  private fingerprints = new Uint8Array(0);
  private slots = new Int32Array(2 * 1024).fill(NONE);
  private slotCapacity = 1024;
  private usedSlots = 0;
  private entries = new Int32Array(2 * 4096);
  private entryCount = 0;
  // Dedupes the keys of one lookup without allocating: a key was seen when its stamp is current.
  private seen = new Int32Array(1024);
  private stamp = 0;

  constructor(options: LshBands & { maxBucket?: number }) {
    this.bands = options.bands;
    this.rows = options.rows;
    this.maxBucket = options.maxBucket ?? 8;
  }

  /** Number of signatures added. */
  get size(): number {
    return this.keys.length;
  }

  /** Files a signature under `key`; a text without letters or digits is not indexed. */
  add(key: K, signature: Uint32Array): void {
    if (isEmptySignature(signature)) return;
    const hashes = bandHashes(signature, this);
    if (this.signatureSize === 0) this.signatureSize = signature.length;
    if (signature.length !== this.signatureSize) {
      throw new Error('signatures of different sizes cannot share an index');
    }
    const position = this.keys.length;
    this.keys.push(key);
    if ((position + 1) * this.signatureSize > this.fingerprints.length) {
      const grown = new Uint8Array(Math.max(4096, this.fingerprints.length * 2));
      grown.set(this.fingerprints);
      this.fingerprints = grown;
    }
    const at = position * this.signatureSize;
    for (let i = 0; i < signature.length; i++)
      this.fingerprints[at + i] = (signature[i] ?? 0) >>> 24;
    if (position >= this.seen.length) {
      const grown = new Int32Array(this.seen.length * 2);
      grown.set(this.seen);
      this.seen = grown;
    }
    for (let band = 0; band < hashes.length; band++) {
      const slot = this.findSlot(bucketKey(band, hashes[band] ?? 0), true);
      const head = this.slots[slot * 2 + 1] ?? NONE;
      let count = 0;
      for (let entry = head; entry !== NONE && count < this.maxBucket; count++) {
        entry = this.entries[entry * 2 + 1] ?? NONE;
      }
      if (count >= this.maxBucket) continue;
      if ((this.entryCount + 1) * 2 > this.entries.length) {
        const grown = new Int32Array(this.entries.length * 2);
        grown.set(this.entries);
        this.entries = grown;
      }
      // Prepended: lookups read a bucket whole, so the order inside does not matter.
      this.entries[this.entryCount * 2] = position;
      this.entries[this.entryCount * 2 + 1] = head;
      this.slots[slot * 2 + 1] = this.entryCount;
      this.entryCount += 1;
    }
  }

  /** Keys sharing at least one bucket with the signature, each once, in the order added. */
  candidates(signature: Uint32Array): K[] {
    return this.candidatePositions(signature)
      .sort((a, b) => a - b)
      .map((position) => this.keys[position] as K);
  }

  /**
   * The indexed text most similar to the signature among those sharing a bucket with it, if its
   * estimated similarity reaches `threshold`. The search stops at the first one reaching
   * `enough` (default 1): any near-identical text will do.
   */
  mostSimilar(signature: Uint32Array, threshold: number, enough = 1): LshMatch<K> | null {
    const size = this.signatureSize;
    const query = new Uint8Array(size);
    for (let i = 0; i < size; i++) query[i] = (signature[i] ?? 0) >>> 24;
    // Bytes of slots that differ still agree 1 time in 256: with J the true similarity, the share
    // of agreeing bytes is J + (1 − J) / 256, so a similarity needs that many agreements.
    const agreements = (similarity: number) =>
      Math.ceil((similarity + (1 - similarity) / 256) * size - 1e-9);
    const needed = agreements(threshold);
    const stopAt = agreements(enough);
    let best = NONE;
    let bestEqual = -1;
    const store = this.fingerprints;
    for (const position of this.candidatePositions(signature)) {
      const offset = position * size;
      let equal = 0;
      for (let i = 0; i < size; i++) {
        if (store[offset + i] === query[i]) equal += 1;
        // Give up once even a match of every remaining slot could not reach the threshold.
        else if (equal + size - 1 - i < needed) break;
      }
      if (equal < needed || equal <= bestEqual) continue;
      best = position;
      bestEqual = equal;
      if (equal >= stopAt) break;
    }
    if (best === NONE) return null;
    const share = bestEqual / size;
    const similarity = Math.max(0, Math.min(1, (share - 1 / 256) / (1 - 1 / 256)));
    return { key: this.keys[best] as K, similarity };
  }

  private candidatePositions(signature: Uint32Array): number[] {
    if (isEmptySignature(signature) || this.keys.length === 0) return [];
    if (signature.length !== this.signatureSize) {
      throw new Error('signatures of different sizes cannot share an index');
    }
    const hashes = bandHashes(signature, this);
    this.stamp += 1;
    const positions: number[] = [];
    for (let band = 0; band < hashes.length; band++) {
      const slot = this.findSlot(bucketKey(band, hashes[band] ?? 0), false);
      if (slot === NONE) continue;
      let entry = this.slots[slot * 2 + 1] ?? NONE;
      while (entry !== NONE) {
        const position = this.entries[entry * 2] ?? 0;
        if (this.seen[position] !== this.stamp) {
          this.seen[position] = this.stamp;
          positions.push(position);
        }
        entry = this.entries[entry * 2 + 1] ?? NONE;
      }
    }
    return positions;
  }

  /** The slot of a bucket key: found, claimed when `create`, or NONE. */
  private findSlot(key: number, create: boolean): number {
    if (create && (this.usedSlots + 1) * 4 > this.slotCapacity * 3) this.rehash();
    const mask = this.slotCapacity - 1;
    let slot = mix32(key) & mask;
    for (;;) {
      const held = this.slots[slot * 2 + 1] ?? NONE;
      if (held === NONE) {
        if (!create) return NONE;
        this.slots[slot * 2] = key;
        this.usedSlots += 1;
        return slot;
      }
      if (this.slots[slot * 2] === key) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private rehash(): void {
    const old = this.slots;
    const oldCapacity = this.slotCapacity;
    this.slotCapacity = oldCapacity * 2;
    this.slots = new Int32Array(this.slotCapacity * 2).fill(NONE);
    const mask = this.slotCapacity - 1;
    for (let from = 0; from < oldCapacity; from++) {
      const head = old[from * 2 + 1] ?? NONE;
      if (head === NONE) continue;
      const key = old[from * 2] ?? 0;
      let slot = mix32(key) & mask;
      while (this.slots[slot * 2 + 1] !== NONE) slot = (slot + 1) & mask;
      this.slots[slot * 2] = key;
      this.slots[slot * 2 + 1] = head;
    }
  }
}
