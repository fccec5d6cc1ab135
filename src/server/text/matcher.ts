import { FOLD_DROP, foldCodePoint, forEachMatchCodePoint } from './normalize.ts';

/**
 * Multi-word matching for moderation word lists: an Aho–Corasick automaton over the match form
 * of the text (see `normalizeForMatch`), stored as a double-array trie so one step is two array
 * reads. Built once per list version; `find` runs in time linear in the text plus the matches.
 *
 * The text is folded on the fly (no intermediate strings) and every folded character keeps its
 * position in the original, so matches come back with original offsets to highlight.
 *
 * Dropping separators lets `敏 感 词` match `敏感词`, but it also glues neighbouring words
 * together (`学习，近期` reads as `学习近期`, which contains `习近`). Candidates are therefore
 * checked against word boundaries before they are reported:
 * - a word that begins or ends with a Latin letter or digit matches only whole (`spam` is not
 *   found in `spammer`, `ass` not in `class`), and whole Latin words run together across a
 *   space or a comma do not make one (`to be` is not `tobe`), while letter-by-letter spacing
 *   (`s p a m`) and symbols inside a word (`sp*am`) are evasion and match;
 * - a gap the listed word itself has (`buy followers`) may be any separator but clause
 *   punctuation;
 * - a word found across one separator (two pieces) must begin and end on word boundaries of
 *   the original text, as ICU's word segmenter sees them (`学习，近期` does not match `习近`),
 *   and across the end of a sentence only when it stands alone (`点赞！这款` is two sentences);
 * - a word found contiguously is dropped only when it straddles two words, starting inside one
 *   and ending inside another (`学习近代史` does not match `习近`, but `加微信号` matches `加微信`);
 * - a word spread over three or more pieces (`敏 感 词`) is what evasion looks like and is kept.
 * Words marked `allow` (exceptions) suppress every match that lies inside one of their own.
 */

/** A word to look for and what to report when it is found. */
export interface MatcherWord<P> {
  word: string;
  payload: P;
  /** An exception: matches inside an occurrence of this word are not reported. */
  allow?: boolean;
}

/** One occurrence of a listed word. Offsets are UTF-16 indexes in the original text. */
export interface WordMatch<P> {
  start: number;
  /** Exclusive. */
  end: number;
  /** The original text of the occurrence, separators included (`敏 感 词`). */
  text: string;
  /** The listed word as it was entered. */
  word: string;
  payload: P;
}

export interface Matcher<P> {
  /** Distinct words (after folding) in the automaton. */
  readonly size: number;
  /** Every occurrence, ordered by start, longer first. */
  find(text: string): WordMatch<P>[];
}

interface KeyEntry<P> {
  word: string;
  payload: P;
}

interface Key<P> {
  length: number;
  /** The folded word. */
  codePoints: number[];
  /** Bit i: the word as entered has a separator after its i-th character (`buy followers`). */
  ownGaps: number;
  latinStart: boolean;
  latinEnd: boolean;
  blocks: KeyEntry<P>[];
  allows: number;
}

function isSpace(unit: number): boolean {
  return (
    unit === 0x20 ||
    (unit >= 0x09 && unit <= 0x0d) ||
    unit === 0xa0 ||
    unit === 0x3000 ||
    unit === 0x1680 ||
    (unit >= 0x2000 && unit <= 0x200a) ||
    unit === 0x2028 ||
    unit === 0x2029 ||
    unit === 0x202f ||
    unit === 0x205f
  );
}

/** Numbers per candidate in `verify`'s scratch array. */
const CANDIDATE = 6;

/** Punctuation that ends a sentence, and line breaks. */
function isSentenceEnd(unit: number): boolean {
  return (
    unit === 0x21 || // !
    unit === 0x3f || // ?
    unit === 0x3b || // ;
    unit === 0x0a ||
    unit === 0x0d ||
    unit === 0x3002 || // 。
    unit === 0xff01 || // ！
    unit === 0xff1f || // ？
    unit === 0xff1b // ；
  );
}

/** Punctuation that ends a clause or sentence, in Chinese and Western typesetting. */
function isClausePunctuation(unit: number): boolean {
  return (
    unit === 0x2c || // ,
    unit === 0x3b || // ;
    unit === 0x3a || // :
    unit === 0x21 || // !
    unit === 0x3f || // ?
    unit === 0x3001 || // 、
    unit === 0x3002 || // 。
    unit === 0xff0c || // ，
    unit === 0xff1b || // ；
    unit === 0xff1a || // ：
    unit === 0xff01 || // ！
    unit === 0xff1f // ？
  );
}

function isLatinOrDigit(codePoint: number): boolean {
  return (
    (codePoint >= 0x61 && codePoint <= 0x7a) ||
    (codePoint >= 0x30 && codePoint <= 0x39) ||
    (codePoint >= 0xdf && codePoint <= 0x24f && codePoint !== 0xf7)
  );
}

/** The code point that ends right before `index` (a surrogate pair counts as one). */
function codePointBefore(text: string, index: number): number {
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  }
  return low;
}

/** How many code points `codePoint` folds to (0 when matching ignores it). */
function foldedLength(codePoint: number): number {
  const folded = foldCodePoint(codePoint);
  if (typeof folded === 'number') return folded === FOLD_DROP ? 0 : 1;
  return folded.length;
}

/** The last folded code point before `index`, or FOLD_DROP at the start or after a separator. */
function foldedBefore(text: string, index: number): number {
  if (index <= 0) return FOLD_DROP;
  const folded = foldCodePoint(codePointBefore(text, index));
  if (typeof folded === 'number') return folded;
  return folded.length > 0 ? folded[folded.length - 1]! : FOLD_DROP;
}

/** The first folded code point at `index`, or FOLD_DROP at the end or on a separator. */
function foldedAt(text: string, index: number): number {
  if (index >= text.length) return FOLD_DROP;
  const folded = foldCodePoint(text.codePointAt(index)!);
  if (typeof folded === 'number') return folded;
  return folded.length > 0 ? folded[0]! : FOLD_DROP;
}

const wordSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });
// ICU decides a boundary from nearby characters; a window this wide around it is enough.
const WINDOW = 8;

/** Bits of {@link icuBoundaries}' answer. */
const STARTS_WORD = 1; // a word begins at `start`
const SPANS_TWO = 2; // `start` and `end - 1` lie in different words
const ENDS_WORD = 4; // a word ends at `end`

// Answers by window: ICU's dictionary segmentation costs tens of microseconds, and the same
// phrases come back in message after message. Cleared when full.
const icuAnswers = new Map<string, number>();
const ICU_ANSWERS = 4096;

/**
 * Word boundaries by ICU in a window around [start, end), as STARTS_WORD | SPANS_TWO |
 * ENDS_WORD bits. It runs only for candidates the cheap checks cannot settle.
 */
function icuBoundaries(text: string, start: number, end: number): number {
  const from = Math.max(0, start - WINDOW);
  const window = text.slice(from, Math.min(text.length, end + WINDOW));
  const question = `${start - from} ${end - from} ${window}`;
  const known = icuAnswers.get(question);
  if (known !== undefined) return known;
  const segments = wordSegmenter.segment(window);
  const first = segments.containing(start - from);
  const firstEnd = first ? from + first.index + first.segment.length : end;
  let bits = 0;
  if (!first || first.index === start - from) bits |= STARTS_WORD;
  if (firstEnd < end) {
    bits |= SPANS_TWO;
    const last = segments.containing(end - 1 - from);
    if (!last || from + last.index + last.segment.length === end) bits |= ENDS_WORD;
  } else if (firstEnd === end) {
    bits |= ENDS_WORD;
  }
  if (icuAnswers.size >= ICU_ANSWERS) icuAnswers.clear();
  icuAnswers.set(question, bits);
  return bits;
}

/** Whether [start, end) lies inside one of the ranges (pairs of start and end). */
function insideAny(ranges: readonly number[], start: number, end: number): boolean {
  for (let j = 0; j < ranges.length; j += 2) {
    if (ranges[j]! <= start && end <= ranges[j + 1]!) return true;
  }
  return false;
}

/** Ordered by start, longer first. */
function byPosition(x: WordMatch<unknown>, y: WordMatch<unknown>): number {
  return x.start - y.start || y.end - x.end;
}

// The scan reads one Int32Array per matcher (see `buildMatcher`): the states, SLOT numbers
// each, then per BMP code unit the symbol its fold maps to, times SLOT: 0 for a letter no word
// contains, or one of two reserved values.
const SLOT = 4;
const SYM_DROP = -1; // folds to nothing (separator)
const SYM_SLOW = -2; // not computed yet, a surrogate, or folds to several code points

// Per key, in `buildMatcher`'s keyInfo: folded length, own gaps, flags, first block (entries to
// report). The blocks of key k run up to the first block of key k + 1.
const KEY_STRIDE = 4;
const LATIN_START = 1;
const LATIN_END = 2;
const HAS_ALLOWS = 4;

/**
 * Builds the automaton. Words that fold to nothing (only punctuation) are ignored; the same
 * folded word may come several times with different payloads, and each occurrence is reported
 * once per payload.
 */
export function buildMatcher<P>(words: Iterable<MatcherWord<P>>): Matcher<P> {
  // ── keys: distinct folded words ─────────────────────────────────────────────
  const keyIndex = new Map<string, number>();
  const keys: Key<P>[] = [];
  const keyCodePoints: number[][] = [];
  const frequency = new Map<number, number>();
  for (const entry of words) {
    const codePoints: number[] = [];
    let ownGaps = 0;
    let previous = -1;
    forEachMatchCodePoint(entry.word, (codePoint, index) => {
      if (previous >= 0 && index !== previous) {
        const width = entry.word.codePointAt(previous)! > 0xffff ? 2 : 1;
        if (index > previous + width && codePoints.length <= 31)
          ownGaps |= 1 << (codePoints.length - 1);
      }
      previous = index;
      codePoints.push(codePoint);
    });
    if (codePoints.length === 0) continue;
    const folded = String.fromCodePoint(...codePoints);
    let k = keyIndex.get(folded);
    if (k === undefined) {
      k = keys.length;
      keyIndex.set(folded, k);
      keys.push({
        length: codePoints.length,
        codePoints,
        ownGaps: 0,
        latinStart: isLatinOrDigit(codePoints[0]!),
        latinEnd: isLatinOrDigit(codePoints[codePoints.length - 1]!),
        blocks: [],
        allows: 0,
      });
      keyCodePoints.push(codePoints);
      for (const cp of codePoints) frequency.set(cp, (frequency.get(cp) ?? 0) + 1);
    }
    const key = keys[k]!;
    key.ownGaps |= ownGaps;
    if (entry.allow) key.allows++;
    else key.blocks.push({ word: entry.word, payload: entry.payload });
  }

  // ── alphabet: frequent code points get small symbols ────────────────────────
  const alphabet = [...frequency.entries()].sort((a, b) => b[1] - a[1]).map(([cp]) => cp);
  const symbolOf = new Map<number, number>();
  alphabet.forEach((cp, i) => symbolOf.set(cp, i + 1));

  // ── trie ────────────────────────────────────────────────────────────────────
  // A plain loop: a variable an inner function uses lives as long as the matcher does, and the
  // trie's maps are large.
  const children: Array<Map<number, number>> = [new Map()];
  const trieKey: number[] = [-1];
  for (let k = 0; k < keyCodePoints.length; k++) {
    let node = 0;
    for (const cp of keyCodePoints[k]!) {
      const sym = symbolOf.get(cp)!;
      let next = children[node]!.get(sym);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        trieKey.push(-1);
        children[node]!.set(sym, next);
      }
      node = next;
    }
    trieKey[node] = k;
  }

  // ── double array: the child of s on symbol c is t = base[s] + c when check[t] === s ──
  // A bitmap of used slots finds the next free one 32 slots at a time, so placing a node with a
  // rare (high) symbol does not walk every free slot below it.
  let capacity = 1024;
  while (capacity < children.length + alphabet.length + 2) capacity *= 2;
  let base = new Int32Array(capacity);
  let check = new Int32Array(capacity).fill(-1);
  let usedBits = new Uint32Array(capacity / 32);
  const grow = (needed: number) => {
    if (needed < capacity) return;
    let size = capacity;
    while (size <= needed) size *= 2;
    const widerBase = new Int32Array(size);
    widerBase.set(base);
    const widerCheck = new Int32Array(size).fill(-1);
    widerCheck.set(check);
    const widerBits = new Uint32Array(size / 32);
    widerBits.set(usedBits);
    base = widerBase;
    check = widerCheck;
    usedBits = widerBits;
    capacity = size;
  };
  const occupy = (slot: number) => {
    usedBits[slot >>> 5]! |= 1 << (slot & 31);
  };
  /** The first free slot at or after `from`. */
  const freeFrom = (from: number): number => {
    grow(from + 1);
    let word = from >>> 5;
    let bits = usedBits[word]! | ((1 << (from & 31)) - 1);
    while (bits === -1 || bits >>> 0 === 0xffffffff) {
      word++;
      if (word >= usedBits.length) grow(capacity);
      bits = usedBits[word]!;
    }
    const free = ~bits & (bits + 1); // lowest zero bit
    return word * 32 + (31 - Math.clz32(free));
  };

  const position = new Int32Array(children.length);
  check[0] = -2; // the root's own slot
  occupy(0);
  let used = 1;
  let lowestBase = 1;
  const order: number[] = [0];
  for (let q = 0; q < order.length; q++) {
    const node = order[q]!;
    const map = children[node]!;
    if (map.size === 0) continue;
    const symbols = [...map.keys()].sort((a, b) => a - b);
    const first = symbols[0]!;
    const last = symbols[symbols.length - 1]!;
    // Bases below `lowestBase` were crowded when last tried; starting there keeps placement
    // near-linear on big lists at the price of a few unused slots.
    let slot = freeFrom(Math.max(first + 1, lowestBase + first));
    let tries = 0;
    for (;;) {
      const candidate = slot - first;
      grow(candidate + last + 1);
      if (symbols.every((sym) => check[candidate + sym] === -1)) break;
      slot = freeFrom(slot + 1);
      tries++;
    }
    const b = slot - first;
    if (tries > 32) lowestBase = b;
    const here = position[node]!;
    base[here] = b;
    for (const sym of symbols) {
      const child = map.get(sym)!;
      const childSlot = b + sym;
      check[childSlot] = here;
      occupy(childSlot);
      position[child] = childSlot;
      order.push(child);
      if (childSlot + 1 > used) used = childSlot + 1;
    }
  }
  // Pad so base[s] + any symbol stays inside the arrays.
  const size = used + alphabet.length + 2;
  grow(size);
  base = base.slice(0, size);
  check = check.slice(0, size);

  const fail = new Int32Array(size);
  const keyAt = new Int32Array(size).fill(-1);
  const firstOut = new Int32Array(size);
  const nextOut = new Int32Array(size);
  const childOf = (s: number, sym: number) => {
    const t = base[s]! + sym;
    return check[t] === s ? t : -1;
  };
  for (const node of order) {
    const here = position[node]!;
    keyAt[here] = trieKey[node]!;
    for (const [sym, child] of children[node]!) {
      let target = 0;
      if (here !== 0) {
        for (let f = fail[here]!; ; f = fail[f]!) {
          const t = childOf(f, sym);
          if (t !== -1) {
            target = t;
            break;
          }
          if (f === 0) break;
        }
      }
      fail[position[child]!] = target;
    }
  }
  // BFS order visits a state's failure target (shallower) before the state itself.
  for (let q = 1; q < order.length; q++) {
    const here = position[order[q]!]!;
    const suffixOut = firstOut[fail[here]!]!;
    nextOut[here] = suffixOut;
    firstOut[here] = keyAt[here]! >= 0 ? here : suffixOut;
  }

  const hasAllow = keys.some((key) => key.allows > 0);

  // ── what `find` reads ───────────────────────────────────────────────────────
  // MEM holds, for the state in slot s at index s * SLOT (states go by their index, so a step
  // is additions only and a state's numbers share a cache line):
  //   +0 its base, times SLOT;
  //   +1 its check: the parent's index shifted left once, the low bit set when the state has an
  //      output, so one read both checks a transition and tells whether to record; -1 when the
  //      slot is free;
  //   +2 its failure state's index;
  //   +3 the root's transition on symbol s (taken as a slot number), encoded like a check
  //      ((state << 1) | output, 0 without): most steps start from the root or fall back to it,
  //      and the root's child on symbol s usually sits in the next slot.
  // Then the symbols of BMP code units, filled lazily from the shared fold cache: the first
  // sight of a character takes the slow path. One array spares the compiler re-reading several
  // arrays' bookkeeping on every character.
  const symbolAt = size * SLOT;
  const MEM = new Int32Array(symbolAt + 0x10000);
  MEM.fill(SYM_SLOW, symbolAt);
  // OUTS: per slot the key of its first output (-1 without) and the slot next in its chain of
  // outputs (0 at the end): a state's chain is its own first output, then that one's `nextOut`.
  const OUTS = new Int32Array(size * 2);
  for (let slot = 0; slot < size; slot++) {
    const out = firstOut[slot]!;
    const at = slot * SLOT;
    MEM[at] = base[slot]! * SLOT;
    MEM[at + 1] = check[slot]! >= 0 ? ((check[slot]! * SLOT) << 1) | (out !== 0 ? 1 : 0) : -1;
    MEM[at + 2] = fail[slot]! * SLOT;
    OUTS[slot * 2] = out !== 0 ? keyAt[out]! : -1;
    OUTS[slot * 2 + 1] = out !== 0 ? nextOut[out]! : 0;
  }
  for (let sym = 1; sym <= alphabet.length; sym++) {
    const t = base[0]! + sym;
    if (check[t] === 0) MEM[sym * SLOT + 3] = ((t * SLOT) << 1) | (firstOut[t] !== 0 ? 1 : 0);
  }
  // Release the build's arrays, which the placement helpers above would otherwise keep alive.
  base = check = new Int32Array(0);
  usedBits = new Uint32Array(0);

  // Keys packed for `verify`, which otherwise chases pointers through objects spread over the
  // heap for every candidate.
  const keyInfo = new Int32Array((keys.length + 1) * KEY_STRIDE);
  const keyCodeStart = new Int32Array(keys.length + 1);
  const keyCodes: number[] = [];
  const blockWords: string[] = [];
  const blockPayloads: P[] = [];
  keys.forEach((key, k) => {
    const at = k * KEY_STRIDE;
    keyInfo[at] = key.length;
    keyInfo[at + 1] = key.ownGaps;
    keyInfo[at + 2] =
      (key.latinStart ? LATIN_START : 0) |
      (key.latinEnd ? LATIN_END : 0) |
      (key.allows > 0 ? HAS_ALLOWS : 0);
    keyInfo[at + 3] = blockWords.length;
    keyCodeStart[k] = keyCodes.length;
    keyCodes.push(...key.codePoints);
    for (const entry of key.blocks) {
      blockWords.push(entry.word);
      blockPayloads.push(entry.payload);
    }
  });
  keyInfo[keys.length * KEY_STRIDE + 3] = blockWords.length;
  keyCodeStart[keys.length] = keyCodes.length;
  const symbolFor = (cp: number) => (symbolOf.get(cp) ?? 0) * SLOT;

  /** One automaton step from `state` on `sym` (0 for a letter no word contains). */
  function advance(state: number, sym: number): number {
    if (sym === 0) return 0;
    for (;;) {
      const t = MEM[state]! + sym;
      if (MEM[t + 1]! >> 1 === state) return t;
      if (state === 0) return 0;
      state = MEM[state + 2]!;
    }
  }

  /**
   * The slow path for one code unit: first sight of a BMP character (fills the table), a
   * surrogate pair, or a character that folds to several. Returns the index of the code
   * point's last unit; leaves the new state in `slowState` and records outputs itself.
   */
  function slowStep(text: string, i: number, state: number): number {
    const unit = text.charCodeAt(i);
    let codePoint = unit;
    let index = i;
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        codePoint = (unit - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        index = i + 1;
      }
    }
    const folded = foldCodePoint(codePoint);
    if (typeof folded === 'number') {
      if (unit < 0xd800 || unit > 0xdfff) {
        MEM[symbolAt + unit] = folded === FOLD_DROP ? SYM_DROP : symbolFor(folded);
      }
      if (folded !== FOLD_DROP) {
        state = advance(state, symbolFor(folded));
        if (OUTS[(state / SLOT) * 2]! >= 0) record(state, index + 1, 0);
      }
    } else {
      for (let j = 0; j < folded.length; j++) {
        state = advance(state, symbolFor(folded[j]!));
        if (OUTS[(state / SLOT) * 2]! >= 0) record(state, index + 1, folded.length - 1 - j);
      }
    }
    slowState = state;
    return index;
  }

  const empty = keys.length === 0;
  let slowState = 0;
  // Triples: state (its index in MEM) with outputs, end index (exclusive) in the original, and
  // how many folded code points of the last character come after the match (usually 0). Reused
  // between calls: find() runs to completion before anything can call it again.
  let found = new Int32Array(3 * 64);
  let foundLength = 0;
  // Candidates (CANDIDATE numbers each) when exceptions have to be seen before anything is kept.
  const candidates: number[] = [];
  let candidateLength = 0;
  // locate() answers through these, sparing an object per candidate.
  let locatedStart = 0;
  let locatedPieces = 1;
  let locatedSentenceBreak = false;

  function record(state: number, end: number, after: number): void {
    if (foundLength + 3 > found.length) {
      const wider = new Int32Array(found.length * 2);
      wider.set(found);
      found = wider;
    }
    found[foundLength] = state;
    found[foundLength + 1] = end;
    found[foundLength + 2] = after;
    foundLength += 3;
  }

  return {
    size: keys.length,
    find(text: string): WordMatch<P>[] {
      if (empty) return [];
      foundLength = 0;
      scan(text);
      return foundLength === 0 ? [] : verify(text);
    },
  };

  /** Runs the automaton over `text`, recording every state with outputs in `found`. */
  function scan(text: string): void {
    const length = text.length;
    let state = 0;
    let i = 0;
    while (i < length) {
      // The common path makes no calls, so the compiler keeps its array at hand; it stops at an
      // output and at a character for the slow path. `c` is the check or root entry it took.
      let c = 0;
      for (; i < length; i++) {
        const symbol = MEM[symbolAt + text.charCodeAt(i)]!;
        if (symbol <= 0) {
          if (symbol === 0) state = 0;
          else if (symbol === SYM_SLOW) break;
          continue; // a separator: the state carries over
        }
        if (state === 0) {
          c = MEM[symbol + 3]!;
          state = c >> 1;
        } else {
          let t = MEM[state]! + symbol;
          c = MEM[t + 1]!;
          while (c >> 1 !== state) {
            state = MEM[state + 2]!;
            if (state === 0) {
              c = MEM[symbol + 3]!;
              t = c >> 1;
              break;
            }
            t = MEM[state]! + symbol;
            c = MEM[t + 1]!;
          }
          state = t;
        }
        if ((c & 1) !== 0) break;
      }
      if (i >= length) return;
      if ((c & 1) !== 0) {
        record(state, i + 1, 0);
      } else {
        i = slowStep(text, i, state);
        state = slowState;
      }
      i++;
    }
  }

  /**
   * Walks back from `end` over the folded characters of key `k` (plus `after` more that fold
   * from the last character): sets the original start, the number of pieces the separators in
   * the text cut the occurrence into (gaps the word itself has do not count), and whether
   * whole Latin words were run together across a word break (then `locatedPieces` is 0).
   */
  function locate(text: string, end: number, k: number, after: number): void {
    const at = k * KEY_STRIDE;
    const keyLength = keyInfo[at]!;
    const ownGaps = keyInfo[at + 1]!;
    const count = keyLength + after;
    let consumed = 0;
    let pieces = 1;
    let inGap = false;
    let gapBreaks = false; // the gap holds a space or clause punctuation: a break between words
    let gapClause = false; // …clause punctuation in particular
    let gapSentence = false; // …the end of a sentence or a line
    let sentenceBreak = false;
    let pieceStart = 0; // `consumed` where the current (later) piece began
    let breakAt = -1; // `consumed` at a word break between Latin pieces, awaiting a length
    let runTogether = false;
    let index = end;
    while (index > 0 && consumed < count) {
      const unit = text.charCodeAt(index - 1);
      const symbol = MEM[symbolAt + unit]!;
      let n: number;
      if (symbol >= 0) {
        n = 1;
        index--;
      } else if (symbol === SYM_DROP) {
        n = 0;
        index--;
      } else {
        const codePoint = codePointBefore(text, index);
        index -= codePoint > 0xffff ? 2 : 1;
        n = foldedLength(codePoint);
      }
      if (n === 0) {
        if (!inGap) gapBreaks = gapClause = gapSentence = false;
        inGap = true;
        if (isSentenceEnd(unit)) gapBreaks = gapClause = gapSentence = true;
        else if (isClausePunctuation(unit)) gapBreaks = gapClause = true;
        else if (isSpace(unit)) gapBreaks = true;
        continue;
      }
      if (inGap) {
        inGap = false;
        // The gap lies between key positions q and q + 1. A gap the word itself has (`buy
        // followers`) is part of it, unless punctuation ends a clause there.
        const q = count - consumed - 1;
        const own = q < 31 && (ownGaps & (1 << q)) !== 0 && !gapClause;
        if (q < keyLength - 1 && !own) {
          if (breakAt >= 0 && consumed - breakAt >= 2) runTogether = true;
          breakAt = -1;
          if (
            gapBreaks &&
            consumed - pieceStart >= 2 &&
            isLatinOrDigit(keyCodes[keyCodeStart[k]! + q]!) &&
            isLatinOrDigit(keyCodes[keyCodeStart[k]! + q + 1]!)
          ) {
            breakAt = consumed;
          }
          pieces++;
          pieceStart = consumed;
          if (gapSentence) sentenceBreak = true;
        }
      }
      consumed += n;
    }
    if (breakAt >= 0 && consumed - breakAt >= 2) runTogether = true;
    locatedStart = index;
    locatedPieces = runTogether ? 0 : pieces;
    locatedSentenceBreak = sentenceBreak;
  }

  function verify(text: string): WordMatch<P>[] {
    // Candidates: key, start, end, pieces, the folded character after the end, and whether a
    // sentence ends inside. Latin words glued to a following letter are dropped before their
    // start is looked for: the common case when words run together across spaces. Without
    // exceptions in the list, a candidate is settled as soon as it is located.
    let matches: WordMatch<P>[] | undefined;
    candidateLength = 0;
    for (let i = 0; i < foundLength; i += 3) {
      const end = found[i + 1]!;
      const after = found[i + 2]!;
      const next = after === 0 ? foldedAt(text, end) : 0x61;
      const latinAfter = isLatinOrDigit(next);
      for (let out = found[i]! / SLOT; out !== 0; out = OUTS[out * 2 + 1]!) {
        const k = OUTS[out * 2]!;
        const flags = keyInfo[k * KEY_STRIDE + 2]!;
        if (latinAfter && (flags & LATIN_END) !== 0) continue;
        locate(text, end, k, after);
        if (locatedPieces === 0) continue;
        if (hasAllow) {
          const at = candidateLength;
          candidates[at] = k;
          candidates[at + 1] = locatedStart;
          candidates[at + 2] = end;
          candidates[at + 3] = locatedPieces;
          candidates[at + 4] = next;
          candidates[at + 5] = locatedSentenceBreak ? 1 : 0;
          candidateLength = at + CANDIDATE;
          continue;
        }
        const start = locatedStart;
        if (!acceptable(text, flags, start, end, locatedPieces, next, locatedSentenceBreak)) {
          continue;
        }
        matches = report(matches, text, k, start, end);
      }
    }
    if (hasAllow) matches = settleWithAllows(text);
    if (matches === undefined) return [];
    if (matches.length > 1) matches.sort(byPosition);
    return matches;
  }

  /** The candidates that pass, once every match inside an exception's occurrence is dropped. */
  function settleWithAllows(text: string): WordMatch<P>[] | undefined {
    const allowRanges: number[] = [];
    for (let i = 0; i < candidateLength; i += CANDIDATE) {
      if ((keyInfo[candidates[i]! * KEY_STRIDE + 2]! & HAS_ALLOWS) !== 0) {
        allowRanges.push(candidates[i + 1]!, candidates[i + 2]!);
      }
    }
    let matches: WordMatch<P>[] | undefined;
    for (let i = 0; i < candidateLength; i += CANDIDATE) {
      const k = candidates[i]!;
      const at = k * KEY_STRIDE;
      if (keyInfo[at + 3] === keyInfo[at + KEY_STRIDE + 3]) continue; // no blocks, only allows
      const start = candidates[i + 1]!;
      const end = candidates[i + 2]!;
      const pieces = candidates[i + 3]!;
      const sentenceBreak = candidates[i + 5] === 1;
      const flags = keyInfo[at + 2]!;
      if (!acceptable(text, flags, start, end, pieces, candidates[i + 4]!, sentenceBreak)) continue;
      if (insideAny(allowRanges, start, end)) continue;
      matches = report(matches, text, k, start, end);
    }
    return matches;
  }

  /** Adds an occurrence of key `k` once per entry of the list that blocks it. */
  function report(
    matches: WordMatch<P>[] | undefined,
    text: string,
    k: number,
    start: number,
    end: number,
  ): WordMatch<P>[] {
    const list = matches ?? [];
    const original = text.slice(start, end);
    const last = keyInfo[(k + 1) * KEY_STRIDE + 3]!;
    for (let b = keyInfo[k * KEY_STRIDE + 3]!; b < last; b++) {
      list.push({ start, end, text: original, word: blockWords[b]!, payload: blockPayloads[b]! });
    }
    return list;
  }

  /** The word-boundary rules described at the top of this file. */
  function acceptable(
    text: string,
    flags: number,
    start: number,
    end: number,
    pieces: number,
    after: number,
    sentenceBreak: boolean,
  ): boolean {
    const latinStart = (flags & LATIN_START) !== 0;
    const latinEnd = (flags & LATIN_END) !== 0;
    const before = foldedBefore(text, start);
    if (latinStart && isLatinOrDigit(before)) return false;
    if (pieces >= 3) return true;
    // Edges next to a separator or the text's ends are boundaries; only letters need ICU.
    const startOpen = !latinStart && before !== FOLD_DROP;
    const endOpen = !latinEnd && after !== FOLD_DROP;
    if (pieces === 1) {
      if (!startOpen || !endOpen || latinStart || latinEnd) return true;
      // Dropped only when it straddles: starts inside one word and ends inside another.
      const icu = icuBoundaries(text, start, end);
      return (icu & STARTS_WORD) !== 0 || (icu & SPANS_TWO) === 0 || (icu & ENDS_WORD) !== 0;
    }
    if (!startOpen && !endOpen) return true;
    // Two pieces across the end of a sentence belong to two sentences unless they stand alone.
    if (sentenceBreak) return false;
    const icu = icuBoundaries(text, start, end);
    return (!startOpen || (icu & STARTS_WORD) !== 0) && (!endOpen || (icu & ENDS_WORD) !== 0);
  }
}
