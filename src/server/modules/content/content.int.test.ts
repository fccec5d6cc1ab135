import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditPage, Workspace } from '../../../shared/api.ts';
import type {
  ContentItem,
  ContentItemPage,
  OriginalityResult,
  Pools,
  Series,
  Topic,
} from '../../../shared/content.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.ts';
import { addMember, setUpOwner } from '../../../../test/factories.ts';
import { FakeClock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';

let t: TestApp;
let clock: FakeClock;
let owner: TestClient;
let workspaceId: string;
let base: string;

beforeEach(async () => {
  // A Wednesday morning in Shanghai (UTC+8): the ISO week began Monday 2026-03-02 00:00 local.
  clock = new FakeClock('2026-03-04T02:00:00.000Z');
  t = await createTestApp({ clock });
  ({ owner, workspaceId } = await setUpOwner(t));
  base = `/api/v1/workspaces/${workspaceId}/content`;
});
afterEach(async () => {
  await t.close();
});

async function createItem(body: Record<string, unknown>): Promise<ContentItem> {
  const res = await owner.post<ContentItem>(`${base}/items`, { kind: 'article', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('topics', () => {
  it('keeps a one-level tree and refuses to delete a pillar with sub-topics', async () => {
    const pillar = await owner.post<Topic>(`${base}/topics`, {
      name: '咖啡知识',
      tier: 'novice',
      color: '#1a7f64',
    });
    expect(pillar.status).toBe(201);
    const sub = await owner.post<Topic>(`${base}/topics`, {
      name: '手冲技巧',
      tier: 'advanced',
      parentId: pillar.body.id,
    });
    expect(sub.body).toMatchObject({ parentId: pillar.body.id, tier: 'advanced', color: null });
    await owner.post(`${base}/topics`, { name: '产地', tier: 'expert', parentId: pillar.body.id });

    const grandchild = await owner.post(`${base}/topics`, {
      name: 'too deep',
      tier: 'expert',
      parentId: sub.body.id,
    });
    expect(grandchild.status).toBe(400);
    expect(grandchild.body).toMatchObject({ error: { fields: { parentId: expect.any(String) } } });
    const badTier = await owner.post(`${base}/topics`, { name: 'x', tier: 'guru' });
    expect(badTier.body).toMatchObject({ error: { fields: { tier: expect.any(String) } } });

    const blocked = await owner.delete(`${base}/topics/${pillar.body.id}`);
    expect(blocked.status).toBe(409);
    expect(blocked.body).toMatchObject({
      error: { message: expect.stringContaining('2 sub-topic') },
    });

    const renamed = await owner.patch<Topic>(`${base}/topics/${sub.body.id}`, {
      name: '手冲进阶',
      tier: 'expert',
    });
    expect(renamed.body).toMatchObject({ name: '手冲进阶', tier: 'expert' });
    expect((await owner.delete(`${base}/topics/${sub.body.id}`)).status).toBe(204);
    const list = await owner.get<{ items: Topic[] }>(`${base}/topics`);
    expect(list.body.items.map((topic) => topic.name)).toEqual(['咖啡知识', '产地']);

    const audit = await owner.get<AuditPage>(
      `/api/v1/workspaces/${workspaceId}/audit?targetId=${sub.body.id}`,
    );
    expect(audit.body.items.map((e) => e.action).sort()).toEqual([
      'content.topic.create',
      'content.topic.remove',
      'content.topic.update',
    ]);
  });
});

describe('series and items', () => {
  it('creates, filters, edits and removes items', async () => {
    const pillar = (await owner.post<Topic>(`${base}/topics`, { name: '新品', tier: 'novice' }))
      .body;
    const sub = (
      await owner.post<Topic>(`${base}/topics`, {
        name: '春季',
        tier: 'novice',
        parentId: pillar.id,
      })
    ).body;
    const series = await owner.post<Series>(`${base}/series`, {
      name: '一周一豆',
      description: 'Every week one bean',
      topicId: pillar.id,
    });
    expect(series.status).toBe(201);

    const a = await createItem({ title: '樱花拿铁上市', pool: 'hit', topicId: sub.id });
    const b = await createItem({
      title: 'Weekly bean: Yirgacheffe',
      body: 'Floral, 50% lighter roast',
      seriesId: series.body.id,
      stage: 'draft',
    });
    await createItem({ title: 'Reserve idea', pool: 'reserve', kind: 'video' });
    expect(a).toMatchObject({ stage: 'idea', pool: 'hit', hot: false, hotDeadline: null });

    const byPillar = await owner.get<ContentItemPage>(`${base}/items?topicId=${pillar.id}`);
    expect(byPillar.body.items.map((i) => i.id)).toEqual([a.id]);
    const bySeries = await owner.get<ContentItemPage>(`${base}/items?seriesId=${series.body.id}`);
    expect(bySeries.body.items.map((i) => i.id)).toEqual([b.id]);
    const byWords = await owner.get<ContentItemPage>(`${base}/items?q=YIRGA`);
    expect(byWords.body.items.map((i) => i.id)).toEqual([b.id]);
    const byPercent = await owner.get<ContentItemPage>(`${base}/items?q=50%25`);
    expect(byPercent.body.items.map((i) => i.id)).toEqual([b.id]);
    const drafts = await owner.get<ContentItemPage>(`${base}/items?stage=draft&pool=regular`);
    expect(drafts.body.items.map((i) => i.id)).toEqual([b.id]);

    const page1 = await owner.get<ContentItemPage>(`${base}/items?limit=2`);
    expect(page1.body.items).toHaveLength(2);
    const page2 = await owner.get<ContentItemPage>(
      `${base}/items?limit=2&cursor=${page1.body.nextCursor}`,
    );
    expect(page2.body).toMatchObject({ items: [{ id: a.id }], nextCursor: null });

    const unknownTopic = await owner.post(`${base}/items`, {
      title: 'x',
      kind: 'text',
      topicId: 'nope',
    });
    expect(unknownTopic.body).toMatchObject({ error: { fields: { topicId: expect.any(String) } } });
    const badKind = await owner.post(`${base}/items`, { title: 'x', kind: 'podcast' });
    expect(badKind.body).toMatchObject({ error: { fields: { kind: expect.any(String) } } });

    // Removing the series keeps its item, outside any series.
    expect((await owner.delete(`${base}/series/${series.body.id}`)).status).toBe(204);
    expect((await owner.get<ContentItem>(`${base}/items/${b.id}`)).body.seriesId).toBeNull();
    expect((await owner.delete(`${base}/items/${b.id}`)).status).toBe(204);
    expect((await owner.get(`${base}/items/${b.id}`)).status).toBe(404);
  });

  it('moves to used only from ready and stamps when', async () => {
    const item = await createItem({ title: 'Idea' });
    const early = await owner.patch(`${base}/items/${item.id}`, { stage: 'used' });
    expect(early.status).toBe(409);
    const skipped = await owner.patch<ContentItem>(`${base}/items/${item.id}`, { stage: 'ready' });
    expect(skipped.body.stage).toBe('ready');
    const used = await owner.patch<ContentItem>(`${base}/items/${item.id}`, { stage: 'used' });
    expect(used.body).toMatchObject({ stage: 'used', usedAt: '2026-03-04T02:00:00.000Z' });
    expect((await owner.patch(`${base}/items/${item.id}`, { stage: 'draft' })).status).toBe(409);
    const born = await owner.post(`${base}/items`, { title: 'x', kind: 'text', stage: 'used' });
    expect(born.status).toBe(400);
  });

  it('gives hot items a 24-hour deadline and lists them by urgency', async () => {
    const first = await createItem({ title: '热点一', hot: true });
    expect(first.hotDeadline).toBe('2026-03-05T02:00:00.000Z');
    clock.advance(60 * 60 * 1000);
    const cold = await createItem({ title: 'Later' });
    clock.advance(60 * 60 * 1000);
    const marked = await owner.patch<ContentItem>(`${base}/items/${cold.id}`, { hot: true });
    expect(marked.body.hotDeadline).toBe('2026-03-05T04:00:00.000Z');
    // Editing a hot item does not restart its clock.
    clock.advance(60 * 60 * 1000);
    const edited = await owner.patch<ContentItem>(`${base}/items/${first.id}`, {
      hot: true,
      title: '热点一（改）',
    });
    expect(edited.body.hotDeadline).toBe('2026-03-05T02:00:00.000Z');
    await createItem({ title: 'Not hot' });

    const hot = await owner.get<ContentItemPage>(`${base}/items?hot=true&sort=deadline&limit=1`);
    expect(hot.body.items.map((i) => i.id)).toEqual([first.id]);
    const next = await owner.get<ContentItemPage>(
      `${base}/items?hot=true&sort=deadline&limit=1&cursor=${hot.body.nextCursor}`,
    );
    expect(next.body).toMatchObject({ items: [{ id: cold.id }], nextCursor: null });

    const off = await owner.patch<ContentItem>(`${base}/items/${first.id}`, { hot: false });
    expect(off.body).toMatchObject({ hot: false, hotDeadline: null });
  });
});

describe('series management', () => {
  it('keeps a cadence, counts items and uses, and archives without losing items', async () => {
    const weekly = await owner.post<Series>(`${base}/series`, {
      name: '一周一豆',
      cadence: { period: 'week', count: 2 },
    });
    expect(weekly.status, JSON.stringify(weekly.body)).toBe(201);
    expect(weekly.body).toMatchObject({
      cadence: { period: 'week', count: 2 },
      archivedAt: null,
      itemCount: 0,
      usedThisPeriod: 0,
    });
    const plain = (await owner.post<Series>(`${base}/series`, { name: 'No rhythm' })).body;
    expect(plain).toMatchObject({ cadence: null, usedThisPeriod: null });
    const badCadence = await owner.post(`${base}/series`, {
      name: 'x',
      cadence: { period: 'day', count: 1 },
    });
    expect(badCadence.body).toMatchObject({
      error: { fields: { 'cadence.period': expect.any(String) } },
    });

    const episode = await createItem({ title: 'Ep 1', seriesId: weekly.body.id, stage: 'ready' });
    await createItem({ title: 'Ep 2', seriesId: weekly.body.id });
    await owner.patch(`${base}/items/${episode.id}`, { stage: 'used' });
    // Last month's use counts for the series but not for this week.
    clock.advance(-30 * 24 * 60 * 60 * 1000);
    const old = await createItem({ title: 'Ep 0', seriesId: weekly.body.id, stage: 'ready' });
    await owner.patch(`${base}/items/${old.id}`, { stage: 'used' });
    clock.advance(30 * 24 * 60 * 60 * 1000);

    const list = await owner.get<{ items: Series[] }>(`${base}/series`);
    expect(list.body.items.find((entry) => entry.id === weekly.body.id)).toMatchObject({
      itemCount: 3,
      usedCount: 2,
      usedThisPeriod: 1,
      lastUsedAt: '2026-03-04T02:00:00.000Z',
    });
    expect(list.body.items.find((entry) => entry.id === plain.id)).toMatchObject({
      itemCount: 0,
      usedCount: 0,
      lastUsedAt: null,
    });

    const monthly = await owner.patch<Series>(`${base}/series/${weekly.body.id}`, {
      cadence: { period: 'month', count: 4 },
      description: 'Two beans a month',
    });
    expect(monthly.body).toMatchObject({ usedThisPeriod: 1, itemCount: 3 });

    const archived = await owner.patch<Series>(`${base}/series/${weekly.body.id}`, {
      archived: true,
    });
    expect(archived.body.archivedAt).toBe('2026-03-04T02:00:00.000Z');
    const refused = await owner.post(`${base}/items`, {
      title: 'Ep 3',
      kind: 'text',
      seriesId: weekly.body.id,
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error: { fields: { seriesId: expect.stringContaining('archived') } },
    });
    // Items already in it stay and can still be edited.
    const edited = await owner.patch<ContentItem>(`${base}/items/${episode.id}`, {
      title: 'Ep 1 (final)',
      seriesId: weekly.body.id,
    });
    expect(edited.status).toBe(200);
    const moved = await owner.patch(`${base}/items/${old.id}`, { seriesId: plain.id });
    expect(moved.status).toBe(200);
    const back = await owner.patch(`${base}/items/${old.id}`, { seriesId: weekly.body.id });
    expect(back.status).toBe(400);

    const restored = await owner.patch<Series>(`${base}/series/${weekly.body.id}`, {
      archived: false,
    });
    expect(restored.body.archivedAt).toBeNull();
    expect(
      (await owner.patch(`${base}/items/${old.id}`, { seriesId: weekly.body.id })).status,
    ).toBe(200);

    const audit = await owner.get<AuditPage>(
      `/api/v1/workspaces/${workspaceId}/audit?targetId=${weekly.body.id}`,
    );
    expect(audit.body.items.map((e) => e.action).sort()).toEqual([
      'content.series.archive',
      'content.series.create',
      'content.series.restore',
      'content.series.update',
    ]);
  });
});

describe('board paging', () => {
  it('pages a pool with a cursor and reports its total', async () => {
    for (let i = 0; i < 5; i++) {
      await createItem({ title: `Hit ${i}`, pool: 'hit' });
      clock.advance(1000);
    }
    await createItem({ title: 'Regular', pool: 'regular' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `${base}/items?pool=hit&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { body: ContentItemPage } = await owner.get<ContentItemPage>(query);
      expect(page.body.total).toBe(5);
      seen.push(...page.body.items.map((item) => item.title));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Hit 4', 'Hit 3', 'Hit 2', 'Hit 1', 'Hit 0']);
    const all = await owner.get<ContentItemPage>(`${base}/items?limit=1`);
    expect(all.body).toMatchObject({ total: 6, items: [{ title: 'Regular', postCount: 0 }] });
    const none = await owner.get<ContentItemPage>(`${base}/items?pool=reserve`);
    expect(none.body).toEqual({ items: [], nextCursor: null, total: 0 });
  });
});

describe('pools', () => {
  it('reports quotas, use this week and stock, with warnings that follow the work', async () => {
    const empty = await owner.get<Pools>(`${base}/pools`);
    expect(empty.body).toMatchObject({
      timezone: 'Asia/Shanghai',
      weekStart: '2026-03-01T16:00:00.000Z',
      weekEnd: '2026-03-08T16:00:00.000Z',
    });
    const pool = (p: Pools, name: string) => p.pools.find((x) => x.pool === name)!;
    expect(pool(empty.body, 'hit')).toMatchObject({
      quota: { weeklyMin: 1, weeklyMax: 2 },
      usedThisWeek: 0,
      warnings: expect.arrayContaining(['No flagship (hit) piece used this week; plan 1–2']),
    });
    expect(pool(empty.body, 'reserve').warnings).toContain(
      'Reserve pool has 0 of at least 15 items: write 15 more',
    );

    for (let i = 0; i < 9; i++)
      await createItem({ title: `R${i}`, pool: 'reserve', stage: 'draft' });
    await createItem({ title: 'Only an idea', pool: 'reserve' });
    const hit = await createItem({ title: 'Flagship', pool: 'hit', stage: 'ready' });

    const stocked = await owner.get<Pools>(`${base}/pools`);
    expect(pool(stocked.body, 'reserve')).toMatchObject({ stock: 10, readyStock: 9 });
    expect(pool(stocked.body, 'reserve').warnings).toEqual([
      'Reserve pool has 9 of at least 15 items: write 6 more',
    ]);

    await owner.patch(`${base}/items/${hit.id}`, { stage: 'used' });
    const used = await owner.get<Pools>(`${base}/pools`);
    expect(pool(used.body, 'hit')).toMatchObject({ usedThisWeek: 1, stock: 0, warnings: [] });

    // Next Monday a new week starts and the flagship warning returns.
    clock.set('2026-03-08T16:30:00.000Z');
    const nextWeek = await owner.get<Pools>(`${base}/pools`);
    expect(pool(nextWeek.body, 'hit').usedThisWeek).toBe(0);
    expect(pool(nextWeek.body, 'hit').warnings[0]).toMatch(/^No flagship/);

    const changed = await owner.patch<Pools>(`${base}/pools`, { reserve: { minStock: 9 } });
    expect(pool(changed.body, 'reserve')).toMatchObject({ quota: { minStock: 9 }, warnings: [] });
    const invalid = await owner.patch(`${base}/pools`, { regular: { weeklyMin: 6 } });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({
      error: { fields: { 'regular.weeklyMax': expect.any(String) } },
    });
  });
});

describe('originality', () => {
  const ORIGINAL =
    '春天到了，我们的咖啡馆推出了三款季节限定饮品：樱花拿铁、抹茶燕麦和桂花冷萃。每一款都选用当季原料，樱花来自云南，抹茶来自宇治。';
  const NEAR_COPY =
    '春天来了，我们的咖啡馆推出了三款季节限定饮品: 樱花拿铁、抹茶燕麦和桂花冷萃！每一款都选用当季原料，樱花来自云南，抹茶来自宇治。';

  it('finds a near-copy of an earlier item, but not of the item itself', async () => {
    const item = await createItem({ title: '春季限定', body: ORIGINAL });
    await createItem({ title: 'Other', body: '夏季露营装备清单，帐篷、睡袋和防潮垫怎么选。' });
    const res = await owner.post<OriginalityResult>(`${base}/originality`, { text: NEAR_COPY });
    expect(res.body.matches).toHaveLength(1);
    expect(res.body.matches[0]).toMatchObject({
      itemId: item.id,
      source: 'item',
      title: '春季限定',
      sharedSnippet: expect.stringContaining('樱花来自云南'),
    });
    expect(res.body.matches[0]!.similarity).toBeGreaterThan(0.5);
    const self = await owner.post<OriginalityResult>(`${base}/originality`, {
      text: ORIGINAL,
      excludeItemId: item.id,
    });
    expect(self.body.matches).toEqual([]);
  });

  it('finds a near-copy of a published post', async () => {
    const now = clock.now();
    const postId = newId(now);
    // Publishing is another module's business; a published post is planted as it would be stored.
    await t.database.db.kysely
      .insertInto('post')
      .values({
        workspace_id: workspaceId,
        id: postId,
        title: null,
        body: ORIGINAL,
        topics_json: '[]',
        status: 'published',
        approval_step: 0,
        scheduled_at: null,
        created_by: 'someone',
        created_at: now,
        updated_at: now,
      })
      .execute();
    await t.database.db.kysely
      .insertInto('post_target')
      .values({
        workspace_id: workspaceId,
        id: newId(now),
        post_id: postId,
        channel_id: 'channel',
        title: null,
        text: ORIGINAL,
        status: 'published',
        scheduled_at: null,
        idempotency_key: 'k',
        external_id: 'x',
        url: null,
        published_at: now,
        attempts: 1,
        last_error: null,
        error_action: null,
        updated_at: now,
      })
      .execute();
    const res = await owner.post<OriginalityResult>(`${base}/originality`, { text: NEAR_COPY });
    expect(res.body.matches).toMatchObject([{ itemId: postId, source: 'post' }]);
  });
});

describe('access', () => {
  it('lets a viewer read but not write, and hides other workspaces', async () => {
    const item = await createItem({ title: 'Mine' });
    const viewer = (await addMember(t, owner, workspaceId, 'viewer')).client;
    expect((await viewer.get(`${base}/items/${item.id}`)).status).toBe(200);
    expect((await viewer.post(`${base}/items`, { title: 'x', kind: 'text' })).status).toBe(403);
    expect((await viewer.patch(`${base}/items/${item.id}`, { title: 'y' })).status).toBe(403);
    expect((await viewer.patch(`${base}/pools`, { hit: { weeklyMin: 0 } })).status).toBe(403);

    const other = (await owner.post<Workspace>('/api/v1/workspaces', { name: 'Other' })).body.id;
    const otherBase = `/api/v1/workspaces/${other}/content`;
    expect((await owner.get(`${otherBase}/items/${item.id}`)).status).toBe(404);
    expect((await owner.patch(`${otherBase}/items/${item.id}`, { title: 'z' })).status).toBe(404);
    expect((await owner.delete(`${otherBase}/items/${item.id}`)).status).toBe(404);
    const foreignTopic = await owner.post(`${otherBase}/items`, {
      title: 'x',
      kind: 'text',
      topicId: (await owner.post<Topic>(`${base}/topics`, { name: 'T', tier: 'novice' })).body.id,
    });
    expect(foreignTopic.status).toBe(400);
  });
});
