import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadedMedia } from '../../../shared/media.ts';
import type { Channel, Post } from '../../../shared/publishing.ts';
import { createTestApp, type TestApp } from '../../../../test/app.ts';
import { setUpOwner } from '../../../../test/factories.ts';
import {
  localPdsUnavailableReason,
  startLocalPds,
  type LocalPds,
} from '../../../../test/fixtures/bluesky-pds.ts';
import { runDueJobs } from '../../../../test/run-jobs.ts';
import { bearerFor, makePng, upload } from './media.fixture.ts';

// A post with an image through OpsLoop's whole flow (upload, attach, publish now, delivery job)
// to a real Bluesky PDS on loopback, read back from the PDS.
const unavailable = await localPdsUnavailableReason();
if (unavailable) console.warn(`Skipping the Bluesky media test: ${unavailable}`);

interface ImageEmbed {
  $type: string;
  images: { alt: string; image: { mimeType: string; size: number; ref: { $link: string } } }[];
}

describe.skipIf(unavailable !== null)('images on a Bluesky channel', { timeout: 60_000 }, () => {
  let pds: LocalPds;
  let t: TestApp;

  beforeAll(async () => {
    pds = await startLocalPds();
    t = await createTestApp();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await pds?.close();
  });

  it('uploads the attached images and publishes them as an image embed, in order', async () => {
    const { owner, workspaceId } = await setUpOwner(t);
    const base = `/api/v1/workspaces/${workspaceId}`;
    const token = await bearerFor(owner, workspaceId, 'editor');
    const channel = await owner.post<Channel>(`${base}/channels`, {
      platform: 'bluesky',
      name: 'Bluesky',
      handle: pds.alice.handle,
      appPassword: pds.alice.appPassword,
      service: pds.url,
    });
    expect(channel.status, JSON.stringify(channel.body)).toBe(201);

    const wide = makePng(64, 32, [180, 90, 20]);
    const square = makePng(16, 16, [20, 90, 180]);
    const first = await upload<UploadedMedia>(t, token, workspaceId, wide, {
      type: 'image/png',
      name: 'latte-art.png',
      fields: { altText: '拿铁拉花特写', license: 'owned' },
    });
    const second = await upload<UploadedMedia>(t, token, workspaceId, square, {
      type: 'image/png',
      name: 'menu.png',
    });
    expect([first.status, second.status]).toEqual([201, 201]);

    const post = await owner.post<Post>(`${base}/posts`, {
      body: '春季限定拿铁上市 ☕',
      targets: [{ channelId: channel.body.id, mediaIds: [first.body.id, second.body.id] }],
    });
    expect(post.status, JSON.stringify(post.body)).toBe(201);
    const sent = await owner.post(`${base}/posts/${post.body.id}/publish-now`);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    await runDueJobs(t.services, 30_000);

    const done = await owner.get<Post>(`${base}/posts/${post.body.id}`);
    expect(done.body.status, JSON.stringify(done.body.targets)).toBe('published');
    const uri = done.body.targets[0]!.externalId!;
    const [, , repo, collection, rkey] = uri.split('/');
    const query = new URLSearchParams({ repo: repo!, collection: collection!, rkey: rkey! });
    const response = await fetch(`${pds.url}/xrpc/com.atproto.repo.getRecord?${query}`);
    expect(response.status).toBe(200);
    const record = (await response.json()) as { value: { text: string; embed?: ImageEmbed } };
    expect(record.value.text).toBe('春季限定拿铁上市 ☕');
    expect(record.value.embed?.$type).toBe('app.bsky.embed.images');
    expect(
      record.value.embed?.images.map((image) => ({
        alt: image.alt,
        mimeType: image.image.mimeType,
        size: image.image.size,
      })),
    ).toEqual([
      { alt: '拿铁拉花特写', mimeType: 'image/png', size: wide.length },
      { alt: '', mimeType: 'image/png', size: square.length },
    ]);

    // The blob on the PDS is the very file from the library.
    const cid = record.value.embed!.images[0]!.image.ref.$link;
    const blob = await fetch(
      `${pds.url}/xrpc/com.atproto.sync.getBlob?${new URLSearchParams({ did: repo!, cid })}`,
    );
    expect(Buffer.from(await blob.arrayBuffer()).equals(wide)).toBe(true);
  });
});
