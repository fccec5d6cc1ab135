import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../../shared/api.ts';
import type {
  Agent,
  CannedReply,
  DryRunResult,
  RoutingRule,
  RoutingRun,
  Team,
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

const T0 = Date.parse('2026-03-03T02:00:00Z'); // Tuesday 10:00 in Shanghai

beforeEach(async () => {
  clock = new FakeClock(T0);
  t = await createTestApp({ clock });
  ({ owner, workspaceId } = await setUpOwner(t));
  base = `/api/v1/workspaces/${workspaceId}/routing`;
  inbox = new FakeInbox(workspaceId);
  t.services.routing.connectInbox(inbox);
});
afterEach(async () => {
  await t.close();
});

async function createRule(body: Record<string, unknown>): Promise<RoutingRule> {
  const res = await owner.post<RoutingRule>(`${base}/rules`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function createReply(body: Record<string, unknown>): Promise<CannedReply> {
  const res = await owner.post<CannedReply>(`${base}/canned/replies`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function createTeam(body: Record<string, unknown>): Promise<Team> {
  const res = await owner.post<Team>(`${base}/teams`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function ingest(conversationIds: string[]): Promise<void> {
  await t.services.routing.onMessagesIngested(workspaceId, conversationIds);
  await runDueJobs(t.services);
}

describe('rules', () => {
  it('creates, validates, orders, disables and removes rules, with an audit trail', async () => {
    const a = await createRule({
      name: 'Refund FAQ',
      conditions: { keywords: { any: ['退款'] } },
      actions: [{ type: 'add_tags', tags: ['refund'] }],
    });
    const b = await createRule({
      name: 'Angry',
      stopProcessing: true,
      conditions: { sentiments: ['negative'] },
      actions: [{ type: 'set_priority', priority: 'high' }],
    });
    expect([a.position, b.position]).toEqual([1, 2]);
    expect(a).toMatchObject({ enabled: true, stopProcessing: false, firedCount: 0 });

    const badRefs = await owner.post(`${base}/rules`, {
      name: 'Broken',
      conditions: { followers: { min: 10, max: 5 } },
      actions: [
        { type: 'assign_team', teamId: 'nope' },
        { type: 'auto_reply', cannedReplyId: 'nope' },
      ],
    });
    expect(badRefs.status).toBe(400);
    expect(badRefs.body).toMatchObject({
      error: {
        fields: {
          'actions.0.teamId': expect.any(String),
          'actions.1.cannedReplyId': expect.any(String),
          'conditions.followers': expect.any(String),
        },
      },
    });
    const badShape = await owner.post(`${base}/rules`, {
      name: 'x',
      conditions: { sentiments: ['furious'] },
      actions: [],
    });
    expect(badShape.status).toBe(400);

    const reordered = await owner.post<{ items: RoutingRule[] }>(`${base}/rules/order`, {
      ruleIds: [b.id, a.id],
    });
    expect(reordered.body.items.map((r) => [r.name, r.position])).toEqual([
      ['Angry', 1],
      ['Refund FAQ', 2],
    ]);
    const partial = await owner.post(`${base}/rules/order`, { ruleIds: [a.id] });
    expect(partial.status).toBe(400);

    const disabled = await owner.patch<RoutingRule>(`${base}/rules/${a.id}`, { enabled: false });
    expect(disabled.body.enabled).toBe(false);
    expect((await owner.delete(`${base}/rules/${b.id}`)).status).toBe(204);
    const list = await owner.get<{ items: RoutingRule[] }>(`${base}/rules`);
    expect(list.body.items.map((r) => [r.name, r.position])).toEqual([['Refund FAQ', 1]]);

    const audit = await owner.get<AuditPage>(
      `/api/v1/workspaces/${workspaceId}/audit?targetId=${a.id}`,
    );
    expect(audit.body.items.map((e) => e.action).sort()).toEqual([
      'routing.rule.create',
      'routing.rule.update',
    ]);
  });

  it('keeps rules to their workspace and their managers', async () => {
    const rule = await createRule({
      name: 'Mine',
      conditions: {},
      actions: [{ type: 'hide' }],
    });
    const agent = await addMember(t, owner, workspaceId, 'agent');
    expect((await agent.client.get(`${base}/rules`)).status).toBe(200);
    expect((await agent.client.patch(`${base}/rules/${rule.id}`, { enabled: false })).status).toBe(
      403,
    );
    const other = await owner.post<{ id: string }>('/api/v1/workspaces', {
      name: 'Other brand',
      timezone: 'UTC',
    });
    const otherBase = `/api/v1/workspaces/${other.body.id}/routing`;
    expect((await owner.patch(`${otherBase}/rules/${rule.id}`, { name: 'x' })).status).toBe(404);
  });

  it('shows in a dry run which rules would fire and what they would do', async () => {
    const reply = await createReply({
      title: '退款流程',
      intents: ['after_sales'],
      variants: { zh: '您好 {name}，未发货订单可直接申请退款。' },
    });
    await createRule({
      name: 'Night auto-reply',
      conditions: { schedule: { from: '22:00', to: '08:00' } },
      actions: [{ type: 'auto_reply', cannedReplyId: reply.id }],
    });
    await createRule({
      name: 'Refund keyword',
      stopProcessing: true,
      conditions: { keywords: { any: ['退款'] }, kinds: ['direct_message'] },
      actions: [
        { type: 'add_tags', tags: ['refund'] },
        { type: 'set_priority', priority: 'high' },
      ],
    });
    await createRule({
      name: 'Never reached',
      conditions: {},
      actions: [{ type: 'hide' }],
    });
    const night = await owner.post<DryRunResult>(`${base}/rules/dry-run`, {
      text: '我要退 款',
      kind: 'direct_message',
      at: '2026-03-03T15:30:00.000Z',
    });
    expect(night.status).toBe(200);
    expect(night.body.localTime).toBe('Tue 23:30');
    expect(night.body.rules.map((r) => r.outcome)).toEqual(['fired', 'fired', 'not_reached']);
    expect(night.body.plan).toMatchObject({
      tier: 'auto',
      autoReplyId: reply.id,
      tags: ['refund'],
      priority: 'high',
      hide: false,
    });
    const day = await owner.post<DryRunResult>(`${base}/rules/dry-run`, {
      text: 'hello',
      kind: 'comment',
    });
    expect(day.body.localTime).toBe('Tue 10:00');
    expect(day.body.rules[0]).toMatchObject({
      outcome: 'no_match',
      checks: [{ condition: 'schedule', ok: false, detail: 'Tue 10:00' }],
    });
    expect(day.body.rules[1]?.checks.map((c) => [c.condition, c.ok])).toEqual([
      ['kind', false],
      ['keywords', false],
    ]);
    expect(day.body.plan).toMatchObject({ tier: null, hide: true });

    // A rule being edited is tried in its place; a new one after the others.
    const refund = night.body.rules[1]!;
    const edited = await owner.post<DryRunResult>(`${base}/rules/dry-run`, {
      text: '我要退款',
      kind: 'direct_message',
      draft: {
        ruleId: refund.ruleId,
        name: 'Refund keyword (edited)',
        stopProcessing: false,
        conditions: { keywords: { any: ['退款'] } },
        actions: [{ type: 'escalate', tier: 'expert' }],
      },
    });
    expect(edited.body.rules.map((r) => [r.name, r.outcome])).toEqual([
      ['Night auto-reply', 'no_match'],
      ['Refund keyword (edited)', 'fired'],
      ['Never reached', 'fired'],
    ]);
    expect(edited.body.plan).toMatchObject({ tier: 'expert', hide: true });
    const added = await owner.post<DryRunResult>(`${base}/rules/dry-run`, {
      text: 'hello',
      draft: { name: 'New one', conditions: {}, actions: [{ type: 'add_tags', tags: ['new'] }] },
    });
    expect(added.body.rules.at(-1)).toMatchObject({ name: 'New one', outcome: 'fired' });
    const rules = await owner.get<{ items: RoutingRule[] }>(`${base}/rules`);
    expect(rules.body.items.map((r) => r.name)).toEqual([
      'Night auto-reply',
      'Refund keyword',
      'Never reached',
    ]);
  });
});

describe('routing ingested messages', () => {
  it('answers a recognised FAQ automatically, assigns in turn and routes each message once', async () => {
    const agents = await Promise.all([
      addMember(t, owner, workspaceId, 'agent'),
      addMember(t, owner, workspaceId, 'agent'),
    ]);
    const team = await createTeam({
      name: '售后',
      members: agents.map((a) => ({ userId: a.userId, tier: 'agent' })),
    });
    const faq = await createReply({
      title: '退款流程',
      intents: ['after_sales'],
      variants: {
        zh: '{name}您好！未发货订单可直接在订单页申请退款，1–3 个工作日原路退回。',
        en: 'Hi {name}, orders that have not shipped can be refunded from the order page.',
      },
    });
    const faqRule = await createRule({
      name: 'Refund FAQ',
      conditions: { keywords: { any: ['退款', 'refund'] } },
      actions: [
        { type: 'auto_reply', cannedReplyId: faq.id },
        { type: 'add_tags', tags: ['vip-check'] },
      ],
    });
    const assignRule = await createRule({
      name: 'After-sales team',
      conditions: { intents: ['after_sales'] },
      actions: [{ type: 'assign_team', teamId: team.id }],
    });
    // Looks for the tag the first rule adds: it must not fire because of that action.
    const echoRule = await createRule({
      name: 'Tagged VIP',
      conditions: { contactTags: { any: ['vip-check'] } },
      actions: [{ type: 'set_priority', priority: 'urgent' }],
    });

    inbox.addConversation({ id: 'c1', createdAt: T0 });
    inbox.addMessage({
      id: 'm1',
      conversationId: 'c1',
      text: '请问怎么退款？',
      intent: 'after_sales',
      receivedAt: T0,
    });
    inbox.addConversation({ id: 'c2', createdAt: T0, contactName: 'Amy', language: 'en' });
    inbox.addMessage({
      id: 'm2',
      conversationId: 'c2',
      text: 'How do I get a REFUND?',
      intent: 'after_sales',
      language: 'en',
      receivedAt: T0,
    });
    await ingest(['c1', 'c2']);

    expect(inbox.sent).toEqual([
      {
        conversationId: 'c1',
        text: '小王您好！未发货订单可直接在订单页申请退款，1–3 个工作日原路退回。',
        idempotencyKey: 'routing:m1',
      },
      {
        conversationId: 'c2',
        text: 'Hi Amy, orders that have not shipped can be refunded from the order page.',
        idempotencyKey: 'routing:m2',
      },
    ]);
    // Round robin: the two conversations went to the two agents, one each.
    const assignees = ['c1', 'c2'].map((id) => inbox.conversations.get(id)!.assigneeId);
    expect(new Set(assignees)).toEqual(new Set(agents.map((a) => a.userId)));
    expect(inbox.conversations.get('c1')).toMatchObject({ teamId: team.id, priority: 'normal' });
    expect(inbox.tags.get('c1')).toEqual(['vip-check']);

    // The inbox reports the conversations again (another message, a retry): nothing repeats.
    const updatesBefore = inbox.updates.length;
    await ingest(['c1', 'c2']);
    expect(inbox.sent).toHaveLength(2);
    expect(inbox.updates).toHaveLength(updatesBefore);

    const runs = await owner.get<{ items: RoutingRun[] }>(`${base}/runs?conversationId=c1`);
    expect(runs.body.items).toHaveLength(1);
    expect(runs.body.items[0]).toMatchObject({
      messageId: 'm1',
      firedRuleIds: [faqRule.id, assignRule.id],
      plan: { tier: 'agent', autoReplyId: faq.id, teamId: team.id },
      outcomes: expect.arrayContaining([expect.stringContaining('auto-reply sent')]),
    });
    const rules = await owner.get<{ items: RoutingRule[] }>(`${base}/rules`);
    expect(rules.body.items.map((r) => [r.id, r.firedCount])).toEqual([
      [faqRule.id, 2],
      [assignRule.id, 2],
      [echoRule.id, 0],
    ]);
    // The automatic answer counts as a use of the canned reply.
    const reply = await owner.get<CannedReply>(`${base}/canned/replies/${faq.id}`);
    expect(reply.body.usage.usedCount).toBe(2);
  });

  it('sends one auto-reply per conversation a day and never one with a missing variable', async () => {
    const greeting = await createReply({ title: 'Hi', variants: { zh: '您好，{name}！' } });
    const order = await createReply({ title: 'Order', variants: { zh: '订单 {order_id} 已发货' } });
    await createRule({
      name: 'Greet',
      conditions: { keywords: { any: ['你好'] } },
      actions: [{ type: 'auto_reply', cannedReplyId: greeting.id }],
    });
    await createRule({
      name: 'Order',
      conditions: { keywords: { any: ['订单'] } },
      actions: [{ type: 'auto_reply', cannedReplyId: order.id }],
    });
    inbox.addConversation({ id: 'c1', createdAt: T0 });
    inbox.addMessage({ id: 'm1', conversationId: 'c1', text: '你好', receivedAt: T0 });
    await ingest(['c1']);
    clock.advance(60_000);
    inbox.addMessage({ id: 'm2', conversationId: 'c1', text: '你好？', receivedAt: clock.now() });
    inbox.addMessage({
      id: 'm3',
      conversationId: 'c1',
      text: '我的订单呢',
      receivedAt: clock.now(),
    });
    await ingest(['c1']);
    expect(inbox.sent.map((s) => s.text)).toEqual(['您好，小王！']);
    const runs = await owner.get<{ items: RoutingRun[] }>(`${base}/runs?conversationId=c1`);
    const outcomes = runs.body.items.flatMap((run) => run.outcomes);
    expect(outcomes).toEqual(
      expect.arrayContaining([
        'auto-reply skipped: already sent in this conversation today',
        'auto-reply skipped: “Order” needs {order_id}',
      ]),
    );
  });

  it('skips agents who are away or full, escalates to an expert, hides spam', async () => {
    const [away, full, free, expert] = await Promise.all([
      addMember(t, owner, workspaceId, 'agent'),
      addMember(t, owner, workspaceId, 'agent'),
      addMember(t, owner, workspaceId, 'agent'),
      addMember(t, owner, workspaceId, 'agent'),
    ]);
    const team = await createTeam({
      name: '客服一组',
      members: [
        { userId: away.userId, tier: 'agent' },
        { userId: full.userId, tier: 'agent' },
        { userId: free.userId, tier: 'agent' },
        { userId: expert.userId, tier: 'expert' },
      ],
    });
    const me = await away.client.request<Agent>('PUT', `${base}/agents/me`, {
      body: { availability: 'away' },
    });
    expect(me.body).toMatchObject({ availability: 'away', capacity: 10 });
    const capped = await owner.patch<Agent>(`${base}/agents/${full.userId}`, { capacity: 1 });
    expect(capped.body.capacity).toBe(1);
    inbox.addConversation({ id: 'busy', createdAt: T0, assigneeId: full.userId });

    await createRule({
      name: 'Crisis to experts',
      stopProcessing: true,
      conditions: { intents: ['crisis_signal'] },
      actions: [
        { type: 'assign_team', teamId: team.id },
        { type: 'escalate', tier: 'expert' },
      ],
    });
    await createRule({
      name: 'Spam',
      stopProcessing: true,
      conditions: { intents: ['spam'] },
      actions: [{ type: 'hide' }],
    });
    await createRule({
      name: 'Everyone else',
      conditions: {},
      actions: [{ type: 'assign_team', teamId: team.id }],
    });
    for (const id of ['a', 'b']) {
      inbox.addConversation({ id, createdAt: T0 });
      inbox.addMessage({ id: `m-${id}`, conversationId: id, text: '在吗', receivedAt: T0 });
    }
    inbox.addConversation({ id: 'crisis', createdAt: T0 });
    inbox.addMessage({
      id: 'm-crisis',
      conversationId: 'crisis',
      text: '你们的产品把我孩子烫伤了，我要曝光',
      intent: 'crisis_signal',
      sentiment: 'negative',
      receivedAt: T0,
    });
    inbox.addConversation({ id: 'spam', createdAt: T0 });
    inbox.addMessage({
      id: 'm-spam',
      conversationId: 'spam',
      text: '加微信领红包',
      intent: 'spam',
      receivedAt: T0,
    });
    await ingest(['a', 'b', 'crisis', 'spam']);

    expect(inbox.conversations.get('a')!.assigneeId).toBe(free.userId);
    expect(inbox.conversations.get('b')!.assigneeId).toBe(free.userId);
    expect(inbox.conversations.get('crisis')).toMatchObject({
      assigneeId: expert.userId,
      teamId: team.id,
    });
    expect(inbox.hidden).toEqual(['m-spam']);
    expect(inbox.conversations.get('spam')!.assigneeId).toBeNull();
    const notices = await expert.client.get<{ items: Array<{ kind: string }> }>(
      `/api/v1/workspaces/${workspaceId}/notifications`,
    );
    expect(notices.body.items.map((n) => n.kind)).toContain('inbox.escalation');

    const agentsList = await owner.get<{ items: Agent[] }>(`${base}/agents`);
    const byUser = new Map(agentsList.body.items.map((a) => [a.userId, a]));
    expect(byUser.get(free.userId)).toMatchObject({ openConversations: 2, availability: 'online' });
    expect(byUser.get(away.userId)?.teams).toEqual([{ teamId: team.id, tier: 'agent' }]);
  });

  it('leaves old messages and resolved conversations alone', async () => {
    await createRule({
      name: 'Tag all',
      conditions: {},
      actions: [{ type: 'add_tags', tags: ['x'] }],
    });
    inbox.addConversation({ id: 'old', createdAt: T0 - 3 * 86_400_000 });
    inbox.addMessage({
      id: 'm-old',
      conversationId: 'old',
      text: 'hi',
      receivedAt: T0 - 3 * 86_400_000,
    });
    inbox.addConversation({ id: 'done', createdAt: T0, status: 'resolved', resolvedAt: T0 });
    inbox.addMessage({ id: 'm-done', conversationId: 'done', text: 'hi', receivedAt: T0 });
    await ingest(['old', 'done']);
    expect(inbox.updates).toEqual([]);
    const runs = await owner.get<{ items: RoutingRun[] }>(`${base}/runs`);
    expect(runs.body.items.map((r) => [r.messageId, r.outcomes])).toEqual([
      ['m-done', ['not routed: the conversation is resolved or gone']],
    ]);
  });
});

describe('teams', () => {
  it('validates members, keeps the rotation when edited, and removes teams', async () => {
    const agent = await addMember(t, owner, workspaceId, 'agent');
    const bad = await owner.post(`${base}/teams`, {
      name: 'x',
      leadUserId: 'nobody',
      members: [{ userId: 'ghost', tier: 'agent' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      error: { fields: { leadUserId: expect.any(String), 'members.0.userId': expect.any(String) } },
    });
    const team = await createTeam({
      name: '一线',
      members: [{ userId: agent.userId, tier: 'agent' }],
    });
    const updated = await owner.patch<Team>(`${base}/teams/${team.id}`, {
      description: 'First line',
      members: [{ userId: agent.userId, tier: 'expert' }],
    });
    expect(updated.body).toMatchObject({
      description: 'First line',
      members: [{ userId: agent.userId, tier: 'expert' }],
    });
    expect((await owner.delete(`${base}/teams/${team.id}`)).status).toBe(204);
    expect((await owner.get<{ items: Team[] }>(`${base}/teams`)).body.items).toEqual([]);
  });
});
