import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditPage, Member } from '../../../shared/api.ts';
import type {
  FeedbackChangeResult,
  FeedbackCluster,
  FeedbackDepartment,
  FeedbackCategory,
  FeedbackEvent,
  FeedbackReport,
  FeedbackTicket,
  FeedbackTicketPage,
} from '../../../shared/feedback.ts';
import type { Notification } from '../../../shared/publishing.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.ts';
import { addMember, setUpOwner } from '../../../../test/factories.ts';
import { runDueJobs } from '../../../../test/run-jobs.ts';
import type { Actor } from '../../http/route.ts';
import { FakeClock } from '../../platform/clock.ts';
import { createFeedbackService } from './feedback.service.ts';

const HOUR = 60 * 60 * 1000;

let t: TestApp;
let clock: FakeClock;
let owner: TestClient;
let ownerId: string;
let workspaceId: string;
let base: string;

const system: Actor = { userId: null, tokenId: null, label: 'inbox', ip: null, requestId: null };

beforeEach(async () => {
  clock = new FakeClock('2026-03-02T02:00:00.000Z');
  t = await createTestApp({ clock });
  const setup = await setUpOwner(t);
  owner = setup.owner;
  workspaceId = setup.workspaceId;
  ownerId = setup.session.user.id;
  base = `/api/v1/workspaces/${workspaceId}/feedback`;
});
afterEach(async () => {
  await t.close();
});

async function create(body: Record<string, unknown>): Promise<FeedbackTicket> {
  const res = await owner.post<FeedbackTicket>(`${base}/tickets`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function category(name: string): Promise<FeedbackCategory> {
  const res = await owner.post<FeedbackCategory>(`${base}/categories`, { name });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function department(body: Record<string, unknown>): Promise<FeedbackDepartment> {
  const res = await owner.post<FeedbackDepartment>(`${base}/departments`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function status(ticketId: string, body: Record<string, unknown>) {
  return owner.post<FeedbackChangeResult>(`${base}/tickets/${ticketId}/status`, body);
}

const CRASH = '更新到最新版以后App总是闪退，打开直播间就崩溃，希望尽快修复一下';
const CRASH_2 = '@官方 更新到最新版之后app总是闪退!!打开直播间就崩溃，希望尽快修复';
const CRASH_3 = '小编你好，更新到最新版以后App老是闪退，打开直播间就崩溃，希望尽快修复一下，谢谢';
const REFUND = '退款申请提交一周了还没有到账，客服也一直不回复，太慢了';
const DARK = 'Please add a dark mode to the app, the white screen hurts my eyes at night';

describe('tickets and clusters', () => {
  it('groups near-duplicates and counts the distinct people who raised them', async () => {
    const a = await create({ text: CRASH, contactHandle: 'lily' });
    const b = await create({ text: CRASH_2, contactHandle: 'tom' });
    // The same person twice is one person.
    const c = await create({ text: CRASH_3, contactHandle: 'LILY' });
    const refund = await create({ text: REFUND });
    const dark = await create({ text: DARK, contactEmail: 'Reader@Example.com' });

    expect(a).toMatchObject({ source: 'manual', status: 'new', urgency: 3, cost: 3 });
    expect(b.cluster.id).toBe(a.cluster.id);
    expect(c.cluster.id).toBe(a.cluster.id);
    expect(refund.cluster.id).not.toBe(a.cluster.id);
    expect(dark.cluster.id).not.toBe(refund.cluster.id);
    expect(dark.contact.email).toBe('reader@example.com');

    const clusters = await owner.get<{ items: FeedbackCluster[] }>(`${base}/clusters`);
    expect(clusters.body.items).toHaveLength(1);
    expect(clusters.body.items[0]).toMatchObject({
      id: a.cluster.id,
      tickets: 3,
      people: 2,
      impact: 2,
    });
    const all = await owner.get<{ items: FeedbackCluster[] }>(`${base}/clusters?minTickets=1`);
    expect(all.body.items).toHaveLength(3);

    const members = await owner.get<FeedbackTicketPage>(
      `${base}/tickets?clusterId=${a.cluster.id}`,
    );
    expect(members.body.items.map((ticket) => ticket.id).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(members.body.items[0]?.cluster).toMatchObject({ tickets: 3, people: 2 });
  });

  it('follows a stricter threshold for new tickets', async () => {
    const settings = await owner.patch(`${base}/settings`, { similarityThreshold: 0.95 });
    expect(settings.status).toBe(200);
    const a = await create({ text: CRASH });
    const b = await create({ text: CRASH_2 });
    expect(b.cluster.id).not.toBe(a.cluster.id);
    const exact = await create({ text: `${CRASH}！` });
    expect(exact.cluster.id).toBe(a.cluster.id);
    const bad = await owner.patch(`${base}/settings`, { similarityThreshold: 0.1 });
    expect(bad.body).toMatchObject({
      error: { fields: { similarityThreshold: expect.any(String) } },
    });
  });

  it('merges clusters and splits tickets out by hand', async () => {
    const a = await create({ text: CRASH, contactHandle: 'a' });
    const b = await create({ text: CRASH_2, contactHandle: 'b' });
    const refund = await create({ text: REFUND, contactHandle: 'c' });

    const merged = await owner.post<FeedbackCluster>(`${base}/clusters/${a.cluster.id}/merge`, {
      clusterIds: [refund.cluster.id],
    });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body).toMatchObject({ tickets: 3, people: 3, impact: 2 });
    expect((await owner.get(`${base}/clusters/${refund.cluster.id}`)).status).toBe(404);

    const split = await owner.post<FeedbackCluster>(`${base}/clusters/${a.cluster.id}/split`, {
      ticketIds: [refund.id],
    });
    expect(split.status, JSON.stringify(split.body)).toBe(201);
    expect(split.body).toMatchObject({ tickets: 1, people: 1, title: REFUND });
    const moved = await owner.get<FeedbackTicket>(`${base}/tickets/${refund.id}`);
    expect(moved.body.cluster.id).toBe(split.body.id);
    expect(
      (await owner.get<FeedbackCluster>(`${base}/clusters/${a.cluster.id}`)).body,
    ).toMatchObject({ tickets: 2 });

    const all = await owner.post(`${base}/clusters/${a.cluster.id}/split`, {
      ticketIds: [a.id, b.id],
    });
    expect(all.status).toBe(400);
    const foreign = await owner.post(`${base}/clusters/${a.cluster.id}/split`, {
      ticketIds: [refund.id],
    });
    expect(foreign.body).toMatchObject({ error: { fields: { ticketIds: expect.any(String) } } });

    const history = await owner.get<{ items: FeedbackEvent[] }>(
      `${base}/tickets/${refund.id}/history`,
    );
    expect(history.body.items.map((e) => e.kind)).toEqual(['created', 'merged', 'split']);
  });

  it('removes a ticket with its buckets, so later feedback does not join it', async () => {
    const spam = await create({ text: 'Buy cheap followers now at cheap-followers dot example' });
    const lshRows = () =>
      t.services.db.kysely
        .selectFrom('feedback_lsh')
        .select('ticket_id')
        .where('workspace_id', '=', workspaceId)
        .where('ticket_id', '=', spam.id)
        .execute();
    expect((await lshRows()).length).toBe(16);
    expect((await owner.delete(`${base}/tickets/${spam.id}`)).status).toBe(204);
    expect(await lshRows()).toEqual([]);
    expect((await owner.get(`${base}/tickets/${spam.id}`)).status).toBe(404);
    expect((await owner.get(`${base}/clusters/${spam.cluster.id}`)).status).toBe(404);
    const again = await create({ text: 'Buy cheap followers now at cheap-followers dot example!' });
    expect(again.cluster.tickets).toBe(1);
  });

  it('makes one ticket per inbox message, however often it is sent', async () => {
    const input = {
      messageId: 'msg-1',
      channelId: 'ch-weibo',
      contactHandle: '小鹿',
      text: CRASH,
      conversationId: 'conv-1',
    };
    const first = await t.services.feedback.createFromMessage(workspaceId, system, input);
    const again = await t.services.feedback.createFromMessage(workspaceId, system, input);
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({
      source: 'message',
      messageId: 'msg-1',
      channelId: 'ch-weibo',
      conversationId: 'conv-1',
      contact: { handle: '小鹿' },
      createdBy: null,
    });
    // The same person writing again on the same channel is still one person.
    const second = await t.services.feedback.createFromMessage(workspaceId, system, {
      ...input,
      messageId: 'msg-2',
      text: CRASH_2,
    });
    expect(second.cluster).toMatchObject({ id: first.cluster.id, tickets: 2, people: 1 });
    const bySource = await owner.get<FeedbackTicketPage>(`${base}/tickets?source=message`);
    expect(bySource.body.total).toBe(2);
  });

  it('keeps workspaces apart and checks what a body names', async () => {
    const ticket = await create({ text: REFUND });
    const otherWorkspace = await owner.post<{ id: string }>('/api/v1/workspaces', {
      name: 'Brand Two',
    });
    const other = `/api/v1/workspaces/${otherWorkspace.body.id}/feedback`;
    expect((await owner.get(`${other}/tickets/${ticket.id}`)).status).toBe(404);
    expect((await owner.get(`${other}/clusters/${ticket.cluster.id}`)).status).toBe(404);
    const foreignCategory = (
      await owner.post<FeedbackCategory>(`${other}/categories`, { name: '其他' })
    ).body;
    const bad = await owner.patch(`${base}/tickets/${ticket.id}`, {
      categoryId: foreignCategory.id,
      ownerId: 'nobody',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      error: { fields: { categoryId: expect.any(String), ownerId: expect.any(String) } },
    });
    const tooShort = await owner.post(`${base}/tickets`, { text: 'x' });
    expect(tooShort.body).toMatchObject({ error: { fields: { text: expect.any(String) } } });
  });

  it('lets agents work on tickets, analysts read only the report, viewers neither', async () => {
    await create({ text: REFUND });
    const agent = await addMember(t, owner, workspaceId, 'agent');
    const analyst = await addMember(t, owner, workspaceId, 'analyst');
    const viewer = await addMember(t, owner, workspaceId, 'viewer');
    expect((await agent.client.get(`${base}/tickets`)).status).toBe(200);
    expect((await analyst.client.get(`${base}/tickets`)).status).toBe(403);
    expect((await viewer.client.post(`${base}/tickets`, { text: DARK })).status).toBe(403);
    const range = 'from=2026-03-01T00:00:00.000Z&to=2026-04-01T00:00:00.000Z';
    expect((await analyst.client.get(`${base}/report?${range}`)).status).toBe(200);
  });
});

describe('assessment, assignment and deadlines', () => {
  it('scores impact × urgency × (6 − cost) with impact from the people and who they are', async () => {
    const a = await create({ text: CRASH, contactHandle: 'a' });
    expect(a).toMatchObject({ impact: 1, autoImpact: 1, score: 7 }); // 1 × 3 × 3 × 0.8
    const vip = await create({ text: CRASH_2, contactHandle: 'b', followers: 250_000 });
    expect(vip.cluster.people).toBe(2);
    const refreshed = (await owner.get<FeedbackTicket>(`${base}/tickets/${a.id}`)).body;
    // Two people (2), one of them influential (+1).
    expect(refreshed).toMatchObject({ autoImpact: 3, impact: 3, score: 22 });

    const refund = await create({ text: REFUND, urgency: 5, cost: 1 });
    expect(refund.score).toBe(20); // 1 × 5 × 5 × 0.8
    const overridden = await owner.patch<FeedbackChangeResult>(`${base}/tickets/${refund.id}`, {
      impactOverride: 5,
    });
    expect(overridden.body.ticket).toMatchObject({ impact: 5, autoImpact: 1, score: 100 });

    const byScore = await owner.get<FeedbackTicketPage>(`${base}/tickets?sort=score`);
    expect(byScore.body.items.map((ticket) => ticket.score)).toEqual([100, 22, 22]);
  });

  it('gives a department its deadline and default owner and reminds owners once a day', async () => {
    const agent = await addMember(t, owner, workspaceId, 'agent');
    const product = await department({
      name: '产品部',
      slaHours: 48,
      defaultOwnerId: agent.userId,
    });
    const service = await department({ name: '客服部', slaHours: 24 });
    const ticket = await create({ text: CRASH });
    const assigned = await owner.patch<FeedbackChangeResult>(`${base}/tickets/${ticket.id}`, {
      departmentId: product.id,
    });
    expect(assigned.body.ticket).toMatchObject({
      departmentId: product.id,
      ownerId: agent.userId,
      deadline: new Date(clock.now() + 48 * HOUR).toISOString(),
      overdue: false,
    });
    // Created straight into a department: its deadline runs from now.
    const unowned = await create({ text: REFUND, departmentId: service.id });
    expect(unowned).toMatchObject({ ownerId: null, departmentId: service.id });

    clock.advance(49 * HOUR);
    const overdue = await owner.get<FeedbackTicketPage>(`${base}/tickets?overdue=true`);
    expect(overdue.body.items.map((item) => item.id).sort()).toEqual(
      [ticket.id, unowned.id].sort(),
    );
    expect(overdue.body.items.every((item) => item.overdue)).toBe(true);

    // The daily sweep, twice on the same day: one reminder each.
    clock.set('2026-03-05T01:00:00.000Z');
    await t.services.jobs.enqueue(t.services.feedback.jobs[2]!, {}, { dedupeKey: 'sweep-1' });
    await runDueJobs(t.services);
    await t.services.jobs.enqueue(t.services.feedback.jobs[2]!, {}, { dedupeKey: 'sweep-2' });
    await runDueJobs(t.services);
    const agentBell = await agent.client.get<{ items: Notification[] }>(
      `/api/v1/workspaces/${workspaceId}/notifications`,
    );
    const agentReminders = agentBell.body.items.filter((n) => n.kind === 'feedback.overdue');
    expect(agentReminders).toHaveLength(1);
    expect(agentReminders[0]).toMatchObject({
      title: '1 feedback ticket is overdue',
      link: `/w/${workspaceId}/feedback?overdue=true`,
    });
    // The ticket without an owner goes to the workspace's leads.
    const ownerBell = await owner.get<{ items: Notification[] }>(
      `/api/v1/workspaces/${workspaceId}/notifications`,
    );
    expect(ownerBell.body.items.filter((n) => n.kind === 'feedback.overdue')).toHaveLength(1);

    // The next day it reminds again.
    clock.advance(24 * HOUR);
    await t.services.jobs.enqueue(t.services.feedback.jobs[2]!, {}, { dedupeKey: 'sweep-3' });
    await runDueJobs(t.services);
    const later = await agent.client.get<{ items: Notification[] }>(
      `/api/v1/workspaces/${workspaceId}/notifications`,
    );
    expect(later.body.items.filter((n) => n.kind === 'feedback.overdue')).toHaveLength(2);
  });

  it('applies an assignment to the whole cluster when asked', async () => {
    const ops = await department({ name: '运营部' });
    const bug = await category('功能缺陷');
    const a = await create({ text: CRASH });
    const b = await create({ text: CRASH_2 });
    const result = await owner.patch<FeedbackChangeResult>(`${base}/tickets/${a.id}`, {
      departmentId: ops.id,
      categoryId: bug.id,
      ownerId,
      urgency: 5,
      followers: 100,
      applyToCluster: true,
    });
    expect(result.body.changed).toBe(2);
    const other = (await owner.get<FeedbackTicket>(`${base}/tickets/${b.id}`)).body;
    expect(other).toMatchObject({
      departmentId: ops.id,
      categoryId: bug.id,
      ownerId,
      urgency: 5,
      raiser: { followers: null },
    });
    expect(result.body.ticket.raiser.followers).toBe(100);
  });
});

describe('workflow and follow-up', () => {
  async function ready() {
    const ops = await department({ name: '产品部', slaHours: 72 });
    const ticket = await create({ text: CRASH, departmentId: ops.id, ownerId });
    return { ops, ticket };
  }

  it('moves along the statuses, refusing what the workflow does not allow', async () => {
    const bare = await create({ text: REFUND });
    const early = await status(bare.id, { status: 'triaged' });
    expect(early.status).toBe(400);
    expect(early.body).toMatchObject({ error: { fields: { status: expect.any(String) } } });
    const skip = await status(bare.id, { status: 'closed' });
    expect(skip.status).toBe(409);

    const { ticket } = await ready();
    expect((await status(ticket.id, { status: 'triaged' })).body.ticket.status).toBe('triaged');
    expect((await status(ticket.id, { status: 'in_progress' })).body.ticket.status).toBe(
      'in_progress',
    );
    const noNote = await status(ticket.id, { status: 'resolved' });
    expect(noNote.body).toMatchObject({ error: { fields: { note: expect.any(String) } } });
    const resolved = await status(ticket.id, { status: 'resolved', note: '3.2.1 版已修复闪退' });
    expect(resolved.body.ticket).toMatchObject({
      status: 'resolved',
      resolution: '3.2.1 版已修复闪退',
      followUp: { state: 'none' },
    });
    expect(resolved.body.ticket.outcomeAt).toBe(new Date(clock.now()).toISOString());
    const closed = await status(ticket.id, { status: 'closed' });
    expect(closed.body.ticket).toMatchObject({ status: 'closed', closedAt: expect.any(String) });

    const history = await owner.get<{ items: FeedbackEvent[] }>(
      `${base}/tickets/${ticket.id}/history`,
    );
    expect(history.body.items.map((e) => [e.kind, e.detail.to ?? null])).toEqual([
      ['created', null],
      ['status', 'triaged'],
      ['status', 'in_progress'],
      ['status', 'resolved'],
      ['status', 'closed'],
    ]);
    const audit = await owner.get<AuditPage>(
      `/api/v1/workspaces/${workspaceId}/audit?targetId=${ticket.id}`,
    );
    expect(audit.body.items.map((e) => e.action)).toContain('feedback.ticket.status');
  });

  it('moves a cluster together and tells every raiser through their channel', async () => {
    const sent: { workspaceId: string; messageId: string; channelId: string; text: string }[] = [];
    let failNext = 0;
    t.services.feedback = createFeedbackService({
      db: t.services.db,
      clock,
      audit: t.services.audit,
      notifications: t.services.notifications,
      jobs: t.services.jobs,
      notifyRaiser: async (ws, input) => {
        if (failNext > 0) {
          failNext -= 1;
          throw new Error('platform busy');
        }
        sent.push({ workspaceId: ws, ...input });
      },
    });
    const ops = await department({ name: '产品部' });
    const fromMessage = await t.services.feedback.createFromMessage(workspaceId, system, {
      messageId: 'm-1',
      channelId: 'ch-1',
      contactHandle: 'lily',
      text: CRASH,
    });
    const fromEmail = await create({ text: CRASH_2, contactEmail: 'tom@example.com' });
    const anonymous = await create({ text: CRASH_3 });
    expect(new Set([fromEmail.cluster.id, anonymous.cluster.id])).toEqual(
      new Set([fromMessage.cluster.id]),
    );
    await owner.patch(`${base}/tickets/${fromMessage.id}`, {
      departmentId: ops.id,
      ownerId,
      applyToCluster: true,
    });
    await status(fromMessage.id, { status: 'triaged', applyToCluster: true });
    failNext = 1;
    const adopted = await status(fromMessage.id, {
      status: 'adopted',
      note: '新版本已修复直播间闪退',
      publicTitle: '直播间闪退已修复',
      applyToCluster: true,
    });
    expect(adopted.body.changed).toBe(3);
    expect(adopted.body.ticket.followUp.state).toBe('to_notify');

    // The first attempt fails; the retry after the backoff gets through.
    await runDueJobs(t.services);
    expect(sent).toHaveLength(0);
    clock.advance(10 * 60 * 1000);
    await runDueJobs(t.services);
    expect(sent).toEqual([
      {
        workspaceId,
        messageId: 'm-1',
        channelId: 'ch-1',
        text: '感谢您的建议！您的建议已被采纳：新版本已修复直播间闪退',
      },
    ]);

    const byId = async (id: string) =>
      (await owner.get<FeedbackTicket>(`${base}/tickets/${id}`)).body;
    expect((await byId(fromMessage.id)).followUp).toMatchObject({
      state: 'notified',
      notifiedAt: expect.any(String),
    });
    expect(await byId(fromEmail.id)).toMatchObject({
      status: 'adopted',
      resolution: '新版本已修复直播间闪退',
      followUp: { state: 'pending' },
    });
    expect((await byId(anonymous.id)).followUp.state).toBe('none');

    const waiting = await owner.get<FeedbackTicketPage>(`${base}/tickets?followUp=true`);
    expect(waiting.body.items.map((item) => item.id).sort()).toEqual(
      [fromMessage.id, fromEmail.id].sort(),
    );

    // 回访确认: satisfied closes; unsatisfied sends it back to work.
    const satisfied = await owner.post<FeedbackTicket>(
      `${base}/tickets/${fromEmail.id}/follow-up`,
      {
        outcome: 'satisfied',
        note: '电话回访，用户确认已正常',
      },
    );
    expect(satisfied.body).toMatchObject({
      status: 'closed',
      followUp: { state: 'confirmed', outcome: 'satisfied', confirmedBy: ownerId },
    });
    const twice = await owner.post(`${base}/tickets/${fromEmail.id}/follow-up`, {
      outcome: 'satisfied',
    });
    expect(twice.status).toBe(409);
    const unhappy = await owner.post<FeedbackTicket>(
      `${base}/tickets/${fromMessage.id}/follow-up`,
      { outcome: 'unsatisfied', note: '还是会闪退' },
    );
    expect(unhappy.body).toMatchObject({ status: 'in_progress', outcomeAt: null });
  });

  it('leaves the follow-up to a person when the message cannot be answered', async () => {
    const ticket = await t.services.feedback.createFromMessage(workspaceId, system, {
      messageId: 'm-9',
      channelId: 'ch-9',
      contactHandle: 'sam',
      text: DARK,
    });
    const ops = await department({ name: 'Product' });
    await owner.patch(`${base}/tickets/${ticket.id}`, { departmentId: ops.id });
    await status(ticket.id, { status: 'triaged' });
    await status(ticket.id, { status: 'resolved', note: 'Dark mode shipped in 4.0' });
    await runDueJobs(t.services);
    const after = (await owner.get<FeedbackTicket>(`${base}/tickets/${ticket.id}`)).body;
    expect(after.followUp).toMatchObject({ state: 'pending', error: expect.any(String) });
  });
});

describe('report', () => {
  it('counts by category and department with the median time to resolve', async () => {
    const bug = await category('功能缺陷');
    const idea = await category('产品建议');
    const product = await department({ name: '产品部' });
    const service = await department({ name: '客服部' });
    const a = await create({ text: CRASH, categoryId: bug.id, departmentId: product.id, ownerId });
    await create({ text: CRASH_2, categoryId: bug.id, contactHandle: 'x' });
    const dark = await create({ text: DARK, categoryId: idea.id, departmentId: product.id });
    const refund = await create({ text: REFUND, departmentId: service.id });

    await status(a.id, { status: 'triaged' });
    clock.advance(10 * HOUR);
    await status(a.id, { status: 'resolved', note: '已修复' });
    await status(dark.id, { status: 'triaged' });
    clock.advance(20 * HOUR);
    await status(dark.id, { status: 'adopted', note: '4.0 上线夜间模式' });
    await status(refund.id, { status: 'triaged' });
    await status(refund.id, { status: 'declined', note: '不符合退款条件' });

    const report = await owner.get<FeedbackReport>(
      `${base}/report?from=2026-03-01T00:00:00.000Z&to=2026-04-01T00:00:00.000Z`,
    );
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body.totals).toMatchObject({
      received: 4,
      resolved: 1,
      adopted: 1,
      declined: 1,
      open: 1,
      // 10 h and 30 h: the median of the two.
      medianHoursToResolve: 20,
    });
    const bugRow = report.body.byCategory.find((row) => row.id === bug.id);
    expect(bugRow).toMatchObject({ name: '功能缺陷', received: 2, resolved: 1 });
    const productRow = report.body.byDepartment.find((row) => row.id === product.id);
    expect(productRow).toMatchObject({
      received: 2,
      resolved: 1,
      adopted: 1,
      medianHoursToResolve: 20,
    });
    expect(report.body.byCategory.find((row) => row.id === null)).toMatchObject({ received: 1 });
    expect(report.body.adopted).toEqual([
      expect.objectContaining({ ticketId: dark.id, change: '4.0 上线夜间模式', people: 1 }),
    ]);
    expect(report.body.topClusters[0]).toMatchObject({ clusterId: a.cluster.id, received: 2 });
    expect(report.body.bySource.find((row) => row.source === 'manual')?.received).toBe(4);

    const backwards = await owner.get(
      `${base}/report?from=2026-04-01T00:00:00.000Z&to=2026-03-01T00:00:00.000Z`,
    );
    expect(backwards.body).toMatchObject({ error: { fields: { to: expect.any(String) } } });
  });
});

describe('members as owners', () => {
  it('only lets members of the workspace own tickets', async () => {
    const ticket = await create({ text: REFUND });
    const members = await owner.get<{ items: Member[] }>(
      `/api/v1/workspaces/${workspaceId}/members`,
    );
    const memberId = members.body.items[0]?.userId;
    const ok = await owner.patch<FeedbackChangeResult>(`${base}/tickets/${ticket.id}`, {
      ownerId: memberId,
    });
    expect(ok.body.ticket.ownerId).toBe(memberId);
  });
});
