import { describe, expect, it } from 'vitest';
import { checkLimits, SANDBOX_LIMITS } from './sandbox-limits.ts';
import {
  commentSchedule,
  deriveAudienceModel,
  directMessageSchedule,
  explainPost,
  followersAt,
  localWeekdayHour,
  PLATFORM_STYLES,
  postMetricsAt,
  textQuality,
  topicsFromText,
  zonedTimeToEpoch,
  type SimulatedPost,
} from './sandbox-model.ts';
import { composeMessage, listMessageTemplates, sandboxUser, type Intent } from './sandbox-text.ts';

const REF = Date.parse('2026-03-01T04:00:00.000Z');
const HOUR = 3_600_000;

const post = (overrides: Partial<SimulatedPost> = {}): SimulatedPost => ({
  id: 'sp1',
  idempotencyKey: 'key-1',
  publishedAt: REF - 10 * 24 * HOUR,
  text: '新品上线！你最想先试哪一款？☕️ #新品#',
  topics: ['新品'],
  ...overrides,
});

describe('audience model', () => {
  it('derives the same audience from the same seed, and another from another', () => {
    const a = deriveAudienceModel('weibo', 42, REF);
    expect(deriveAudienceModel('weibo', 42, REF)).toEqual(a);
    expect(deriveAudienceModel('weibo', 43, REF)).not.toEqual(a);
  });

  it.each(PLATFORM_STYLES)('%s: each weekday peaks at its declared hour', (style) => {
    for (let seed = 1; seed <= 25; seed++) {
      const model = deriveAudienceModel(style, seed * 7919, REF);
      model.activityGrid.forEach((row, weekday) => {
        const peak = row.indexOf(Math.max(...row));
        expect(peak).toBe(model.dayShapes[weekday]?.peakHour);
        expect(model.peakHourByWeekday[weekday]).toBe(peak);
      });
      expect(Math.max(...model.activityGrid.flat())).toBe(1);
      // Weekends run later than weekdays, never earlier.
      expect(model.peakHourByWeekday[5]).toBeGreaterThanOrEqual(model.peakHourByWeekday[0] ?? 0);
    }
  });

  it('honours overrides and spreads topic affinities over 0.4–1.8', () => {
    const model = deriveAudienceModel('bluesky', 5, REF, {
      peakHour: 10,
      baseFollowers: 1234,
      topics: ['a', 'b', 'c'],
    });
    expect(model.peakHourByWeekday.slice(0, 5)).toEqual([10, 10, 10, 10, 10]);
    expect(model.baseFollowers).toBe(1234);
    expect(Object.values(model.topicAffinities).sort()).toEqual([0.4, 1.1, 1.8]);
    expect(model.timeZone).toBe('America/New_York');
  });

  it('grows followers by net growth and shares add up to one', () => {
    const model = deriveAudienceModel('douyin', 9, REF);
    expect(followersAt(model, REF)).toBe(model.baseFollowers);
    expect(followersAt(model, REF + 30 * 24 * HOUR)).toBeGreaterThan(model.baseFollowers);
    expect(followersAt(model, REF - 30 * 24 * HOUR)).toBeLessThan(model.baseFollowers);
    const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
    expect(sum(model.followerSources)).toBeCloseTo(1, 2);
    expect(sum(model.demographics.ageBands)).toBeCloseTo(1, 2);
    expect(model.demographics.gender.female).toBeGreaterThan(0.4);
  });
});

describe('time zones', () => {
  it('maps wall-clock times to instants and back', () => {
    const at = zonedTimeToEpoch(
      { year: 2026, month: 3, day: 2, hour: 21, minute: 5 },
      'Asia/Shanghai',
    );
    expect(new Date(at).toISOString()).toBe('2026-03-02T13:05:00.000Z');
    expect(localWeekdayHour(at, 'Asia/Shanghai')).toEqual({ weekday: 0, hour: 21 });
    const ny = zonedTimeToEpoch(
      { year: 2026, month: 7, day: 5, hour: 9, minute: 0 },
      'America/New_York',
    );
    expect(localWeekdayHour(ny, 'America/New_York')).toEqual({ weekday: 6, hour: 9 });
  });
});

describe('text', () => {
  it('scores quality within [0.6, 1.4], deterministically, rewarding good features', () => {
    const texts = ['', 'hi', 'x'.repeat(5000), '好'.repeat(80) + '？😍 #新品#', 'plain text here'];
    for (const style of PLATFORM_STYLES) {
      for (const text of texts) {
        const q = textQuality(style, text);
        expect(q).toBeGreaterThanOrEqual(0.6);
        expect(q).toBeLessThanOrEqual(1.4);
        expect(textQuality(style, text)).toBe(q);
      }
    }
    let better = 0;
    for (let i = 0; i < 50; i++) {
      const base = `今天的咖啡分享第${i}期，来看看我们的新豆子，香气很足，适合早上来一杯提提神，欢迎大家来店里尝尝`;
      if (textQuality('weibo', `${base}你喜欢吗？😍 #新品#`) > textQuality('weibo', base)) better++;
    }
    expect(better).toBeGreaterThan(35);
  });

  it('reads topics from both hashtag styles', () => {
    expect(topicsFromText('#新品# 上线了 #Tutorial and #howto_2 #新品#')).toEqual([
      '新品',
      'tutorial',
      'howto_2',
    ]);
    expect(topicsFromText('no tags')).toEqual([]);
  });
});

describe('post performance', () => {
  const model = deriveAudienceModel('weibo', 77, REF);

  it('is a pure function of model, post and time, non-decreasing in time', () => {
    const p = post();
    let previous = postMetricsAt(model, 77, p, p.publishedAt);
    expect(previous.likes).toBe(0);
    for (let h = 0; h <= 96; h += 0.5) {
      const m = postMetricsAt(model, 77, p, p.publishedAt + h * HOUR);
      expect(postMetricsAt(model, 77, p, p.publishedAt + h * HOUR)).toEqual(m);
      for (const key of Object.keys(m) as Array<keyof typeof m>) {
        expect(m[key]).toBeGreaterThanOrEqual(previous[key]);
      }
      previous = m;
    }
    expect(previous.impressions).toBeGreaterThanOrEqual(previous.reach);
    expect(previous.reach).toBeGreaterThan(previous.likes);
  });

  it('scales with activity and topic affinity', () => {
    const peak = zonedTimeToEpoch(
      { year: 2026, month: 2, day: 17, hour: model.peakHourByWeekday[1] ?? 12, minute: 0 },
      model.timeZone,
    );
    const night = zonedTimeToEpoch(
      { year: 2026, month: 2, day: 17, hour: 4, minute: 0 },
      model.timeZone,
    );
    const at = (publishedAt: number, topics: string[]) =>
      explainPost(model, 77, post({ publishedAt, topics })).finals.reach /
      explainPost(model, 77, post({ publishedAt, topics })).noise;
    expect(at(peak, ['新品'])).toBeGreaterThan(5 * at(night, ['新品']));
    const [low, high] = Object.entries(model.topicAffinities).sort((a, b) => a[1] - b[1]);
    expect(at(peak, [high?.[0] ?? ''])).toBeGreaterThan(at(peak, [low?.[0] ?? '']));
  });

  it('schedules comments within the horizon, as many as the final comment count (capped)', () => {
    const p = post();
    const slots = commentSchedule(model, 77, p);
    const { finals } = explainPost(model, 77, p);
    expect(slots.length).toBe(Math.min(60, Math.round(finals.comments)));
    for (const slot of slots) {
      expect(slot.createdAt).toBeGreaterThan(p.publishedAt);
      expect(slot.createdAt).toBeLessThanOrEqual(p.publishedAt + 7 * 24 * HOUR);
    }
    expect(commentSchedule(model, 77, p)).toEqual(slots);
  });

  it('sends a few DMs a day', () => {
    const day = Math.floor(REF / (24 * HOUR));
    const counts = Array.from(
      { length: 30 },
      (_, i) => directMessageSchedule(model, 77, day + i).length,
    );
    const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
    expect(mean).toBeGreaterThan(1.5);
    expect(mean).toBeLessThan(5);
  });
});

describe('messages', () => {
  it('labels plausibly: negative messages are mostly complaints, abuse, after-sales or crises', () => {
    const negativeIntents = new Map<Intent, number>();
    let negatives = 0;
    let zh = 0;
    for (let i = 0; i < 2000; i++) {
      const m = composeMessage({
        key: `k${i}`,
        kind: 'comment',
        language: i % 2 ? 'zh' : 'en',
        brand: 'coffee',
        crisis: false,
      });
      expect(m.text.length).toBeGreaterThan(0);
      expect(m.text).not.toMatch(/[{}]/);
      if (m.language === 'zh') zh++;
      if (m.sentiment === 'negative') {
        negatives++;
        negativeIntents.set(m.intent, (negativeIntents.get(m.intent) ?? 0) + 1);
      }
    }
    expect(zh).toBe(1000);
    const expected = ['complaint', 'abuse', 'after_sales', 'crisis_signal'] as const;
    const covered = expected.reduce((sum, intent) => sum + (negativeIntents.get(intent) ?? 0), 0);
    expect(covered / negatives).toBeGreaterThan(0.85);
    expect(negatives / 2000).toBeGreaterThan(0.15);
    expect(negatives / 2000).toBeLessThan(0.45);
  });

  it('turns hostile in a crisis', () => {
    const share = (crisis: boolean) =>
      Array.from({ length: 500 }, (_, i) =>
        composeMessage({
          key: `c${i}`,
          kind: 'comment',
          language: 'zh',
          brand: 'skincare',
          crisis,
        }),
      ).filter((m) => m.intent === 'crisis_signal').length / 500;
    expect(share(true)).toBeGreaterThan(share(false) + 0.15);
  });

  it('has templates for every intent and language, praise positive and abuse negative', () => {
    const templates = listMessageTemplates();
    for (const language of ['zh', 'en'] as const) {
      for (const intent of [
        'question',
        'complaint',
        'praise',
        'purchase_intent',
        'after_sales',
        'spam',
        'abuse',
        'crisis_signal',
      ] as const) {
        expect(
          templates.filter((t) => t.language === language && t.intent === intent).length,
        ).toBeGreaterThanOrEqual(6);
      }
    }
    expect(
      templates.filter((t) => t.intent === 'abuse').every((t) => t.sentiment === 'negative'),
    ).toBe(true);
    expect(
      templates.filter((t) => t.intent === 'praise' && t.sentiment === 'positive').length,
    ).toBeGreaterThan(10);
  });

  it('keeps users stable and mostly in the platform language', () => {
    expect(sandboxUser(5, 3, 0.93)).toEqual(sandboxUser(5, 3, 0.93));
    const zh = Array.from({ length: 300 }, (_, i) => sandboxUser(5, i, 0.93)).filter(
      (u) => u.language === 'zh',
    ).length;
    expect(zh).toBeGreaterThan(250);
  });
});

describe('limits', () => {
  const request = (text: string, extra: Partial<Parameters<typeof checkLimits>[1]> = {}) => ({
    idempotencyKey: 'k',
    text,
    media: [],
    ...extra,
  });

  it('says what to cut', () => {
    expect(checkLimits(SANDBOX_LIMITS.weibo, request('好'.repeat(140)))).toBeNull();
    expect(checkLimits(SANDBOX_LIMITS.weibo, request('好'.repeat(150)))?.action).toBe(
      'Cut 10 characters from the text.',
    );
    // Family emoji: one grapheme, several code points.
    expect(checkLimits(SANDBOX_LIMITS.bluesky, request('👨‍👩‍👧'.repeat(300)))?.message).toMatch(
      /bytes/,
    );
    expect(checkLimits(SANDBOX_LIMITS.bluesky, request('a'.repeat(301)))?.action).toMatch(
      /Cut 1 graphemes/,
    );
    expect(
      checkLimits(SANDBOX_LIMITS.xiaohongshu, request('ok', { title: '标'.repeat(21) }))?.action,
    ).toMatch(/title/);
    const image = { kind: 'image' as const, path: '/x.png', mimeType: 'image/png', bytes: 1000 };
    expect(
      checkLimits(SANDBOX_LIMITS.weibo, request('ok', { media: Array(10).fill(image) }))?.action,
    ).toBe('Remove 1 images.');
    expect(checkLimits(SANDBOX_LIMITS.weibo, request('  '))?.message).toMatch(/empty/);
  });
});
