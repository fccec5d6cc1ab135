import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditPage, Workspace } from '../../../shared/api.ts';
import type {
  ModerationImportResult,
  ModerationList,
  ModerationWordPage,
  ReviewDecision,
  ReviewItem,
  ReviewPage,
  ScreenResult,
} from '../../../shared/moderation.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.ts';
import { addMember, setUpOwner } from '../../../../test/factories.ts';
import { FakeClock } from '../../platform/clock.ts';
import { createModerationService } from './index.ts';

let t: TestApp;
let clock: FakeClock;
let owner: TestClient;
let workspaceId: string;
let base: string;

beforeEach(async () => {
  clock = new FakeClock('2026-03-04T02:00:00.000Z');
  t = await createTestApp({ clock });
  ({ owner, workspaceId } = await setUpOwner(t));
  base = `/api/v1/workspaces/${workspaceId}/moderation`;
});
afterEach(async () => {
  await t.close();
});

async function createList(body: Record<string, unknown>): Promise<ModerationList> {
  const res = await owner.post<ModerationList>(`${base}/lists`, body);
  expect(res.status).toBe(201);
  return res.body;
}

async function addWords(listId: string, words: string[]): Promise<ModerationImportResult> {
  const res = await owner.post<ModerationImportResult>(`${base}/lists/${listId}/words`, { words });
  expect(res.status).toBe(200);
  return res.body;
}

const message = (id: string, channelId?: string) => ({
  kind: 'message' as const,
  id,
  ...(channelId ? { channelId } : {}),
});

describe('lists and words', () => {
  it('creates, edits, lists and removes lists with their words, audited', async () => {
    const list = await createList({ name: '广告引流', category: 'spam', action: 'hide' });
    expect(list).toMatchObject({
      name: '广告引流',
      category: 'spam',
      severity: 'medium',
      action: 'hide',
      enabled: true,
      wordCount: 0,
    });
    const added = await addWords(list.id, ['加微信', '代開發票', '加 微 信', '', '!!!']);
    expect(added).toEqual({
      added: 2,
      duplicates: 1,
      rejected: [{ line: 5, text: '!!!', reason: 'no_letters' }],
    });
    const again = await addWords(list.id, ['代开发票', '刷单']);
    expect(again).toMatchObject({ added: 1, duplicates: 1, rejected: [] });

    const renamed = await owner.patch<ModerationList>(`${base}/lists/${list.id}`, {
      name: '引流广告',
      severity: 'high',
    });
    expect(renamed.body).toMatchObject({ name: '引流广告', severity: 'high', wordCount: 3 });
    const lists = await owner.get<{ items: ModerationList[] }>(`${base}/lists`);
    expect(lists.body.items).toMatchObject([{ id: list.id, wordCount: 3 }]);

    const words = await owner.get<ModerationWordPage>(`${base}/lists/${list.id}/words`);
    expect(words.body.items.map((w) => [w.word, w.matchForm])).toEqual([
      ['加微信', '加微信'],
      ['代開發票', '代开发票'],
      ['刷单', '刷单'],
    ]);
    // Search in match form: spacing and traditional characters fold.
    const search = await owner.get<ModerationWordPage>(
      `${base}/lists/${list.id}/words?q=${encodeURIComponent('發 票')}`,
    );
    expect(search.body.items.map((w) => w.word)).toEqual(['代開發票']);
    const page = await owner.get<ModerationWordPage>(`${base}/lists/${list.id}/words?limit=2`);
    expect(page.body.items).toHaveLength(2);
    const rest = await owner.get<ModerationWordPage>(
      `${base}/lists/${list.id}/words?limit=2&cursor=${page.body.nextCursor}`,
    );
    expect(rest.body).toMatchObject({ items: [{ word: '刷单' }], nextCursor: null });

    const wordId = words.body.items[0]!.id;
    expect((await owner.delete(`${base}/lists/${list.id}/words/${wordId}`)).status).toBe(204);
    expect((await owner.delete(`${base}/lists/${list.id}/words/${wordId}`)).status).toBe(404);
    expect((await owner.delete(`${base}/lists/${list.id}`)).status).toBe(204);
    expect((await owner.get(`${base}/lists/${list.id}`)).status).toBe(404);

    const audit = await owner.get<AuditPage>(
      `/api/v1/workspaces/${workspaceId}/audit?targetId=${list.id}`,
    );
    expect(audit.body.items.map((e) => e.action).sort()).toEqual([
      'moderation.list.create',
      'moderation.list.remove',
      'moderation.list.update',
      'moderation.word.remove',
      'moderation.words.add',
      'moderation.words.add',
    ]);
  });

  it('validates bodies, naming the field', async () => {
    const bad = await owner.post(`${base}/lists`, { name: 'x', category: 'gossip' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { fields: { category: expect.any(String) } } });
    const list = await createList({ name: 'x', category: 'custom' });
    const badAction = await owner.patch(`${base}/lists/${list.id}`, { action: 'delete' });
    expect(badAction.body).toMatchObject({ error: { fields: { action: expect.any(String) } } });
    const empty = await owner.post(`${base}/lists/${list.id}/words`, { words: [] });
    expect(empty.body).toMatchObject({ error: { fields: { words: expect.any(String) } } });
  });
});

describe('import', () => {
  it('imports pasted lines: reports bad lines by number and keeps the good ones', async () => {
    const list = await createList({ name: 'Abuse', category: 'abuse', severity: 'high' });
    const text = ['傻逼', '', '  idiot  ', '***', 'x'.repeat(101), '傻 逼', 'Moron'].join('\r\n');
    const res = await owner.post<ModerationImportResult>(`${base}/lists/${list.id}/import`, {
      text,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      added: 3,
      duplicates: 1,
      rejected: [
        { line: 4, text: '***', reason: 'no_letters' },
        { line: 5, text: 'x'.repeat(101), reason: 'too_long' },
      ],
    });
  });

  it('imports the first column of a CSV file with a header and quoted fields', async () => {
    const list = await createList({ name: 'Competitors', category: 'competitor' });
    const csv = [
      'word,note',
      '竞品A,main rival',
      '"Acme, Inc.",quoted comma',
      '"say ""hi""",quotes',
      '"never closed,oops',
    ].join('\n');
    const res = await owner.post<ModerationImportResult>(`${base}/lists/${list.id}/import`, {
      text: csv,
      format: 'csv',
    });
    expect(res.body).toEqual({
      added: 3,
      duplicates: 0,
      rejected: [{ line: 5, text: '"never closed,oops', reason: 'malformed' }],
    });
    const words = await owner.get<ModerationWordPage>(`${base}/lists/${list.id}/words`);
    expect(words.body.items.map((w) => w.word)).toEqual(['竞品A', 'Acme, Inc.', 'say "hi"']);
  });
});

describe('screening and the test box', () => {
  it('catches evasions, reports original offsets and the strongest action', async () => {
    const spam = await createList({ name: 'Spam', category: 'spam', action: 'hide' });
    const politics = await createList({
      name: '时政',
      category: 'politics',
      severity: 'critical',
      action: 'escalate',
    });
    await addWords(spam.id, ['加微信', 'buy followers']);
    await addWords(politics.id, ['法轮功']);

    const text = '想要的私信，加 微 信！還有法\u200B輪\u200B功';
    const res = await owner.post<ScreenResult>(`${base}/test`, { text });
    expect(res.status).toBe(200);
    expect(res.body.action).toBe('escalate');
    expect(res.body.matches.map((m) => [m.word, m.listName, text.slice(m.start, m.end)])).toEqual([
      ['加微信', 'Spam', '加 微 信'],
      ['法轮功', '时政', '法\u200B輪\u200B功'],
    ]);

    // A disabled list catches nothing, and the matcher follows the change at once.
    await owner.patch(`${base}/lists/${politics.id}`, { enabled: false });
    const after = await owner.post<ScreenResult>(`${base}/test`, { text });
    expect(after.body).toMatchObject({ action: 'hide', matches: [{ word: '加微信' }] });

    const clean = await owner.post<ScreenResult>(`${base}/test`, {
      text: '我们要好好学习，近期有考试。Buy, followers will come.',
    });
    expect(clean.body).toEqual({ matches: [], action: 'none' });

    // The test box records nothing.
    const queue = await owner.get<ReviewPage>(`${base}/reviews`);
    expect(queue.body.items).toEqual([]);
  });

  it('lets exception lists suppress matches inside their words', async () => {
    const politics = await createList({ name: 'P', category: 'politics' });
    const allow = await createList({ name: 'Exceptions', category: 'allow' });
    await addWords(politics.id, ['习近']);
    const caught = await owner.post<ScreenResult>(`${base}/test`, { text: '习近平' });
    expect(caught.body.matches).toHaveLength(1);
    await addWords(allow.id, ['习近平']);
    const suppressed = await owner.post<ScreenResult>(`${base}/test`, { text: '习近平' });
    expect(suppressed.body).toEqual({ matches: [], action: 'none' });
  });
});

describe('review queue', () => {
  it('records screened messages and takes decisions, audited, with the decision hook', async () => {
    const list = await createList({ name: 'Spam', category: 'spam', action: 'flag' });
    await addWords(list.id, ['刷单', '加微信']);

    const decisions: Array<[string, string, ReviewDecision]> = [];
    const moderation = createModerationService({
      db: t.services.db,
      clock,
      audit: t.services.audit,
      onDecision: (ws, subject, decision) => {
        decisions.push([ws, subject.id, decision]);
      },
    });

    const clean = await moderation.screen(workspaceId, {
      text: '质量很好，下次还买',
      subject: message('m0'),
    });
    expect(clean).toEqual({ matches: [], action: 'none' });
    const flagged = await moderation.screen(workspaceId, {
      text: '专业刷 单，加微信',
      subject: message('m1', 'ch1'),
    });
    expect(flagged.action).toBe('flag');
    clock.advance(1000);
    await moderation.screen(workspaceId, { text: '刷单', subject: message('m2') });
    // The same message screened again refreshes its undecided item instead of adding one.
    await moderation.screen(workspaceId, { text: '刷单！刷单！', subject: message('m2') });

    const queue = await owner.get<ReviewPage>(`${base}/reviews`);
    expect(queue.body.items.map((i) => [i.subject.id, i.status, i.matches.length])).toEqual([
      ['m1', 'open', 2],
      ['m2', 'open', 2],
    ]);
    const first = queue.body.items[0]!;
    expect(first).toMatchObject({
      subject: { kind: 'message', id: 'm1', channelId: 'ch1' },
      text: '专业刷 单，加微信',
      action: 'flag',
      severity: 'medium',
      decidedBy: null,
    });
    expect(first.matches.map((m) => first.text.slice(m.start, m.end))).toEqual(['刷 单', '加微信']);

    const escalated = await owner.post<ReviewItem>(`${base}/reviews/${first.id}/decision`, {
      decision: 'escalate',
      note: '需要主管确认',
    });
    expect(escalated.body).toMatchObject({ status: 'escalated', note: '需要主管确认' });
    expect(
      (await owner.post(`${base}/reviews/${first.id}/decision`, { decision: 'escalate' })).status,
    ).toBe(409);

    // Decisions through the service reach the hook.
    const scope = { workspaceId, role: 'owner' as const, channelIds: null };
    const actor = { userId: null, tokenId: null, label: 'lead', ip: null, requestId: null };
    const hidden = await moderation.decideReview(scope, first.id, { decision: 'hide' }, actor);
    expect(hidden).toMatchObject({ status: 'hidden', decidedBy: { label: 'lead' } });
    expect(decisions).toEqual([[workspaceId, 'm1', 'hide']]);

    const second = queue.body.items[1]!;
    const dismissed = await owner.post<ReviewItem>(`${base}/reviews/${second.id}/decision`, {
      decision: 'dismiss',
    });
    expect(dismissed.body).toMatchObject({
      status: 'dismissed',
      decidedBy: { label: expect.any(String) },
    });
    expect(
      (await owner.post(`${base}/reviews/${second.id}/decision`, { decision: 'hide' })).status,
    ).toBe(409);

    expect((await owner.get<ReviewPage>(`${base}/reviews`)).body.items).toEqual([]);
    const history = await owner.get<ReviewPage>(`${base}/reviews?status=all`);
    expect(history.body.items.map((i) => i.status)).toEqual(['dismissed', 'hidden']);
    const one = await owner.get<ReviewItem>(`${base}/reviews/${first.id}`);
    expect(one.body.status).toBe('hidden');

    const audit = await owner.get<AuditPage>(
      `/api/v1/workspaces/${workspaceId}/audit?targetId=${first.id}`,
    );
    expect(audit.body.items.map((e) => e.action).sort()).toEqual([
      'moderation.review.escalate',
      'moderation.review.hide',
      'moderation.review.open',
    ]);
    // The audit log keeps which words, not the message text.
    expect(JSON.stringify(audit.body.items)).not.toContain('专业');
  });

  it('puts escalate-action matches straight into the escalated tier', async () => {
    const list = await createList({
      name: '时政',
      category: 'politics',
      severity: 'critical',
      action: 'escalate',
    });
    await addWords(list.id, ['法轮功']);
    const result = await t.services.moderation.screen(workspaceId, {
      text: '法 轮 功',
      subject: message('m9'),
    });
    expect(result.action).toBe('escalate');
    const queue = await owner.get<ReviewPage>(`${base}/reviews?status=escalated`);
    expect(queue.body.items).toMatchObject([{ status: 'escalated', severity: 'critical' }]);
  });
});

describe('access', () => {
  it('lets viewers read and test but not edit or decide, and hides other workspaces', async () => {
    const list = await createList({ name: 'Spam', category: 'spam' });
    await addWords(list.id, ['刷单']);
    await t.services.moderation.screen(workspaceId, { text: '刷单', subject: message('m1') });
    const item = (await owner.get<ReviewPage>(`${base}/reviews`)).body.items[0]!;

    const { client: viewer } = await addMember(t, owner, workspaceId, 'viewer');
    expect((await viewer.get(`${base}/lists`)).status).toBe(200);
    expect((await viewer.post(`${base}/test`, { text: '刷单' })).status).toBe(200);
    expect((await viewer.post(`${base}/lists`, { name: 'x', category: 'spam' })).status).toBe(403);
    expect((await viewer.post(`${base}/lists/${list.id}/words`, { words: ['a'] })).status).toBe(
      403,
    );
    expect(
      (await viewer.post(`${base}/reviews/${item.id}/decision`, { decision: 'dismiss' })).status,
    ).toBe(403);
    const { client: manager } = await addMember(t, owner, workspaceId, 'manager');
    expect(
      (await manager.post(`${base}/reviews/${item.id}/decision`, { decision: 'dismiss' })).status,
    ).toBe(200);

    const other = (await owner.post<Workspace>('/api/v1/workspaces', { name: 'Other' })).body.id;
    const otherBase = `/api/v1/workspaces/${other}/moderation`;
    expect((await owner.get(`${otherBase}/lists/${list.id}`)).status).toBe(404);
    expect((await owner.patch(`${otherBase}/lists/${list.id}`, { name: 'z' })).status).toBe(404);
    expect((await owner.delete(`${otherBase}/lists/${list.id}`)).status).toBe(404);
    expect((await owner.get(`${otherBase}/lists/${list.id}/words`)).status).toBe(404);
    expect((await owner.post(`${otherBase}/lists/${list.id}/import`, { text: 'a' })).status).toBe(
      404,
    );
    expect((await owner.get(`${otherBase}/reviews/${item.id}`)).status).toBe(404);
    expect(
      (await owner.post(`${otherBase}/reviews/${item.id}/decision`, { decision: 'hide' })).status,
    ).toBe(404);
    // Another workspace's lists catch nothing here.
    const screened = await owner.post<ScreenResult>(`${otherBase}/test`, { text: '刷单' });
    expect(screened.body).toEqual({ matches: [], action: 'none' });
  });
});
