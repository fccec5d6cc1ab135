import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationDetail, ConversationPage } from '../../../shared/inbox.ts';
import type { Channel } from '../../../shared/publishing.ts';
import type { CannedReply, RoutingRun, SlaTimer, Team } from '../../../shared/routing.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.ts';
import { addMember, setUpOwner } from '../../../../test/factories.ts';
import { runDueJobs } from '../../../../test/run-jobs.ts';
import { generateSandboxHistory } from '../../connectors/index.ts';
import { FakeClock } from '../../platform/clock.ts';

// Routing wired to the real inbox (services.ts): messages collected from a sandbox channel are
// routed once each, answered through the inbox's reply delivery and assigned in turn.
const clock = new FakeClock('2026-04-06T03:00:00.000Z');
let t: TestApp;
let owner: TestClient;
let workspaceId: string;
let base: string;
let channel: Channel;
let agentId: string;
let team: Team;
let reply: CannedReply;

beforeAll(async () => {
  t = await createTestApp({ clock });
  const setup = await setUpOwner(t);
  owner = setup.owner;
  workspaceId = setup.workspaceId;
  base = `/api/v1/workspaces/${workspaceId}`;
  agentId = (await addMember(t, owner, workspaceId, 'agent')).userId;
  team = (
    await owner.post<Team>(`${base}/routing/teams`, {
      name: '私信组',
      members: [{ userId: agentId, tier: 'agent' }],
    })
  ).body;
  reply = (
    await owner.post<CannedReply>(`${base}/routing/canned/replies`, {
      title: '私信自动回复',
      variants: { zh: '您好，{name}！已收到您的私信，客服会尽快回复。' },
    })
  ).body;
  const rule = await owner.post(`${base}/routing/rules`, {
    name: 'DMs: acknowledge and assign',
    conditions: { kinds: ['direct_message'] },
    actions: [
      { type: 'auto_reply', cannedReplyId: reply.id },
      { type: 'assign_team', teamId: team.id },
    ],
  });
  expect(rule.status, JSON.stringify(rule.body)).toBe(201);
  await owner.post(`${base}/routing/sla/policies`, {
    name: 'All',
    firstResponseMinutes: 120,
    resolutionMinutes: 24 * 60,
  });
  channel = (
    await owner.post<Channel>(`${base}/channels`, {
      platform: 'sandbox',
      style: 'weibo',
      name: '微博',
      seed: 4242,
    })
  ).body;
  const accountId = (await t.services.channels.requireChannel(workspaceId, channel.id))
    .external_account_id!;
  await generateSandboxHistory(t.services.db, clock, { workspaceId, accountId }, { days: 2 });
}, 60_000);

afterAll(async () => {
  await t.close();
});

describe('routing with the inbox', () => {
  it('routes collected messages once, replying and assigning through the inbox', async () => {
    expect(t.services.routing.inboxConnected).toBe(true);
    await t.services.inbox.collectChannel(workspaceId, channel.id);
    await runDueJobs(t.services);

    const runs = (await owner.get<{ items: RoutingRun[] }>(`${base}/routing/runs?limit=200`)).body
      .items;
    expect(runs.length).toBeGreaterThan(0);
    const answered = runs.filter((run) =>
      run.outcomes.some((outcome) => outcome.startsWith('auto-reply sent')),
    );
    expect(answered.length).toBeGreaterThan(0);

    const page = await owner.get<ConversationPage>(
      `${base}/inbox/conversations?limit=200&teamId=${team.id}`,
    );
    expect(page.status).toBe(200);
    const routed = page.body.items.filter((c) => c.kind === 'direct');
    expect(routed.length).toBeGreaterThan(0);
    for (const conversation of routed) expect(conversation.assigneeId).toBe(agentId);

    const detail = (
      await owner.get<ConversationDetail>(`${base}/inbox/conversations/${routed[0]!.id}`)
    ).body;
    const outbound = detail.messages.filter((m) => m.direction === 'out');
    expect(outbound).toHaveLength(1);
    expect(outbound[0]!.text).toMatch(/^您好，.+！已收到您的私信/);
    expect(outbound[0]!.status).toBe('sent');

    const timers = await owner.get<{ items: SlaTimer[] }>(
      `${base}/routing/sla/conversations/${routed[0]!.id}/timers`,
    );
    // The automatic reply may already count as the first response; resolution is still open.
    expect(timers.body.items).toContainEqual(
      expect.objectContaining({ kind: 'resolution', status: 'running' }),
    );

    // Collecting again finds nothing new to route, and nobody is answered twice.
    await t.services.inbox.collectChannel(workspaceId, channel.id);
    await runDueJobs(t.services);
    const again = (await owner.get<{ items: RoutingRun[] }>(`${base}/routing/runs?limit=200`)).body
      .items;
    expect(again).toHaveLength(runs.length);
    const detailAgain = (
      await owner.get<ConversationDetail>(`${base}/inbox/conversations/${routed[0]!.id}`)
    ).body;
    expect(detailAgain.messages.filter((m) => m.direction === 'out')).toHaveLength(1);
  });
});
