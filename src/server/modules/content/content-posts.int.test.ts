import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../../shared/api.ts';
import type { ContentItem, ContentItemPost, Pools } from '../../../shared/content.ts';
import type { Channel, Post } from '../../../shared/publishing.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.ts';
import { setUpOwner } from '../../../../test/factories.ts';
import { FakeNetwork } from '../../../../test/fakes/fake-network.ts';
import { runDueJobs } from '../../../../test/run-jobs.ts';
import { FakeClock } from '../../platform/clock.ts';

let t: TestApp;
let clock: FakeClock;
let network: FakeNetwork;
let owner: TestClient;
let workspaceId: string;
let ws: string;
let content: string;

beforeEach(async () => {
  clock = new FakeClock('2026-03-04T02:00:00.000Z');
  network = new FakeNetwork();
  network.now = () => clock.now();
  t = await createTestApp({ clock, connectors: network.factory });
  ({ owner, workspaceId } = await setUpOwner(t));
  ws = `/api/v1/workspaces/${workspaceId}`;
  content = `${ws}/content`;
});
afterEach(async () => {
  await t.close();
});

async function channel(name: string): Promise<Channel> {
  const res = await owner.post<Channel>(`${ws}/channels`, {
    platform: 'webhook',
    name,
    url: 'https://hooks.example.com/opsloop',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function item(body: Record<string, unknown>): Promise<ContentItem> {
  const res = await owner.post<ContentItem>(`${content}/items`, { kind: 'article', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function postFrom(
  itemId: string,
  channelIds: string[],
  body = 'From the library',
): Promise<Post> {
  const res = await owner.post<Post>(`${ws}/posts`, {
    title: 'Library post',
    body,
    targets: channelIds.map((channelId) => ({ channelId })),
    contentItemId: itemId,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('posts written from content items', () => {
  it('links the post, and moves the item to used once it goes out', async () => {
    const hook = await channel('Hook');
    const flagship = await item({ title: 'Spring menu', body: 'Three new drinks', pool: 'hit' });
    const post = await postFrom(flagship.id, [hook.id]);

    const linked = await owner.get<ContentItem>(`${content}/items/${flagship.id}`);
    expect(linked.body).toMatchObject({ stage: 'idea', postCount: 1 });
    const posts = await owner.get<{ items: ContentItemPost[] }>(
      `${content}/items/${flagship.id}/posts`,
    );
    expect(posts.body.items).toEqual([
      expect.objectContaining({
        postId: post.id,
        title: 'Library post',
        status: 'draft',
        publishedAt: null,
        channelIds: [hook.id],
      }),
    ]);

    clock.advance(60_000);
    await owner.post(`${ws}/posts/${post.id}/publish-now`, {});
    await runDueJobs(t.services);
    expect(network.posts).toHaveLength(1);

    const used = await owner.get<ContentItem>(`${content}/items/${flagship.id}`);
    expect(used.body).toMatchObject({ stage: 'used', usedAt: '2026-03-04T02:01:00.000Z' });
    const pools = await owner.get<Pools>(`${content}/pools`);
    expect(pools.body.pools.find((p) => p.pool === 'hit')?.usedThisWeek).toBe(1);
    const after = await owner.get<{ items: ContentItemPost[] }>(
      `${content}/items/${flagship.id}/posts`,
    );
    expect(after.body.items[0]).toMatchObject({
      status: 'published',
      publishedAt: '2026-03-04T02:01:00.000Z',
    });

    const audit = await owner.get<AuditPage>(`${ws}/audit?targetId=${flagship.id}`);
    const actions = audit.body.items.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'content.item.create',
        'content.item.post_create',
        'content.item.used',
      ]),
    );
    const usedEvent = audit.body.items.find((e) => e.action === 'content.item.used');
    expect(usedEvent).toMatchObject({
      actor: { userId: null, label: 'OpsLoop' },
      before: expect.objectContaining({ stage: 'idea' }),
      after: expect.objectContaining({ stage: 'used', postId: post.id }),
    });
  });

  it('lets a used item be posted again without counting it twice', async () => {
    const hook = await channel('Hook');
    const piece = await item({ title: 'Evergreen guide', stage: 'ready' });
    const first = await postFrom(piece.id, [hook.id]);
    await owner.post(`${ws}/posts/${first.id}/publish-now`, {});
    await runDueJobs(t.services);
    const usedAt = (await owner.get<ContentItem>(`${content}/items/${piece.id}`)).body.usedAt;
    expect(usedAt).not.toBeNull();

    // Next week the same piece goes out again.
    clock.advance(7 * 24 * 60 * 60 * 1000);
    const again = await postFrom(piece.id, [hook.id], 'The guide, once more');
    await owner.post(`${ws}/posts/${again.id}/publish-now`, {});
    await runDueJobs(t.services);
    expect(network.posts).toHaveLength(2);

    const reused = await owner.get<ContentItem>(`${content}/items/${piece.id}`);
    expect(reused.body).toMatchObject({ stage: 'used', usedAt, postCount: 2 });
    const audit = await owner.get<AuditPage>(`${ws}/audit?targetId=${piece.id}`);
    expect(audit.body.items.filter((e) => e.action === 'content.item.used')).toHaveLength(1);
    const list = await owner.get<{ items: ContentItemPost[] }>(
      `${content}/items/${piece.id}/posts`,
    );
    expect(list.body.items.map((p) => p.postId)).toEqual([again.id, first.id]);
  });

  it('counts an assisted channel marked published by hand', async () => {
    const xhs = await owner.post<Channel>(`${ws}/channels`, {
      platform: 'assisted',
      style: 'xiaohongshu',
      name: '小红书',
      handle: '@brand',
    });
    const note = await item({ title: '探店笔记', stage: 'draft' });
    const post = await postFrom(note.id, [xhs.body.id], '今天去了新店');
    await owner.post(`${ws}/posts/${post.id}/publish-now`, {});
    await runDueJobs(t.services);
    expect((await owner.get<ContentItem>(`${content}/items/${note.id}`)).body.stage).toBe('draft');
    const target = (await owner.get<Post>(`${ws}/posts/${post.id}`)).body.targets[0]!;
    await owner.post(`${ws}/posts/${post.id}/targets/${target.id}/mark-published`, {
      url: 'https://www.xiaohongshu.com/explore/1',
    });
    expect((await owner.get<ContentItem>(`${content}/items/${note.id}`)).body.stage).toBe('used');
  });

  it('refuses an unknown item or one of another workspace, and creates no post', async () => {
    const hook = await channel('Hook');
    const second = await owner.post<{ id: string }>('/api/v1/workspaces', {
      name: 'Brand Two',
      timezone: 'UTC',
    });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    const foreign = await owner.post<ContentItem>(
      `/api/v1/workspaces/${second.body.id}/content/items`,
      { title: 'Elsewhere', kind: 'text' },
    );
    for (const contentItemId of ['nope', foreign.body.id]) {
      const res = await owner.post(`${ws}/posts`, {
        body: 'x',
        targets: [{ channelId: hook.id }],
        contentItemId,
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { fields: { contentItemId: expect.any(String) } } });
    }
    const posts = await owner.get<{ items: Post[] }>(`${ws}/posts`);
    expect(posts.body.items).toEqual([]);
    expect((await owner.get(`${content}/items/${foreign.body.id}/posts`)).status).toBe(404);
  });

  it('keeps the posts when their item is deleted', async () => {
    const hook = await channel('Hook');
    const gone = await item({ title: 'Short-lived' });
    const post = await postFrom(gone.id, [hook.id]);
    expect((await owner.delete(`${content}/items/${gone.id}`)).status).toBe(204);
    expect((await owner.get<Post>(`${ws}/posts/${post.id}`)).status).toBe(200);
    await owner.post(`${ws}/posts/${post.id}/publish-now`, {});
    await runDueJobs(t.services);
    expect(network.posts).toHaveLength(1);
  });
});
