import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ImportIssuePage,
  ImportPreview,
  KpiReport,
  MetricBatchResult,
  MetricImport,
} from '../../../shared/analytics.ts';
import type { ErrorBody } from '../../../shared/errors.ts';
import type { Channel } from '../../../shared/publishing.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.ts';
import { addMember, setUpOwner } from '../../../../test/factories.ts';
import { runDueJobs } from '../../../../test/run-jobs.ts';
import { FakeClock } from '../../platform/clock.ts';

const fixtures = path.resolve(import.meta.dirname, '../../../../test/fixtures/imports');

let t: TestApp;
let clock: FakeClock;
let owner: TestClient;
let userId: string;
let workspaceId: string;
let channel: Channel;
let base: string;

beforeEach(async () => {
  clock = new FakeClock('2026-11-05T04:00:00.000Z');
  t = await createTestApp({ clock });
  let session;
  ({ owner, workspaceId, session } = await setUpOwner(t));
  userId = session.user.id;
  base = `/api/v1/workspaces/${workspaceId}/analytics/imports`;
  const res = await owner.post<Channel>(`/api/v1/workspaces/${workspaceId}/channels`, {
    platform: 'sandbox',
    style: 'douyin',
    name: '抖音 · 山谷咖啡',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  channel = res.body;
});
afterEach(async () => {
  await t.close();
});

/** Uploads a file the way the web app does: in base64 parts under the request size limit. */
async function upload(
  client: TestClient,
  fileName: string,
  bytes: Buffer,
  partBytes = 30_000,
): Promise<MetricImport> {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += partBytes) parts.push(bytes.subarray(i, i + partBytes));
  const first = await client.post<MetricImport>(base, {
    fileName,
    data: parts[0]!.toString('base64'),
    complete: parts.length === 1,
  });
  expect(first.status, JSON.stringify(first.body)).toBe(201);
  let current = first.body;
  for (let i = 1; i < parts.length; i++) {
    const next = await client.post<MetricImport>(`${base}/${current.id}/parts`, {
      index: i,
      data: parts[i]!.toString('base64'),
      complete: i === parts.length - 1,
    });
    expect(next.status, JSON.stringify(next.body)).toBe(200);
    current = next.body;
  }
  return current;
}

async function kpis(query = ''): Promise<KpiReport> {
  const res = await owner.get<KpiReport>(
    `/api/v1/workspaces/${workspaceId}/analytics/kpis?channelId=${channel.id}${query}`,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function startAndRun(imp: MetricImport, overrides: Record<string, unknown> = {}) {
  const started = await owner.post<MetricImport>(`${base}/${imp.id}/start`, {
    kind: imp.detected!.kind,
    preset: imp.detected!.preset,
    channelId: channel.id,
    columns: imp.detected!.columns,
    ...overrides,
  });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  expect(started.body.status).toBe('queued');
  await runDueJobs(t.services);
  return (await owner.get<MetricImport>(`${base}/${imp.id}`)).body;
}

describe('importing a Douyin export', () => {
  it('detects the preset, imports the good rows, reports the bad ones by line and undoes it all', async () => {
    const imp = await upload(
      owner,
      'douyin-works.csv',
      fs.readFileSync(path.join(fixtures, 'douyin-works.csv')),
    );
    expect(imp).toMatchObject({
      status: 'uploaded',
      format: 'csv',
      headerRow: 1,
      rowsTotal: 11,
      detected: { preset: 'douyin_works', kind: 'posts' },
    });
    expect(imp.headers.slice(0, 4)).toEqual(['作品名称', '发布时间', '作品ID', '播放量']);
    expect(imp.detected!.columns).toEqual([
      'title',
      'published_at',
      'external_id',
      'views',
      null,
      null,
      'likes',
      'comments',
      'shares',
      'saves',
      'follows',
    ]);

    const preview = await owner.post<ImportPreview>(`${base}/${imp.id}/preview`, {
      kind: 'posts',
      channelId: channel.id,
      columns: imp.detected!.columns,
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.rows[1]).toMatchObject({
      line: 3,
      post: 'new',
      error: null,
      values: { title: '手冲入门：水温与研磨', views: 12000, likes: 1024 },
    });
    expect(preview.body.rows[3]).toMatchObject({
      line: 5,
      error: 'likes: "很多" is not a number',
    });

    const done = await startAndRun(imp);
    expect(done).toMatchObject({
      status: 'completed',
      rowsDone: 11,
      rowsImported: 8,
      rowsFailed: 2,
      rowsSkipped: 1,
      postsCreated: 8,
      postsMatched: 0,
    });
    const issues = await owner.get<ImportIssuePage>(`${base}/${imp.id}/issues`);
    expect(issues.body.items).toEqual([
      { line: 5, field: 'likes', value: '很多', reason: '"很多" is not a number' },
      {
        line: 7,
        field: 'published_at',
        value: '2026-13-45 25:00',
        reason: '"2026-13-45 25:00" is not a valid date',
      },
    ]);

    // The good rows count in the KPIs: 863 + 1,024 + 402 + 355 + 2,117 + 260 + 611 + 488 likes.
    const report = await kpis();
    expect(report.current.values.likes).toBe(6120);
    expect(report.current.values.views).toBe(
      12_580 + 12_000 + 8_412 + 6_203 + 34_000 + 4_880 + 9_734 + 7_045,
    );
    expect(report.current.values.view_engagement_rate).toBeCloseTo(
      report.current.values.engagement! / report.current.values.views!,
      10,
    );
    const posts = await t.database.db.kysely
      .selectFrom('post_target')
      .select(['external_id', 'published_at'])
      .where('workspace_id', '=', workspaceId)
      .where('channel_id', '=', channel.id)
      .orderBy('external_id')
      .execute();
    expect(posts).toHaveLength(8);
    expect(posts[0]).toEqual({
      external_id: '7426001',
      published_at: Date.parse('2026-10-02T11:30:00Z'),
    });

    // Importing the export again a day later finds the posts it created and adds no new ones;
    // the numbers did not move, so the period's likes stay the same.
    clock.advance(24 * 3_600_000);
    const again = await startAndRun(
      await upload(
        owner,
        'douyin-works.csv',
        fs.readFileSync(path.join(fixtures, 'douyin-works.csv')),
      ),
    );
    expect(again).toMatchObject({ rowsImported: 8, postsCreated: 0, postsMatched: 8 });
    expect((await kpis()).current.values.likes).toBe(6120);
    expect((await owner.post<MetricImport>(`${base}/${again.id}/undo`)).status).toBe(200);

    const undone = await owner.post<MetricImport>(`${base}/${imp.id}/undo`);
    expect(undone.status, JSON.stringify(undone.body)).toBe(200);
    expect(undone.body.status).toBe('undone');
    expect((await kpis()).current.values.likes).toBeNull();
    const left = await t.database.db.kysely
      .selectFrom('post_target')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .execute();
    expect(left).toEqual([]);
    expect((await owner.post(`${base}/${imp.id}/undo`)).status).toBe(409);

    const list = await owner.get<{ items: MetricImport[] }>(base);
    expect(list.body.items.map((i) => i.status)).toEqual(['undone', 'undone']);
  });

  it('matches rows to posts OpsLoop knows by title, and uploads in parts with progress', async () => {
    await t.services.posts.importPublished(workspaceId, userId, [
      {
        channelId: channel.id,
        title: '冷萃的三种喝法',
        text: '冷萃的三种喝法',
        topics: [],
        externalId: 'https://www.douyin.com/video/1',
        url: 'https://www.douyin.com/video/1',
        publishedAt: Date.parse('2026-10-16T13:00:00Z'),
        idempotencyKey: 'known-1',
      },
    ]);
    // 1,500 rows make a file larger than one request may carry.
    const lines = ['作品名称,发布时间,播放量,点赞量,评论量,分享量'];
    lines.push('冷萃的三种喝法,2026-10-16 21:00,"6,203",355,27,19');
    for (let i = 0; i < 1500; i++) {
      lines.push(
        `第${i}期 每日一杯,2026-09-${String((i % 28) + 1).padStart(2, '0')} 08:00,${1000 + i},${i},1,0`,
      );
    }
    const bytes = Buffer.from(lines.join('\n'), 'utf8');
    expect(bytes.length).toBeGreaterThan(60_000);
    const imp = await upload(owner, 'big.csv', bytes, 20_000);
    expect(imp.rowsTotal).toBe(1501);
    const done = await startAndRun(imp);
    expect(done).toMatchObject({
      status: 'completed',
      rowsDone: 1501,
      rowsImported: 1501,
      rowsFailed: 0,
      postsMatched: 1,
      postsCreated: 1500,
    });
    const known = await t.database.db.kysely
      .selectFrom('metric_snapshot')
      .innerJoin('post_target', 'post_target.id', 'metric_snapshot.target_id')
      .select(['metric_snapshot.likes', 'metric_snapshot.views', 'metric_snapshot.observed_at'])
      .where('post_target.idempotency_key', '=', 'known-1')
      .execute();
    expect(known).toEqual([{ likes: 355, views: 6203, observed_at: clock.now() }]);
  });

  it('reads an XLSX workbook and a 公众号 export in GBK', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('作品数据');
    sheet.addRow([
      '作品名称',
      '发布时间',
      '作品ID',
      '播放量',
      '点赞量',
      '评论量',
      '分享量',
      '收藏量',
    ]);
    sheet.addRow(['开箱', new Date(Date.UTC(2026, 9, 2, 19, 30)), '9001', 1000, 80, 5, 2, 9]);
    sheet.addRow(['探店', new Date(Date.UTC(2026, 9, 3, 12, 0)), '9002', 2000, 120, 8, 4, 10]);
    const xlsx = await upload(
      owner,
      '作品数据.xlsx',
      Buffer.from(await workbook.xlsx.writeBuffer()),
    );
    expect(xlsx).toMatchObject({
      format: 'xlsx',
      sheets: ['作品数据'],
      detected: { preset: 'douyin_works' },
    });
    const done = await startAndRun(xlsx);
    expect(done).toMatchObject({ status: 'completed', rowsImported: 2, postsCreated: 2 });
    expect((await kpis()).current.values.saves).toBe(19);

    const wechat = await upload(
      owner,
      '图文分析.csv',
      fs.readFileSync(path.join(fixtures, 'wechat-articles-gbk.csv')),
    );
    expect(wechat).toMatchObject({ headerRow: 2, detected: { preset: 'wechat_articles' } });
    expect(wechat.headers[0]).toBe('文章标题');
  });

  it('refuses bad mappings, bad files and people without the permission', async () => {
    const imp = await upload(
      owner,
      'douyin-works.csv',
      fs.readFileSync(path.join(fixtures, 'douyin-works.csv')),
    );
    const columns = [...imp.detected!.columns];
    columns[3] = 'likes';
    const twice = await owner.post<ErrorBody>(`${base}/${imp.id}/start`, {
      kind: 'posts',
      channelId: channel.id,
      columns,
    });
    expect(twice.status).toBe(400);
    expect(twice.body.error.fields).toEqual({ 'columns.6': 'likes is already given to column 4' });
    const noIdentity = await owner.post<ErrorBody>(`${base}/${imp.id}/start`, {
      kind: 'posts',
      channelId: channel.id,
      columns: imp.detected!.columns.map((c) => (c === 'title' || c === 'external_id' ? null : c)),
    });
    expect(noIdentity.body.error.fields).toEqual({
      columns: 'map a column to the title, the post id or the link',
    });
    const daily = await owner.post<ErrorBody>(`${base}/${imp.id}/preview`, {
      kind: 'channel_daily',
      channelId: channel.id,
      columns: imp.detected!.columns,
    });
    expect(daily.body.error.fields).toMatchObject({
      'columns.0': 'not a field of channel_daily rows',
    });

    const xls = await owner.post<ErrorBody>(base, {
      fileName: 'old.xls',
      data: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]).toString('base64'),
    });
    expect(xls.status).toBe(400);
    expect(xls.body.error.fields?.data).toContain('.xlsx');

    const viewer = await addMember(t, owner, workspaceId, 'viewer');
    expect((await viewer.client.post(base, { fileName: 'a.csv', data: 'YQ==' })).status).toBe(403);
    expect((await viewer.client.post(`${base}/${imp.id}/undo`)).status).toBe(403);
    expect((await viewer.client.get(`${base}/${imp.id}`)).status).toBe(200);

    const other = await owner.post<{ id: string }>('/api/v1/workspaces', {
      name: 'Brand Two',
      timezone: 'Asia/Shanghai',
    });
    const cross = await owner.get(
      `/api/v1/workspaces/${other.body.id}/analytics/imports/${imp.id}`,
    );
    expect(cross.status).toBe(404);
  });
});

describe('importing daily account numbers', () => {
  it('restores the values an import replaced when it is undone', async () => {
    // Numbers a pipeline sent before: the import corrects two days and adds a third.
    const sent = await owner.post<MetricBatchResult>(`/api/v1/workspaces/${workspaceId}/metrics`, {
      channels: [
        { channelId: channel.id, day: '2026-10-01', followers: 52_000, follows: 150 },
        { channelId: channel.id, day: '2026-10-02', followers: 52_500 },
      ],
    });
    expect(sent.status).toBe(200);
    const imp = await upload(
      owner,
      'users.csv',
      fs.readFileSync(path.join(fixtures, 'wechat-users.csv')),
    );
    expect(imp.detected).toMatchObject({
      preset: 'wechat_users',
      kind: 'channel_daily',
      columns: ['day', 'follows', 'unfollows', 'net_follows', 'followers'],
    });
    const done = await startAndRun(imp);
    expect(done).toMatchObject({ status: 'completed', rowsImported: 3 });

    const daily = () =>
      t.database.db.kysely
        .selectFrom('channel_metric_daily')
        .select(['day', 'metric', 'value', 'source'])
        .where('workspace_id', '=', workspaceId)
        .where('metric', 'in', ['followers', 'follows'])
        .orderBy('day')
        .orderBy('metric')
        .execute();
    expect(await daily()).toEqual([
      { day: '2026-10-01', metric: 'followers', value: 52_310, source: 'import' },
      { day: '2026-10-01', metric: 'follows', value: 152, source: 'import' },
      { day: '2026-10-02', metric: 'followers', value: 52_591, source: 'import' },
      { day: '2026-10-02', metric: 'follows', value: 318, source: 'import' },
      { day: '2026-10-03', metric: 'followers', value: 52_679, source: 'import' },
      { day: '2026-10-03', metric: 'follows', value: 140, source: 'import' },
    ]);
    const report = await kpis('&from=2026-10-01&to=2026-10-03');
    expect(report.current.values).toMatchObject({
      followers: 52_679,
      net_growth: 610 - 130,
      unfollow_rate: 130 / 52_310,
    });

    // A second export corrects a day the first one wrote: undo goes newest first.
    const fix = await upload(
      owner,
      'users-fixed.csv',
      Buffer.from('时间,累积关注人数\n2026-10-02,52601\n', 'utf8'),
    );
    expect((await startAndRun(fix)).rowsImported).toBe(1);
    const refused = await owner.post<ErrorBody>(`${base}/${imp.id}/undo`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe(
      'Undo "users-fixed.csv" first: it replaced numbers this import wrote',
    );
    expect((await owner.post(`${base}/${fix.id}/undo`)).status).toBe(200);
    expect((await daily())[2]).toEqual({
      day: '2026-10-02',
      metric: 'followers',
      value: 52_591,
      source: 'import',
    });

    expect((await owner.post(`${base}/${imp.id}/undo`)).status).toBe(200);
    expect(await daily()).toEqual([
      { day: '2026-10-01', metric: 'followers', value: 52_000, source: 'api' },
      { day: '2026-10-01', metric: 'follows', value: 150, source: 'api' },
      { day: '2026-10-02', metric: 'followers', value: 52_500, source: 'api' },
    ]);
  });
});
