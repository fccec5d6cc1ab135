import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  CannedCategory,
  CannedReply,
  CannedStats,
  RenderResult,
  Suggestion,
} from '../../../shared/routing.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.ts';
import { addMember, setUpOwner } from '../../../../test/factories.ts';
import { runDueJobs } from '../../../../test/run-jobs.ts';
import { FakeClock } from '../../platform/clock.ts';
import { FakeInbox } from './inbox-fake.ts';

let t: TestApp;
let clock: FakeClock;
let owner: TestClient;
let workspaceId: string;
let base: string;
let inbox: FakeInbox;

const T0 = Date.parse('2026-03-03T02:00:00Z');

beforeEach(async () => {
  clock = new FakeClock(T0);
  t = await createTestApp({ clock });
  ({ owner, workspaceId } = await setUpOwner(t));
  base = `/api/v1/workspaces/${workspaceId}/routing/canned`;
  inbox = new FakeInbox(workspaceId);
  t.services.routing.connectInbox(inbox);
});
afterEach(async () => {
  await t.close();
});

async function createReply(body: Record<string, unknown>): Promise<CannedReply> {
  const res = await owner.post<CannedReply>(`${base}/replies`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('the canned-reply library', () => {
  it('keeps categories, zh/en variants, shortcuts and variables', async () => {
    const category = await owner.post<CannedCategory>(`${base}/categories`, { name: '售后' });
    expect(category.status).toBe(201);
    const refund = await createReply({
      title: '退款流程',
      categoryId: category.body.id,
      shortcut: 'Refund',
      intents: ['after_sales'],
      variants: {
        zh: '{name}您好，订单 {order_id} 未发货可直接退款。——{agent_name}',
        en: 'Hi {name}, order {order_id} can be refunded before it ships.',
      },
    });
    expect(refund).toMatchObject({
      shortcut: 'refund',
      variables: ['name', 'order_id', 'agent_name'],
      agentVariables: ['order_id'],
      usage: { usedCount: 0, lastUsedAt: null, resolutionRate: null },
    });

    const taken = await owner.post(`${base}/replies`, {
      title: 'Other',
      shortcut: 'refund',
      variants: { zh: 'x' },
    });
    expect(taken.status).toBe(400);
    expect(taken.body).toMatchObject({
      error: { fields: { shortcut: expect.stringContaining('退款流程') } },
    });
    const empty = await owner.post(`${base}/replies`, { title: 'Empty', variants: { zh: null } });
    expect(empty.status).toBe(400);
    const badShortcut = await owner.post(`${base}/replies`, {
      title: 'Bad',
      shortcut: '退款',
      variants: { zh: 'x' },
    });
    expect(badShortcut.body).toMatchObject({ error: { fields: { shortcut: expect.any(String) } } });

    const categories = await owner.get<{ items: CannedCategory[] }>(`${base}/categories`);
    expect(categories.body.items).toEqual([
      expect.objectContaining({ name: '售后', replyCount: 1 }),
    ]);
    const found = await owner.get<{ items: CannedReply[] }>(`${base}/replies?q=/refund`);
    expect(found.body.items.map((r) => r.id)).toEqual([refund.id]);
    const byWord = await owner.get<{ items: CannedReply[] }>(
      `${base}/replies?q=${encodeURIComponent('發貨')}`,
    );
    expect(byWord.body.items.map((r) => r.id)).toEqual([refund.id]);

    const edited = await owner.patch<CannedReply>(`${base}/replies/${refund.id}`, {
      variants: { zh: '您好 {name}' },
    });
    expect(edited.body).toMatchObject({ variants: { zh: '您好 {name}', en: null } });
    expect((await owner.delete(`${base}/categories/${category.body.id}`)).status).toBe(204);
    const after = await owner.get<CannedReply>(`${base}/replies/${refund.id}`);
    expect(after.body.categoryId).toBeNull();
  });

  it('fills variables from the conversation and what the agent typed, reporting the rest', async () => {
    const agent = await addMember(t, owner, workspaceId, 'agent');
    const reply = await createReply({
      title: '物流',
      variants: {
        zh: '{name}您好，订单 {order_id} 的物流单号是 {tracking}。客服 {agent_name}',
        en: 'Hi {name}, order {order_id} ships today.',
      },
    });
    inbox.addConversation({ id: 'c1', createdAt: T0, contactName: '李雷' });
    const rendered = await agent.client.post<RenderResult>(`${base}/replies/${reply.id}/render`, {
      language: 'zh',
      conversationId: 'c1',
      values: { order_id: 'A1024', trackng: 'SF123' },
    });
    expect(rendered.status).toBe(200);
    expect(rendered.body).toEqual({
      text: '李雷您好，订单 A1024 的物流单号是 {tracking}。客服 agent person',
      language: 'zh',
      variables: ['name', 'order_id', 'tracking', 'agent_name'],
      missing: ['tracking'],
      unused: ['trackng'],
    });
    const english = await agent.client.post<RenderResult>(`${base}/replies/${reply.id}/render`, {
      language: 'en',
      values: { order_id: 'A1' },
    });
    expect(english.body).toMatchObject({
      text: 'Hi {name}, order A1 ships today.',
      missing: ['name'],
    });
  });

  it('suggests replies for the message at hand and learns from use', async () => {
    const agent = await addMember(t, owner, workspaceId, 'agent');
    const refund = await createReply({
      title: '退款流程',
      shortcut: 'refund',
      intents: ['after_sales'],
      variants: { zh: '未发货订单可直接申请退款。', en: 'Unshipped orders can be refunded.' },
    });
    const shipping = await createReply({
      title: '物流查询',
      shortcut: 'ship',
      variants: { zh: '包裹正在配送中，物流单号稍后发您。' },
    });
    const thanks = await createReply({
      title: '感谢支持',
      shortcut: 'thanks',
      intents: ['praise'],
      variants: { zh: '感谢您的支持！', en: 'Thank you for your support!' },
    });

    const suggest = (body: Record<string, unknown>) =>
      agent.client.post<{ items: Suggestion[] }>(`${base}/suggestions`, body);
    const forRefund = await suggest({
      text: '没发货能退款吗',
      intent: 'after_sales',
      language: 'zh',
    });
    expect(forRefund.status).toBe(200);
    expect(forRefund.body.items[0]).toMatchObject({
      reply: { id: refund.id },
      language: 'zh',
      reasons: { intent: true, languageMatch: true },
    });
    const english = await suggest({ text: 'thanks, love it', intent: 'praise', language: 'en' });
    expect(english.body.items[0]).toMatchObject({ reply: { id: thanks.id }, language: 'en' });
    const shortcut = await suggest({ q: '/sh' });
    expect(shortcut.body.items.map((s) => s.reply.id)).toEqual([shipping.id]);

    // Use shapes the ranking when the message says nothing, and fills the statistics.
    inbox.addConversation({ id: 'c1', createdAt: T0 });
    inbox.addConversation({ id: 'c2', createdAt: T0 });
    for (const conversationId of ['c1', 'c2', null]) {
      const used = await agent.client.post(`${base}/replies/${shipping.id}/uses`, {
        language: 'zh',
        conversationId,
      });
      expect(used.status).toBe(204);
    }
    const plain = await suggest({});
    expect(plain.body.items[0]?.reply.id).toBe(shipping.id);

    // c1 is resolved afterwards: one of the two uses in a conversation led to a resolution.
    clock.advance(60_000);
    inbox.update('c1', { status: 'resolved', resolvedAt: clock.now() });
    await t.services.routing.onConversationsUpdated(workspaceId, ['c1']);
    await runDueJobs(t.services);
    const stats = await owner.get<CannedStats>(`${base}/replies/${shipping.id}/stats`);
    expect(stats.body).toMatchObject({
      usedCount: 3,
      inConversations: 2,
      resolvedAfter: 1,
      resolutionRate: 0.5,
      byUser: [{ userId: agent.userId, count: 3 }],
      byLanguage: [{ language: 'zh', count: 3 }],
    });
    const listed = await owner.get<{ items: CannedReply[] }>(`${base}/replies`);
    expect(listed.body.items.find((r) => r.id === shipping.id)?.usage).toEqual({
      usedCount: 3,
      lastUsedAt: new Date(T0).toISOString(),
      lastUsedBy: agent.userId,
      resolutionRate: 0.5,
    });
  });

  it('lets agents use the library but not change it', async () => {
    const agent = await addMember(t, owner, workspaceId, 'agent');
    expect((await agent.client.get(`${base}/replies`)).status).toBe(200);
    const refused = await agent.client.post(`${base}/replies`, {
      title: 'x',
      variants: { zh: 'x' },
    });
    expect(refused.status).toBe(403);
  });
});
