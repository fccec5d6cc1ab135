import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel, Post, PublishingSettings } from '../../../shared/publishing.ts';
import type { AuditPage } from '../../../shared/api.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.ts';
import { addMember, setUpOwner } from '../../../../test/factories.ts';
import { FakeNetwork } from '../../../../test/fakes/fake-network.ts';
import { runDueJobs } from '../../../../test/run-jobs.ts';
import { FakeClock } from '../../platform/clock.ts';

let t: TestApp;
let clock: FakeClock;
let network: FakeNetwork;
let owner: TestClient;
let workspaceId: string;
let base: string;

beforeEach(async () => {
  clock = new FakeClock('2026-03-02T01:00:00.000Z');
  network = new FakeNetwork();
  network.now = () => clock.now();
  t = await createTestApp({ clock, connectors: network.factory });
  ({ owner, workspaceId } = await setUpOwner(t));
  base = `/api/v1/workspaces/${workspaceId}`;
});
afterEach(async () => {
  await t.close();
});

async function webhookChannel(name = 'Hook'): Promise<Channel> {
  const res = await owner.post<Channel>(`${base}/channels`, {
    platform: 'webhook',
    name,
    url: 'https://hooks.example.com/opsloop',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function draft(channelIds: string[], body = '新品上市，欢迎来店里尝尝 ☕'): Promise<Post> {
  const res = await owner.post<Post>(`${base}/posts`, {
    title: '春季新品',
    body,
    topics: ['新品'],
    targets: channelIds.map((channelId) => ({ channelId })),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('channels', () => {
  it('connects channels without ever returning credentials', async () => {
    const hook = await owner.post<Channel>(`${base}/channels`, {
      platform: 'webhook',
      name: 'CRM hook',
      url: 'https://hooks.example.com/x',
      secret: 'a-very-secret-webhook-key',
    });
    expect(hook.body).toMatchObject({
      platform: 'webhook',
      status: 'connected',
      hasCredentials: true,
      handle: 'hooks.example.com',
    });
    expect(JSON.stringify(hook.body)).not.toContain('a-very-secret');
    const stored = await t.database.db.kysely
      .selectFrom('channel')
      .select('credentials_sealed')
      .execute();
    expect(JSON.stringify(stored)).not.toContain('a-very-secret');

    const xhs = await owner.post<Channel>(`${base}/channels`, {
      platform: 'assisted',
      style: 'xiaohongshu',
      name: '小红书主号',
      handle: '@brand',
    });
    expect(xhs.body).toMatchObject({ assisted: true, limits: { maxTitleLength: 20 } });
    const list = await owner.get<{ items: Channel[] }>(`${base}/channels`);
    expect(list.body.items.map((c) => c.name)).toEqual(['CRM hook', '小红书主号']);
    const checked = await owner.post<Channel>(`${base}/channels/${hook.body.id}/check`);
    expect(checked.body.lastCheckedAt).not.toBeNull();
  });
});

describe('posts and approvals', () => {
  it('validates each channel version and says what to cut', async () => {
    const hook = await webhookChannel();
    const xhs = await owner.post<Channel>(`${base}/channels`, {
      platform: 'assisted',
      style: 'xiaohongshu',
      name: '小红书',
      handle: '@brand',
    });
    const res = await owner.post(`${base}/posts`, {
      title: '这是一个超过二十个字的小红书标题，平台会拒绝它的哦',
      body: 'Body',
      targets: [{ channelId: hook.id }, { channelId: xhs.body.id }, { channelId: 'nope' }],
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: {
        fields: {
          'targets.1.title': expect.stringMatching(
            /^小红书: is 25 characters, 5 over the limit of 20: cut 5$/,
          ),
          'targets.2.channelId': 'no such channel in this workspace',
        },
      },
    });
  });

  it('runs a two-step approval with no self-approval', async () => {
    const hook = await webhookChannel();
    await owner.patch<PublishingSettings>(`${base}/publishing/settings`, {
      approvalSteps: [
        { name: 'Manager', roles: ['manager'] },
        { name: 'Legal', roles: ['admin'] },
      ],
    });
    const editor = await addMember(t, owner, workspaceId, 'editor');
    const manager = await addMember(t, owner, workspaceId, 'manager');
    const created = await editor.client.post<Post>(`${base}/posts`, {
      body: 'Hello from the editor',
      targets: [{ channelId: hook.id }],
    });
    const postUrl = `${base}/posts/${created.body.id}`;
    expect(
      (await editor.client.post(`${postUrl}/schedule`, { scheduledAt: '2026-03-03T01:00:00.000Z' }))
        .status,
    ).toBe(409);
    expect((await editor.client.post<Post>(`${postUrl}/submit`, {})).body.status).toBe('in_review');
    expect((await editor.client.post(`${postUrl}/approve`, {})).status).toBe(403);

    const notes = await manager.client.get<{ items: { kind: string }[]; unread: number }>(
      `${base}/notifications`,
    );
    expect(notes.body.items.map((n) => n.kind)).toContain('post.review_requested');

    const changes = await manager.client.post<Post>(`${postUrl}/request-changes`, {
      comment: '加个emoji',
    });
    expect(changes.body.status).toBe('changes_requested');
    await editor.client.patch(postUrl, { body: 'Hello from the editor 👋' });
    await editor.client.post(`${postUrl}/submit`, {});
    const first = await manager.client.post<Post>(`${postUrl}/approve`, { comment: 'ok' });
    expect(first.body).toMatchObject({ status: 'in_review', approvalStep: 1 });
    expect((await manager.client.post(`${postUrl}/approve`, {})).status).toBe(403);
    const second = await owner.post<Post>(`${postUrl}/approve`, {});
    expect(second.body.status).toBe('approved');
    expect(second.body.reviews.map((r) => r.kind)).toEqual([
      'submit',
      'request_changes',
      'submit',
      'approve',
      'approve',
    ]);

    const audit = await owner.get<AuditPage>(`${base}/audit?targetId=${created.body.id}`);
    expect(audit.body.items.map((e) => e.action).reverse()).toEqual([
      'posts.create',
      'posts.in_review',
      'posts.changes_requested',
      'posts.update',
      'posts.in_review',
      'posts.in_review',
      'posts.approved',
    ]);
  });
});

describe('delivery', () => {
  it('publishes at its slot, once, with the idempotency key', async () => {
    const a = await webhookChannel('A');
    const b = await webhookChannel('B');
    const post = await draft([a.id, b.id]);
    const scheduled = await owner.post<Post>(`${base}/posts/${post.id}/schedule`, {
      scheduledAt: '2026-03-02T02:00:00.000Z',
    });
    expect(scheduled.body.status).toBe('scheduled');
    await runDueJobs(t.services);
    expect(network.calls).toHaveLength(0);

    clock.set('2026-03-02T02:00:00.000Z');
    await runDueJobs(t.services);
    const after = await owner.get<Post>(`${base}/posts/${post.id}`);
    expect(after.body.status).toBe('published');
    expect(after.body.targets.map((x) => x.status)).toEqual(['published', 'published']);
    expect(after.body.targets[0]?.url).toMatch(/^https:\/\/fake\.test\//);
    expect(network.posts).toHaveLength(2);
    expect(new Set(network.calls.map((c) => c.idempotencyKey)).size).toBe(2);

    // The per-minute sweep finds nothing left to send.
    clock.advance(60_000);
    await t.services.jobs.enqueue(t.services.publishing.jobs[2]!, {});
    await runDueJobs(t.services);
    expect(network.calls).toHaveLength(2);
  });

  it('moves a rescheduled post and ignores its old slot', async () => {
    const a = await webhookChannel();
    const post = await draft([a.id]);
    await owner.post(`${base}/posts/${post.id}/schedule`, {
      scheduledAt: '2026-03-02T02:00:00.000Z',
    });
    await owner.post(`${base}/posts/${post.id}/schedule`, {
      scheduledAt: '2026-03-02T05:00:00.000Z',
    });
    clock.set('2026-03-02T03:00:00.000Z');
    await runDueJobs(t.services);
    expect(network.calls).toHaveLength(0);
    clock.set('2026-03-02T05:00:00.000Z');
    await runDueJobs(t.services);
    expect(network.posts).toHaveLength(1);
  });

  it('retries what the platform could not take, and explains what it refused', async () => {
    const a = await webhookChannel('A');
    const b = await webhookChannel('B');
    network.failures = [{ kind: 'retryable', message: '503 Service Unavailable' }];
    const post = await draft([a.id]);
    await owner.post(`${base}/posts/${post.id}/publish-now`, {});
    await runDueJobs(t.services);
    let current = await owner.get<Post>(`${base}/posts/${post.id}`);
    expect(current.body.targets[0]).toMatchObject({
      status: 'scheduled',
      lastError: expect.stringContaining('503'),
    });
    clock.advance(10 * 60_000);
    await runDueJobs(t.services);
    current = await owner.get<Post>(`${base}/posts/${post.id}`);
    expect(current.body.status).toBe('published');
    expect(network.posts).toHaveLength(1);

    network.failures = [{ kind: 'rejected', message: 'Text contains a banned word' }];
    const refused = await draft([b.id], 'Another post');
    await owner.post(`${base}/posts/${refused.id}/publish-now`, {});
    await runDueJobs(t.services);
    current = await owner.get<Post>(`${base}/posts/${refused.id}`);
    expect(current.body.status).toBe('failed');
    expect(current.body.targets[0]?.lastError).toContain(
      'the platform said: Text contains a banned word',
    );
    expect(current.body.targets[0]?.errorAction).toMatch(/Edit the post/);
    const notes = await owner.get<{ items: { kind: string; title: string }[] }>(
      `${base}/notifications`,
    );
    expect(notes.body.items[0]).toMatchObject({
      kind: 'post.delivery_problem',
      title: 'Publishing failed on B',
    });

    const retried = await owner.post<Post>(
      `${base}/posts/${refused.id}/targets/${current.body.targets[0]!.id}/retry`,
    );
    expect(retried.body.status).toBe('scheduled');
    clock.advance(1000);
    await runDueJobs(t.services);
    expect((await owner.get<Post>(`${base}/posts/${refused.id}`)).body.status).toBe('published');
  });

  it('reconciles an unknown outcome by looking the post up, never sending it twice', async () => {
    const a = await webhookChannel();
    network.failures = [{ kind: 'unknown_outcome', created: true }];
    const post = await draft([a.id]);
    await owner.post(`${base}/posts/${post.id}/publish-now`, {});
    await runDueJobs(t.services);
    expect((await owner.get<Post>(`${base}/posts/${post.id}`)).body.status).toBe('unconfirmed');
    clock.advance(60_000);
    await runDueJobs(t.services);
    const done = await owner.get<Post>(`${base}/posts/${post.id}`);
    expect(done.body.status).toBe('published');
    expect(network.calls).toHaveLength(1);
    expect(network.posts).toHaveLength(1);
  });

  it('resumes a delivery that died mid-call without doubling it', async () => {
    const a = await webhookChannel();
    const post = await draft([a.id]);
    await owner.post(`${base}/posts/${post.id}/publish-now`, {});
    // What a worker killed mid-call leaves behind: the post created on the platform, the target
    // still `publishing`, and its job back in the queue once the lease runs out.
    const target = (await owner.get<Post>(`${base}/posts/${post.id}`)).body.targets[0]!;
    const key = (
      await t.database.db.kysely
        .selectFrom('post_target')
        .select('idempotency_key')
        .executeTakeFirstOrThrow()
    ).idempotency_key;
    network.posts.push({
      externalId: 'fake-early',
      idempotencyKey: key,
      channelId: a.id,
      text: 'x',
      publishedAt: clock.now(),
    });
    await t.database.db.kysely
      .updateTable('post_target')
      .set({ status: 'publishing' })
      .where('id', '=', target.id)
      .execute();
    await runDueJobs(t.services);
    const done = await owner.get<Post>(`${base}/posts/${post.id}`);
    expect(done.body.targets[0]).toMatchObject({ status: 'published', externalId: 'fake-early' });
    expect(network.calls).toHaveLength(0);
  });

  it('asks a person to publish on an assisted channel and takes the URL', async () => {
    const xhs = await owner.post<Channel>(`${base}/channels`, {
      platform: 'assisted',
      style: 'xiaohongshu',
      name: '小红书',
      handle: '@brand',
    });
    const post = await draft([xhs.body.id]);
    await owner.post(`${base}/posts/${post.id}/publish-now`, {});
    await runDueJobs(t.services);
    const waiting = await owner.get<Post>(`${base}/posts/${post.id}`);
    expect(waiting.body.targets[0]).toMatchObject({
      status: 'unconfirmed',
      errorAction: expect.stringContaining('mark it published'),
    });
    const notes = await owner.get<{ items: { kind: string }[] }>(`${base}/notifications`);
    expect(notes.body.items.map((n) => n.kind)).toContain('post.publish_reminder');
    const marked = await owner.post<Post>(
      `${base}/posts/${post.id}/targets/${waiting.body.targets[0]!.id}/mark-published`,
      { url: 'https://www.xiaohongshu.com/explore/abc' },
    );
    expect(marked.body.status).toBe('published');
    expect(marked.body.targets[0]?.url).toBe('https://www.xiaohongshu.com/explore/abc');
  });

  it('cancels what has not gone out', async () => {
    const a = await webhookChannel();
    const post = await draft([a.id]);
    await owner.post(`${base}/posts/${post.id}/schedule`, {
      scheduledAt: '2026-03-02T02:00:00.000Z',
    });
    const canceled = await owner.post<Post>(`${base}/posts/${post.id}/cancel`, {});
    expect(canceled.body.status).toBe('canceled');
    clock.set('2026-03-02T02:00:00.000Z');
    await runDueJobs(t.services);
    expect(network.calls).toHaveLength(0);
    expect(
      (
        await owner.post(`${base}/posts/${post.id}/schedule`, {
          scheduledAt: '2020-01-01T00:00:00.000Z',
        })
      ).status,
    ).toBe(400);
  });
});

describe('webhook channel, end to end', () => {
  it('delivers a signed request the receiver can verify, once', async () => {
    const { startWebhookReceiver } = await import('../../../../test/fixtures/webhook-receiver.ts');
    const { createConnectorFactory } = await import('../../connectors/index.ts');
    const real = await createTestApp({
      clock,
      connectors: createConnectorFactory({ db: t.database.db, clock }),
    });
    try {
      const first = await setUpOwner(real);
      const created = await first.owner.post<Channel & { webhookSecret: string }>(
        `/api/v1/workspaces/${first.workspaceId}/channels`,
        { platform: 'webhook', name: 'n8n', url: 'http://127.0.0.1:9/unused' },
      );
      const receiver = await startWebhookReceiver({
        secret: created.body.webhookSecret,
        now: () => clock.now(),
      });
      try {
        await real.database.db.kysely
          .updateTable('channel')
          .set({ config_json: JSON.stringify({ url: receiver.url }) })
          .execute();
        const wsBase = `/api/v1/workspaces/${first.workspaceId}`;
        const post = await first.owner.post<Post>(`${wsBase}/posts`, {
          body: 'Signed and delivered ✅',
          targets: [{ channelId: created.body.id }],
        });
        await first.owner.post(`${wsBase}/posts/${post.body.id}/publish-now`, {});
        await runDueJobs(real.services);
        const done = await first.owner.get<Post>(`${wsBase}/posts/${post.body.id}`);
        console.log(
          JSON.stringify(done.body),
          await real.database.db.kysely.selectFrom('job').selectAll().execute(),
        );
        expect(done.body.targets[0]?.lastError ?? null).toBeNull();
        expect(done.body.status).toBe('published');
        expect(receiver.requests).toHaveLength(1);
        expect(receiver.requests[0]?.verification).toEqual({ ok: true });
        expect(JSON.parse(receiver.requests[0]!.body)).toMatchObject({
          event: 'post.publish',
          post: { text: 'Signed and delivered ✅' },
        });
      } finally {
        await receiver.close();
      }
    } finally {
      await real.close();
    }
  });
});
