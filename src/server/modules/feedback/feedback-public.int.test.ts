import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  FeedbackCategory,
  FeedbackChangeResult,
  FeedbackDepartment,
  FeedbackForm,
  FeedbackSettings,
  FeedbackTicket,
  FeedbackTicketPage,
  ImportFeedbackResult,
  PublicBoard,
  PublicFeedbackForm,
} from '../../../shared/feedback.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.ts';
import { setUpOwner } from '../../../../test/factories.ts';
import { FakeClock } from '../../platform/clock.ts';
import { FORM_LIMITS } from './feedback.service.ts';

// One app for the file: these tests build on each other's forms, tickets and board.
let t: TestApp;
let clock: FakeClock;
let owner: TestClient;
let workspaceId: string;
let base: string;
let form: FeedbackForm;
let bugCategory: FeedbackCategory;

beforeAll(async () => {
  clock = new FakeClock('2026-03-10T02:00:00.000Z');
  t = await createTestApp({ clock });
  ({ owner, workspaceId } = await setUpOwner(t));
  base = `/api/v1/workspaces/${workspaceId}/feedback`;
  bugCategory = (await owner.post<FeedbackCategory>(`${base}/categories`, { name: '功能缺陷' }))
    .body;
});
afterAll(async () => {
  await t.close();
});

describe('public feedback form', () => {
  it('is created by an admin with an address that cannot be guessed', async () => {
    const res = await owner.post<FeedbackForm>(`${base}/forms`, {
      title: '意见反馈',
      intro: '说说你的想法，我们每周都会看。',
      defaultCategoryId: bugCategory.id,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    form = res.body;
    expect(form).toMatchObject({ enabled: true, askContact: true, submissions: 0 });
    expect(form.slug).toMatch(/^[a-z2-9]{10}$/);
    const taken = await owner.post(`${base}/forms`, { title: 'x', slug: form.slug });
    expect(taken.status).toBe(409);
    const badSlug = await owner.post(`${base}/forms`, { title: 'x', slug: 'Not OK!' });
    expect(badSlug.body).toMatchObject({ error: { fields: { slug: expect.any(String) } } });
  });

  it('is shown and accepts feedback without signing in', async () => {
    const visitor = t.client();
    visitor.ip = '198.51.100.7';
    const page = await visitor.get<PublicFeedbackForm>(
      `/api/v1/public/feedback/forms/${form.slug}`,
    );
    expect(page.status).toBe(200);
    expect(page.body).toEqual({
      slug: form.slug,
      title: '意见反馈',
      intro: '说说你的想法，我们每周都会看。',
      askContact: true,
      workspaceName: 'Brand One',
    });
    expect(page.headers.get('access-control-allow-origin')).toBe('*');

    const sent = await visitor.post(`/api/v1/public/feedback/forms/${form.slug}/submissions`, {
      text: '积分商城的兑换规则太复杂了，建议简化一下',
      name: '小王',
      contact: 'Wang@Example.com',
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toEqual({ received: true, followUp: true });
    const anonymous = await visitor.post(`/api/v1/public/feedback/forms/${form.slug}/submissions`, {
      text: '希望直播间能有回放功能',
    });
    expect(anonymous.body).toEqual({ received: true, followUp: false });

    const tickets = await owner.get<FeedbackTicketPage>(`${base}/tickets?source=form`);
    expect(tickets.body.total).toBe(2);
    const withContact = tickets.body.items.find((item) => item.contact.email !== null);
    expect(withContact).toMatchObject({
      source: 'form',
      formId: form.id,
      categoryId: bugCategory.id,
      contact: { name: '小王', email: 'wang@example.com', handle: null },
      createdBy: null,
    });
    const forms = await owner.get<{ items: FeedbackForm[] }>(`${base}/forms`);
    expect(forms.body.items[0]?.submissions).toBe(2);
  });

  it('is not confused by a signed-in visitor without a CSRF token', async () => {
    // The owner's browser carries a session cookie; the public form must still take the post.
    const res = await owner.request(
      'POST',
      `/api/v1/public/feedback/forms/${form.slug}/submissions`,
      {
        body: { text: '页面加载太慢了' },
        headers: { 'x-csrf-token': '' },
      },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const latest = await owner.get<FeedbackTicketPage>(
      `${base}/tickets?q=${encodeURIComponent('页面加载太慢了')}`,
    );
    expect(latest.body.items[0]).toMatchObject({ source: 'form', createdBy: null });
  });

  it('drops what bots send and refuses bad input by field', async () => {
    const bot = t.client();
    bot.ip = '198.51.100.99';
    const before = (await owner.get<FeedbackTicketPage>(`${base}/tickets?source=form`)).body.total;
    const trap = await bot.post(`/api/v1/public/feedback/forms/${form.slug}/submissions`, {
      text: 'Buy cheap followers now',
      website: 'http://spam.example',
    });
    expect(trap.status).toBe(201);
    expect((await owner.get<FeedbackTicketPage>(`${base}/tickets?source=form`)).body.total).toBe(
      before,
    );
    const empty = await bot.post(`/api/v1/public/feedback/forms/${form.slug}/submissions`, {
      text: ' ',
    });
    expect(empty.body).toMatchObject({ error: { fields: { text: expect.any(String) } } });
    const unknown = await bot.get('/api/v1/public/feedback/forms/no-such-form');
    expect(unknown.status).toBe(404);
  });

  it('limits submissions per address and per form', async () => {
    clock.advance(FORM_LIMITS.windowMs);
    const flooder = t.client();
    flooder.ip = '203.0.113.50';
    const url = `/api/v1/public/feedback/forms/${form.slug}/submissions`;
    for (let i = 0; i < FORM_LIMITS.perAddress; i++) {
      const ok = await flooder.post(url, { text: `第${i}次提交：客服回复太慢` });
      expect(ok.status).toBe(201);
    }
    const blocked = await flooder.post(url, { text: '又一次提交' });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Someone else at another address is not held back.
    const neighbour = t.client();
    neighbour.ip = '203.0.113.51';
    expect((await neighbour.post(url, { text: '我也觉得客服回复太慢' })).status).toBe(201);
    // A new window lets the first address in again.
    clock.advance(FORM_LIMITS.windowMs);
    expect((await flooder.post(url, { text: '过了一会儿再提交' })).status).toBe(201);
  });

  it('goes quiet when switched off', async () => {
    const off = await owner.patch<FeedbackForm>(`${base}/forms/${form.id}`, { enabled: false });
    expect(off.body.enabled).toBe(false);
    expect((await t.client().get(`/api/v1/public/feedback/forms/${form.slug}`)).status).toBe(404);
    const post = await t
      .client()
      .post(`/api/v1/public/feedback/forms/${form.slug}/submissions`, { text: '还能提交吗' });
    expect(post.status).toBe(404);
  });
});

describe('CSV import', () => {
  it('keeps the good rows and reports each bad one with its line and reason', async () => {
    const csv = [
      '反馈内容,邮箱,粉丝数,VIP,分类,时间',
      '"App 总是闪退，打开直播间就崩溃",lily@example.com,1.2万,是,功能缺陷,2026-03-01 10:00',
      ',nobody@example.com,,,,',
      'Please add a dark mode,not-an-email,,,,',
      '"多行的反馈，',
      '第二行也是反馈",,300,否,,',
      '优惠券用不了,,lots,,,',
      '签到活动规则看不懂,,,,不存在的分类,',
      '积分没有到账,,,,,2099-01-01',
    ].join('\n');
    const dry = await owner.post<ImportFeedbackResult>(`${base}/imports`, { csv, dryRun: true });
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.imported).toBe(0);

    const res = await owner.post<ImportFeedbackResult>(`${base}/imports`, { csv });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ rows: 7, imported: 2, importId: expect.any(String) });
    expect(res.body.errors.map((error) => [error.line, error.column])).toEqual([
      [3, '反馈内容'],
      [4, '邮箱'],
      [7, '粉丝数'],
      [8, 'category'],
      [9, '时间'],
    ]);
    expect(res.body.errors[3]?.reason).toContain('不存在的分类');

    const imported = await owner.get<FeedbackTicketPage>(`${base}/tickets?source=import`);
    const crash = imported.body.items.find((item) => item.text.startsWith('App'));
    expect(crash).toMatchObject({
      importId: res.body.importId,
      categoryId: bugCategory.id,
      contact: { email: 'lily@example.com' },
      raiser: { followers: 12_000, vip: true },
      createdAt: '2026-03-01T10:00:00.000Z',
      // One person, but a VIP: 1 + 1.
      impact: 2,
    });
    const multiLine = imported.body.items.find((item) => item.text.includes('第二行'));
    expect(multiLine?.raiser.followers).toBe(300);
  });

  it('refuses a file without a feedback column as a whole', async () => {
    const res = await owner.post(`${base}/imports`, { csv: 'name,email\nA,a@example.com\n' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { fields: { csv: expect.stringContaining('text') } } });
  });
});

describe('public board of adopted suggestions', () => {
  it('is off until a workspace switches it on', async () => {
    const settings = await owner.get<FeedbackSettings>(`${base}/settings`);
    expect(settings.body.board).toMatchObject({ enabled: false, slug: null });
    const on = await owner.patch<FeedbackSettings>(`${base}/settings`, {
      board: { enabled: true, title: '建议落地公示栏', intro: '你的建议，我们做到了。' },
    });
    expect(on.body.board).toMatchObject({
      enabled: true,
      slug: expect.stringMatching(/^[a-z2-9]{10}$/),
    });
    const renamed = await owner.patch<FeedbackSettings>(`${base}/settings`, {
      board: { slug: 'brand-one' },
    });
    expect(renamed.body.board.slug).toBe('brand-one');
    const clash = await owner.patch(`${base}/settings`, { board: { slug: form.slug } });
    expect(clash.status).toBe(409);
  });

  it('shows each adopted cluster once with what changed, and nothing else', async () => {
    const product = (
      await owner.post<FeedbackDepartment>(`${base}/departments`, { name: '产品部' })
    ).body;
    const make = async (text: string) =>
      (await owner.post<FeedbackTicket>(`${base}/tickets`, { text, departmentId: product.id }))
        .body;
    const a = await make('希望商品详情页能支持视频讲解，光看图片看不明白');
    const b = await make('希望商品详情页能支持视频讲解，光看图片看不明白！！');
    const private_ = await make('能不能把我的手机号13800000000从资料里删掉');
    expect(b.cluster.id).toBe(a.cluster.id);
    const move = (id: string, body: Record<string, unknown>) =>
      owner.post<FeedbackChangeResult>(`${base}/tickets/${id}/status`, body);
    await move(a.id, { status: 'triaged', applyToCluster: true });
    const adopted = await move(a.id, {
      status: 'adopted',
      note: '商品详情页已支持视频讲解',
      publicTitle: '商品视频讲解',
      applyToCluster: true,
    });
    expect(adopted.body.changed).toBe(2);
    await move(private_.id, { status: 'triaged' });
    await move(private_.id, { status: 'adopted', note: '已删除', onBoard: false });

    const board = await t.client().get<PublicBoard>('/api/v1/public/feedback/boards/brand-one');
    expect(board.status).toBe(200);
    expect(board.body).toMatchObject({
      title: '建议落地公示栏',
      intro: '你的建议，我们做到了。',
      workspaceName: 'Brand One',
    });
    expect(board.body.items).toEqual([
      {
        id: a.cluster.id,
        title: '商品视频讲解',
        change: '商品详情页已支持视频讲解',
        category: null,
        people: 2,
        adoptedAt: new Date(clock.now()).toISOString(),
      },
    ]);

    // Closing after the follow-up keeps it on the board; switching the board off hides it all.
    await owner.post(`${base}/tickets/${a.id}/status`, { status: 'closed' });
    const still = await t.client().get<PublicBoard>('/api/v1/public/feedback/boards/brand-one');
    expect(still.body.items).toHaveLength(1);
    await owner.patch(`${base}/settings`, { board: { enabled: false } });
    expect((await t.client().get('/api/v1/public/feedback/boards/brand-one')).status).toBe(404);
  });
});
