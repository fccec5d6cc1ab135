import { describe, expect, it } from 'vitest';
import {
  addRawSums,
  computeKpis,
  emptyRawSums,
  KPI_CATALOGUE,
  KPI_IDS,
  kpiChange,
  RAW_KEYS,
  type RawSums,
} from './kpis.ts';

function raw(values: Partial<RawSums>): RawSums {
  return addRawSums(emptyRawSums(), values);
}

describe('the KPI catalogue', () => {
  it('defines every KPI once, with inputs that exist', () => {
    expect(KPI_CATALOGUE.map((k) => k.id)).toEqual([...KPI_IDS]);
    for (const kpi of KPI_CATALOGUE) {
      expect(kpi.needs.length, kpi.id).toBeGreaterThan(0);
      for (const need of kpi.needs) expect(RAW_KEYS, kpi.id).toContain(need);
      // The formula speaks only of raw counts (and says "by source" for the breakdown).
      const words = kpi.formula.match(/[a-z_]+/g) ?? [];
      for (const word of words.filter((w) => w !== 'by' && w !== 'source')) {
        expect(RAW_KEYS, `${kpi.id}: ${word}`).toContain(word);
      }
    }
  });
});

describe('computeKpis', () => {
  it('computes rates from summed counts, never by averaging rates', () => {
    // Post A: 100 engagements on 1,000 impressions (10%); post B: 1 on 1,000,000 (0.0001%).
    // The average of the rates would be ~5%; the rate of the sums is 101 / 1,001,000.
    const a = raw({ likes: 80, comments: 10, shares: 5, saves: 5, impressions: 1_000 });
    const b = raw({ likes: 1, comments: 0, shares: 0, saves: 0, impressions: 1_000_000 });
    const { values } = computeKpis(addRawSums(a, b));
    expect(values.engagement).toBe(101);
    expect(values.engagement_rate).toBeCloseTo(101 / 1_001_000, 12);
  });

  it('leaves a KPI empty when an input is missing or a denominator is zero', () => {
    const { values } = computeKpis(raw({ likes: 5, clicks: 0 }));
    expect(values.likes).toBe(5);
    expect(values.engagement).toBe(5);
    expect(values.engagement_rate).toBeNull();
    expect(values.cvr).toBeNull();
    expect(values.ctr).toBeNull();
    expect(values.followers).toBeNull();
    expect(values.response_time).toBeNull();
    expect(values.acquisition_by_source).toBeNull();
  });

  it('covers audience, conversion, community and service KPIs', () => {
    const { values, acquisition } = computeKpis(
      raw({
        impressions: 20_000,
        clicks: 400,
        conversions: 20,
        revenue: 500_000,
        cost: 200_000,
        followers_start: 10_000,
        followers_end: 10_300,
        follows: 450,
        unfollows: 150,
        followsBySource: { search: 150, recommendation: 300 },
        dau_sum: 3_000,
        dau_days: 30,
        wau: 400,
        mau: 900,
        responses: 4,
        response_ms: 4 * 90_000,
      }),
    );
    expect(values).toMatchObject({
      ctr: 0.02,
      cvr: 0.05,
      revenue: 500_000,
      roi: 1.5,
      followers: 10_300,
      net_growth: 300,
      growth_rate: 0.03,
      unfollow_rate: 0.015,
      acquisition_by_source: 450,
      dau: 100,
      wau: 400,
      mau: 900,
      response_time: 90_000,
    });
    expect(acquisition).toEqual([
      { source: 'search', follows: 150, share: 1 / 3 },
      { source: 'recommendation', follows: 300, share: 2 / 3 },
    ]);
  });

  it('takes net growth from follows and unfollows, else the reported net, else the follower change', () => {
    expect(computeKpis(raw({ follows: 10, unfollows: 4, net_follows: 99 })).values.net_growth).toBe(
      6,
    );
    expect(computeKpis(raw({ net_follows: -7 })).values.net_growth).toBe(-7);
    expect(computeKpis(raw({ followers_start: 100, followers_end: 130 })).values.net_growth).toBe(
      30,
    );
  });

  it('adds raw sums so that missing data never reads as zero', () => {
    const sum = addRawSums(raw({ likes: 3 }), { likes: null, impressions: 10 });
    expect(sum.likes).toBe(3);
    expect(sum.impressions).toBe(10);
    expect(sum.reach).toBeNull();
  });

  it('compares periods as a relative change', () => {
    expect(kpiChange(120, 100)).toBeCloseTo(0.2);
    expect(kpiChange(-50, -100)).toBeCloseTo(0.5);
    expect(kpiChange(5, 0)).toBeNull();
    expect(kpiChange(null, 3)).toBeNull();
  });
});
