import { describe, expect, it } from 'vitest';
import { toCalendar } from './business-time.ts';
import {
  evaluateRules,
  planActions,
  type EvaluableRule,
  type RoutingMessage,
} from './rule-evaluation.ts';

const context = { timeZone: 'Asia/Shanghai' };

function message(overrides: Partial<RoutingMessage> = {}): RoutingMessage {
  return {
    text: '请问怎么退款？订单还没发货',
    channelId: 'ch-weibo',
    kind: 'dm',
    intent: 'refund',
    sentiment: 'neutral',
    language: 'zh-CN',
    contactTags: [],
    followerCount: 120,
    // Tue 2026-03-03 10:00 in Shanghai
    receivedAt: Date.parse('2026-03-03T02:00:00Z'),
    ...overrides,
  };
}

function rule(id: string, overrides: Partial<EvaluableRule> = {}): EvaluableRule {
  return {
    id,
    name: id,
    enabled: true,
    stopProcessing: false,
    conditions: {},
    actions: [{ type: 'add_tags', tags: [id] }],
    ...overrides,
  };
}

const fired = (rules: EvaluableRule[], msg = message()) =>
  evaluateRules(rules, msg, context).fired.map((r) => r.id);

describe('conditions', () => {
  it('matches a rule without conditions on every message', () => {
    expect(fired([rule('all')])).toEqual(['all']);
  });

  it('matches channel, kind, intent, sentiment and language lists', () => {
    const rules = [
      rule('channel', { conditions: { channelIds: ['ch-weibo'] } }),
      rule('other-channel', { conditions: { channelIds: ['ch-douyin'] } }),
      rule('kind', { conditions: { kinds: ['DM'] } }),
      rule('comment', { conditions: { kinds: ['comment'] } }),
      rule('intent', { conditions: { intents: ['refund', 'complaint'] } }),
      rule('sentiment', { conditions: { sentiments: ['negative'] } }),
      rule('zh', { conditions: { languages: ['zh'] } }),
      rule('en', { conditions: { languages: ['en'] } }),
    ];
    expect(fired(rules)).toEqual(['channel', 'kind', 'intent', 'zh']);
    expect(fired(rules, message({ sentiment: null, intent: null }))).toEqual([
      'channel',
      'kind',
      'zh',
    ]);
  });

  it('matches keywords on normalised text: width, case, traditional and separators fold', () => {
    const refund = rule('refund', { conditions: { keywords: { any: ['退款', 'REFUND'] } } });
    expect(fired([refund], message({ text: '我要 退 款!!' }))).toEqual(['refund']);
    expect(fired([refund], message({ text: '我要退款，謝謝' }))).toEqual(['refund']);
    const shipping = rule('shipping', { conditions: { keywords: { any: ['发货'] } } });
    expect(fired([shipping], message({ text: '訂單還沒發貨' }))).toEqual(['shipping']);
    expect(fired([refund], message({ text: 'I want a ｒｅｆｕｎｄ' }))).toEqual(['refund']);
    expect(fired([refund], message({ text: 'r-e-f-u-n-d please' }))).toEqual(['refund']);
    expect(fired([refund], message({ text: '发货太慢了' }))).toEqual([]);
  });

  it('supports all-of and none-of keywords and explains the outcome', () => {
    const both = rule('both', {
      conditions: { keywords: { all: ['退款', '发货'], none: ['已解决'] } },
    });
    expect(fired([both], message({ text: '退款，还没发货' }))).toEqual(['both']);
    const missing = evaluateRules([both], message({ text: '退款' }), context);
    expect(missing.results[0]?.checks).toEqual([
      { condition: 'keywords', ok: false, detail: 'missing: 发货' },
    ]);
    const excluded = evaluateRules([both], message({ text: '退款 发货 已解决' }), context);
    expect(excluded.results[0]?.checks[0]).toMatchObject({ ok: false, detail: 'excluded: 已解决' });
  });

  it('matches contact tags and follower counts', () => {
    const vip = rule('vip', { conditions: { contactTags: { any: ['VIP'], none: ['blocked'] } } });
    const kol = rule('kol', { conditions: { followers: { min: 10_000 } } });
    const small = rule('small', { conditions: { followers: { max: 500 } } });
    expect(fired([vip, kol, small], message({ contactTags: ['vip'] }))).toEqual(['vip', 'small']);
    expect(fired([vip], message({ contactTags: ['vip', 'blocked'] }))).toEqual([]);
    expect(fired([kol], message({ followerCount: 52_000 }))).toEqual(['kol']);
    // An unknown follower count matches no follower condition.
    expect(fired([kol, small], message({ followerCount: null }))).toEqual([]);
  });

  it('reads time of day and weekday in the workspace time zone, with windows over midnight', () => {
    const night = rule('night', { conditions: { schedule: { from: '22:00', to: '08:00' } } });
    const weekend = rule('weekend', { conditions: { schedule: { weekdays: [6, 7] } } });
    const office = rule('office', {
      conditions: { schedule: { weekdays: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' } },
    });
    const rules = [night, weekend, office];
    // Tue 10:00 Shanghai
    expect(fired(rules)).toEqual(['office']);
    // Tue 23:30 Shanghai = 15:30Z
    expect(fired(rules, message({ receivedAt: Date.parse('2026-03-03T15:30:00Z') }))).toEqual([
      'night',
    ]);
    // Sat 07:00 Shanghai = Fri 23:00Z (a UTC reading would say Friday night)
    expect(fired(rules, message({ receivedAt: Date.parse('2026-03-06T23:00:00Z') }))).toEqual([
      'night',
      'weekend',
    ]);
    const result = evaluateRules([office], message(), context);
    expect(result.results[0]?.checks[0]?.detail).toBe('Tue 10:00');
  });

  it('matches inside or outside business hours', () => {
    const calendars = new Map([
      [
        'bh',
        toCalendar({
          timeZone: 'Asia/Shanghai',
          intervals: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' })),
          holidays: ['2026-03-04'],
        }),
      ],
    ]);
    const outside = rule('outside', {
      conditions: { businessHours: { businessHoursId: 'bh', state: 'outside' } },
    });
    const inside = rule('inside', {
      conditions: { businessHours: { businessHoursId: 'bh', state: 'inside' } },
    });
    const run = (receivedAt: string) =>
      evaluateRules([outside, inside], message({ receivedAt: Date.parse(receivedAt) }), {
        ...context,
        calendars,
      }).fired.map((r) => r.id);
    expect(run('2026-03-03T02:00:00Z')).toEqual(['inside']);
    expect(run('2026-03-03T12:00:00Z')).toEqual(['outside']);
    // Wednesday 10:00 is a holiday
    expect(run('2026-03-04T02:00:00Z')).toEqual(['outside']);
    // Business hours that no longer exist never match
    expect(fired([outside, inside])).toEqual([]);
  });
});

describe('order, enabling and stop processing', () => {
  it('skips disabled rules and stops after a rule that says so', () => {
    const result = evaluateRules(
      [
        rule('off', { enabled: false }),
        rule('first'),
        rule('stopper', { stopProcessing: true }),
        rule('after'),
      ],
      message(),
      context,
    );
    expect(result.results.map((r) => [r.ruleId, r.outcome])).toEqual([
      ['off', 'disabled'],
      ['first', 'fired'],
      ['stopper', 'fired'],
      ['after', 'not_reached'],
    ]);
    expect(result.plan.tags).toEqual(['first', 'stopper']);
  });

  it('does not stop when the stopping rule does not match', () => {
    expect(
      fired([rule('stopper', { stopProcessing: true, conditions: { intents: ['x'] } }), rule('b')]),
    ).toEqual(['b']);
  });

  it('never lets one rule’s action trigger another rule', () => {
    // The first rule tags the contact "vip"; the second looks for that tag. Rules see the
    // message as it arrived, so the second does not fire in this pass.
    const tagger = rule('tagger', { actions: [{ type: 'add_tags', tags: ['vip'] }] });
    const vipOnly = rule('vip-only', {
      conditions: { contactTags: { any: ['vip'] } },
      actions: [{ type: 'set_priority', priority: 'urgent' }],
    });
    const result = evaluateRules([tagger, vipOnly], message(), context);
    expect(result.fired.map((r) => r.id)).toEqual(['tagger']);
    expect(result.plan.priority).toBeNull();
  });
});

describe('the plan', () => {
  it('lets the first rule choose the reply and assignee, adds tags, keeps the highest priority', () => {
    const plan = planActions([
      rule('a', {
        actions: [
          { type: 'auto_reply', cannedReplyId: 'faq-refund' },
          { type: 'set_priority', priority: 'high' },
          { type: 'add_tags', tags: ['refund'] },
        ],
      }),
      rule('b', {
        actions: [
          { type: 'auto_reply', cannedReplyId: 'other' },
          { type: 'assign_team', teamId: 'after-sales' },
          { type: 'set_priority', priority: 'low' },
          { type: 'add_tags', tags: ['refund', 'dm'] },
        ],
      }),
      rule('c', { actions: [{ type: 'assign_team', teamId: 'other-team' }] }),
    ]);
    expect(plan).toEqual({
      tier: 'agent',
      autoReplyId: 'faq-refund',
      teamId: 'after-sales',
      userId: null,
      tags: ['refund', 'dm'],
      priority: 'high',
      escalate: null,
      hide: false,
    });
  });

  it('routes to the automatic tier, expert or lead', () => {
    expect(
      planActions([rule('faq', { actions: [{ type: 'auto_reply', cannedReplyId: 'r' }] })]).tier,
    ).toBe('auto');
    expect(
      planActions([
        rule('x', { actions: [{ type: 'escalate', tier: 'expert' }] }),
        rule('y', { actions: [{ type: 'escalate', tier: 'lead' }] }),
        rule('z', { actions: [{ type: 'escalate', tier: 'expert' }] }),
      ]),
    ).toMatchObject({ tier: 'lead', escalate: 'lead' });
    expect(planActions([rule('h', { actions: [{ type: 'hide' }] })])).toMatchObject({
      tier: null,
      hide: true,
    });
  });
});
