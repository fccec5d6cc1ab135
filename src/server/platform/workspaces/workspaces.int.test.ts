import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  CreatedInvitation,
  InvitationPreview,
  Member,
  Session,
  Workspace,
} from '../../../shared/api.ts';
import { createTestApp, type TestApp } from '../../../../test/app.ts';
import { PASSWORD, addMember, setUpOwner } from '../../../../test/factories.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('workspaces', () => {
  it('lets an agency create and switch between client workspaces', async () => {
    const { owner, workspaceId } = await setUpOwner(t);
    const second = await owner.post<Workspace>('/api/v1/workspaces', {
      name: '客户 B',
      timezone: 'Europe/Berlin',
    });
    expect(second.status).toBe(201);
    expect(second.body.role).toBe('owner');
    const list = await owner.get<{ items: Workspace[] }>('/api/v1/workspaces');
    expect(list.body.items.map((w) => w.name).sort()).toEqual(['Brand One', '客户 B'].sort());
    const one = await owner.get<Workspace>(`/api/v1/workspaces/${second.body.id}`);
    expect(one.body.timezone).toBe('Europe/Berlin');
    const renamed = await owner.patch<Workspace>(`/api/v1/workspaces/${workspaceId}`, {
      name: 'Brand Uno',
    });
    expect(renamed.body.name).toBe('Brand Uno');
  });

  it("hides another workspace's existence", async () => {
    const { owner, workspaceId } = await setUpOwner(t);
    const other = await owner.post<Workspace>('/api/v1/workspaces', { name: 'Other client' });
    const { client: editor } = await addMember(t, owner, workspaceId, 'editor');
    const res = await editor.get(`/api/v1/workspaces/${other.body.id}/members`);
    expect(res.status).toBe(404);
    const missing = await editor.get('/api/v1/workspaces/01NOPE/members');
    expect(missing.status).toBe(404);
  });
});

describe('members and invitations', () => {
  it('invites by link, and the newcomer joins with the role', async () => {
    const { owner, workspaceId } = await setUpOwner(t);
    const invite = await owner.post<CreatedInvitation>(
      `/api/v1/workspaces/${workspaceId}/invitations`,
      { role: 'agent', email: 'agent@example.com' },
    );
    expect(invite.status).toBe(201);
    expect(invite.body.url).toBe(`http://opsloop.test/invite/${invite.body.token}`);

    const newcomer = t.client();
    const preview = await newcomer.get<InvitationPreview>(
      `/api/v1/invitations/${invite.body.token}`,
    );
    expect(preview.body).toMatchObject({
      workspaceName: 'Brand One',
      role: 'agent',
      invitedBy: 'Owner Olivia',
    });

    const wrongEmail = await newcomer.post(`/api/v1/invitations/${invite.body.token}/accept`, {
      name: 'Agent A',
      email: 'other@example.com',
      password: PASSWORD,
    });
    expect(wrongEmail.status).toBe(400);
    const incomplete = await newcomer.post(`/api/v1/invitations/${invite.body.token}/accept`, {});
    expect(incomplete.status).toBe(400);
    expect(incomplete.body).toMatchObject({ error: { fields: { name: expect.any(String) } } });

    const accepted = await newcomer.post(`/api/v1/invitations/${invite.body.token}/accept`, {
      name: 'Agent A',
      email: 'agent@example.com',
      password: PASSWORD,
    });
    expect(accepted.status).toBe(200);
    const session = await newcomer.get<Session>('/api/v1/auth/session');
    expect(session.body.workspaces.map((w) => [w.id, w.role])).toEqual([[workspaceId, 'agent']]);

    const reused = await t.client().post(`/api/v1/invitations/${invite.body.token}/accept`, {
      name: 'Late',
      email: 'agent@example.com',
      password: PASSWORD,
    });
    expect(reused.status).toBe(409);
    const members = await owner.get<{ items: Member[] }>(
      `/api/v1/workspaces/${workspaceId}/members`,
    );
    expect(members.body.items.map((m) => m.role).sort()).toEqual(['agent', 'owner']);
  });

  it('lets a signed-in person of another workspace accept', async () => {
    const { owner, workspaceId } = await setUpOwner(t);
    const other = await owner.post<Workspace>('/api/v1/workspaces', { name: 'Client C' });
    const { client: analyst } = await addMember(t, owner, workspaceId, 'analyst');
    const invite = await owner.post<CreatedInvitation>(
      `/api/v1/workspaces/${other.body.id}/invitations`,
      { role: 'viewer' },
    );
    const res = await analyst.post(`/api/v1/invitations/${invite.body.token}/accept`, {});
    expect(res.status).toBe(200);
    const session = await analyst.get<Session>('/api/v1/auth/session');
    expect(session.body.workspaces).toHaveLength(2);
  });

  it('changes and removes roles within what the changer may grant', async () => {
    const { owner, workspaceId } = await setUpOwner(t);
    const manager = await addMember(t, owner, workspaceId, 'manager');
    const editor = await addMember(t, owner, workspaceId, 'editor');
    const base = `/api/v1/workspaces/${workspaceId}`;

    // A manager may invite up to editors but cannot mint admins.
    const tooHigh = await manager.client.post(`${base}/invitations`, { role: 'admin' });
    expect(tooHigh.status).toBe(403);
    expect((await manager.client.post(`${base}/invitations`, { role: 'editor' })).status).toBe(201);
    // Managers cannot change roles at all.
    expect(
      (await manager.client.patch(`${base}/members/${editor.userId}`, { role: 'viewer' })).status,
    ).toBe(403);

    const promoted = await owner.patch<Member>(`${base}/members/${editor.userId}`, {
      role: 'analyst',
      channelIds: ['ch_weibo'],
    });
    expect(promoted.body).toMatchObject({ role: 'analyst', channelIds: ['ch_weibo'] });

    const ownerId = (await owner.get<Session>('/api/v1/auth/session')).body.user.id;
    const lastOwner = await owner.patch(`${base}/members/${ownerId}`, { role: 'admin' });
    expect(lastOwner.status).toBe(409);
    expect((await owner.delete(`${base}/members/${ownerId}`)).status).toBe(409);

    expect((await owner.delete(`${base}/members/${editor.userId}`)).status).toBe(204);
    expect((await editor.client.get(`${base}/members`)).status).toBe(404);
    expect((await owner.delete(`${base}/members/${editor.userId}`)).status).toBe(404);
  });

  it('revokes an invitation', async () => {
    const { owner, workspaceId } = await setUpOwner(t);
    const invite = await owner.post<CreatedInvitation>(
      `/api/v1/workspaces/${workspaceId}/invitations`,
      { role: 'viewer' },
    );
    const revoked = await owner.delete(
      `/api/v1/workspaces/${workspaceId}/invitations/${invite.body.invitation.id}`,
    );
    expect(revoked.status).toBe(204);
    expect((await t.client().get(`/api/v1/invitations/${invite.body.token}`)).status).toBe(404);
  });
});
