import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MetricBatchResult } from '../../../shared/analytics.ts';
import type { ErrorBody } from '../../../shared/errors.ts';
import type { Channel } from '../../../shared/publishing.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.ts';
import { addMember, setUpOwner } from '../../../../test/factories.ts';
import { FakeClock } from '../../platform/clock.ts';

let t: TestApp;
let clock: FakeClock;
let owner: TestClient;
let workspaceId: string;
let channel: Channel;
let targetIds: string[];

beforeEach(async () => {
  clock = new FakeClock('2026-03-04T02:00:00.000Z');
  t = await createTestApp({ clock });
  let session;
  ({ owner, workspaceId, session } = await setUpOwner(t));
  const res = await owner.post<Channel>(`/api/v1/workspaces/${workspaceId}/channels`, {
    platform: 'sandbox',
    style: 'douyin',
    name: '抖音 · 测试',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  channel = res.body;
  targetIds = await t.services.posts.importPublished(
    workspaceId,
    session.user.id,
    ['v1', 'v2', 'v3'].map((id, i) => ({
      channelId: channel.id,
      title: `视频 ${id}`,
      text: `视频 ${id}`,
      topics: [],
      externalId: id,
      url: `https://example.com/video/${id}`,
      publishedAt: Date.parse('2026-03-01T04:00:00Z') + i * 3_600_000,
      idempotencyKey: `test-${id}`,
    })),
  );
});
afterEach(async () => {
  await t.close();
});

const path = () => `/api/v1/workspaces/${workspaceId}/metrics`;

async function snapshots() {
  return t.database.db.kysely
    .selectFrom('metric_snapshot')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('target_id')
    .orderBy('observed_at')
    .execute();
}

async function dailyRows() {
  return t.database.db.kysely
    .selectFrom('channel_metric_daily')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('day')
    .orderBy('metric')
    .orderBy('dimension')
    .execute();
}

describe('metric batches', () => {
  it('stores post and channel rows, and the same batch again changes nothing', async () => {
    const batch = {
      posts: [
        {
          channelId: channel.id,
          externalPostId: 'v1',
          observedAt: '2026-03-03T16:00:00Z',
          views: 1200,
          likes: 80,
          comments: 9,
          shares: 4,
          saves: 11,
        },
        {
          targetId: targetIds[1],
          observedAt: Date.parse('2026-03-03T16:00:00Z'),
          impressions: 5000,
          likes: 30,
          comments: 2,
          shares: 1,
        },
      ],
      channels: [
        {
          channelId: channel.id,
          day: '2026-03-03',
          followers: 10_500,
          follows: 140,
          unfollows: 40,
          followsBySource: { search: 60, recommendation: 80 },
          revenue: 12_345,
          currency: 'CNY',
        },
      ],
    };
    const first = await owner.post<MetricBatchResult>(path(), batch);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toEqual({
      posts: { received: 2, written: 2 },
      channels: { received: 1, written: 6 },
      postsCreated: 0,
    });
    const before = { snapshots: await snapshots(), daily: await dailyRows() };
    expect(before.snapshots).toHaveLength(2);
    expect(before.snapshots.find((s) => s.target_id === targetIds[0])).toMatchObject({
      views: 1200,
      likes: 80,
      saves: 11,
      impressions: null,
      source: 'api',
      import_id: null,
    });
    expect(before.daily.map((d) => [d.metric, d.dimension, d.value])).toEqual([
      ['followers', '', 10_500],
      ['follows', '', 140],
      ['follows_by_source', 'recommendation', 80],
      ['follows_by_source', 'search', 60],
      ['revenue', 'CNY', 12_345],
      ['unfollows', '', 40],
    ]);

    clock.advance(60_000);
    const again = await owner.post<MetricBatchResult>(path(), batch);
    expect(again.body).toEqual({
      posts: { received: 2, written: 0 },
      channels: { received: 1, written: 0 },
      postsCreated: 0,
    });
    expect(await snapshots()).toEqual(before.snapshots);
    expect(await dailyRows()).toEqual(before.daily);

    // A corrected number replaces the old one under the same natural key.
    const corrected = await owner.post<MetricBatchResult>(path(), {
      posts: [{ ...batch.posts[0], likes: 81 }],
    });
    expect(corrected.body.posts.written).toBe(1);
    const rows = await snapshots();
    expect(rows).toHaveLength(2);
    expect(rows.find((s) => s.target_id === targetIds[0])?.likes).toBe(81);
  });

  it('answers 400 naming the row and field of every bad row', async () => {
    const bad = await owner.post<ErrorBody>(path(), {
      posts: [
        {
          channelId: channel.id,
          externalPostId: 'v1',
          observedAt: '2026-03-03T16:00:00Z',
          likes: 1,
        },
        { channelId: channel.id, externalPostId: 'v2', observedAt: 'yesterday', likes: -3 },
        { observedAt: '2026-03-03T16:00:00Z', likes: 1 },
      ],
      channels: [{ channelId: channel.id, day: '2026-02-30', followers: 1 }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toMatchObject({
      'posts.1.observedAt': expect.any(String),
      'posts.1.likes': expect.stringContaining('not negative'),
      'posts.2.targetId': expect.stringContaining('name the post'),
      'channels.0.day': expect.stringContaining('not a calendar day'),
    });

    const unknown = await owner.post<ErrorBody>(path(), {
      posts: [
        { channelId: channel.id, externalPostId: 'v1', observedAt: 0, likes: 1 },
        { channelId: channel.id, externalPostId: 'nope', observedAt: 0, likes: 1 },
        { channelId: 'not-a-channel', externalPostId: 'v1', observedAt: 0, likes: 1 },
      ],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toEqual({
      'posts.2.channelId': 'no such channel in this workspace',
    });
    const unknownPost = await owner.post<ErrorBody>(path(), {
      posts: [{ channelId: channel.id, externalPostId: 'nope', observedAt: 0, likes: 1 }],
    });
    expect(unknownPost.body.error.fields).toEqual({
      'posts.0.externalPostId': expect.stringContaining('no post of this channel has this id'),
    });
    expect(await snapshots()).toEqual([]);
  });

  it('creates posts it does not know when asked, once', async () => {
    const batch = {
      unknownPosts: 'create',
      posts: [
        {
          channelId: channel.id,
          externalPostId: 'old-1',
          title: '去年的爆款',
          publishedAt: '2025-12-01T12:00:00+08:00',
          observedAt: '2026-03-03T16:00:00Z',
          likes: 900,
        },
      ],
    };
    const first = await owner.post<MetricBatchResult>(path(), batch);
    expect(first.body.postsCreated).toBe(1);
    const second = await owner.post<MetricBatchResult>(path(), batch);
    expect(second.body).toMatchObject({ postsCreated: 0, posts: { written: 0 } });
    const targets = await t.database.db.kysely
      .selectFrom('post_target')
      .select(['external_id', 'status', 'published_at'])
      .where('workspace_id', '=', workspaceId)
      .where('external_id', '=', 'old-1')
      .execute();
    expect(targets).toEqual([
      {
        external_id: 'old-1',
        status: 'published',
        published_at: Date.parse('2025-12-01T04:00:00Z'),
      },
    ]);
  });

  it('keeps other workspaces and roles out', async () => {
    const viewer = await addMember(t, owner, workspaceId, 'viewer');
    const denied = await viewer.client.post(path(), { posts: [] });
    expect(denied.status).toBe(403);
    const analyst = await addMember(t, owner, workspaceId, 'analyst');
    const allowed = await analyst.client.post<MetricBatchResult>(path(), {
      channels: [{ channelId: channel.id, day: '2026-03-03', followers: 1 }],
    });
    expect(allowed.status).toBe(200);

    const other = await owner.post<{ id: string }>('/api/v1/workspaces', {
      name: 'Brand Two',
      timezone: 'Asia/Shanghai',
    });
    const cross = await owner.post<ErrorBody>(`/api/v1/workspaces/${other.body.id}/metrics`, {
      posts: [{ targetId: targetIds[0], observedAt: 0, likes: 1 }],
    });
    expect(cross.status).toBe(400);
    expect(cross.body.error.fields).toEqual({
      'posts.0.targetId': 'no such post version in this workspace',
    });
  });
});
