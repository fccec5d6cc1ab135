import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationDetail, ConversationPage, InboxMessage } from '../../../shared/inbox.ts';
import type { Channel, Notification } from '../../../shared/publishing.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.ts';
import { addMember, setUpOwner } from '../../../../test/factories.ts';
import { runDueJobs } from '../../../../test/run-jobs.ts';
import {
  ConnectorError,
  createConnectorFactory,
  generateSandboxHistory,
  listSandboxHiddenComments,
  listSandboxMessages,
  listSandboxReplies,
  updateSandboxFailures,
  type Connector,
  type ConnectorFactory,
} from '../../connectors/index.ts';
import { FakeClock } from '../../platform/clock.ts';
import { silentLogger } from '../../platform/logger.ts';
import { createInboxService } from './inbox.service.ts';

// Replies go out with the care of publishing: a crash or a lost answer neither loses a reply nor
// sends it twice. The outside world is the sandbox network; these knobs make it misbehave.
const faults = {
  /** The platform carries the reply out, then the answer is lost (a timeout). */
  loseAnswer: false,
  /** The driver cannot look a reply up by its key. */
  noLookup: false,
  /** The driver says the platform cannot hide comments (as Bluesky's does). */
  noHide: false,
  /** Calls of `reply` the platform received. */
  calls: 0,
};

const clock = new FakeClock('2026-04-06T03:00:00.000Z');
let real: ConnectorFactory;
const connectors: ConnectorFactory = (connection) => {
  const inner = real(connection);
  const wrapped: Connector = {
    platform: inner.platform,
    get capabilities() {
      return { ...inner.capabilities, hideComments: !faults.noHide };
    },
    get limits() {
      return inner.limits;
    },
    verify: () => inner.verify(),
    publish: (request) => inner.publish(request),
    findPublished: (key) => inner.findPublished(key),
    fetchMetrics: (ids) => inner.fetchMetrics(ids),
    fetchMessages: (cursor) => inner.fetchMessages(cursor),
    audienceActivity: () => inner.audienceActivity(),
    async reply(to, text, key) {
      faults.calls += 1;
      const sent = await inner.reply(to, text, key);
      if (faults.loseAnswer) {
        throw new ConnectorError('unknown_outcome', 'The platform did not answer in time.', {
          platformMessage: 'Gateway timeout (simulated)',
        });
      }
      return sent;
    },
    ...(faults.noLookup ? {} : { findReply: (key: string) => inner.findReply!(key) }),
    ...(faults.noHide ? {} : { hideComment: (to) => inner.hideComment!(to) }),
  };
  return wrapped;
};

let t: TestApp;
let owner: TestClient;
let agent: { client: TestClient; userId: string };
let workspaceId: string;
let base: string;
let accountId: string;
let channel: Channel;

async function openConversation(kind: 'thread' | 'direct', skip = 0): Promise<ConversationDetail> {
  const page = await owner.get<ConversationPage>(
    `${base}/inbox/conversations?status=open&limit=200`,
  );
  const found = page.body.items.filter((c) => c.kind === kind)[skip];
  expect(found, `an open ${kind} conversation`).toBeDefined();
  return (await owner.get<ConversationDetail>(`${base}/inbox/conversations/${found!.id}`)).body;
}

async function message(id: string): Promise<InboxMessage> {
  const row = await t.services.db.kysely
    .selectFrom('inbox_message')
    .select(['conversation_id'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const detail = await owner.get<ConversationDetail>(
    `${base}/inbox/conversations/${row.conversation_id}`,
  );
  return detail.body.messages.find((m) => m.id === id)!;
}

async function repliesWithKey(key: string) {
  return (await listSandboxReplies(t.services.db, { workspaceId, accountId })).filter(
    (r) => r.idempotency_key === key,
  );
}

beforeAll(async () => {
  t = await createTestApp({ clock, connectors });
  real = createConnectorFactory({ db: t.services.db, clock });
  const setup = await setUpOwner(t);
  owner = setup.owner;
  workspaceId = setup.workspaceId;
  base = `/api/v1/workspaces/${workspaceId}`;
  agent = await addMember(t, owner, workspaceId, 'agent');
  channel = (
    await owner.post<Channel>(`${base}/channels`, {
      platform: 'sandbox',
      style: 'douyin',
      name: '抖音',
      seed: 777,
    })
  ).body;
  accountId = (await t.services.channels.requireChannel(workspaceId, channel.id))
    .external_account_id!;
  await generateSandboxHistory(t.services.db, clock, { workspaceId, accountId }, { days: 4 });
  await t.services.inbox.collectChannel(workspaceId, channel.id);
}, 60_000);

afterAll(async () => {
  await t.close();
});

describe('replies', () => {
  it('sends a reply through the channel once and records the first response', async () => {
    const detail = await openConversation('thread');
    expect(detail.conversation.waitingSince).not.toBeNull();
    const sent = await agent.client.post<InboxMessage>(
      `${base}/inbox/conversations/${detail.conversation.id}/replies`,
      { text: '感谢支持！新品下周上架～' },
    );
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({ direction: 'out', status: 'queued', userId: agent.userId });
    await runDueJobs(t.services);
    const after = await message(sent.body.id);
    expect(after.status).toBe('sent');
    expect(after.externalId).toBeTruthy();
    const replies = await repliesWithKey(`inbox-reply:${sent.body.id}`);
    expect(replies).toHaveLength(1);
    const inbound = detail.messages.filter((m) => m.direction === 'in').at(-1)!;
    expect(replies[0]!.to_external_id).toBe(inbound.externalId);
    const conversation = (
      await owner.get<ConversationDetail>(`${base}/inbox/conversations/${detail.conversation.id}`)
    ).body.conversation;
    expect(conversation.firstResponseAt).not.toBeNull();
    expect(conversation.waitingSince).toBeNull();
    expect(conversation.lastMessagePreview).toBe('感谢支持！新品下周上架～');
  });

  it('answers a direct message in the direct conversation', async () => {
    const detail = await openConversation('direct');
    const sent = await owner.post<InboxMessage>(
      `${base}/inbox/conversations/${detail.conversation.id}/replies`,
      { text: '您好，已为您查询订单' },
    );
    expect(sent.status).toBe(202);
    await runDueJobs(t.services);
    const replies = await repliesWithKey(`inbox-reply:${sent.body.id}`);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.to_kind).toBe('direct_message');
  });

  it('reconciles a lost answer by looking the reply up, without sending it again', async () => {
    const detail = await openConversation('thread', 1);
    faults.loseAnswer = true;
    const before = faults.calls;
    const sent = await owner.post<InboxMessage>(
      `${base}/inbox/conversations/${detail.conversation.id}/replies`,
      { text: '已私信您，请查收' },
    );
    await runDueJobs(t.services);
    faults.loseAnswer = false;
    const waiting = await message(sent.body.id);
    expect(waiting.status).toBe('unconfirmed');
    expect(waiting.lastError).toContain('Gateway timeout (simulated)');
    expect(waiting.errorAction).toContain('check');
    clock.advance(31_000);
    await runDueJobs(t.services);
    const settled = await message(sent.body.id);
    expect(settled.status).toBe('sent');
    expect(faults.calls - before).toBe(1);
    expect(await repliesWithKey(`inbox-reply:${sent.body.id}`)).toHaveLength(1);
  });

  it('leaves a reply unconfirmed for a person where the platform cannot be asked', async () => {
    const detail = await openConversation('thread', 2);
    faults.loseAnswer = true;
    faults.noLookup = true;
    const sent = await agent.client.post<InboxMessage>(
      `${base}/inbox/conversations/${detail.conversation.id}/replies`,
      { text: '我们会尽快处理' },
    );
    await runDueJobs(t.services);
    faults.loseAnswer = false;
    clock.advance(60_000);
    await runDueJobs(t.services);
    const waiting = await message(sent.body.id);
    expect(waiting.status).toBe('unconfirmed');
    expect(waiting.errorAction).toMatch(/mark it sent, or send it again/);
    const notes = await agent.client.get<{ items: Notification[] }>(`${base}/notifications`);
    expect(notes.body.items.some((n) => n.kind === 'inbox.reply_problem')).toBe(true);
    // The person checked: it did arrive.
    const confirmed = await agent.client.post<InboxMessage>(
      `${base}/inbox/messages/${sent.body.id}/confirm`,
    );
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('sent');
    expect(await repliesWithKey(`inbox-reply:${sent.body.id}`)).toHaveLength(1);
    faults.noLookup = false;
  });

  it('after a crash mid-send, asks the platform before sending again', async () => {
    const detail = await openConversation('thread', 3);
    const sent = await owner.post<InboxMessage>(
      `${base}/inbox/conversations/${detail.conversation.id}/replies`,
      { text: '谢谢反馈' },
    );
    // A worker claimed the reply, reached the platform and died before recording the answer.
    const row = await t.services.db.kysely
      .selectFrom('inbox_message')
      .selectAll()
      .where('id', '=', sent.body.id)
      .executeTakeFirstOrThrow();
    const target = await t.services.db.kysely
      .selectFrom('inbox_message')
      .selectAll()
      .where('id', '=', row.reply_to_id!)
      .executeTakeFirstOrThrow();
    await real({
      workspaceId,
      channelId: channel.id,
      platform: 'sandbox',
      style: 'douyin',
      config: {},
      credentials: {},
      externalAccountId: accountId,
    }).reply({ externalId: target.external_id!, kind: 'comment' }, row.text, row.idempotency_key!);
    await t.services.db.kysely
      .updateTable('inbox_message')
      .set({ status: 'sending', attempts: 1 })
      .where('id', '=', sent.body.id)
      .execute();
    const before = faults.calls;
    await runDueJobs(t.services);
    expect((await message(sent.body.id)).status).toBe('sent');
    expect(faults.calls).toBe(before);
    expect(await repliesWithKey(row.idempotency_key!)).toHaveLength(1);
  });

  it('says in plain words what the platform answered when it refuses', async () => {
    const detail = await openConversation('thread', 4);
    await updateSandboxFailures(
      t.services.db,
      clock,
      { workspaceId, accountId },
      { authExpired: true },
    );
    const sent = await agent.client.post<InboxMessage>(
      `${base}/inbox/conversations/${detail.conversation.id}/replies`,
      { text: '请稍等' },
    );
    await runDueJobs(t.services);
    await updateSandboxFailures(
      t.services.db,
      clock,
      { workspaceId, accountId },
      { authExpired: false },
    );
    const failed = await message(sent.body.id);
    expect(failed.status).toBe('failed');
    expect(failed.lastError).toContain('401 token expired (simulated)');
    expect(failed.errorAction).toMatch(/Reconnect the channel/);
    const retried = await agent.client.post<InboxMessage>(
      `${base}/inbox/messages/${sent.body.id}/retry`,
    );
    expect(retried.body.status).toBe('queued');
    await runDueJobs(t.services);
    expect((await message(sent.body.id)).status).toBe('sent');
    const again = await agent.client.post(`${base}/inbox/messages/${sent.body.id}/retry`);
    expect(again.status).toBe(409);
  });

  it('sends one reply per idempotency key for automations', async () => {
    const detail = await openConversation('thread', 5);
    const reply = { text: '自动回复：已收到', idempotencyKey: `auto:${detail.conversation.id}` };
    await t.services.inbox.sendReplyAs(workspaceId, detail.conversation.id, reply);
    await t.services.inbox.sendReplyAs(workspaceId, detail.conversation.id, reply);
    await runDueJobs(t.services);
    expect(await repliesWithKey(reply.idempotencyKey)).toHaveLength(1);
  });
});

describe('hiding comments', () => {
  it('hides a comment on the platform and refuses direct messages', async () => {
    const detail = await openConversation('thread', 6);
    expect(detail.channel.canHide).toBe(true);
    const comment = detail.messages.find((m) => m.direction === 'in')!;
    const hidden = await agent.client.post<InboxMessage>(
      `${base}/inbox/messages/${comment.id}/hide`,
    );
    expect(hidden.status).toBe(200);
    expect(hidden.body.hiddenAt).not.toBeNull();
    expect(await listSandboxHiddenComments(t.services.db, { workspaceId, accountId })).toEqual([
      comment.externalId,
    ]);
    const dm = (await openConversation('direct')).messages.find((m) => m.direction === 'in')!;
    const refused = await agent.client.post<{ error: { message: string } }>(
      `${base}/inbox/messages/${dm.id}/hide`,
    );
    expect(refused.status).toBe(409);
  });

  it('says so where the platform cannot hide comments', async () => {
    faults.noHide = true;
    const detail = await openConversation('thread', 7);
    expect(detail.channel.canHide).toBe(false);
    const comment = detail.messages.find((m) => m.direction === 'in')!;
    const refused = await agent.client.post<{ error: { message: string } }>(
      `${base}/inbox/messages/${comment.id}/hide`,
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/cannot hide comments through its API/);
    faults.noHide = false;
  });
});

describe('enrichment', () => {
  it('stores what the classifier and moderation read, and retrains on corrections', async () => {
    const trained: number[] = [];
    const truth = await listSandboxMessages(t.services.db, clock, { workspaceId, accountId });
    const byText = new Map(truth.map((m) => [m.message.text, m.truth]));
    const inbox = createInboxService({
      ...t.services,
      logger: silentLogger(),
      trainClassifier: (corrections) => {
        trained.push(corrections.length);
        return {
          classify: (text) => {
            const known = byText.get(text);
            return {
              language: known?.language ?? 'zh',
              sentiment: known?.sentiment ?? 'neutral',
              sentimentScore: known?.sentiment === 'negative' ? -0.8 : 0.2,
              intent: known?.intent ?? 'other',
              intentConfidence: 0.9,
              priority: known?.intent === 'complaint' ? 'high' : 'normal',
            };
          },
        };
      },
      screen: (_workspaceId, input) =>
        input.text.includes('客服')
          ? { matches: [{ term: '客服' }], action: 'escalate' }
          : { matches: [], action: 'none' },
    });
    const other = (
      await owner.post<Channel>(`${base}/channels`, {
        platform: 'sandbox',
        style: 'weibo',
        name: '微博',
        seed: 31337,
      })
    ).body;
    const otherAccount = (await t.services.channels.requireChannel(workspaceId, other.id))
      .external_account_id!;
    await generateSandboxHistory(
      t.services.db,
      clock,
      { workspaceId, accountId: otherAccount },
      {
        days: 3,
      },
    );
    const messages = await listSandboxMessages(t.services.db, clock, {
      workspaceId,
      accountId: otherAccount,
    });
    for (const m of messages) byText.set(m.message.text, m.truth);
    await inbox.collectChannel(workspaceId, other.id);
    const rows = await t.services.db.kysely
      .selectFrom('inbox_message')
      .select(['text', 'sentiment', 'intent', 'priority', 'moderation_action', 'language'])
      .where('channel_id', '=', other.id)
      .execute();
    expect(rows).toHaveLength(messages.length);
    for (const row of rows) {
      const labels = byText.get(row.text)!;
      expect(row.sentiment).toBe(labels.sentiment);
      expect(row.intent).toBe(labels.intent);
      if (row.text.includes('客服')) {
        expect(row.moderation_action).toBe('escalate');
        expect(row.priority).toBe(3);
      }
    }
    expect(trained).toEqual([0]);
    // A correction changes the training data: the next collection retrains once.
    const page = await owner.get<ConversationPage>(
      `${base}/inbox/conversations?channelId=${other.id}&limit=1`,
    );
    const detail = await owner.get<ConversationDetail>(
      `${base}/inbox/conversations/${page.body.items[0]!.id}`,
    );
    const first = detail.body.messages.find((m) => m.direction === 'in')!;
    await agent.client.patch(`${base}/inbox/messages/${first.id}/labels`, { intent: 'spam' });
    const synthetic = (id: string) => ({
      workspaceId,
      channelId: other.id,
      items: [
        {
          externalId: id,
          kind: 'direct_message' as const,
          postExternalId: null,
          parentExternalId: null,
          author: { externalId: 'someone', handle: 'someone', displayName: 'S', followers: null },
          text: `hello ${id}`,
          createdAt: clock.now(),
        },
      ],
      historyBefore: 0,
      now: clock.now(),
    });
    await inbox.ingestPage(synthetic('x1'));
    await inbox.ingestPage(synthetic('x2'));
    expect(trained).toEqual([0, 1]);
  });
});
