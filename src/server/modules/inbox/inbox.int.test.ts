import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../shared/api.ts';
import type {
  Contact,
  Conversation,
  ConversationDetail,
  ConversationPage,
  InboxMessage,
  InboxSummary,
} from '../../../shared/inbox.ts';
import type { Channel, Notification } from '../../../shared/publishing.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.ts';
import { addMember, setUpOwner } from '../../../../test/factories.ts';
import { runDueJobs } from '../../../../test/run-jobs.ts';
import {
  generateSandboxHistory,
  listSandboxMessages,
  type InboundMessage,
} from '../../connectors/index.ts';
import { jobCatalog } from '../../job-catalog.ts';
import { startScheduler } from '../../jobs/index.ts';
import { FakeClock } from '../../platform/clock.ts';
import { silentLogger } from '../../platform/logger.ts';

const HOUR = 3_600_000;
const clock = new FakeClock('2026-03-02T08:00:00.000Z');
let t: TestApp;
let owner: TestClient;
let ownerId: string;
let agent: { client: TestClient; userId: string };
let viewer: TestClient;
let workspaceId: string;
let base: string;
let channel: Channel;
let accountId: string;

async function allConversations(query = ''): Promise<Conversation[]> {
  const items: Conversation[] = [];
  let cursor: string | null = null;
  do {
    const sep: string = query ? '&' : '';
    const page: { status: number; body: ConversationPage } = await owner.get<ConversationPage>(
      `${base}/inbox/conversations?limit=200${sep}${query}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(page.status).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

async function countMessages(): Promise<number> {
  const row = await t.services.db.kysely
    .selectFrom('inbox_message')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('direction', '=', 'in')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  const setup = await setUpOwner(t);
  owner = setup.owner;
  workspaceId = setup.workspaceId;
  ownerId = setup.session.user.id;
  base = `/api/v1/workspaces/${workspaceId}`;
  agent = await addMember(t, owner, workspaceId, 'agent');
  viewer = (await addMember(t, owner, workspaceId, 'viewer')).client;
  const created = await owner.post<Channel>(`${base}/channels`, {
    platform: 'sandbox',
    style: 'weibo',
    name: '微博 · 测试',
    seed: 4242,
  });
  expect(created.status).toBe(201);
  channel = created.body;
  const row = await t.services.channels.requireChannel(workspaceId, channel.id);
  accountId = row.external_account_id!;
  // Ten days of posts already on the platform, mirrored in OpsLoop as published posts.
  const history = await generateSandboxHistory(
    t.services.db,
    clock,
    { workspaceId, accountId },
    { days: 10, postsPerDay: 3 },
  );
  await t.services.posts.importPublished(
    workspaceId,
    ownerId,
    history.map((post) => ({
      channelId: channel.id,
      title: post.title,
      text: post.text,
      topics: post.topics,
      externalId: post.externalId,
      url: post.url,
      publishedAt: post.publishedAt,
      idempotencyKey: post.idempotencyKey,
    })),
  );
}, 60_000);

afterAll(async () => {
  await t.close();
});

describe('collection', () => {
  it('shows an empty inbox that says what to do before anything was collected', async () => {
    const summary = await owner.get<InboxSummary>(`${base}/inbox/summary`);
    expect(summary.status).toBe(200);
    expect(summary.body.counts.open).toBe(0);
    expect(summary.body.channels).toEqual([]);
  });

  it('collects every message of the channel once, through a refresh job', async () => {
    const refresh = await owner.post<{ channels: number }>(`${base}/inbox/refresh`, {});
    expect(refresh.status).toBe(202);
    expect(refresh.body.channels).toBe(1);
    await runDueJobs(t.services, 30_000);
    const truth = await listSandboxMessages(t.services.db, clock, { workspaceId, accountId });
    expect(truth.length).toBeGreaterThan(100);
    expect(await countMessages()).toBe(truth.length);

    const summary = await owner.get<InboxSummary>(`${base}/inbox/summary`);
    expect(summary.body.channels).toHaveLength(1);
    expect(summary.body.channels[0]!.collected).toBe(truth.length);
    expect(summary.body.channels[0]!.lastError).toBeNull();

    // Reading again (the cron, or the same page after a crash) stores nothing twice.
    await owner.post(`${base}/inbox/refresh`, { channelId: channel.id });
    clock.advance(10_000);
    await t.services.inbox.collectChannel(workspaceId, channel.id);
    const again = await t.services.inbox.ingestPage({
      workspaceId,
      channelId: channel.id,
      items: truth.slice(0, 50).map((m) => m.message),
      historyBefore: 0,
      now: clock.now(),
    });
    expect(again.inserted).toBe(0);
    expect(await countMessages()).toBe(truth.length);
  });

  it("labels messages with the workspace's classifier, mostly as the sandbox's truth says", async () => {
    const truth = await listSandboxMessages(t.services.db, clock, { workspaceId, accountId });
    const byId = new Map(truth.map((m) => [m.message.externalId, m.truth]));
    const rows = await t.services.db.kysely
      .selectFrom('inbox_message')
      .select(['external_id', 'sentiment', 'intent', 'language', 'priority'])
      .where('workspace_id', '=', workspaceId)
      .where('channel_id', '=', channel.id)
      .execute();
    let sentiment = 0;
    let intent = 0;
    for (const row of rows) {
      const labels = byId.get(row.external_id!)!;
      expect(row.sentiment).not.toBeNull();
      expect(row.language).not.toBeNull();
      if (row.sentiment === labels.sentiment) sentiment += 1;
      const expected = labels.intent === 'crisis_signal' ? 'crisis' : labels.intent;
      if (row.intent === expected) intent += 1;
    }
    expect(sentiment / rows.length).toBeGreaterThan(0.6);
    expect(intent / rows.length).toBeGreaterThan(0.5);
  });

  it('threads comments by top-level comment and DMs by person', async () => {
    const rows = await t.services.db.kysely
      .selectFrom('inbox_message')
      .select([
        'external_id',
        'conversation_id',
        'parent_external_id',
        'kind',
        'author_external_id',
      ])
      .where('workspace_id', '=', workspaceId)
      .execute();
    const byExternal = new Map(rows.map((r) => [r.external_id, r]));
    const replies = rows.filter((r) => r.kind === 'reply');
    expect(replies.length).toBeGreaterThan(0);
    for (const reply of replies) {
      const parent = byExternal.get(reply.parent_external_id);
      expect(parent, 'a reply joins its parent').toBeDefined();
      expect(reply.conversation_id).toBe(parent!.conversation_id);
    }
    const comments = rows.filter((r) => r.kind === 'comment');
    expect(new Set(comments.map((c) => c.conversation_id)).size).toBe(comments.length);
    const dms = rows.filter((r) => r.kind === 'direct_message');
    const dmConversations = new Map<string, string>();
    for (const dm of dms) {
      const known = dmConversations.get(dm.author_external_id!);
      if (known) expect(dm.conversation_id).toBe(known);
      dmConversations.set(dm.author_external_id!, dm.conversation_id);
    }
    expect(new Set(dms.map((d) => d.conversation_id)).size).toBe(dmConversations.size);
  });

  it('shows each thread with its contact and the OpsLoop post it is about', async () => {
    const threads = await allConversations('');
    const withPost = threads.filter((c) => c.kind === 'thread');
    expect(withPost.length).toBeGreaterThan(0);
    for (const c of withPost) {
      expect(c.post?.postId, 'linked to the published post').toBeTruthy();
      expect(c.post?.title ?? c.post?.excerpt).toBeTruthy();
      expect(c.contact?.displayName).toBeTruthy();
      expect(c.contact?.handle).toBeTruthy();
    }
    const direct = threads.filter((c) => c.kind === 'direct');
    expect(direct.length).toBeGreaterThan(0);
    expect(direct.every((c) => c.post === null && c.contact !== null)).toBe(true);
  });

  it('brings old history in resolved and recent messages open and unread', async () => {
    const all = await allConversations('');
    const state = await t.services.db.kysely
      .selectFrom('inbox_channel_state')
      .select('created_at')
      .where('channel_id', '=', channel.id)
      .executeTakeFirstOrThrow();
    const cutoff = state.created_at - 3 * 24 * HOUR;
    for (const c of all) {
      const last = Date.parse(c.lastCustomerMessageAt!);
      if (last < cutoff) expect(c.status).toBe('resolved');
      else expect(c.status).toBe('open');
    }
    const open = all.filter((c) => c.status === 'open');
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((c) => c.unreadCount > 0 && c.waitingSince !== null)).toBe(true);
    const summary = await owner.get<InboxSummary>(`${base}/inbox/summary`);
    expect(summary.body.counts.open).toBe(open.length);
    expect(summary.body.counts.unassigned).toBe(open.length);
  });

  it('collects what arrives later with the cron, and pages the list by cursor', async () => {
    const before = await countMessages();
    clock.advance(12 * HOUR);
    // The minute cron enqueues a collection per channel.
    const { registry, crons } = jobCatalog(t.services);
    const scheduler = startScheduler({
      db: t.services.db,
      clock,
      logger: silentLogger(),
      registry,
      entries: crons.filter((c) => c.key.startsWith('inbox.')),
      tickMs: 60_000,
      catchUpMs: 120_000,
    });
    await scheduler.stop();
    await runDueJobs(t.services, 30_000);
    const truth = await listSandboxMessages(t.services.db, clock, { workspaceId, accountId });
    expect(truth.length).toBeGreaterThan(before);
    expect(await countMessages()).toBe(truth.length);
    const page = await owner.get<ConversationPage>(`${base}/inbox/conversations?limit=5`);
    expect(page.body.items).toHaveLength(5);
    const next = await owner.get<ConversationPage>(
      `${base}/inbox/conversations?limit=5&cursor=${page.body.nextCursor}`,
    );
    expect(next.body.items[0]!.id).not.toBe(page.body.items[4]!.id);
    expect(Date.parse(next.body.items[0]!.lastMessageAt)).toBeLessThanOrEqual(
      Date.parse(page.body.items[4]!.lastMessageAt),
    );
    const bad = await owner.get(`${base}/inbox/conversations?cursor=nonsense`);
    expect(bad.status).toBe(400);
  });
});

describe('threads, statuses and triage', () => {
  const author = {
    externalId: 'u-synth',
    handle: 'synth_user',
    displayName: '小林',
    followers: 12,
  };
  const dm = (id: string, text: string, at: number): InboundMessage => ({
    externalId: id,
    kind: 'direct_message',
    postExternalId: null,
    parentExternalId: null,
    author,
    text,
    createdAt: at,
  });
  let conversationId: string;

  it('reopens a resolved conversation when the customer writes again', async () => {
    const first = await t.services.inbox.ingestPage({
      workspaceId,
      channelId: channel.id,
      items: [dm('synth-dm-1', '你好，请问发货了吗？', clock.now() - 1000)],
      historyBefore: 0,
      now: clock.now(),
    });
    expect(first.inserted).toBe(1);
    conversationId = first.conversationIds[0]!;
    const resolved = await owner.patch<Conversation>(
      `${base}/inbox/conversations/${conversationId}`,
      { status: 'resolved' },
    );
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('resolved');
    expect(resolved.body.unreadCount).toBe(0);
    clock.advance(60_000);
    const second = await t.services.inbox.ingestPage({
      workspaceId,
      channelId: channel.id,
      items: [dm('synth-dm-2', '还没收到，急！', clock.now() - 500)],
      historyBefore: 0,
      now: clock.now(),
    });
    expect(second.conversationIds).toEqual([conversationId]);
    const detail = await owner.get<ConversationDetail>(
      `${base}/inbox/conversations/${conversationId}`,
    );
    expect(detail.body.conversation.status).toBe('open');
    expect(detail.body.conversation.resolvedAt).toBeNull();
    expect(detail.body.conversation.messageCount).toBe(2);
    expect(detail.body.conversation.lastMessagePreview).toBe('还没收到，急！');
    expect(detail.body.messages.map((m) => m.externalId)).toEqual(['synth-dm-1', 'synth-dm-2']);
    expect(detail.body.contact?.handles[0]?.handle).toBe('synth_user');
    expect(detail.body.channel.canReply).toBe(true);
    expect(detail.body.channel.canHide).toBe(false);
  });

  it('threads a reply to an unseen comment under that comment, and later replies with it', async () => {
    const reply = (id: string, parent: string): InboundMessage => ({
      externalId: id,
      kind: 'reply',
      postExternalId: 'post-unknown',
      parentExternalId: parent,
      author: { ...author, externalId: `a-${id}`, handle: `h_${id}` },
      text: `reply ${id}`,
      createdAt: clock.now() - 100,
    });
    const a = await t.services.inbox.ingestPage({
      workspaceId,
      channelId: channel.id,
      items: [reply('synth-r1', 'ghost-comment'), reply('synth-r2', 'synth-r1')],
      historyBefore: 0,
      now: clock.now(),
    });
    expect(a.conversationIds).toHaveLength(1);
    const b = await t.services.inbox.ingestPage({
      workspaceId,
      channelId: channel.id,
      items: [reply('synth-r3', 'synth-r2')],
      historyBefore: 0,
      now: clock.now(),
    });
    expect(b.conversationIds).toEqual(a.conversationIds);
  });

  it('assigns to a member, notifies them and filters by assignee; refuses strangers', async () => {
    const assigned = await owner.patch<Conversation>(
      `${base}/inbox/conversations/${conversationId}`,
      { assigneeId: agent.userId, priority: 'high', tags: ['物流', '物流', 'VIP'] },
    );
    expect(assigned.status).toBe(200);
    expect(assigned.body.assigneeId).toBe(agent.userId);
    expect(assigned.body.priority).toBe('high');
    expect(assigned.body.tags).toEqual(['物流', 'VIP']);
    const mine = await agent.client.get<ConversationPage>(
      `${base}/inbox/conversations?assigneeId=me`,
    );
    expect(mine.body.items.map((c) => c.id)).toEqual([conversationId]);
    const byTag = await owner.get<ConversationPage>(`${base}/inbox/conversations?tag=VIP`);
    expect(byTag.body.items.map((c) => c.id)).toEqual([conversationId]);
    const notes = await agent.client.get<{ items: Notification[] }>(`${base}/notifications`);
    expect(notes.body.items.some((n) => n.kind === 'inbox.assigned')).toBe(true);

    const stranger = await owner.patch(`${base}/inbox/conversations/${conversationId}`, {
      assigneeId: 'nobody',
    });
    expect(stranger.status).toBe(400);
    expect(
      (stranger.body as { error: { fields: Record<string, string> } }).error.fields,
    ).toHaveProperty('assigneeId');
    const team = await owner.patch(`${base}/inbox/conversations/${conversationId}`, {
      teamId: 'no-team',
    });
    expect(team.status).toBe(400);
  });

  it('resolves, assigns and tags a selection in bulk', async () => {
    const open = (
      await owner.get<ConversationPage>(`${base}/inbox/conversations?status=open&limit=3`)
    ).body.items;
    expect(open).toHaveLength(3);
    const ids = open.map((c) => c.id);
    const bulk = await agent.client.post<{ updated: number }>(`${base}/inbox/conversations/bulk`, {
      conversationIds: [...ids, 'not-a-conversation'],
      assigneeId: agent.userId,
      addTags: ['批量'],
    });
    expect(bulk.status).toBe(200);
    expect(bulk.body.updated).toBe(3);
    const resolved = await agent.client.post<{ updated: number }>(
      `${base}/inbox/conversations/bulk`,
      { conversationIds: ids, status: 'resolved', removeTags: ['批量'] },
    );
    expect(resolved.body.updated).toBe(3);
    for (const id of ids) {
      const d = await owner.get<ConversationDetail>(`${base}/inbox/conversations/${id}`);
      expect(d.body.conversation.status).toBe('resolved');
      expect(d.body.conversation.assigneeId).toBe(agent.userId);
      expect(d.body.conversation.tags).not.toContain('批量');
    }
  });

  it('filters by status, priority, unread and words', async () => {
    const urgent = await owner.get<ConversationPage>(`${base}/inbox/conversations?priority=high`);
    expect(urgent.body.items.every((c) => c.priority === 'high')).toBe(true);
    const found = await owner.get<ConversationPage>(
      `${base}/inbox/conversations?q=${encodeURIComponent('还没收到')}`,
    );
    expect(found.body.items.map((c) => c.id)).toContain(conversationId);
    const read = await owner.post(`${base}/inbox/conversations/${conversationId}/read`);
    expect(read.status).toBe(204);
    const unread = await allConversations('unread=true');
    expect(unread.some((c) => c.id === conversationId)).toBe(false);
    const badFilter = await owner.get(`${base}/inbox/conversations?sentiment=angry`);
    expect(badFilter.status).toBe(400);
  });

  it('keeps notes internal and notifies the members they mention', async () => {
    const note = await owner.post<InboxMessage>(
      `${base}/inbox/conversations/${conversationId}/notes`,
      { text: '@agent 这位是老客户，优先处理', mentions: [agent.userId] },
    );
    expect(note.status).toBe(201);
    expect(note.body.direction).toBe('note');
    expect(note.body.mentions).toEqual([agent.userId]);
    expect(note.body.userName).toBe('Owner Olivia');
    const notes = await agent.client.get<{ items: Notification[] }>(`${base}/notifications`);
    const mention = notes.body.items.find((n) => n.kind === 'inbox.mention');
    expect(mention?.link).toContain(conversationId);
    const bad = await owner.post(`${base}/inbox/conversations/${conversationId}/notes`, {
      text: 'hi',
      mentions: ['someone-else'],
    });
    expect(bad.status).toBe(400);
  });

  it('warns when another member is on the conversation, for a short time only', async () => {
    const beat = await agent.client.post<{ items: unknown[] }>(
      `${base}/inbox/conversations/${conversationId}/presence`,
      { typing: true },
    );
    expect(beat.status).toBe(200);
    expect(beat.body.items).toEqual([]);
    const seen = await owner.get<ConversationDetail>(
      `${base}/inbox/conversations/${conversationId}`,
    );
    expect(seen.body.presence).toEqual([
      expect.objectContaining({ userId: agent.userId, typing: true, name: 'agent person' }),
    ]);
    const ownerBeat = await owner.post<{ items: { userId: string }[] }>(
      `${base}/inbox/conversations/${conversationId}/presence`,
      { typing: false },
    );
    expect(ownerBeat.body.items.map((p) => p.userId)).toEqual([agent.userId]);
    clock.advance(30_000);
    const later = await owner.get<ConversationDetail>(
      `${base}/inbox/conversations/${conversationId}`,
    );
    expect(later.body.presence).toEqual([]);
  });

  it('corrects labels and keeps the corrections as training data', async () => {
    const detail = await owner.get<ConversationDetail>(
      `${base}/inbox/conversations/${conversationId}`,
    );
    const inbound = detail.body.messages.find((m) => m.direction === 'in')!;
    const corrected = await agent.client.patch<InboxMessage>(
      `${base}/inbox/messages/${inbound.id}/labels`,
      { sentiment: 'negative', intent: 'after_sales' },
    );
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({
      sentiment: 'negative',
      intent: 'after_sales',
      corrected: true,
    });
    const corrections = await t.services.inbox.corrections(workspaceId);
    expect(corrections).toContainEqual(
      expect.objectContaining({ text: inbound.text, sentiment: 'negative', intent: 'after_sales' }),
    );
    const bad = await agent.client.patch(`${base}/inbox/messages/${inbound.id}/labels`, {
      intent: 'gossip',
    });
    expect(bad.status).toBe(400);
    const empty = await agent.client.patch(`${base}/inbox/messages/${inbound.id}/labels`, {});
    expect(empty.status).toBe(400);
  });
});

describe('contacts', () => {
  it('shows a contact with handles and history, and merges two into one person', async () => {
    const list = await owner.get<{ items: { id: string }[] }>(`${base}/inbox/contacts`);
    expect(list.body.items.length).toBeGreaterThan(2);
    const [a, b] = list.body.items as [{ id: string }, { id: string }];
    const before = await owner.get<Contact>(`${base}/inbox/contacts/${b.id}`);
    expect(before.body.handles).toHaveLength(1);
    const updated = await agent.client.patch<Contact>(`${base}/inbox/contacts/${a.id}`, {
      tags: ['KOL'],
      note: '爱喝拿铁',
    });
    expect(updated.body.tags).toEqual(['KOL']);
    const forbidden = await agent.client.post(`${base}/inbox/contacts/${a.id}/merge`, {
      otherContactId: b.id,
    });
    expect(forbidden.status).toBe(403);
    const merged = await owner.post<Contact>(`${base}/inbox/contacts/${a.id}/merge`, {
      otherContactId: b.id,
    });
    expect(merged.status).toBe(200);
    expect(merged.body.handles.length).toBe(2);
    expect(merged.body.note).toBe('爱喝拿铁');
    expect(merged.body.conversations.length).toBeGreaterThanOrEqual(
      before.body.conversations.length,
    );
    for (const c of before.body.conversations) {
      const d = await owner.get<ConversationDetail>(`${base}/inbox/conversations/${c.id}`);
      expect(d.body.conversation.contact?.id).toBe(a.id);
    }
    expect((await owner.get(`${base}/inbox/contacts/${b.id}`)).status).toBe(404);
    const self = await owner.post(`${base}/inbox/contacts/${a.id}/merge`, { otherContactId: a.id });
    expect(self.status).toBe(400);
  });
});

describe('access', () => {
  it('needs inbox permissions and hides other workspaces', async () => {
    expect((await viewer.get(`${base}/inbox/conversations`)).status).toBe(403);
    const other = await owner.post<{ id: string }>('/api/v1/workspaces', {
      name: 'Brand Two',
      timezone: 'Asia/Shanghai',
    });
    expect(other.status).toBe(201);
    const [someone] = (await owner.get<ConversationPage>(`${base}/inbox/conversations?limit=1`))
      .body.items;
    const crossed = await owner.get(
      `/api/v1/workspaces/${other.body.id}/inbox/conversations/${someone!.id}`,
    );
    expect(crossed.status).toBe(404);
    const session = await owner.get<Session>('/api/v1/auth/session');
    expect(session.body.workspaces.find((w) => w.id === workspaceId)?.permissions).toContain(
      'inbox.manage',
    );
  });
});
