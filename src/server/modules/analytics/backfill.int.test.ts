import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backfill, KpiReport } from '../../../shared/analytics.ts';
import type { Channel } from '../../../shared/publishing.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.ts';
import { setUpOwner } from '../../../../test/factories.ts';
import { runDueJobs } from '../../../../test/run-jobs.ts';
import { generateSandboxHistory } from '../../connectors/index.ts';
import { FakeClock } from '../../platform/clock.ts';

let t: TestApp;
let clock: FakeClock;
let owner: TestClient;
let workspaceId: string;

beforeEach(async () => {
  clock = new FakeClock('2026-11-07T02:00:00.000Z');
  t = await createTestApp({ clock });
  ({ owner, workspaceId } = await setUpOwner(t));
});
afterEach(async () => {
  await t.close();
});

async function sweep(): Promise<void> {
  const job = t.services.metricsJobs.jobs.find((j) => j.name === 'analytics.metrics.sweep')!;
  await t.services.jobs.enqueue(job, {});
  await runDueJobs(t.services, 60_000);
}

describe('channel history', () => {
  it('gives a newly connected channel its earlier posts, their numbers and followers by day', async () => {
    const channel = (
      await owner.post<Channel>(`/api/v1/workspaces/${workspaceId}/channels`, {
        platform: 'sandbox',
        style: 'xiaohongshu',
        name: '小红书 · 山谷咖啡',
      })
    ).body;
    const row = await t.services.channels.requireChannel(workspaceId, channel.id);
    // The account posted for three weeks before it was connected to OpsLoop.
    const history = await generateSandboxHistory(
      t.database.db,
      clock,
      { workspaceId, accountId: row.external_account_id! },
      { days: 21, postsPerDay: 2 },
    );
    expect(history).toHaveLength(42);

    await sweep();
    const backfills = await owner.get<{ items: Backfill[] }>(
      `/api/v1/workspaces/${workspaceId}/analytics/backfills`,
    );
    expect(backfills.body.items).toEqual([
      expect.objectContaining({
        channelId: channel.id,
        status: 'completed',
        postsFound: 42,
        postsCreated: 42,
        followerDays: 91,
      }),
    ]);
    const { db } = t.database;
    const targets = await db.kysely
      .selectFrom('post_target')
      .select(['id', 'external_id', 'published_at'])
      .where('workspace_id', '=', workspaceId)
      .where('channel_id', '=', channel.id)
      .execute();
    expect(targets.map((x) => x.external_id).sort()).toEqual(
      history.map((h) => h.externalId).sort(),
    );

    // Every post has today's numbers and a daily curve from its publication on.
    const perTarget = await db.kysely
      .selectFrom('metric_snapshot')
      .select(['target_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('workspace_id', '=', workspaceId)
      .groupBy('target_id')
      .execute();
    expect(perTarget).toHaveLength(42);
    const oldest = targets.reduce((a, b) => (a.published_at! < b.published_at! ? a : b));
    expect(Number(perTarget.find((p) => p.target_id === oldest.id)!.n)).toBeGreaterThanOrEqual(20);

    const followers = await db.kysely
      .selectFrom('channel_metric_daily')
      .select(['day', 'value', 'source'])
      .where('workspace_id', '=', workspaceId)
      .where('metric', '=', 'followers')
      .orderBy('day')
      .execute();
    expect(followers).toHaveLength(91);
    expect(followers.at(-1)).toMatchObject({ day: '2026-11-07' });

    const kpis = await owner.get<KpiReport>(
      `/api/v1/workspaces/${workspaceId}/analytics/kpis?channelId=${channel.id}`,
    );
    const values = kpis.body.current.values;
    expect(values.followers).toBe(followers.at(-1)!.value);
    expect(values.net_growth).toBe(followers.at(-1)!.value - followers.at(-31)!.value);
    expect(values.likes).toBeGreaterThan(0);

    // A second run (a person asked again) finds the same posts and creates none.
    clock.advance(3_600_000);
    const again = await owner.post<Backfill>(
      `/api/v1/workspaces/${workspaceId}/channels/${channel.id}/backfill`,
    );
    expect(again.status).toBe(202);
    expect(again.body.status).toBe('queued');
    await runDueJobs(t.services, 60_000);
    const second = await owner.get<{ items: Backfill[] }>(
      `/api/v1/workspaces/${workspaceId}/analytics/backfills`,
    );
    expect(second.body.items[0]).toMatchObject({
      status: 'completed',
      postsFound: 42,
      postsCreated: 0,
    });

    // The sweep does not backfill a channel twice on its own.
    clock.advance(15 * 60_000);
    await sweep();
    const count = await db.kysely
      .selectFrom('job')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('name', '=', 'analytics.channel.backfill')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });

  it('records the follower count at each collection', async () => {
    const channel = (
      await owner.post<Channel>(`/api/v1/workspaces/${workspaceId}/channels`, {
        platform: 'sandbox',
        style: 'weibo',
        name: '微博',
      })
    ).body;
    await t.services.analytics.collectChannelMetrics(workspaceId, channel.id);
    clock.advance(24 * 3_600_000);
    await t.services.analytics.collectChannelMetrics(workspaceId, channel.id);
    const rows = await t.database.db.kysely
      .selectFrom('channel_metric_daily')
      .select(['day', 'metric', 'source'])
      .where('workspace_id', '=', workspaceId)
      .orderBy('day')
      .execute();
    expect(rows).toEqual([
      { day: '2026-11-07', metric: 'followers', source: 'collect' },
      { day: '2026-11-08', metric: 'followers', source: 'collect' },
    ]);
  });
});
