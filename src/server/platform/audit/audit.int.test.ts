import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditPage, CreatedApiToken, Member } from '../../../shared/api.ts';
import { createTestApp, type TestApp } from '../../../../test/app.ts';
import { addMember, setUpOwner } from '../../../../test/factories.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('audit log', () => {
  it('records who changed what, before and after, and filters it', async () => {
    const { owner, workspaceId, session } = await setUpOwner(t);
    const base = `/api/v1/workspaces/${workspaceId}`;
    const editor = await addMember(t, owner, workspaceId, 'editor');
    await owner.patch<Member>(`${base}/members/${editor.userId}`, { role: 'viewer' });
    const token = await owner.post<CreatedApiToken>(`${base}/tokens`, {
      name: 'bot',
      role: 'admin',
    });
    const bot = t.client();
    bot.bearer = token.body.secret;
    expect((await bot.patch(base, { name: 'Renamed by bot' })).status).toBe(200);

    const all = await owner.get<AuditPage>(`${base}/audit`);
    expect(all.body.items.map((e) => e.action)).toEqual([
      'workspace.update',
      'tokens.create',
      'members.update',
      'members.join',
      'invitation.create',
      'workspace.create',
    ]);
    const update = all.body.items.find((e) => e.action === 'members.update');
    expect(update).toMatchObject({
      actor: { userId: session.user.id, label: 'Owner Olivia' },
      targetId: editor.userId,
      before: { role: 'editor' },
      after: { role: 'viewer' },
      ip: '203.0.113.10',
    });
    const byBot = all.body.items[0];
    expect(byBot).toMatchObject({
      actor: { tokenId: token.body.token.id, label: 'token:bot' },
      before: { name: 'Brand One' },
      after: { name: 'Renamed by bot' },
    });
    expect(JSON.stringify(all.body)).not.toContain(token.body.secret);

    const members = await owner.get<AuditPage>(`${base}/audit?action=members`);
    expect(members.body.items.map((e) => e.action)).toEqual(['members.update', 'members.join']);
    const byEditor = await owner.get<AuditPage>(`${base}/audit?actorUserId=${editor.userId}`);
    expect(byEditor.body.items.map((e) => e.action)).toEqual(['members.join']);
    const future = await owner.get<AuditPage>(`${base}/audit?from=2999-01-01T00:00:00.000Z`);
    expect(future.body.items).toEqual([]);
    const bad = await owner.get(`${base}/audit?from=yesterday&limit=0`);
    expect(bad.status).toBe(400);
    expect(Object.keys((bad.body as { error: { fields: object } }).error.fields).sort()).toEqual([
      'from',
      'limit',
    ]);
  });

  it('pages with a cursor', async () => {
    const { owner, workspaceId } = await setUpOwner(t);
    const base = `/api/v1/workspaces/${workspaceId}`;
    for (let i = 0; i < 5; i++) await owner.post(`${base}/invitations`, { role: 'viewer' });
    const first = await owner.get<AuditPage>(`${base}/audit?limit=4`);
    expect(first.body.items).toHaveLength(4);
    expect(first.body.nextCursor).not.toBeNull();
    const second = await owner.get<AuditPage>(
      `${base}/audit?limit=4&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items).toHaveLength(2);
    expect(second.body.nextCursor).toBeNull();
    const ids = [...first.body.items, ...second.body.items].map((e) => e.id);
    expect(new Set(ids).size).toBe(6);
  });
});
