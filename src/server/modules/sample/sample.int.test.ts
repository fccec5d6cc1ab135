import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../shared/api.ts';
import type { BestTimes, Channel, Post, PostPage } from '../../../shared/publishing.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.ts';
import { setUpOwner } from '../../../../test/factories.ts';
import { readSandboxTruth } from '../../connectors/index.ts';
import { FakeClock } from '../../platform/clock.ts';

let t: TestApp;
let owner: TestClient;
let workspace: Workspace;
let base: string;
const clock = new FakeClock('2026-06-01T00:00:00.000Z');

beforeAll(async () => {
  t = await createTestApp({ clock });
  ({ owner } = await setUpOwner(t));
  const session = await owner.get<{ user: { id: string } }>('/api/v1/auth/session');
  // 60 days of history: what the best-time promise is stated for.
  workspace = await t.services.sample.createSampleWorkspace(
    session.body.user.id,
    { userId: session.body.user.id, tokenId: null, label: 'Owner', ip: null, requestId: null },
    { days: 60 },
  );
  base = `/api/v1/workspaces/${workspace.id}`;
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('sample workspace', () => {
  it('has five sandbox channels with history, metrics and upcoming posts', async () => {
    const channels = await owner.get<{ items: Channel[] }>(`${base}/channels`);
    expect(channels.body.items.map((c) => c.style)).toEqual([
      'weibo',
      'wechat',
      'douyin',
      'xiaohongshu',
      'bluesky',
    ]);
    const published = await owner.get<PostPage>(`${base}/posts?status=published&limit=500`);
    expect(published.body.items.length).toBeGreaterThan(300);
    const withMetrics = published.body.items.filter((p) => p.targets[0]?.metrics);
    expect(withMetrics.length).toBe(published.body.items.length);
    const scheduled = await owner.get<PostPage>(`${base}/posts?status=scheduled`);
    expect(scheduled.body.items.length).toBe(2);
  });

  it('has an inbox with open conversations from every channel', async () => {
    const page = await owner.get<{ items: { channelId: string; status: string }[] }>(
      `${base}/inbox/conversations?status=open&limit=200`,
    );
    expect(page.status).toBe(200);
    expect(page.body.items.length).toBeGreaterThan(20);
    const summary = await owner.get<{ channels: { lastCollectedAt: string | null }[] }>(
      `${base}/inbox/summary`,
    );
    expect(summary.body.channels).toHaveLength(5);
    expect(summary.body.channels.every((c) => c.lastCollectedAt !== null)).toBe(true);
  });

  it("suggests each channel's true best hour within ±1 hour", async () => {
    const channels = await owner.get<{ items: Channel[] }>(`${base}/channels`);
    for (const channel of channels.body.items) {
      const best = await owner.get<BestTimes>(`${base}/channels/${channel.id}/best-times`);
      expect(best.status).toBe(200);
      expect(best.body.sampleSize).toBeGreaterThan(40);
      const row = await t.database.db.kysely
        .selectFrom('channel')
        .select('external_account_id')
        .where('id', '=', channel.id)
        .executeTakeFirstOrThrow();
      const truth = await readSandboxTruth(t.database.db, {
        workspaceId: workspace.id,
        accountId: row.external_account_id!,
      });
      const distance = Math.min(
        Math.abs(best.body.bestHour! - truth.bestHourOverall),
        24 - Math.abs(best.body.bestHour! - truth.bestHourOverall),
      );
      expect(
        distance,
        `${channel.style}: suggested ${best.body.bestHour}, true ${truth.bestHourOverall}`,
      ).toBeLessThanOrEqual(1);
      expect(best.body.suggestions.length).toBeGreaterThan(0);
    }
  });

  it('publishes an upcoming post on the simulated network when its time comes', async () => {
    const { runDueJobs } = await import('../../../../test/run-jobs.ts');
    const scheduled = await owner.get<PostPage>(`${base}/posts?status=scheduled`);
    const first = scheduled.body.items[0]!;
    clock.set(first.scheduledAt!);
    await runDueJobs(t.services);
    const after = await owner.get<Post>(`${base}/posts/${first.id}`);
    expect(after.body.status).toBe('published');
    expect(
      after.body.targets.every((target) =>
        target.url?.startsWith('https://sandbox.opsloop.local/'),
      ),
    ).toBe(true);
    expect(after.body.targets.every((target) => target.metrics === null)).toBe(true);

    // The first numbers are collected half a minute after it goes out, and keep growing.
    clock.advance(31_000);
    await runDueJobs(t.services);
    const soon = await owner.get<Post>(`${base}/posts/${first.id}`);
    expect(soon.body.targets.every((target) => target.metrics !== null)).toBe(true);
    clock.advance(60 * 60 * 1000);
    await runDueJobs(t.services);
    const later = await owner.get<Post>(`${base}/posts/${first.id}`);
    const impressions = (p: Post) =>
      p.targets.reduce((sum, x) => sum + (x.metrics?.impressions ?? 0), 0);
    expect(impressions(later.body)).toBeGreaterThan(impressions(soon.body));
  });
});
