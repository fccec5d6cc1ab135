import { describe, expect, it } from 'vitest';
import { normalizeText } from '../normalize.ts';
import { DEFAULT_FEATURE_OPTIONS, extractFeatures, tokenize } from './features.ts';

function features(text: string, options = DEFAULT_FEATURE_OPTIONS): string[] {
  return extractFeatures(normalizeText(text), options);
}

describe('tokenize', () => {
  it('splits Han runs, Latin words, emoji and punctuation', () => {
    expect(tokenize("这个 serum 真的don't work😂!")).toEqual([
      { kind: 'han', text: '这个' },
      { kind: 'word', text: 'serum' },
      { kind: 'han', text: '真的' },
      { kind: 'word', text: 'dont' },
      { kind: 'word', text: 'work' },
      { kind: 'emoji', text: '😂' },
      { kind: 'punct', text: '!' },
    ]);
  });
});

describe('extractFeatures', () => {
  it('makes Chinese character 1–3-grams and English word uni- and bigrams', () => {
    const f = features('好喝 love it');
    expect(f).toEqual(
      expect.arrayContaining(['h:好', 'h:喝', 'h:好喝', 'w:love', 'w:it', 'b:love it', 'b:^ love']),
    );
    expect(features('好喝吗')).toContain('h:好喝吗');
    expect(features('好喝吗', { ...DEFAULT_FEATURE_OPTIONS, hanMaxN: 2 })).not.toContain(
      'h:好喝吗',
    );
  });

  it('marks English negation scope until punctuation or a contrast word', () => {
    const f = features("not bad at all, but the lid isn't tight");
    expect(f).toEqual(expect.arrayContaining(['w:!bad', 'w:!at', 'w:!all', 'w:but', 'w:!tight']));
    expect(f).toContain('l:!-');
    expect(f).not.toContain('w:bad');
  });

  it('flips Chinese sentiment words after a negator', () => {
    expect(features('不太满意')).toEqual(expect.arrayContaining(['l:!+', 'l:net-']));
    expect(features('一点都不好用')).toContain('l:net-');
    expect(features('没有失望，不踩雷')).toEqual(expect.arrayContaining(['l:!-', 'l:net+']));
    expect(features('很满意')).toEqual(expect.arrayContaining(['l:+', 'l:net+']));
  });

  it('does not count a sentiment word inside a longer word of the opposite polarity', () => {
    // 腻 (greasy) inside 细腻 (silky), 推荐 (recommend) inside 不推荐.
    expect(features('奶泡很细腻')).toEqual(expect.arrayContaining(['l:+', 'l:net+']));
    expect(features('奶泡很细腻')).not.toContain('l:-');
    expect(features('不推荐')).toEqual(expect.arrayContaining(['l:-', 'l:net-']));
    expect(features('不推荐')).not.toContain('l:!+');
  });

  it('counts platform slang in the sentiment lexicon', () => {
    expect(features('yyds 绝绝子')).toContain('l:net+');
    expect(features('踩雷了，无语子')).toContain('l:net-');
    expect(features('ngl this is mid')).toContain('l:net-');
  });

  it('finds sarcasm cues: quoted praise, eye-roll, "great, another…"', () => {
    expect(features('真是太"好"了，等了三天还没到')).toEqual(
      expect.arrayContaining(['s:pattern', 's:quoted', 's:quoted+']),
    );
    expect(features('great, another broken update 🙄')).toEqual(
      expect.arrayContaining(['s:pattern', 'e:🙄', 'e:-', 's:praise+context']),
    );
    expect(features('love it')).not.toContain('s:pattern');
  });

  it('adds emoji, URL, mention and number signals', () => {
    const f = features('看我主页 http://t.cn/abc @小明 加v 1234567 😍');
    expect(f).toEqual(
      expect.arrayContaining(['x:url', 'x:mention', 'x:longnum', 'e:😍', 'e:+', 'i:spam']),
    );
    expect(f.some((x) => x.includes('t.cn'))).toBe(false);
  });

  it('counts intent cue words', () => {
    expect(features('喝完上吐下泻，已经去医院了')).toContain('i:crisis');
    expect(features('how do I get a refund for my order')).toContain('i:after_sales');
    expect(features('求链接，多少钱')).toContain('i:purchase_intent');
  });

  it('leaves out what an option turns off', () => {
    const plain = {
      ...DEFAULT_FEATURE_OPTIONS,
      lexicon: false,
      sarcasm: false,
      negation: false,
      shape: false,
    };
    const f = features('not bad 🙄 真是太"好"了?', plain);
    expect(f.some((x) => /^[lsix]:/u.test(x))).toBe(false);
    expect(f).toContain('w:bad');
  });
});
