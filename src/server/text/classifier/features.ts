/**
 * Turns a normalised message into the sparse features the models learn from.
 *
 * - Chinese (Han runs): character 1–3-grams, plus run-start/run-end bigrams (`^好`, `吗$`) that
 *   catch sentence-final particles.
 * - Latin words: unigrams, bigrams (with a sentence-start marker) and optionally character
 *   3-grams, robust to spelling variants. Apostrophes are dropped (`don't` → `dont`).
 * - Negation scope: English words after a negator, up to punctuation, a contrast word or three
 *   words, become `!word`; Chinese characters just after a negator become `!字`.
 * - Emoji, one feature each plus their polarity; shape: `?`, `!!`, quotes, URLs, @mentions,
 *   long numbers, message length.
 * - Lexicon: positive and negative words counted with negation applied (`不太满意`, `not bad`),
 *   sarcasm cues (quoted praise, 🙄, "great, another…", praise next to complaint context) and
 *   intent cue words.
 */
import {
  COMPLAINT_CONTEXT,
  HAN_FALSE_NEGATORS,
  INTENT_CUES,
  MORE_NEGATIVE_WORDS,
  MORE_POSITIVE_WORDS,
  NEGATIVE_EMOJI,
  NEGATIVE_WORDS,
  NEGATORS,
  NON_NEGATING,
  POSITIVE_EMOJI,
  POSITIVE_WORDS,
  SARCASM_PATTERNS,
  SCOPE_BREAKERS,
  SHORT_PRAISE,
} from './lexicon.ts';

export interface FeatureOptions {
  /** Longest Chinese character n-gram (1–3). */
  hanMaxN: number;

  wordBigrams: boolean;
  /** Character 3-grams inside Latin words. */
  wordCharGrams: boolean;
  negation: boolean;
  lexicon: boolean;
  sarcasm: boolean;
  shape: boolean;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  hanMaxN: 3,
  wordBigrams: true,
  wordCharGrams: false,
  negation: true,
  lexicon: true,
  sarcasm: true,
  shape: true,
};

type Token =
  | { kind: 'han'; text: string }
  | { kind: 'word'; text: string }
  | { kind: 'emoji'; text: string }
  | { kind: 'punct'; text: string };

const HAN_CHAR = /\p{Script=Han}/u;
const TOKEN =
  /(\p{Script=Han}+)|([$#]?[\p{Script=Latin}\p{N}](?:[\p{Script=Latin}\p{N}'’*.]*[\p{Script=Latin}\p{N}*])?)|(\p{Extended_Pictographic})|(\S)/gu;
const URL = /https?:\/\/\S+|\b[a-z0-9-]+\.(?:ly|cn|com|net|io|me|co)\/\S*/gu;
const MENTION = /@[\p{L}\p{N}_-]+/gu;
const CLAUSE_END = new Set(['.', ',', '!', '?', ';', ':', '。', '、', '~', '…', '(', ')']);

/** Splits normalised text into Han runs, Latin words, emoji and punctuation. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    if (match[1]) tokens.push({ kind: 'han', text: match[1] });
    else if (match[2]) tokens.push({ kind: 'word', text: match[2].replace(/['’]/gu, '') });
    else if (match[3]) tokens.push({ kind: 'emoji', text: match[3] });
    else if (match[4]) tokens.push({ kind: 'punct', text: match[4] });
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Word-list matching: Han entries match as substrings, Latin entries as whole words or phrases.

interface WordList {
  /** Position of the list in the shared Han index. */
  id: number;
  latin: ReadonlySet<string>;
  /** Latin phrases of several words, matched against ` word word ` with spaces around. */
  phrases: readonly string[];
}

interface HanEntry {
  word: string;
  list: number;
  /** Entries of lists sharing a slot never overlap: the leftmost, then longest, wins. */
  slot: number;
}

/** Han entries of every list by first character, longest first: one scan finds them all. */
const hanIndex = new Map<string, HanEntry[]>();
let listCount = 0;

function buildWordList(words: Iterable<string>, slot?: number): WordList {
  const id = listCount++;
  const latin = new Set<string>();
  const phrases: string[] = [];
  for (const word of words) {
    if (HAN_CHAR.test(word)) {
      const entries = hanIndex.get(word[0]!) ?? [];
      entries.push({ word, list: id, slot: slot ?? id });
      entries.sort((a, b) => b.word.length - a.word.length);
      hanIndex.set(word[0]!, entries);
    } else if (word.includes(' ')) phrases.push(` ${word} `);
    else latin.add(word);
  }
  return { id, latin, phrases };
}

const positiveList = buildWordList(
  new Set([
    ...POSITIVE_WORDS.zh,
    ...POSITIVE_WORDS.en,
    ...MORE_POSITIVE_WORDS.zh,
    ...MORE_POSITIVE_WORDS.en,
  ]),
);
// Sharing the positive list's slot: the negative 腻 inside the positive 细腻 is not counted,
// nor the positive 推荐 inside the negative 不推荐.
const negativeList = buildWordList(
  new Set([
    ...NEGATIVE_WORDS.zh,
    ...NEGATIVE_WORDS.en,
    ...MORE_NEGATIVE_WORDS.zh,
    ...MORE_NEGATIVE_WORDS.en,
  ]),
  positiveList.id,
);
const contextList = buildWordList([...COMPLAINT_CONTEXT.zh, ...COMPLAINT_CONTEXT.en]);
const cueLists = Object.entries(INTENT_CUES).map(
  ([intent, words]) => [`i:${intent}`, buildWordList([...words.zh, ...words.en])] as const,
);

/**
 * Calls `onHit` for the Han entries of every list in one run: leftmost-longest per slot, so
 * an entry inside a longer one of the same list (好用 in 太好用了) or of a list sharing its slot
 * (腻 in 细腻) is not counted again.
 */
function scanHan(run: string, onHit: (list: number, word: string, start: number) => void): void {
  const nextFree = new Int32Array(listCount);
  for (let i = 0; i < run.length; i++) {
    const entries = hanIndex.get(run[i]!);
    if (!entries) continue;
    for (const { word, list, slot } of entries) {
      if (i < nextFree[slot]! || !run.startsWith(word, i)) continue;
      nextFree[slot] = i + word.length;
      onHit(list, word, i);
    }
  }
}

const hanNegators = [...NEGATORS.zh];
const latinNegators = new Set<string>(NEGATORS.en);
const scopeBreakers = new Set<string>(SCOPE_BREAKERS);
const nonNegating = NON_NEGATING.map((phrase) => phrase.split(' '));

/** Whether `words[i]` is a negator that really negates (`not` in `not gonna lie` does not). */
function startsNegation(words: readonly string[], i: number): boolean {
  if (!latinNegators.has(words[i]!)) return false;
  return !nonNegating.some((phrase) => phrase.every((w, k) => words[i + k] === w));
}

/** Whether the negator at `start..end` of `text` is part of a word like 特别 or 忍不住. */
function falseNegator(text: string, start: number, end: number): boolean {
  for (const word of HAN_FALSE_NEGATORS) {
    const from = Math.max(0, start - word.length + 1);
    const at = text.indexOf(word, from);
    if (at >= 0 && at <= start && at + word.length >= end) return true;
  }
  return false;
}

/** Whether a Han negator ends at `end` (exclusive) in `text`, allowing one character between. */
function negatedAt(text: string, end: number): boolean {
  for (let gap = 0; gap <= 1; gap++) {
    const at = end - gap;
    for (const negator of hanNegators) {
      const start = at - negator.length;
      if (start >= 0 && text.startsWith(negator, start) && !falseNegator(text, start, at)) {
        return true;
      }
    }
  }
  return false;
}

interface Polarity {
  positive: number;
  negative: number;
  /** Positive words under negation (`不满意`, `not happy`). */
  positiveNegated: number;
  /** Negative words under negation (`不差`, `not bad`). */
  negativeNegated: number;
}

function countPhrases(padded: string, list: WordList): number {
  // Every phrase has at least two words.
  if (padded.length < 5) return 0;
  let hits = 0;
  for (const phrase of list.phrases) if (padded.includes(phrase)) hits++;
  return hits;
}

function countLatin(words: readonly string[], padded: string, list: WordList): number {
  let hits = countPhrases(padded, list);
  for (const word of words) if (list.latin.has(word)) hits++;
  return hits;
}

/** Adds one feature name per occurrence; the model decides how to weigh repeats. */
export function extractFeatures(normalized: string, options: FeatureOptions): string[] {
  const out: string[] = [];
  let text = normalized;
  if (options.shape) {
    if (URL.test(text)) out.push('x:url');
    if (MENTION.test(text)) out.push('x:mention');
  }
  URL.lastIndex = 0;
  MENTION.lastIndex = 0;
  text = text.replace(URL, ' ').replace(MENTION, ' ');

  const tokens = tokenize(text);
  const allWords = tokens.flatMap((t) => (t.kind === 'word' ? [t.text] : []));
  const words: string[] = [];
  /** Whether each word of `words` is inside a negation scope. */
  const negatedFlags: boolean[] = [];
  const hanRuns: string[] = [];
  let units = 0;
  let previousWord = '^';
  let negatedWords = 0;

  for (const token of tokens) {
    switch (token.kind) {
      case 'han': {
        const run = token.text;
        hanRuns.push(run);
        units += run.length;
        addHanGrams(out, run, options);

        previousWord = '^';
        negatedWords = 0;
        break;
      }
      case 'word': {
        const word = token.text;
        units++;
        const isNumber = /^\d+$/u.test(word);
        if (isNumber && options.shape) out.push(word.length >= 5 ? 'x:longnum' : 'x:num');
        const negated = options.negation && negatedWords > 0 && !isNumber;
        if (negated) negatedWords--;
        out.push(negated ? `w:!${word}` : `w:${word}`);
        negatedFlags.push(negated);
        if (options.wordBigrams) out.push(`b:${previousWord} ${word}`);
        if (options.wordCharGrams && word.length > 3 && !isNumber) {
          const padded = `<${word}>`;
          for (let i = 0; i + 3 <= padded.length; i++) out.push(`c:${padded.slice(i, i + 3)}`);
        }
        if (startsNegation(allWords, words.length)) negatedWords = 3;
        else if (scopeBreakers.has(word)) negatedWords = 0;
        words.push(word);
        previousWord = word;
        break;
      }
      case 'emoji': {
        units++;
        out.push(`e:${token.text}`);
        if (POSITIVE_EMOJI.includes(token.text)) out.push('e:+');
        if (NEGATIVE_EMOJI.includes(token.text)) out.push('e:-');
        negatedWords = 0;
        break;
      }
      case 'punct': {
        if (CLAUSE_END.has(token.text)) {
          negatedWords = 0;
          previousWord = '^';
        }
        break;
      }
      default: {
        const unknown: never = token;
        throw new Error(`unknown token ${JSON.stringify(unknown)}`);
      }
    }
  }

  if (options.shape) {
    if (text.includes('?')) out.push('x:?');
    if (/\?{2,}/u.test(text)) out.push('x:??');
    if (text.includes('!')) out.push('x:!');
    if (/!{2,}/u.test(text)) out.push('x:!!');
    if (/\.{3}|…/u.test(text)) out.push('x:...');
    if (text.includes('~')) out.push('x:~');
    out.push(
      units <= 1
        ? 'x:len1'
        : units <= 3
          ? 'x:len3'
          : units <= 8
            ? 'x:len8'
            : units <= 20
              ? 'x:len20'
              : 'x:len+',
    );
  }

  if (options.lexicon || options.sarcasm) {
    addLexiconFeatures(out, text, hanRuns, words, negatedFlags, options);
  }
  return out;
}

function addHanGrams(out: string[], run: string, options: FeatureOptions): void {
  const n = run.length;
  for (let i = 0; i < n; i++) {
    out.push(`h:${run[i]}`);
    if (options.hanMaxN >= 2 && i + 2 <= n) out.push(`h:${run.slice(i, i + 2)}`);
    if (options.hanMaxN >= 3 && i + 3 <= n) out.push(`h:${run.slice(i, i + 3)}`);
  }
  if (options.hanMaxN >= 2) {
    out.push(`h:^${run[0]}`);
    out.push(`h:${run[n - 1]}$`);
  }
  if (options.negation) {
    for (let i = 1; i < n; i++) {
      // Characters right after a negator: 不[满]意, 没[踩]雷.
      const previous = run[i - 1]!;
      if (
        (previous === '不' || previous === '没' || previous === '别') &&
        !falseNegator(run, i - 1, i)
      ) {
        out.push(`h:!${run[i]}`);
      }
    }
  }
}

function addLexiconFeatures(
  out: string[],
  text: string,
  hanRuns: readonly string[],
  words: readonly string[],
  negatedFlags: readonly boolean[],
  options: FeatureOptions,
): void {
  const polarity: Polarity = { positive: 0, negative: 0, positiveNegated: 0, negativeNegated: 0 };
  let context = 0;

  const cueHits = new Int32Array(listCount);
  for (const run of hanRuns) {
    scanHan(run, (list, word, at) => {
      cueHits[list]!++;
      if (list !== positiveList.id && list !== negativeList.id) return;
      const negated = options.negation && !/^[不没无]/u.test(word) && negatedAt(run, at);
      if (list === positiveList.id) {
        if (negated) polarity.positiveNegated++;
        else polarity.positive++;
      } else if (negated) polarity.negativeNegated++;
      else polarity.negative++;
    });
  }
  context += cueHits[contextList.id]!;

  // English: polarity words inside a negation scope flip.
  words.forEach((word, i) => {
    const negated = negatedFlags[i]!;
    if (positiveList.latin.has(word)) {
      if (negated) polarity.positiveNegated++;
      else polarity.positive++;
    }
    if (negativeList.latin.has(word)) {
      if (negated) polarity.negativeNegated++;
      else polarity.negative++;
    }
    if (contextList.latin.has(word)) context++;
  });
  const padded = ` ${words.join(' ')} `;
  polarity.positive += countPhrases(padded, positiveList);
  polarity.negative += countPhrases(padded, negativeList);
  context += countPhrases(padded, contextList);

  if (options.lexicon) {
    pushTimes(out, 'l:+', polarity.positive);
    pushTimes(out, 'l:-', polarity.negative);
    pushTimes(out, 'l:!+', polarity.positiveNegated);
    pushTimes(out, 'l:!-', polarity.negativeNegated);
    const net =
      polarity.positive + polarity.negativeNegated - polarity.negative - polarity.positiveNegated;
    out.push(net > 0 ? 'l:net+' : net < 0 ? 'l:net-' : 'l:net0');
    for (const [feature, list] of cueLists) {
      pushTimes(out, feature, countLatin(words, padded, list) + cueHits[list.id]!);
    }
  }

  if (options.sarcasm) {
    for (const pattern of SARCASM_PATTERNS) {
      if (pattern.test(text)) {
        out.push('s:pattern');
        break;
      }
    }
    for (const quoted of text.matchAll(/["“「『]([^"”」』]{1,8})["”」』]/gu)) {
      out.push('s:quoted');
      const inner = quoted[1]!;
      let praise =
        SHORT_PRAISE.includes(inner[0]!) ||
        inner.split(/\s+/u).some((w) => positiveList.latin.has(w));
      scanHan(inner, (list) => (praise ||= list === positiveList.id));
      if (praise) out.push('s:quoted+');
    }
    if (polarity.positive > 0 && polarity.negative + polarity.positiveNegated > 0)
      out.push('s:mixed');
    if (polarity.positive > 0 && context > 0) out.push('s:praise+context');
  }
}

function pushTimes(out: string[], feature: string, times: number): void {
  for (let i = 0; i < times; i++) out.push(feature);
}
