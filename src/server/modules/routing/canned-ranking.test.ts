import { describe, expect, it } from 'vitest';
import { bigrams, coverage, rankReplies, type RankableReply } from './canned-ranking.ts';

function reply(id: string, overrides: Partial<RankableReply> = {}): RankableReply {
  return {
    id,
    title: id,
    shortcut: null,
    intents: [],
    variants: { zh: null, en: null },
    recentUses: 0,
    ...overrides,
  };
}

const library = [
  reply('refund', {
    title: '退款流程',
    shortcut: 'refund',
    intents: ['refund'],
    variants: {
      zh: '您好 {name}，订单 {order_id} 未发货可直接申请退款，1–3 个工作日原路退回。',
      en: 'Hi {name}, order {order_id} can be refunded before it ships; the money returns in 1–3 business days.',
    },
    recentUses: 4,
  }),
  reply('shipping', {
    title: '物流查询',
    shortcut: 'ship',
    intents: ['shipping'],
    variants: { zh: '您的包裹正在配送中，物流单号稍后发给您。', en: null },
    recentUses: 30,
  }),
  reply('thanks', {
    title: 'Thanks for the kind words',
    shortcut: 'thanks',
    intents: ['praise'],
    variants: { zh: '感谢您的支持！', en: 'Thank you so much for the kind words!' },
    recentUses: 12,
  }),
  reply('refund-policy', {
    title: '退货政策',
    shortcut: 'refund-policy',
    intents: [],
    variants: { zh: '七天无理由退货，退款在收到退货后处理。', en: null },
  }),
];

describe('similarity', () => {
  it('measures how much of the message the reply covers, across scripts and forms', () => {
    expect([...bigrams('退款')]).toEqual(['退款']);
    expect(coverage(bigrams('我要退款'), bigrams('申请退款流程'))).toBeCloseTo(1 / 3);
    expect(coverage(bigrams('退款'), bigrams('退 款'))).toBe(1);
    expect(coverage(bigrams(''), bigrams('x'))).toBe(0);
  });
});

describe('rankReplies', () => {
  it('puts the reply for the message’s intent first, in the message’s language', () => {
    const ranked = rankReplies(library, {
      text: '我的订单还没发货，想退款',
      intent: 'refund',
      language: 'zh-CN',
      defaultLanguage: 'zh',
    });
    expect(ranked[0]).toMatchObject({
      reply: { id: 'refund' },
      language: 'zh',
      reasons: { intent: true, languageMatch: true },
    });
    // Without an intent, text similarity still finds the refund replies above the rest.
    const byText = rankReplies(library, {
      text: '没发货可以退款吗',
      language: 'zh',
      defaultLanguage: 'zh',
    });
    expect(byText.slice(0, 2).map((r) => r.reply.id)).toEqual(['refund', 'refund-policy']);
  });

  it('falls back to the other language and ranks such replies lower', () => {
    const ranked = rankReplies(library, {
      text: 'where is my package',
      intent: 'shipping',
      language: 'en',
      defaultLanguage: 'zh',
    });
    expect(ranked[0]).toMatchObject({
      reply: { id: 'shipping' },
      language: 'zh',
      reasons: { languageMatch: false },
    });
    expect(ranked[0]!.score).toBeLessThan(0.5 + 0.35 + 0.15);
  });

  it('uses past usage when nothing else tells the replies apart', () => {
    const ranked = rankReplies(library, { defaultLanguage: 'zh' });
    expect(ranked.map((r) => r.reply.id)).toEqual([
      'shipping',
      'thanks',
      'refund',
      'refund-policy',
    ]);
    expect(ranked[0]!.reasons.usage).toBe(1);
  });

  it('looks up shortcuts typed with a slash, the exact one first', () => {
    expect(
      rankReplies(library, { q: '/refund', defaultLanguage: 'zh' }).map((r) => r.reply.id),
    ).toEqual(['refund', 'refund-policy']);
    expect(
      rankReplies(library, { q: '/refund-p', defaultLanguage: 'zh' }).map((r) => r.reply.id),
    ).toEqual(['refund-policy']);
    expect(rankReplies(library, { q: '/nothing', defaultLanguage: 'zh' })).toEqual([]);
  });

  it('filters by words typed without a slash, folding traditional characters', () => {
    expect(
      rankReplies(library, { q: '物流', defaultLanguage: 'zh' }).map((r) => r.reply.id),
    ).toEqual(['shipping']);
    expect(
      rankReplies(library, { q: '退貨', defaultLanguage: 'zh' }).map((r) => r.reply.id),
    ).toEqual(['refund-policy']);
  });

  it('honours the limit', () => {
    expect(rankReplies(library, { defaultLanguage: 'en' }, 2)).toHaveLength(2);
  });
});
