import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel, Post } from '../../../shared/publishing.ts';
import { createTestApp, type TestApp } from '../../../../test/app.ts';
import { setUpOwner } from '../../../../test/factories.ts';
import { startLocalPds, type LocalPds } from '../../../../test/fixtures/bluesky-pds.ts';
import { runDueJobs } from '../../../../test/run-jobs.ts';
import { decryptSecret } from '../../platform/crypto/crypto.ts';

// A Bluesky channel end to end through OpsLoop's API, against a real PDS on loopback.
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

describe('Bluesky channel', () => {
  it('connects with an app password, publishes, and keeps its session for the next call', async () => {
    // The app's own driver factory, saving sessions through the channel service.
    const services = t.services;
    const { owner, workspaceId } = await setUpOwner(t);
    const base = `/api/v1/workspaces/${workspaceId}`;

    const wrong = await owner.post(`${base}/channels`, {
      platform: 'bluesky',
      name: 'Bluesky',
      handle: pds.alice.handle,
      appPassword: 'wrong-password',
      service: pds.url,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ error: { fields: { appPassword: expect.any(String) } } });

    const created = await owner.post<Channel>(`${base}/channels`, {
      platform: 'bluesky',
      name: 'Bluesky',
      handle: pds.alice.handle,
      appPassword: pds.alice.appPassword,
      service: pds.url,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    for (const text of ['新品上市 ☕ https://example.com/latte', 'Second post, same session']) {
      const post = await owner.post<Post>(`${base}/posts`, {
        body: text,
        targets: [{ channelId: created.body.id }],
      });
      await owner.post(`${base}/posts/${post.body.id}/publish-now`, {});
      await runDueJobs(services);
      const done = await owner.get<Post>(`${base}/posts/${post.body.id}`);
      expect(done.body.status, JSON.stringify(done.body.targets)).toBe('published');
      expect(done.body.targets[0]?.externalId).toMatch(/^at:\/\//);

      const row = await t.database.db.kysely
        .selectFrom('channel')
        .select('credentials_sealed')
        .where('id', '=', created.body.id)
        .executeTakeFirstOrThrow();
      const credentials = JSON.parse(
        decryptSecret(services.secretKey, row.credentials_sealed!),
      ) as {
        appPassword: string;
        session?: { accessJwt: string; did: string };
      };
      expect(credentials.session?.did).toBe(pds.alice.did);
    }
  }, 60_000);
});
