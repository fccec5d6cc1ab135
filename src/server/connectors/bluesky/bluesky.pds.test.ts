import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  localPdsUnavailableReason,
  startLocalPds,
  type LocalPds,
  type PdsAccount,
} from '../../../../test/fixtures/bluesky-pds.ts';
import { ConnectorError, type Connector } from '../connector.ts';
import { createBlueskyConnector, recordKeyFor, type BlueskyConnectorOptions } from './index.ts';

// The end-to-end suite runs against a real PDS (with an in-memory PLC) on loopback. The PDS has
// no App View, so metrics and the inbox are covered by the contract fake in
// bluesky.connector.test.ts.
const unavailable = await localPdsUnavailableReason();
if (unavailable) console.warn(`Skipping the Bluesky PDS tests: ${unavailable}`);

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

interface PostRecord {
  text: string;
  langs?: string[];
  facets?: Array<{
    index: { byteStart: number; byteEnd: number };
    features: Array<{ $type: string; uri?: string; did?: string }>;
  }>;
  embed?: { $type: string; images: Array<{ alt: string; image: { ref: { $link: string } } }> };
  reply?: { root: { uri: string; cid: string }; parent: { uri: string; cid: string } };
}

describe.skipIf(unavailable !== null)(
  'Bluesky connector against a local PDS',
  { timeout: 60_000 },
  () => {
    let pds: LocalPds;
    let dir: string;

    beforeAll(async () => {
      pds = await startLocalPds();
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'opsloop-bsky-'));
    }, 60_000);
    afterAll(async () => {
      await pds?.close();
      if (dir) await fs.rm(dir, { recursive: true, force: true });
    });

    function connectorFor(
      account: PdsAccount,
      options: Partial<BlueskyConnectorOptions> = {},
    ): Connector {
      return createBlueskyConnector({
        config: { service: pds.url, handle: account.handle },
        credentials: { appPassword: account.appPassword },
        ...options,
      });
    }

    async function readRecord(uri: string): Promise<{ cid: string; value: PostRecord }> {
      const [, , repo, collection, rkey] = uri.split('/');
      const query = new URLSearchParams({ repo: repo!, collection: collection!, rkey: rkey! });
      const response = await fetch(`${pds.url}/xrpc/com.atproto.repo.getRecord?${query}`);
      expect(response.status).toBe(200);
      return (await response.json()) as { cid: string; value: PostRecord };
    }

    async function countPosts(did: string): Promise<number> {
      const query = new URLSearchParams({
        repo: did,
        collection: 'app.bsky.feed.post',
        limit: '100',
      });
      const response = await fetch(`${pds.url}/xrpc/com.atproto.repo.listRecords?${query}`);
      return ((await response.json()) as { records: unknown[] }).records.length;
    }

    it('verifies the account, and reports a bad app password as auth', async () => {
      const account = await connectorFor(pds.alice).verify();
      expect(account).toMatchObject({ externalId: pds.alice.did, handle: 'alice.test' });

      const error = await connectorFor({ ...pds.alice, appPassword: 'aaaa-bbbb-cccc-dddd' })
        .verify()
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConnectorError);
      expect(error).toMatchObject({
        kind: 'auth',
        platformMessage: 'Invalid identifier or password',
      });
      expect((error as ConnectorError).action).toContain('app password');
    });

    it('publishes Chinese and English with a link and a mention as byte-exact facets', async () => {
      const text = '新品上线🎉 see https://example.com/新品?x=1 and thanks @bob.test! 谢谢';
      const post = await connectorFor(pds.alice).publish({
        idempotencyKey: 'facets-1',
        text,
        media: [],
      });
      expect(post.externalId).toBe(
        `at://${pds.alice.did}/app.bsky.feed.post/${recordKeyFor('facets-1')}`,
      );

      const { value } = await readRecord(post.externalId);
      expect(value.text).toBe(text);
      expect(value.langs).toEqual(['zh', 'en']);
      const bytes = Buffer.from(value.text, 'utf8');
      const spans = (value.facets ?? []).map((facet) => ({
        text: bytes.subarray(facet.index.byteStart, facet.index.byteEnd).toString('utf8'),
        feature: facet.features[0],
      }));
      expect(spans).toEqual([
        {
          text: 'https://example.com/新品?x=1',
          feature: {
            $type: 'app.bsky.richtext.facet#link',
            uri: 'https://example.com/新品?x=1',
          },
        },
        {
          text: '@bob.test',
          feature: { $type: 'app.bsky.richtext.facet#mention', did: pds.bob.did },
        },
      ]);
      // 新品上线 (4 × 3 bytes) + 🎉 (4 bytes) + " see " puts the link at byte 21.
      expect(value.facets?.[0]?.index.byteStart).toBe(21);
    });

    it('uploads images with alt text and embeds them', async () => {
      const file = path.join(dir, 'dot.png');
      await fs.writeFile(file, PNG);
      const post = await connectorFor(pds.alice).publish({
        idempotencyKey: 'image-1',
        text: 'One pixel',
        media: [
          {
            kind: 'image',
            path: file,
            mimeType: 'image/png',
            bytes: PNG.length,
            altText: '一个点',
          },
        ],
      });
      const { value } = await readRecord(post.externalId);
      expect(value.embed?.$type).toBe('app.bsky.embed.images');
      expect(value.embed?.images).toHaveLength(1);
      expect(value.embed?.images[0]?.alt).toBe('一个点');

      const cid = value.embed?.images[0]?.image.ref.$link ?? '';
      const blob = await fetch(
        `${pds.url}/xrpc/com.atproto.sync.getBlob?${new URLSearchParams({ did: pds.alice.did, cid })}`,
      );
      expect(Buffer.from(await blob.arrayBuffer()).equals(PNG)).toBe(true);
    });

    it('rejects 301 graphemes and oversized images before sending anything', async () => {
      let requests = 0;
      const counting: typeof fetch = (input, init) => {
        requests += 1;
        return fetch(input, init);
      };
      const connector = connectorFor(pds.alice, { fetch: counting });
      const error = await connector
        .publish({ idempotencyKey: 'long-1', text: '好'.repeat(301), media: [] })
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ kind: 'rejected' });
      expect((error as ConnectorError).action).toContain('at least 1 ');

      await expect(
        connector.publish({
          idempotencyKey: 'big-1',
          text: 'big',
          media: [{ kind: 'image', path: '/nope.png', mimeType: 'image/png', bytes: 2_500_000 }],
        }),
      ).rejects.toMatchObject({ kind: 'rejected' });
      expect(requests).toBe(0);

      // 300 graphemes is allowed.
      await expect(
        connector.publish({ idempotencyKey: 'long-2', text: '好'.repeat(300), media: [] }),
      ).resolves.toMatchObject({ externalId: expect.stringContaining(recordKeyFor('long-2')) });
    });

    it('publishes once per idempotency key, even when two attempts race', async () => {
      const bob = connectorFor(pds.bob);
      const before = await countPosts(pds.bob.did);
      const request = { idempotencyKey: 'once-1', text: 'Only once', media: [] };
      const first = await bob.publish(request);
      const again = await connectorFor(pds.bob).publish(request);
      const raced = await Promise.all([
        connectorFor(pds.bob).publish({ ...request, idempotencyKey: 'once-2' }),
        connectorFor(pds.bob).publish({ ...request, idempotencyKey: 'once-2' }),
      ]);
      expect(again.externalId).toBe(first.externalId);
      expect(raced[0].externalId).toBe(raced[1].externalId);
      expect(await countPosts(pds.bob.did)).toBe(before + 2);

      await expect(bob.findPublished('once-1')).resolves.toMatchObject({
        externalId: first.externalId,
      });
      await expect(bob.findPublished('never-published')).resolves.toBeNull();
    });

    it('replies in a thread, keeping the root, once per key', async () => {
      const post = await connectorFor(pds.alice).publish({
        idempotencyKey: 'thread-1',
        text: 'Root post',
        media: [],
      });
      const bob = connectorFor(pds.bob);
      const first = await bob.reply(
        { externalId: post.externalId, kind: 'comment' },
        '好看！',
        'r-1',
      );
      const again = await bob.reply(
        { externalId: post.externalId, kind: 'comment' },
        '好看！',
        'r-1',
      );
      expect(again.externalId).toBe(first.externalId);

      const answer = await connectorFor(pds.alice).reply(
        { externalId: first.externalId, kind: 'reply' },
        'Thanks @bob.test',
        'r-2',
      );
      const root = await readRecord(post.externalId);
      const reply = (await readRecord(answer.externalId)).value;
      expect(reply.reply?.root).toEqual({ uri: post.externalId, cid: root.cid });
      expect(reply.reply?.parent.uri).toBe(first.externalId);
    });
  },
);
