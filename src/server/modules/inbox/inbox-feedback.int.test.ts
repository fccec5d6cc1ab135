import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackLink, ConversationPage, ConversationDetail } from '../../../shared/inbox.ts';
import type { FeedbackTicket } from '../../../shared/feedback.ts';
import type { Channel } from '../../../shared/publishing.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.ts';
import { addMember, setUpOwner } from '../../../../test/factories.ts';
import { runDueJobs } from '../../../../test/run-jobs.ts';
import { generateSandboxHistory, listSandboxReplies } from '../../connectors/index.ts';
import { FakeClock } from '../../platform/clock.ts';

// A customer's comment kept as feedback (反馈): once resolved, the customer hears back on the
// channel they wrote on, exactly once.
const clock = new FakeClock('2026-04-06T03:00:00.000Z');
let t: TestApp;
let owner: TestClient;
let workspaceId: string;
let base: string;
let accountId: string;

beforeAll(async () => {
  t = await createTestApp({ clock });
  const setup = await setUpOwner(t);
  owner = setup.owner;
  workspaceId = setup.workspaceId;
  base = `/api/v1/workspaces/${workspaceId}`;
  const channel = (
    await owner.post<Channel>(`${base}/channels`, {
      platform: 'sandbox',
      style: 'weibo',
      name: '微博',
      seed: 4242,
    })
  ).body;
  accountId = (await t.services.channels.requireChannel(workspaceId, channel.id))
    .external_account_id!;
  await generateSandboxHistory(t.services.db, clock, { workspaceId, accountId }, { days: 3 });
  await t.services.inbox.collectChannel(workspaceId, channel.id);
}, 60_000);

afterAll(async () => {
  await t.close();
});

async function firstInboundMessage() {
  const page = await owner.get<ConversationPage>(`${base}/inbox/conversations?status=open`);
  const conversation = page.body.items[0]!;
  const detail = await owner.get<ConversationDetail>(
    `${base}/inbox/conversations/${conversation.id}`,
  );
  return detail.body.messages.find((m) => m.direction === 'in')!;
}

describe('feedback from the inbox', () => {
  it('keeps a message as one ticket and tells the customer on the channel when resolved', async () => {
    const message = await firstInboundMessage();
    const kept = await owner.post<FeedbackLink>(`${base}/inbox/messages/${message.id}/feedback`);
    expect(kept.status).toBe(200);
    const again = await owner.post<FeedbackLink>(`${base}/inbox/messages/${message.id}/feedback`);
    expect(again.body.ticketId).toBe(kept.body.ticketId);

    const ticketPath = `${base}/feedback/tickets/${kept.body.ticketId}`;
    const ticket = await owner.get<FeedbackTicket>(ticketPath);
    expect(ticket.body).toMatchObject({ source: 'message', text: message.text });

    const department = await owner.post<{ id: string }>(`${base}/feedback/departments`, {
      name: '产品部',
    });
    expect((await owner.patch(ticketPath, { departmentId: department.body.id })).status).toBe(200);
    for (const [status, note] of [
      ['triaged', undefined],
      ['resolved', '已在新版本中修复'],
    ] as const) {
      const moved = await owner.post(`${ticketPath}/status`, { status, ...(note ? { note } : {}) });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    }
    await runDueJobs(t.services);
    await runDueJobs(t.services);

    const replies = (await listSandboxReplies(t.services.db, { workspaceId, accountId })).filter(
      (r) => r.idempotency_key.startsWith('feedback:'),
    );
    expect(replies).toHaveLength(1);
  });

  it('refuses a viewer and a message of another workspace', async () => {
    const message = await firstInboundMessage();
    const viewer = await addMember(t, owner, workspaceId, 'viewer');
    expect((await viewer.client.post(`${base}/inbox/messages/${message.id}/feedback`)).status).toBe(
      403,
    );
    const other = await owner.post<{ id: string }>('/api/v1/workspaces', { name: 'Other brand' });
    const foreign = await owner.post(
      `/api/v1/workspaces/${other.body.id}/inbox/messages/${message.id}/feedback`,
    );
    expect(foreign.status).toBe(404);
  });
});
