import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session, SetupStatus } from '../../../shared/api.ts';
import { createTestApp, type TestApp } from '../../../../test/app.ts';
import { PASSWORD, setUpOwner } from '../../../../test/factories.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('setup', () => {
  it('creates the owner and first workspace once, then refuses', async () => {
    const anonymous = t.client();
    expect((await anonymous.get<SetupStatus>('/api/v1/setup')).body.needsSetup).toBe(true);
    const { owner, session } = await setUpOwner(t);
    expect(session.user.email).toBe('owner@example.com');
    expect(session.workspaces).toHaveLength(1);
    expect(session.workspaces[0]?.role).toBe('owner');
    expect((await anonymous.get<SetupStatus>('/api/v1/setup')).body.needsSetup).toBe(false);

    const again = await t.client().post('/api/v1/setup', {
      name: 'Mallory',
      email: 'mallory@example.com',
      password: PASSWORD,
      workspaceName: 'Takeover',
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'already_set_up' } });
    expect((await owner.get('/api/v1/auth/session')).status).toBe(200);
  });

  it('names each bad field', async () => {
    const res = await t.client().post('/api/v1/setup', {
      name: '',
      email: 'not-an-email',
      password: 'short',
      workspaceName: 'X',
      timezone: 'Mars/Olympus',
    });
    expect(res.status).toBe(400);
    expect(Object.keys((res.body as { error: { fields: object } }).error.fields).sort()).toEqual([
      'email',
      'name',
      'password',
      'timezone',
    ]);
  });
});

describe('sessions', () => {
  it('signs in with a cookie that is httpOnly and SameSite=Lax, and signs out', async () => {
    const { owner } = await setUpOwner(t);
    await owner.post('/api/v1/auth/logout');
    expect((await owner.get('/api/v1/auth/session')).status).toBe(401);

    const browser = t.client();
    const wrong = await browser.post('/api/v1/auth/login', {
      email: 'owner@example.com',
      password: 'wrong-password',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: { code: 'invalid_credentials' } });

    const res = await browser.post<Session>('/api/v1/auth/login', {
      email: 'OWNER@example.com ',
      password: PASSWORD,
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/opsloop_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect((await browser.get('/api/v1/auth/session')).status).toBe(200);
  });

  it('requires the CSRF token on cookie-authenticated changes', async () => {
    const { owner } = await setUpOwner(t);
    const withoutToken = await owner.request('POST', '/api/v1/workspaces', {
      body: { name: 'Second' },
      headers: { 'x-csrf-token': '' },
    });
    expect(withoutToken.status).toBe(403);
    expect(withoutToken.body).toMatchObject({ error: { code: 'csrf_failed' } });
    expect((await owner.post('/api/v1/workspaces', { name: 'Second' })).status).toBe(201);
  });

  it('changes the password and signs out other sessions', async () => {
    const { owner } = await setUpOwner(t);
    const laptop = t.client();
    await laptop.post('/api/v1/auth/login', { email: 'owner@example.com', password: PASSWORD });

    const wrong = await owner.post('/api/v1/auth/password', {
      currentPassword: 'nope',
      newPassword: 'another-password-1',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ error: { fields: { currentPassword: 'wrong password' } } });

    const ok = await owner.post('/api/v1/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'another-password-1',
    });
    expect(ok.status).toBe(204);
    expect((await owner.get('/api/v1/auth/session')).status).toBe(200);
    expect((await laptop.get('/api/v1/auth/session')).status).toBe(401);
    const relogin = await t.client().post('/api/v1/auth/login', {
      email: 'owner@example.com',
      password: 'another-password-1',
    });
    expect(relogin.status).toBe(200);
  });

  it('updates name and language', async () => {
    const { owner } = await setUpOwner(t);
    const res = await owner.patch('/api/v1/me', { name: '奥莉维亚', locale: 'zh-CN' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '奥莉维亚', locale: 'zh-CN' });
  });
});

describe('login rate limits', () => {
  it('limits failed attempts per account', async () => {
    await setUpOwner(t);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const attacker = t.client();
      attacker.ip = `198.51.100.${i}`;
      const res = await attacker.post('/api/v1/auth/login', {
        email: 'owner@example.com',
        password: `guess-${i}`,
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    // Even the right password waits for the window to pass.
    const owner = t.client();
    owner.ip = '198.51.100.200';
    const res = await owner.post('/api/v1/auth/login', {
      email: 'owner@example.com',
      password: PASSWORD,
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('limits attempts per address across accounts', async () => {
    await setUpOwner(t);
    const attacker = t.client();
    attacker.ip = '192.0.2.77';
    let last = 0;
    for (let i = 0; i < 51; i++) {
      const res = await attacker.post('/api/v1/auth/login', {
        email: `someone-${i}@example.com`,
        password: 'guess-guess',
      });
      last = res.status;
    }
    expect(last).toBe(429);
  });
});
