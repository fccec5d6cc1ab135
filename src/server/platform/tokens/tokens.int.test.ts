import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiToken, CreatedApiToken, Workspace } from '../../../shared/api.ts';
import { createTestApp, type TestApp } from '../../../../test/app.ts';
import { addMember, setUpOwner } from '../../../../test/factories.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('API tokens', () => {
  it('is shown once, stored hashed, works as a bearer and stops when revoked', async () => {
    const { owner, workspaceId } = await setUpOwner(t);
    const base = `/api/v1/workspaces/${workspaceId}`;
    const created = await owner.post<CreatedApiToken>(`${base}/tokens`, {
      name: 'Reporting pipeline',
      role: 'analyst',
    });
    expect(created.status).toBe(201);
    const { secret, token } = created.body;
    expect(secret.startsWith(token.prefix)).toBe(true);

    const list = await owner.get<{ items: ApiToken[] }>(`${base}/tokens`);
    expect(JSON.stringify(list.body)).not.toContain(secret);
    const stored = await t.database.db.kysely.selectFrom('api_token').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(secret);

    const api = t.client();
    api.bearer = secret;
    expect((await api.get<Workspace>(base)).body.role).toBe('analyst');
    expect((await api.get(`${base}/audit`)).status).toBe(200);
    // An analyst token cannot invite.
    expect((await api.post(`${base}/invitations`, { role: 'viewer' })).status).toBe(403);
    // Tokens need no CSRF header: they are not sent by browsers on their own.
    expect((await api.get(`${base}/members`)).status).toBe(200);
    // Person-only routes refuse tokens.
    expect((await api.get('/api/v1/auth/session')).status).toBe(403);

    const afterUse = await owner.get<{ items: ApiToken[] }>(`${base}/tokens`);
    expect(afterUse.body.items[0]?.lastUsedAt).not.toBeNull();

    expect((await owner.delete(`${base}/tokens/${token.id}`)).status).toBe(204);
    const denied = await api.get(base);
    expect(denied.status).toBe(401);
    expect(denied.body).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('is scoped to its workspace and capped at the creator role', async () => {
    const { owner, workspaceId } = await setUpOwner(t);
    const other = await owner.post<Workspace>('/api/v1/workspaces', { name: 'Other' });
    const created = await owner.post<CreatedApiToken>(`/api/v1/workspaces/${workspaceId}/tokens`, {
      name: 'ci',
      role: 'admin',
    });
    const api = t.client();
    api.bearer = created.body.secret;
    expect((await api.get(`/api/v1/workspaces/${other.body.id}`)).status).toBe(404);

    const admin = await addMember(t, owner, workspaceId, 'admin');
    const tooHigh = await admin.client.post(`/api/v1/workspaces/${workspaceId}/tokens`, {
      name: 'escalate',
      role: 'owner',
    });
    expect(tooHigh.status).toBe(403);
    expect(tooHigh.body).toMatchObject({ error: { fields: { role: expect.any(String) } } });

    const garbage = t.client();
    garbage.bearer = 'olp_not-a-real-token';
    expect((await garbage.get(`/api/v1/workspaces/${workspaceId}`)).status).toBe(401);
  });

  it("stops a removed member's tokens", async () => {
    const { owner, workspaceId } = await setUpOwner(t);
    const admin = await addMember(t, owner, workspaceId, 'admin');
    const created = await admin.client.post<CreatedApiToken>(
      `/api/v1/workspaces/${workspaceId}/tokens`,
      {
        name: 'mine',
        role: 'viewer',
      },
    );
    await owner.delete(`/api/v1/workspaces/${workspaceId}/members/${admin.userId}`);
    const api = t.client();
    api.bearer = created.body.secret;
    expect((await api.get(`/api/v1/workspaces/${workspaceId}`)).status).toBe(401);
  });
});
