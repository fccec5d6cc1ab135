// Word-list matching throughput: OpsLoop's matcher (Aho–Corasick over folded text, evasion-proof)
// against a RegExp alternation of the same words and against the `mint-filter` package, on the
// same corpus in the same run. The matcher does more work per character than either (width,
// case, traditional → simplified, separator folding, word-boundary checks), so it has to earn
// its ratios. No database is involved.
import { Mint } from 'mint-filter';
import { buildMatcher } from '../../src/server/text/matcher.ts';
import { normalizeForMatch, normalizeWordForMatch } from '../../src/server/text/normalize.ts';
import { round, type BenchResult, type Scenario } from '../scenario.ts';

const WORDS = Number(process.env.OPSLOOP_BENCH_MODERATION_WORDS ?? 10_000);
const MESSAGES = Number(process.env.OPSLOOP_BENCH_MODERATION_MESSAGES ?? 20_000);
// Each engine gets at least this long per measured round, so short runs do not decide a ratio.
const MIN_ROUND_MS = 400;
const ROUNDS = 6;

// About 600 of the most frequent Chinese characters: list words are drawn from them, so they
// look like the text they are matched against.
const COMMON_HAN =
  '的一是不了人我在有他这中大来上个国到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似专石若兵弟谁校读志飞观争究包组造落济喜离虽坏兴切图团仅养乐般根苦';

const SYLLABLES = [
  'ba',
  'be',
  'bi',
  'bo',
  'ca',
  'ce',
  'co',
  'da',
  'de',
  'di',
  'do',
  'fa',
  'fe',
  'fi',
  'ga',
  'go',
  'ha',
  'he',
  'hi',
  'ho',
  'ka',
  'ke',
  'ki',
  'la',
  'le',
  'li',
  'lo',
  'lu',
  'ma',
  'me',
  'mi',
  'mo',
  'na',
  'ne',
  'ni',
  'no',
  'pa',
  'pe',
  'pi',
  'po',
  'ra',
  're',
  'ri',
  'ro',
  'sa',
  'se',
  'si',
  'so',
  'ta',
  'te',
  'ti',
  'to',
  'va',
  've',
  'vi',
  'wa',
  'we',
  'xa',
  'za',
  'ze',
  'st',
  'tr',
  'ch',
  'sh',
];

// Ordinary comments and DMs of the kind an inbox sees.
const ZH_SENTENCES = [
  '这款产品用了一个月，感觉质量还不错，就是物流有点慢。',
  '请问什么时候补货？我想给家里人也买一份。',
  '客服回复很及时，问题当天就解决了，点赞！',
  '昨天的直播错过了，有回放吗？',
  '包装很用心，送朋友很有面子。',
  '价格比上次活动贵了一点，希望还能再有优惠。',
  '颜色和图片上不太一样，偏暗一些，整体还可以。',
  '已经回购第三次了，一直很信任你们家。',
  '能不能出一个小一点的规格，出差带着方便。',
  '说明书写得太简单了，第一次用不知道怎么装。',
  '周末去门店体验了一下，店员讲解很专业。',
  '希望下次抽奖能抽到我，参与好多次了。',
  '这个系列的新品什么时候上线？期待很久了。',
  '我们公司想采购一批作为员工福利，怎么联系？',
  '刚收到货，外箱有点压坏了，里面的东西没事。',
  '学习了，原来还可以这样搭配，收藏了。',
  '你们的会员积分怎么兑换？页面找不到入口。',
  '视频拍得很有意思，剪辑节奏也好，关注了。',
  '退货流程太麻烦了，希望能简化一下。',
  '朋友推荐来的，第一次下单，希望不要让我失望。',
];
const EN_SENTENCES = [
  'Love the new colour, ordered two already!',
  'When will this be back in stock? Asking for my sister.',
  'Customer service sorted my issue in ten minutes, thanks.',
  'The parcel arrived a bit late but the product is great.',
  'Is there a student discount this month?',
  'Please make a smaller size, it is too big for travel.',
  'Watched the live stream yesterday, really helpful tips.',
  'The instructions were confusing, had to look it up online.',
  'Third time buying, never disappointed so far.',
  'Could you ship to Canada? Would buy immediately.',
];

/** A small deterministic PRNG (mulberry32), so every run matches the same words in the same text. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Chinese list words run 2–6 characters, most of them 2–4, like published sensitive-word lists. */
function pickLength(r: number): number {
  if (r < 0.35) return 2;
  if (r < 0.7) return 3;
  if (r < 0.9) return 4;
  return r < 0.96 ? 5 : 6;
}

/**
 * `count` distinct list words: about 70% Chinese (2–6 characters), 30% English words and
 * phrases. Like a real list, none of them occurs in the ordinary sentences themselves (chance
 * hits across sentence joins remain).
 */
export function generateWords(count: number, seed = 1): string[] {
  const ordinary = [...ZH_SENTENCES, ...EN_SENTENCES].join('\n').toLowerCase();
  const next = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const han = [...COMMON_HAN];
  // Made-up words of 3–4 syllables (6–8 letters), or phrases of two shorter ones: as sparse
  // among letter sequences as real English terms are.
  const englishWord = (min: number) => {
    let word = '';
    const syllables = min + Math.floor(next() * 2);
    for (let i = 0; i < syllables; i++) word += pick(SYLLABLES);
    return word;
  };
  const words = new Set<string>();
  while (words.size < count) {
    let word: string;
    if (next() < 0.7) {
      const length = pickLength(next());
      word = '';
      for (let i = 0; i < length; i++) word += pick(han);
    } else {
      word = next() < 0.25 ? `${englishWord(2)} ${englishWord(2)}` : englishWord(3);
    }
    if (!ordinary.includes(word)) words.add(word);
  }
  return [...words];
}

/** Evasions people actually type: spacing, symbols, full-width, zero-width, mixed case. */
function disguise(word: string, next: () => number): string {
  const chars = [...word];
  switch (Math.floor(next() * 5)) {
    case 0:
      return chars.join(' ');
    case 1:
      return chars.join('*');
    case 2:
      return chars
        .map((c) => (c >= 'a' && c <= 'z' ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c))
        .join('');
    case 3:
      return chars.join('\u200b');
    default:
      return word.toUpperCase();
  }
}

/** `count` messages of 1–4 ordinary sentences; about 5% carry a listed word, half disguised. */
export function generateCorpus(words: readonly string[], count: number, seed = 2): string[] {
  return generateLabelledCorpus(words, count, seed).messages;
}

/** The corpus and how many of its messages carry a listed word (what should be flagged). */
export function generateLabelledCorpus(
  words: readonly string[],
  count: number,
  seed = 2,
): { messages: string[]; withListedWord: number } {
  const next = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const messages: string[] = [];
  let withListedWord = 0;
  for (let m = 0; m < count; m++) {
    const english = next() < 0.25;
    const sentences: string[] = [];
    const n = 1 + Math.floor(next() * 4);
    for (let i = 0; i < n; i++) sentences.push(pick(english ? EN_SENTENCES : ZH_SENTENCES));
    if (next() < 0.05) {
      withListedWord++;
      const word = pick(words);
      sentences.splice(
        Math.floor(next() * (n + 1)),
        0,
        next() < 0.5 ? ` ${word} ` : ` ${disguise(word, next)} `,
      );
    }
    messages.push(sentences.join(english ? ' ' : ''));
  }
  return { messages, withListedWord };
}

function escapeRegExp(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Messages per second of each engine: rounds interleave the engines, so load from other
 * processes on a shared machine hits them alike, and each engine keeps its best round.
 */
function throughputs(
  corpus: readonly string[],
  engines: Record<string, (text: string) => number>,
): Record<string, number> {
  const best: Record<string, number> = {};
  for (const scan of Object.values(engines)) {
    for (const text of corpus.slice(0, 2000)) scan(text); // warm-up
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, scan] of Object.entries(engines)) {
      let done = 0;
      const started = performance.now();
      let elapsed = 0;
      while (elapsed < MIN_ROUND_MS) {
        for (const text of corpus) scan(text);
        done += corpus.length;
        elapsed = performance.now() - started;
      }
      best[name] = Math.max(best[name] ?? 0, done / (elapsed / 1000));
    }
  }
  return best;
}

function timed<T>(build: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = build();
  return { value, ms: performance.now() - started };
}

export const scenario: Scenario = {
  name: 'moderation',
  async *run() {
    const words = generateWords(WORDS);
    const { messages: corpus, withListedWord } = generateLabelledCorpus(words, MESSAGES);
    const chars = corpus.reduce((sum, text) => sum + text.length, 0);

    const matcher = timed(() => buildMatcher(words.map((word) => ({ word, payload: word }))));
    const mint = timed(() => new Mint(words));
    const regexp = timed(() => {
      const re = new RegExp(words.map(escapeRegExp).join('|'), 'gi');
      'warm'.match(re);
      return re;
    });
    // The same alternation over folded words and folded text: what a RegExp needs to catch the
    // evasions the matcher catches (without its word-boundary checks).
    const foldedRegexp = new RegExp(
      [...new Set(words.map(normalizeWordForMatch))].map(escapeRegExp).join('|'),
      'g',
    );

    let matcherHits = 0;
    let mintHits = 0;
    let regexpHits = 0;
    for (const text of corpus) {
      matcherHits += matcher.value.find(text).length > 0 ? 1 : 0;
      mintHits += mint.value.filter(text, { replace: false }).words.length > 0 ? 1 : 0;
      regexpHits += (text.match(regexp.value)?.length ?? 0) > 0 ? 1 : 0;
    }

    const rates = throughputs(corpus, {
      matcher: (text) => matcher.value.find(text).length,
      mintFilter: (text) => mint.value.filter(text, { replace: false }).words.length,
      regexp: (text) => text.match(regexp.value)?.length ?? 0,
      foldedRegexp: (text) => normalizeForMatch(text).text.match(foldedRegexp)?.length ?? 0,
    });
    const ours = rates.matcher!;
    const theirs = rates.mintFilter!;
    const plain = rates.regexp!;
    const folded = rates.foldedRegexp!;

    const common = {
      scenario: 'moderation',
      db: 'none' as const,
      unit: 'messages/s',
      value: round(ours),
      words: WORDS,
      messages: MESSAGES,
      avgMessageChars: round(chars / MESSAGES, 1),
      matcherCharsPerSecond: round((ours * chars) / MESSAGES),
      matcherBuildMs: round(matcher.ms, 1),
      messagesWithListedWord: withListedWord,
      flaggedMessages: { matcher: matcherHits, mintFilter: mintHits, regexp: regexpHits },
    };
    const results: BenchResult[] = [
      {
        ...common,
        against: 'regexp',
        baseline: round(plain),
        ratio: round(ours / plain, 2),
        baselineBuildMs: round(regexp.ms, 1),
        target: '>= 10',
      },
      {
        ...common,
        against: 'regexp over normalised text',
        baseline: round(folded),
        ratio: round(ours / folded, 2),
      },
      {
        ...common,
        against: 'mint-filter',
        baseline: round(theirs),
        ratio: round(ours / theirs, 2),
        baselineBuildMs: round(mint.ms, 1),
        target: '>= 1',
      },
    ];
    yield* results;
  },
};
