import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  BusinessHours,
  SlaPolicy,
  SlaReport,
  SlaTimer,
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

const MIN = 60_000;
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

async function officeHours(): Promise<BusinessHours> {
  const res = await owner.post<BusinessHours>(`${base}/business-hours`, {
    name: '工作日',
    intervals: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' })),
    holidays: ['2026-05-01'],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function policy(body: Record<string, unknown>): Promise<SlaPolicy> {
  const res = await owner.post<SlaPolicy>(`${base}/sla/policies`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function changed(conversationIds: string[]): Promise<void> {
  await t.services.routing.onConversationsUpdated(workspaceId, conversationIds);
  await runDueJobs(t.services);
}

async function sweep(): Promise<void> {
  const job = t.services.routing.jobs.find((j) => j.name === 'routing.sla.sweep')!;
  await t.services.jobs.enqueue(job, {});
  await runDueJobs(t.services);
}

async function timers(conversationId: string): Promise<SlaTimer[]> {
  const res = await owner.get<{ items: SlaTimer[] }>(
    `${base}/sla/conversations/${conversationId}/timers`,
  );
  expect(res.status).toBe(200);
  return res.body.items;
}

async function notifications(client: TestClient): Promise<Array<{ kind: string; body: string }>> {
  const res = await client.get<{ items: Array<{ kind: string; body: string }> }>(
    `/api/v1/workspaces/${workspaceId}/notifications`,
  );
  return res.body.items;
}

describe('business hours and policies', () => {
  it('validates schedules, orders policies and refuses to delete hours in use', async () => {
    const overlap = await owner.post(`${base}/business-hours`, {
      name: 'bad',
      intervals: [
        { day: 1, from: '09:00', to: '13:00' },
        { day: 1, from: '12:00', to: '18:00' },
      ],
    });
    expect(overlap.status).toBe(400);
    expect(overlap.body).toMatchObject({ error: { fields: { intervals: expect.any(String) } } });
    const badZone = await owner.post(`${base}/business-hours`, {
      name: 'bad',
      timezone: 'Mars/Olympus',
      intervals: [{ day: 1, from: '09:00', to: '18:00' }],
    });
    expect(badZone.status).toBe(400);

    const hours = await officeHours();
    const noTargets = await owner.post(`${base}/sla/policies`, { name: 'empty' });
    expect(noTargets.status).toBe(400);
    const unknownHours = await owner.post(`${base}/sla/policies`, {
      name: 'x',
      firstResponseMinutes: 5,
      businessHoursId: 'nope',
    });
    expect(unknownHours.body).toMatchObject({
      error: { fields: { businessHoursId: expect.any(String) } },
    });
    const normal = await policy({
      name: 'Standard',
      firstResponseMinutes: 60,
      businessHoursId: hours.id,
    });
    const urgent = await policy({
      name: 'Urgent',
      priorities: ['urgent'],
      firstResponseMinutes: 15,
    });
    const ordered = await owner.post<{ items: SlaPolicy[] }>(`${base}/sla/policies/order`, {
      policyIds: [urgent.id, normal.id],
    });
    expect(ordered.body.items.map((p) => p.name)).toEqual(['Urgent', 'Standard']);
    const inUse = await owner.delete(`${base}/business-hours/${hours.id}`);
    expect(inUse.status).toBe(409);
    expect((await owner.delete(`${base}/sla/policies/${normal.id}`)).status).toBe(204);
    expect((await owner.delete(`${base}/business-hours/${hours.id}`)).status).toBe(204);
  });
});

describe('timers, breaches and escalation', () => {
  it('times conversations in business hours, escalates a missed target once, reports per agent and team', async () => {
    const [agent, expert] = await Promise.all([
      addMember(t, owner, workspaceId, 'agent'),
      addMember(t, owner, workspaceId, 'agent'),
    ]);
    const team = (
      await owner.post<Team>(`${base}/teams`, {
        name: '售后',
        members: [
          { userId: agent.userId, tier: 'agent' },
          { userId: expert.userId, tier: 'expert' },
        ],
      })
    ).body;
    const hours = await officeHours();
    await policy({
      name: 'Standard',
      firstResponseMinutes: 60,
      nextResponseMinutes: 30,
      resolutionMinutes: 600,
      businessHoursId: hours.id,
    });

    inbox.addConversation({ id: 'late', createdAt: T0, assigneeId: agent.userId, teamId: team.id });
    inbox.addConversation({
      id: 'quick',
      createdAt: T0,
      assigneeId: agent.userId,
      teamId: team.id,
    });
    await changed(['late', 'quick']);
    const started = await timers('late');
    expect(started.map((timer) => [timer.kind, timer.status, timer.dueAt])).toEqual([
      ['first_response', 'running', '2026-03-03T03:00:00.000Z'],
      // 10 business hours from Tuesday 10:00: 8 on Tuesday, 2 on Wednesday → Wed 11:00.
      ['resolution', 'running', '2026-03-04T03:00:00.000Z'],
    ]);

    // One conversation is answered in time.
    clock.advance(20 * MIN);
    inbox.update('quick', { firstResponseAt: clock.now(), waitingSince: null });
    await changed(['quick']);
    expect((await timers('quick'))[0]).toMatchObject({ kind: 'first_response', status: 'met' });

    // The other one is not: the sweep finds it past due and escalates to the team's expert.
    clock.advance(45 * MIN);
    await sweep();
    const breached = (await timers('late')).find((timer) => timer.kind === 'first_response')!;
    expect(breached).toMatchObject({
      status: 'breached',
      breachedAt: '2026-03-03T03:00:00.000Z',
      escalatedAt: expect.any(String),
      completedAt: null,
    });
    expect(inbox.conversations.get('late')!.assigneeId).toBe(expert.userId);
    expect((await notifications(expert.client)).map((n) => n.kind)).toEqual(['inbox.escalation']);

    // More sweeps (other workers, later minutes) change nothing and tell nobody again.
    const updates = inbox.updates.length;
    await sweep();
    clock.advance(11 * MIN);
    await sweep();
    expect(inbox.updates).toHaveLength(updates);
    expect(await notifications(expert.client)).toHaveLength(1);

    // The late answer still completes the timer, which stays breached.
    inbox.update('late', { firstResponseAt: clock.now(), waitingSince: null });
    await changed(['late']);
    const answered = (await timers('late')).find((timer) => timer.kind === 'first_response')!;
    expect(answered).toMatchObject({ status: 'breached', completedAt: expect.any(String) });

    const report = await owner.get<SlaReport>(`${base}/sla/report`);
    expect(report.status).toBe(200);
    expect(report.body.totals).toMatchObject({ met: 1, breached: 1, overdue: 0, metRate: 0.5 });
    expect(report.body.byKind.find((k) => k.kind === 'first_response')).toMatchObject({
      met: 1,
      breached: 1,
    });
    const byAgent = new Map(report.body.byAgent.map((row) => [row.userId, row]));
    expect(byAgent.get(agent.userId)).toMatchObject({ met: 1, breached: 0 });
    expect(byAgent.get(expert.userId)).toMatchObject({ met: 0, breached: 1 });
    expect(report.body.byTeam).toEqual([
      expect.objectContaining({ teamId: team.id, name: '售后', met: 1, breached: 1, total: 2 }),
    ]);
    expect(report.body.daily).toEqual([{ date: '2026-03-03', met: 1, breached: 1 }]);
  });

  it('records a reply the sweep finds first as met, and re-times when the priority changes', async () => {
    await policy({ name: 'Urgent', priorities: ['urgent'], firstResponseMinutes: 10 });
    await policy({ name: 'Standard', firstResponseMinutes: 60 });
    inbox.addConversation({ id: 'c', createdAt: T0 });
    await changed(['c']);
    expect((await timers('c'))[0]?.dueAt).toBe('2026-03-03T03:00:00.000Z');
    inbox.update('c', { priority: 'urgent' });
    await changed(['c']);
    expect((await timers('c'))[0]?.dueAt).toBe('2026-03-03T02:10:00.000Z');

    // Answered at minute 8, but the inbox's event got lost: the sweep re-reads and sees it.
    inbox.update('c', { firstResponseAt: T0 + 8 * MIN, waitingSince: null });
    clock.advance(12 * MIN);
    await sweep();
    expect((await timers('c'))[0]).toMatchObject({ status: 'met', escalatedAt: null });
  });

  it('catches a resolution whose inbox event was lost, and sends the survey then', async () => {
    await policy({ name: 'Resolve in a day', resolutionMinutes: 24 * 60 });
    await owner.patch(`${base}/csat/settings`, { enabled: true });
    inbox.addConversation({ id: 'quiet', createdAt: T0 });
    await changed(['quiet']);
    expect((await timers('quiet')).map((timer) => timer.status)).toEqual(['running']);
    clock.advance(30 * MIN);
    inbox.update('quiet', { status: 'resolved', resolvedAt: clock.now() });
    const reconcile = t.services.routing.jobs.find((j) => j.name === 'routing.timers.reconcile')!;
    await t.services.jobs.enqueue(reconcile, {});
    await runDueJobs(t.services);
    expect(await timers('quiet')).toEqual([
      expect.objectContaining({ kind: 'resolution', status: 'met' }),
    ]);
    expect(inbox.sent).toEqual([
      expect.objectContaining({
        conversationId: 'quiet',
        idempotencyKey: expect.stringMatching(/^csat:/),
      }),
    ]);
  });

  it('tells the lead, or the managers when there is none', async () => {
    const lead = await addMember(t, owner, workspaceId, 'agent');
    const team = (await owner.post<Team>(`${base}/teams`, { name: 'VIP', leadUserId: lead.userId }))
      .body;
    await policy({ name: 'To the lead', firstResponseMinutes: 5, escalation: 'lead' });
    inbox.addConversation({ id: 'team', createdAt: T0, teamId: team.id });
    inbox.addConversation({ id: 'loose', createdAt: T0, contactName: 'Bob' });
    await changed(['team', 'loose']);
    clock.advance(6 * MIN);
    await sweep();
    expect((await notifications(lead.client)).map((n) => n.kind)).toEqual(['inbox.escalation']);
    const ownerNotes = await notifications(owner);
    expect(ownerNotes).toHaveLength(1);
    expect(ownerNotes[0]!.body).toContain('SLA missed: First response');
    expect(ownerNotes[0]!.body).toContain('Bob');
    // Telling is not assigning.
    expect(inbox.conversations.get('team')!.assigneeId).toBeNull();
  });
});
