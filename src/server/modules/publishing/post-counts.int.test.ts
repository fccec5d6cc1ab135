import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel, Post, PostCounts, PostPage } from '../../../shared/publishing.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.ts';
import { setUpOwner } from '../../../../test/factories.ts';
import { FakeNetwork } from '../../../../test/fakes/fake-network.ts';
import { FakeClock } from '../../platform/clock.ts';

let t: TestApp;
let clock: FakeClock;
let owner: TestClient;
let base: string;

beforeEach(async () => {
  clock = new FakeClock('2026-03-02T01:00:00.000Z');
  const network = new FakeNetwork();
  network.now = () => clock.now();
  t = await createTestApp({ clock, connectors: network.factory });
  const setup = await setUpOwner(t);
  owner = setup.owner;
  base = `/api/v1/workspaces/${setup.workspaceId}`;
});
afterEach(async () => {
  await t.close();
});

async function channel(name: string): Promise<Channel> {
  const res = await owner.post<Channel>(`${base}/channels`, {
    platform: 'webhook',
    name,
    url: 'https://hooks.example.com/opsloop',
  });
  return res.body;
}

async function scheduled(channelId: string, at: string, body: string): Promise<Post> {
  const post = await owner.post<Post>(`${base}/posts`, { body, targets: [{ channelId }] });
  const res = await owner.post<Post>(`${base}/posts/${post.body.id}/schedule`, {
    scheduledAt: at,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

describe('post counts and calendar paging', () => {
  it('counts posts per status for a filter', async () => {
    const a = await channel('A');
    const b = await channel('B');
    await scheduled(a.id, '2026-03-03T09:00:00.000Z', 'one');
    await scheduled(b.id, '2026-03-04T09:00:00.000Z', 'two');
    await scheduled(a.id, '2026-04-01T09:00:00.000Z', 'next month');
    await owner.post(`${base}/posts`, { body: 'draft', targets: [{ channelId: a.id }] });

    const all = await owner.get<PostCounts>(`${base}/posts/counts`);
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(4);
    expect(all.body.byStatus).toMatchObject({ scheduled: 3, draft: 1, published: 0 });

    const march = await owner.get<PostCounts>(
      `${base}/posts/counts?from=2026-03-01T00:00:00.000Z&to=2026-04-01T00:00:00.000Z`,
    );
    expect(march.body).toMatchObject({ total: 2, byStatus: { scheduled: 2, draft: 0 } });
    const onA = await owner.get<PostCounts>(`${base}/posts/counts?channelId=${a.id}&status=draft`);
    expect(onA.body.total).toBe(1);
    const bad = await owner.get(`${base}/posts/counts?status=lost`);
    expect(bad.status).toBe(400);
  });

  it('pages a time window by slot, including posts that share one', async () => {
    const a = await channel('A');
    const slot = '2026-03-05T09:00:00.000Z';
    const made: string[] = [];
    for (let i = 0; i < 3; i++) made.push((await scheduled(a.id, slot, `same slot ${i}`)).id);
    made.unshift((await scheduled(a.id, '2026-03-03T09:00:00.000Z', 'earlier')).id);
    made.push((await scheduled(a.id, '2026-03-06T09:00:00.000Z', 'later')).id);

    const window = 'from=2026-03-01T00:00:00.000Z&to=2026-04-01T00:00:00.000Z';
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `${base}/posts?${window}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { status: number; body: PostPage } = await owner.get<PostPage>(url);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((post) => post.id));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([made[0], ...[made[1], made[2], made[3]].sort(), made[4]]);

    const broken = await owner.get(`${base}/posts?${window}&cursor=not-a-slot`);
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ error: { fields: { cursor: expect.any(String) } } });
  });
});
