import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  CsatReport,
  CsatSettings,
  CsatSurvey,
  PublicSurvey,
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
const HOUR = 3_600_000;

beforeEach(async () => {
  clock = new FakeClock(T0);
  t = await createTestApp({ clock });
  ({ owner, workspaceId } = await setUpOwner(t));
  base = `/api/v1/workspaces/${workspaceId}/routing/csat`;
  inbox = new FakeInbox(workspaceId);
  t.services.routing.connectInbox(inbox);
});
afterEach(async () => {
  await t.close();
});

async function enable(extra: Record<string, unknown> = {}): Promise<void> {
  const res = await owner.patch<CsatSettings>(`${base}/settings`, { enabled: true, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

async function resolve(id: string, facts: Record<string, unknown> = {}): Promise<void> {
  if (!inbox.conversations.has(id)) inbox.addConversation({ id, createdAt: T0 - HOUR });
  inbox.update(id, { status: 'resolved', resolvedAt: clock.now(), ...facts });
  await t.services.routing.onConversationsUpdated(workspaceId, [id]);
  await runDueJobs(t.services);
}

function tokenIn(text: string): string {
  const match = /\/s\/([A-Za-z0-9_-]+)/.exec(text);
  if (!match?.[1]) throw new Error(`no survey link in: ${text}`);
  return match[1];
}

describe('CSAT surveys', () => {
  it('is off until turned on, and validates the message', async () => {
    const settings = await owner.get<CsatSettings>(`${base}/settings`);
    expect(settings.body).toMatchObject({ enabled: false, dmOnly: true, expiresHours: 72 });
    await resolve('c0');
    expect(inbox.sent).toEqual([]);
    const noLink = await owner.patch(`${base}/settings`, { messages: { zh: '请打分' } });
    expect(noLink.status).toBe(400);
    expect(noLink.body).toMatchObject({ error: { fields: { 'messages.zh': expect.any(String) } } });
  });

  it('sends one survey per resolution through the channel; the public page records one answer', async () => {
    const agent = await addMember(t, owner, workspaceId, 'agent');
    await enable();
    inbox.addConversation({ id: 'c1', createdAt: T0 - HOUR, assigneeId: agent.userId });
    await resolve('c1');
    // The resolve event arriving twice sends nothing more.
    await t.services.routing.onConversationsUpdated(workspaceId, ['c1']);
    await runDueJobs(t.services);
    expect(inbox.sent).toHaveLength(1);
    expect(inbox.sent[0]).toMatchObject({ conversationId: 'c1' });
    expect(inbox.sent[0]!.text).toContain('http://opsloop.test/s/');
    expect(inbox.sent[0]!.text).toMatch(/^感谢您的耐心/);
    const token = tokenIn(inbox.sent[0]!.text);

    const visitor = t.client();
    const page = await visitor.get<PublicSurvey>(`/api/v1/public/surveys/${token}`);
    expect(page.status).toBe(200);
    expect(page.body).toEqual({
      workspaceName: 'Brand One',
      language: 'zh',
      status: 'open',
      score: null,
    });
    const badScore = await visitor.post(`/api/v1/public/surveys/${token}`, { score: 6 });
    expect(badScore.status).toBe(400);
    const answer = await visitor.post<PublicSurvey>(`/api/v1/public/surveys/${token}`, {
      score: 4,
      comment: '  回复很快  ',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'answered', score: 4 });
    const again = await visitor.post(`/api/v1/public/surveys/${token}`, { score: 1 });
    expect(again.status).toBe(409);
    expect((await visitor.get<PublicSurvey>(`/api/v1/public/surveys/${token}`)).body).toMatchObject(
      { status: 'answered', score: 4 },
    );
    expect((await visitor.get('/api/v1/public/surveys/not-a-real-token-at-all')).status).toBe(404);

    // A signed-in member answering (session cookie sent, no CSRF header) is fine too.
    await resolve('c2');
    const csrf = owner.csrfToken;
    owner.csrfToken = null;
    const asMember = await owner.post(`/api/v1/public/surveys/${tokenIn(inbox.sent[1]!.text)}`, {
      score: 5,
    });
    owner.csrfToken = csrf;
    expect(asMember.status).toBe(200);

    const surveys = await owner.get<{ items: CsatSurvey[] }>(`${base}/surveys?answered=true`);
    expect(surveys.body.items).toEqual([
      expect.objectContaining({ conversationId: 'c2', score: 5 }),
      expect.objectContaining({
        conversationId: 'c1',
        assigneeId: agent.userId,
        status: 'answered',
        score: 4,
        comment: '回复很快',
      }),
    ]);

    // Reopened and resolved again later: a new resolution, but the contact was asked recently.
    clock.advance(2 * HOUR);
    await resolve('c1');
    expect(inbox.sent).toHaveLength(2);
  });

  it('skips public threads, expires links and limits requests', async () => {
    await enable({ cooldownDays: 0, expiresHours: 1 });
    await resolve('thread', { kind: 'thread' });
    expect(inbox.sent).toEqual([]);
    await resolve('dm', { language: 'en' });
    expect(inbox.sent[0]!.text).toMatch(/^Thanks for your patience/);
    const token = tokenIn(inbox.sent[0]!.text);
    clock.advance(2 * HOUR);
    const visitor = t.client();
    expect((await visitor.get<PublicSurvey>(`/api/v1/public/surveys/${token}`)).body).toMatchObject(
      { status: 'expired', language: 'en' },
    );
    expect((await visitor.post(`/api/v1/public/surveys/${token}`, { score: 5 })).status).toBe(409);

    visitor.ip = '198.51.100.7';
    let limited = 0;
    for (let i = 0; i < 32; i++) {
      const res = await visitor.get(`/api/v1/public/surveys/${token}`);
      if (res.status === 429) {
        limited += 1;
        expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      }
    }
    expect(limited).toBe(2);
  });

  it('reports average, distribution, response rate, per agent and team, and a trend', async () => {
    const [a, b] = await Promise.all([
      addMember(t, owner, workspaceId, 'agent'),
      addMember(t, owner, workspaceId, 'agent'),
    ]);
    await enable({ cooldownDays: 0 });
    const scores: Array<[string, string, number | null]> = [
      ['c1', a.userId, 5],
      ['c2', a.userId, 4],
      ['c3', b.userId, 2],
      ['c4', b.userId, null],
    ];
    for (const [id, assigneeId] of scores) {
      inbox.addConversation({ id, createdAt: T0 - HOUR, assigneeId, contactId: `p-${id}` });
      await resolve(id);
      clock.advance(HOUR);
    }
    const visitor = t.client();
    for (const [index, [, , score]] of scores.entries()) {
      if (score === null) continue;
      const token = tokenIn(inbox.sent[index]!.text);
      expect((await visitor.post(`/api/v1/public/surveys/${token}`, { score })).status).toBe(200);
    }
    const report = await owner.get<CsatReport>(`${base}/report`);
    expect(report.status).toBe(200);
    expect(report.body.totals).toEqual({
      sent: 4,
      answered: 3,
      responseRate: 0.75,
      average: 11 / 3,
      satisfied: 2 / 3,
    });
    expect(report.body.distribution).toEqual([
      { score: 1, count: 0 },
      { score: 2, count: 1 },
      { score: 3, count: 0 },
      { score: 4, count: 1 },
      { score: 5, count: 1 },
    ]);
    const byAgent = new Map(report.body.byAgent.map((row) => [row.userId, row]));
    expect(byAgent.get(a.userId)).toMatchObject({ sent: 2, answered: 2, average: 4.5 });
    expect(byAgent.get(b.userId)).toMatchObject({ sent: 2, answered: 1, responseRate: 0.5 });
    expect(report.body.daily).toEqual([
      { date: '2026-03-03', sent: 4, answered: 3, average: 11 / 3 },
    ]);
    const empty = await owner.get(
      `${base}/report?from=2026-03-05T00:00:00.000Z&to=2026-03-01T00:00:00.000Z`,
    );
    expect(empty.status).toBe(400);
  });
});
