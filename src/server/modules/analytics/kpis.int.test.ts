import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KpiReport } from '../../../shared/analytics.ts';
import type { ErrorBody } from '../../../shared/errors.ts';
import type { Channel } from '../../../shared/publishing.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.ts';
import { setUpOwner } from '../../../../test/factories.ts';
import { FakeClock } from '../../platform/clock.ts';
import { createKpiService } from './kpis.service.ts';

let t: TestApp;
let owner: TestClient;
let workspaceId: string;
let a: Channel;
let b: Channel;

/** Midnight of a Shanghai day, plus hours. */
function shanghai(day: string, hours = 0): string {
  return new Date(Date.parse(`${day}T00:00:00+08:00`) + hours * 3_600_000).toISOString();
}

beforeEach(async () => {
  // Saturday 2026-11-07, 10:00 in Shanghai.
  t = await createTestApp({ clock: new FakeClock('2026-11-07T02:00:00.000Z') });
  let session;
  ({ owner, workspaceId, session } = await setUpOwner(t));
  const channel = async (style: string, name: string) =>
    (
      await owner.post<Channel>(`/api/v1/workspaces/${workspaceId}/channels`, {
        platform: 'sandbox',
        style,
        name,
      })
    ).body;
  a = await channel('weibo', '微博');
  b = await channel('douyin', '抖音');
  await t.services.posts.importPublished(workspaceId, session.user.id, [
    {
      channelId: a.id,
      title: 'P1',
      text: 'P1',
      topics: [],
      externalId: 'p1',
      url: null,
      publishedAt: Date.parse(shanghai('2026-10-20', 12)),
      idempotencyKey: 'k1',
    },
    {
      channelId: a.id,
      title: 'P2',
      text: 'P2',
      topics: [],
      externalId: 'p2',
      url: null,
      publishedAt: Date.parse(shanghai('2026-11-03', 12)),
      idempotencyKey: 'k2',
    },
    {
      channelId: b.id,
      title: 'V1',
      text: 'V1',
      topics: [],
      externalId: 'v1',
      url: null,
      publishedAt: Date.parse(shanghai('2026-11-02', 12)),
      idempotencyKey: 'k3',
    },
  ]);
  const post = (channelId: string, id: string, at: string, likes: number, impressions: number) => ({
    channelId,
    externalPostId: id,
    observedAt: at,
    likes,
    impressions,
    comments: 0,
    shares: 0,
    clicks: Math.round(impressions / 100),
  });
  const res = await owner.post(`/api/v1/workspaces/${workspaceId}/metrics`, {
    posts: [
      // P1 had 100 likes before the period and 250 at its end: the period added 150.
      post(a.id, 'p1', shanghai('2026-10-25', 20), 100, 1_000),
      post(a.id, 'p1', shanghai('2026-11-06', 20), 250, 3_000),
      // A snapshot after the period does not count in it.
      post(a.id, 'p1', shanghai('2026-11-08', 1), 999, 9_999),
      post(a.id, 'p2', shanghai('2026-11-05', 20), 50, 500),
      // Channel B reports daily account numbers; its post numbers are covered by them.
      post(b.id, 'v1', shanghai('2026-11-05', 20), 7_000, 70_000),
    ],
    channels: [
      ...['2026-11-02', '2026-11-03', '2026-11-04'].map((day, i) => ({
        channelId: b.id,
        day,
        likes: 40,
        impressions: 1_000,
        followers: 5_000 + i * 10,
        follows: 15,
        unfollows: 5,
        dau: 90 + i * 10,
      })),
      { channelId: b.id, day: '2026-10-31', followers: 4_990, likes: 7 },
    ],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
});
afterEach(async () => {
  await t.close();
});

const url = (query: string) => `/api/v1/workspaces/${workspaceId}/analytics/kpis${query}`;

describe('KPI report', () => {
  it('reports the period and the one before it from summed raw counts', async () => {
    const res = await owner.get<KpiReport>(url('?from=2026-11-01&to=2026-11-07'));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { current, previous } = res.body;
    expect(res.body.timezone).toBe('Asia/Shanghai');
    expect(current).toMatchObject({ from: '2026-11-01', to: '2026-11-07' });
    expect(previous).toMatchObject({ from: '2026-10-25', to: '2026-10-31' });
    expect(current.values).toMatchObject({
      likes: 150 + 50 + 3 * 40,
      impressions: 2_000 + 500 + 3 * 1_000,
      followers: 5_020,
      net_growth: 30,
      unfollow_rate: 15 / 4_990,
      dau: 100,
    });
    expect(current.values.engagement_rate).toBeCloseTo(320 / 5_500, 12);
    // Clicks exist only per post on channel A (B's daily rows do not report them).
    expect(current.values.link_clicks).toBe(20 + 5 + 700);
    expect(previous.values).toMatchObject({ likes: 100 + 7, impressions: 1_000, followers: 4_990 });
    expect(current.raw).toMatchObject({ followers_start: 4_990, followers_end: 5_020 });

    const onlyA = await owner.get<KpiReport>(
      url(`?from=2026-11-01&to=2026-11-07&channelId=${a.id}`),
    );
    expect(onlyA.body.current.values).toMatchObject({
      likes: 200,
      impressions: 2_500,
      followers: null,
    });
  });

  it('defaults to the last 30 days and checks its query', async () => {
    const res = await owner.get<KpiReport>(url(''));
    expect(res.body.current).toMatchObject({ from: '2026-10-09', to: '2026-11-07' });
    expect(res.body.previous).toMatchObject({ from: '2026-09-09', to: '2026-10-08' });

    const backwards = await owner.get<ErrorBody>(url('?from=2026-11-07&to=2026-11-01'));
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.fields).toEqual({ from: 'must not be after to' });

    const other = await owner.post<{ id: string }>('/api/v1/workspaces', {
      name: 'Brand Two',
      timezone: 'UTC',
    });
    const cross = await owner.get(
      `/api/v1/workspaces/${other.body.id}/analytics/kpis?channelId=${a.id}`,
    );
    expect(cross.status).toBe(404);
  });

  it('takes response times from the inbox when one reports them', async () => {
    const calls: unknown[] = [];
    const kpis = createKpiService({
      db: t.database.db,
      clock: t.services.clock,
      responseTimes: (ws, range, channelIds) => {
        calls.push({ ws, range, channelIds });
        return Promise.resolve({ responses: 3, totalMs: 3 * 120_000 });
      },
    });
    const report = await kpis.kpiReport(
      { workspaceId, role: 'owner', channelIds: null },
      { from: '2026-11-01', to: '2026-11-07' },
    );
    expect(report.inbox).toBe(true);
    expect(report.current.values.response_time).toBe(120_000);
    // Asked once per period; these are the current period's bounds.
    expect(calls).toHaveLength(2);
    expect(calls).toContainEqual({
      ws: workspaceId,
      range: { start: Date.parse(shanghai('2026-11-01')), end: Date.parse(shanghai('2026-11-08')) },
      channelIds: null,
    });
  });
});
