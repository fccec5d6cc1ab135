import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../shared/api.ts';
import type { MediaAsset, MediaPage, UploadedMedia } from '../../../shared/media.ts';
import type { Channel, Post } from '../../../shared/publishing.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.ts';
import { addMember, setUpOwner } from '../../../../test/factories.ts';
import { runDueJobs } from '../../../../test/run-jobs.ts';
import { FakeClock } from '../../platform/clock.ts';
import {
  bearerFor,
  makeJpegHeader,
  makePng,
  MP3_BYTES,
  MP4_BYTES,
  upload,
} from './media.fixture.ts';

const DAY = 86_400_000;

let t: TestApp;
let clock: FakeClock;
let owner: TestClient;
let workspaceId: string;
let base: string;
let editorToken: string;

beforeEach(async () => {
  clock = new FakeClock('2026-03-02T01:00:00.000Z');
  t = await createTestApp({ clock });
  ({ owner, workspaceId } = await setUpOwner(t));
  base = `/api/v1/workspaces/${workspaceId}`;
  editorToken = await bearerFor(owner, workspaceId, 'editor');
});
afterEach(async () => {
  await t.close();
});

async function png(
  rgb: [number, number, number] = [10, 20, 30],
  fields: Record<string, string> = {},
  size: [number, number] = [3, 2],
): Promise<UploadedMedia> {
  const res = await upload<UploadedMedia>(t, editorToken, workspaceId, makePng(...size, rgb), {
    type: 'image/png',
    name: `photo-${rgb.join('-')}.png`,
    fields,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function sandboxChannel(style = 'bluesky', name = 'Bluesky sandbox'): Promise<Channel> {
  const res = await owner.post<Channel>(`${base}/channels`, { platform: 'sandbox', style, name });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function postWith(channelId: string, mediaIds: string[]) {
  return owner.post<Post>(`${base}/posts`, {
    body: '春季新品上市 ☕',
    targets: [{ channelId, mediaIds }],
  });
}

describe('uploads', () => {
  it('stores a raw upload in the data folder with what its bytes say, and returns it to members', async () => {
    const bytes = makePng(640, 480);
    const res = await upload<UploadedMedia>(t, editorToken, workspaceId, bytes, {
      // The claimed type is not trusted: the bytes are a PNG.
      type: 'application/octet-stream',
      name: 'latte.png',
      fields: { license: 'owned', source: 'own', altText: '一杯拿铁' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'image',
      mimeType: 'image/png',
      fileName: 'latte.png',
      bytes: bytes.length,
      width: 640,
      height: 480,
      license: 'owned',
      altText: '一杯拿铁',
      expiry: 'none',
      duplicate: false,
      pendingUses: 0,
    });
    expect(res.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    const stored = path.join(t.services.config.dataDir, 'media', workspaceId, `${res.body.id}.png`);
    expect(fs.readFileSync(stored).equals(bytes)).toBe(true);

    const file = await t.app.request(res.body.url, {
      headers: { authorization: `Bearer ${editorToken}` },
    });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);

    const partial = await t.app.request(res.body.url, {
      headers: { authorization: `Bearer ${editorToken}`, range: 'bytes=0-7' },
    });
    expect(partial.status).toBe(206);
    expect(partial.headers.get('content-range')).toBe(`bytes 0-7/${bytes.length}`);
    expect([...new Uint8Array(await partial.arrayBuffer())]).toEqual([...bytes.subarray(0, 8)]);

    // Session members see the same file through the cookie (the web app's <img>).
    const viaSession = await owner.get(res.body.url);
    expect(viaSession.status).toBe(200);
    expect(viaSession.headers.get('content-type')).toBe('image/png');

    const audit = await t.database.db.kysely
      .selectFrom('audit_event')
      .select(['action', 'target_id'])
      .where('action', '=', 'media.upload')
      .execute();
    expect(audit).toEqual([{ action: 'media.upload', target_id: res.body.id }]);
  });

  it('takes multipart uploads with license fields, and returns the existing asset for the same bytes', async () => {
    const bytes = makeJpegHeader(1200, 800);
    const first = await upload<UploadedMedia>(t, editorToken, workspaceId, bytes, {
      multipart: true,
      type: 'image/jpeg',
      name: 'C:\\photos\\storefront.jpg',
      fields: {
        source: 'stock',
        license: 'cc_by',
        attribution: 'Photo: Li Wei / Unsplash',
        expiresAt: '2026-12-31',
      },
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({
      kind: 'image',
      mimeType: 'image/jpeg',
      fileName: 'storefront.jpg',
      width: 1200,
      height: 800,
      source: 'stock',
      license: 'cc_by',
      attribution: 'Photo: Li Wei / Unsplash',
      expiresAt: '2026-12-31T23:59:59.999Z',
      expiry: 'valid',
      duplicate: false,
    });

    const again = await upload<UploadedMedia>(t, editorToken, workspaceId, bytes, {
      multipart: true,
      type: 'image/jpeg',
      name: 'copy.jpg',
      fields: { license: 'owned' },
    });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({
      id: first.body.id,
      duplicate: true,
      fileName: 'storefront.jpg',
      license: 'cc_by',
    });
    const rows = await t.database.db.kysely.selectFrom('media_asset').select('id').execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses what it cannot publish with a 400 naming the field, and bodies over the limit', async () => {
    const text = await upload(t, editorToken, workspaceId, Buffer.from('<html>hello</html>'), {
      type: 'text/html',
    });
    expect(text.status).toBe(400);
    expect(text.body).toMatchObject({
      error: { code: 'validation_failed', fields: { file: expect.stringContaining('text/html') } },
    });

    const bmp = await upload(
      t,
      editorToken,
      workspaceId,
      Buffer.concat([Buffer.from('BM'), Buffer.alloc(80)]),
      {
        multipart: true,
        type: 'image/bmp',
        name: 'old.bmp',
      },
    );
    expect(bmp.status).toBe(400);
    expect(bmp.body).toMatchObject({
      error: { fields: { file: expect.stringMatching(/^image\/bmp is not/) } },
    });

    const badLicense = await upload(t, editorToken, workspaceId, makePng(2, 2), {
      multipart: true,
      type: 'image/png',
      fields: { license: 'whatever' },
    });
    expect(badLicense.status).toBe(400);
    expect(badLicense.body).toMatchObject({ error: { fields: { license: expect.any(String) } } });

    const noFile = await t.app.request(`${base}/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${editorToken}` },
      body: (() => {
        const form = new FormData();
        form.set('license', 'owned');
        return form;
      })(),
    });
    expect(noFile.status).toBe(400);
    expect(await noFile.json()).toMatchObject({ error: { fields: { file: expect.any(String) } } });

    // The test app's upload limit is 256 KiB.
    const huge = await upload(
      t,
      editorToken,
      workspaceId,
      Buffer.concat([makePng(2, 2), Buffer.alloc(270_000)]),
      {
        type: 'image/png',
      },
    );
    expect(huge.status).toBe(413);
    expect(await t.database.db.kysely.selectFrom('media_asset').select('id').execute()).toEqual([]);
  });

  it('hides assets from other workspaces and from people outside, and needs posts.write to change', async () => {
    const asset = await png();
    const other = await owner.post<Workspace>('/api/v1/workspaces', {
      name: 'Brand Two',
      timezone: 'UTC',
    });
    expect(other.status, JSON.stringify(other.body)).toBe(201);
    const otherBase = `/api/v1/workspaces/${other.body.id}`;
    // The owner belongs to both, but the asset lives in one.
    expect((await owner.get(`${otherBase}/media/${asset.id}`)).status).toBe(404);
    expect((await owner.get(`${otherBase}/media/${asset.id}/file`)).status).toBe(404);
    expect((await owner.patch(`${otherBase}/media/${asset.id}`, { license: 'owned' })).status).toBe(
      404,
    );
    expect((await owner.delete(`${otherBase}/media/${asset.id}`)).status).toBe(404);

    const stranger = t.client();
    const outsider = await bearerFor(owner, other.body.id, 'owner');
    expect(
      (await t.app.request(asset.url, { headers: { authorization: `Bearer ${outsider}` } })).status,
    ).toBe(404);
    expect((await stranger.get(asset.url)).status).toBe(401);

    const viewer = await addMember(t, owner, workspaceId, 'viewer');
    expect((await viewer.client.get(asset.url)).status).toBe(200);
    expect(
      (await viewer.client.patch(`${base}/media/${asset.id}`, { license: 'owned' })).status,
    ).toBe(403);
    const viewerToken = await bearerFor(owner, workspaceId, 'viewer');
    expect((await upload(t, viewerToken, workspaceId, makePng(2, 2))).status).toBe(403);
  });
});

describe('the library', () => {
  it('edits license terms, filters by kind, license and expiry, and shows expiry states', async () => {
    const own = await png([1, 1, 1], { license: 'owned' });
    const stock = await png([2, 2, 2], {
      license: 'licensed',
      expiresAt: '2026-03-05T00:00:00.000Z',
    });
    const old = await png([3, 3, 3], { license: 'editorial_only', expiresAt: '2026-03-01' });
    const clip = await upload<UploadedMedia>(t, editorToken, workspaceId, MP4_BYTES, {
      type: 'video/mp4',
      name: 'clip.mp4',
    });
    expect(clip.body).toMatchObject({ kind: 'video', mimeType: 'video/mp4', width: null });

    const list = async (query: string) =>
      (await owner.get<MediaPage>(`${base}/media?${query}`)).body.items.map((a) => a.id);
    expect(await list('')).toEqual([clip.body.id, old.id, stock.id, own.id]);
    expect(await list('kind=video')).toEqual([clip.body.id]);
    expect(await list('license=licensed')).toEqual([stock.id]);
    expect(await list('expiry=expiring')).toEqual([old.id, stock.id]);
    expect(await list('expiry=expired')).toEqual([old.id]);
    expect(await list(`ids=${own.id},${old.id}`)).toEqual([old.id, own.id]);
    expect(await list('q=PHOTO-2')).toEqual([stock.id]);
    expect(await list('limit=2')).toHaveLength(2);

    const items = (await owner.get<MediaPage>(`${base}/media`)).body.items;
    expect(Object.fromEntries(items.map((a) => [a.id, a.expiry]))).toEqual({
      [own.id]: 'none',
      [stock.id]: 'expiring',
      [old.id]: 'expired',
      [clip.body.id]: 'none',
    });

    const edited = await owner.patch<MediaAsset>(`${base}/media/${old.id}`, {
      license: 'licensed',
      attribution: '© Studio Nine',
      expiresAt: '2027-03-01',
      fileName: 'storefront-night.png',
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({
      license: 'licensed',
      attribution: '© Studio Nine',
      expiresAt: '2027-03-01T23:59:59.999Z',
      expiry: 'valid',
      fileName: 'storefront-night.png',
    });
    const bad = await owner.patch(`${base}/media/${old.id}`, {
      expiresAt: 'next week',
      source: 'x',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      error: { fields: { expiresAt: expect.any(String), source: expect.any(String) } },
    });
  });
});

describe('media on posts', () => {
  it('attaches media per channel version and checks each platform limit', async () => {
    const bluesky = await sandboxChannel('bluesky');
    const weibo = await sandboxChannel('weibo', 'Weibo sandbox');
    const images = await Promise.all([1, 2, 3, 4, 5].map((n) => png([n * 10, n, n])));
    const ids = images.map((a) => a.id);

    const tooMany = await owner.post(`${base}/posts`, {
      body: '五张图',
      targets: [
        { channelId: bluesky.id, mediaIds: ids },
        { channelId: weibo.id, mediaIds: ids },
      ],
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({
      error: { fields: { 'targets.0.media': 'Bluesky accepts at most 4 images; remove 1' } },
    });
    expect(JSON.stringify(tooMany.body)).not.toContain('targets.1.media');

    const audio = await upload<UploadedMedia>(t, editorToken, workspaceId, MP3_BYTES, {
      type: 'audio/mpeg',
      name: 'jingle.mp3',
    });
    expect(audio.body.kind).toBe('audio');
    const wrong = await owner.post(`${base}/posts`, {
      body: 'x',
      targets: [
        { channelId: bluesky.id, mediaIds: [audio.body.id] },
        { channelId: weibo.id, mediaIds: ['01NOSUCHASSET0000000000000'] },
      ],
    });
    expect(wrong.body).toMatchObject({
      error: {
        fields: {
          'targets.0.media': 'Bluesky does not take audio files; remove jingle.mp3',
          'targets.1.media': expect.stringContaining('no such media'),
        },
      },
    });

    const created = await owner.post<Post>(`${base}/posts`, {
      body: '四张图',
      targets: [
        { channelId: bluesky.id, mediaIds: [ids[3], ids[0], ids[2], ids[1]] },
        { channelId: weibo.id, mediaIds: ids },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.targets.map((t) => t.mediaIds)).toEqual([
      [ids[3], ids[0], ids[2], ids[1]],
      ids,
    ]);

    // Editing text only keeps the media; an explicit list replaces them.
    const textOnly = await owner.patch<Post>(`${base}/posts/${created.body.id}`, {
      targets: [{ channelId: bluesky.id, text: '改了文字' }, { channelId: weibo.id }],
    });
    expect(textOnly.status, JSON.stringify(textOnly.body)).toBe(200);
    expect(textOnly.body.targets[0]?.mediaIds).toEqual([ids[3], ids[0], ids[2], ids[1]]);
    const reordered = await owner.patch<Post>(`${base}/posts/${created.body.id}`, {
      targets: [
        { channelId: bluesky.id, mediaIds: [ids[0]!] },
        { channelId: weibo.id, mediaIds: [] },
      ],
    });
    expect(reordered.body.targets.map((t) => t.mediaIds)).toEqual([[ids[0]], []]);

    const listed = await owner.get<{ items: Post[] }>(`${base}/posts`);
    expect(listed.body.items[0]?.targets[0]?.mediaIds).toEqual([ids[0]]);
    const asset = await owner.get<MediaAsset>(`${base}/media/${ids[0]}`);
    expect(asset.body.pendingUses).toBe(1);
  });

  it('refuses to delete an asset an unpublished post uses, and deletes it with its file after', async () => {
    const channel = await sandboxChannel();
    const asset = await png();
    const post = await postWith(channel.id, [asset.id]);
    expect(post.status, JSON.stringify(post.body)).toBe(201);

    const refused = await owner.delete(`${base}/media/${asset.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      error: { code: 'conflict', message: expect.stringContaining('春季新品上市') },
    });

    await owner.post(`${base}/posts/${post.body.id}/cancel`);
    const stored = path.join(t.services.config.dataDir, 'media', workspaceId, `${asset.id}.png`);
    expect(fs.existsSync(stored)).toBe(true);
    const removed = await owner.delete(`${base}/media/${asset.id}`);
    expect(removed.status, JSON.stringify(removed.body)).toBe(204);
    expect(fs.existsSync(stored)).toBe(false);
    expect((await owner.get(`${base}/media/${asset.id}`)).status).toBe(404);
    const kept = await owner.get<Post>(`${base}/posts/${post.body.id}`);
    expect(kept.body.targets[0]?.mediaIds).toEqual([]);
  });

  it('refuses a slot after an attached license ends, naming the channel version', async () => {
    const channel = await sandboxChannel();
    const asset = await png([9, 9, 9], {
      expiresAt: new Date(clock.now() + 2 * DAY).toISOString(),
    });
    const post = await postWith(channel.id, [asset.id]);

    const late = await owner.post(`${base}/posts/${post.body.id}/schedule`, {
      scheduledAt: new Date(clock.now() + 3 * DAY).toISOString(),
    });
    expect(late.status).toBe(400);
    expect(late.body).toMatchObject({
      error: {
        code: 'validation_failed',
        fields: { 'targets.0.media': expect.stringContaining('photo-9-9-9.png') },
      },
    });
    const unchanged = await owner.get<Post>(`${base}/posts/${post.body.id}`);
    expect(unchanged.body.status).toBe('draft');

    const early = await owner.post<Post>(`${base}/posts/${post.body.id}/schedule`, {
      scheduledAt: new Date(clock.now() + DAY).toISOString(),
    });
    expect(early.status, JSON.stringify(early.body)).toBe(200);
    expect(early.body.status).toBe('scheduled');

    // Attaching a file whose license ends before the slot is refused while it is scheduled.
    const brief = await png([8, 8, 8], {
      expiresAt: new Date(clock.now() + DAY / 2).toISOString(),
    });
    const swapped = await owner.patch(`${base}/posts/${post.body.id}`, {
      targets: [{ channelId: channel.id, mediaIds: [asset.id, brief.id] }],
    });
    expect(swapped.status).toBe(400);
    expect(swapped.body).toMatchObject({
      error: { fields: { 'targets.0.media': expect.stringContaining('photo-8-8-8.png') } },
    });
    const still = await owner.get<Post>(`${base}/posts/${post.body.id}`);
    expect(still.body.targets[0]?.mediaIds).toEqual([asset.id]);

    // Once it has ended, publishing now is refused too.
    const another = await postWith(channel.id, [asset.id]);
    clock.advance(3 * DAY);
    const now = await owner.post(`${base}/posts/${another.body.id}/publish-now`);
    expect(now.status).toBe(400);
    expect(now.body).toMatchObject({
      error: { fields: { 'targets.0.media': expect.any(String) } },
    });
  });

  it('sends the attached files to the channel when the post goes out', async () => {
    const channel = await sandboxChannel('weibo', 'Weibo sandbox');
    const first = await png([1, 2, 3], {}, [20, 10]);
    const second = await png([4, 5, 6], {}, [30, 30]);
    const post = await postWith(channel.id, [second.id, first.id]);
    const sent = await owner.post<Post>(`${base}/posts/${post.body.id}/publish-now`);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    await runDueJobs(t.services);

    const done = await owner.get<Post>(`${base}/posts/${post.body.id}`);
    expect(done.body.status, JSON.stringify(done.body.targets)).toBe('published');
    const recorded = await t.database.db.kysely
      .selectFrom('sandbox_post')
      .select('media_json')
      .where('workspace_id', '=', workspaceId)
      .where('origin', '=', 'publish')
      .execute();
    expect(recorded.map((row) => JSON.parse(row.media_json) as unknown)).toEqual([
      [
        { kind: 'image', mimeType: 'image/png', bytes: second.bytes },
        { kind: 'image', mimeType: 'image/png', bytes: first.bytes },
      ],
    ]);
    // Published posts no longer hold their media.
    expect((await owner.get<MediaAsset>(`${base}/media/${first.id}`)).body.pendingUses).toBe(0);
  });

  it('fails delivery with a reason when a license ended between scheduling and the slot', async () => {
    const channel = await sandboxChannel('weibo', 'Weibo sandbox');
    const asset = await png([7, 7, 7], {
      expiresAt: new Date(clock.now() + 2 * DAY).toISOString(),
    });
    const post = await postWith(channel.id, [asset.id]);
    const at = clock.now() + DAY;
    await owner.post(`${base}/posts/${post.body.id}/schedule`, {
      scheduledAt: new Date(at).toISOString(),
    });
    // The license end is moved forward after scheduling.
    await owner.patch(`${base}/media/${asset.id}`, {
      expiresAt: new Date(clock.now() + DAY / 2).toISOString(),
    });
    clock.set(at);
    await runDueJobs(t.services);
    const done = await owner.get<Post>(`${base}/posts/${post.body.id}`);
    expect(done.body.targets[0]).toMatchObject({
      status: 'failed',
      lastError: expect.stringContaining('photo-7-7-7.png'),
      errorAction: expect.stringContaining('media library'),
    });
  });
});

describe('expiry alerts', () => {
  it('tells managers once per asset and state, however often the check runs', async () => {
    const manager = await addMember(t, owner, workspaceId, 'manager');
    const editor = await addMember(t, owner, workspaceId, 'editor');
    const soon = await png([1, 0, 0], { expiresAt: new Date(clock.now() + 3 * DAY).toISOString() });
    await png([2, 0, 0], { expiresAt: new Date(clock.now() - DAY).toISOString() });
    await png([3, 0, 0], { expiresAt: new Date(clock.now() + 30 * DAY).toISOString() });
    await png([4, 0, 0]);

    const sweep = t.services.mediaJobs.jobs.find((job) => job.name === 'media.expiry.sweep')!;
    const runCheck = async () => {
      await t.services.jobs.enqueue(sweep, {}, { dedupeKey: `test-sweep-${clock.now()}` });
      await runDueJobs(t.services);
    };
    const kinds = async (client: TestClient) =>
      (
        await client.get<{ items: { kind: string; title: string }[] }>(`${base}/notifications`)
      ).body.items
        .filter((n) => n.kind.startsWith('media.'))
        .map((n) => n.kind)
        .sort();

    await runCheck();
    expect(await kinds(manager.client)).toEqual([
      'media.license_expired',
      'media.license_expiring',
    ]);
    expect(await kinds(owner)).toEqual(['media.license_expired', 'media.license_expiring']);
    expect(await kinds(editor.client)).toEqual([]);

    await runCheck();
    expect(await t.services.media.sendExpiryAlerts(workspaceId)).toBe(0);
    clock.advance(DAY);
    await runCheck();
    expect(await kinds(manager.client)).toHaveLength(2);

    // Three days on, the expiring one has ended: one more alert, for the new state only.
    clock.advance(3 * DAY);
    await runCheck();
    expect(await kinds(manager.client)).toEqual([
      'media.license_expired',
      'media.license_expired',
      'media.license_expiring',
    ]);
    const latest = (
      await manager.client.get<{ items: { title: string; link: string }[] }>(
        `${base}/notifications`,
      )
    ).body.items[0];
    expect(latest).toMatchObject({
      title: `License expired: ${soon.fileName}`,
      link: `/w/${workspaceId}/media?asset=${soon.id}`,
    });

    // Renewing and letting it run out again is a new license period: a new alert.
    await owner.patch(`${base}/media/${soon.id}`, {
      expiresAt: new Date(clock.now() + 2 * DAY).toISOString(),
    });
    clock.advance(DAY);
    await runCheck();
    expect(await kinds(manager.client)).toHaveLength(4);
  });
});
