import type { CreatedInvitation, Session } from '../src/shared/api.ts';
import type { Role } from '../src/shared/permissions.ts';
import type { TestApp, TestClient } from './app.ts';

let counter = 0;
function unique(): string {
  counter += 1;
  return `${Date.now().toString(36)}${counter}`;
}

export const PASSWORD = 'correct-horse-42';

/** Runs first-time setup and returns the owner's signed-in client and first workspace id. */
export async function setUpOwner(
  t: TestApp,
): Promise<{ owner: TestClient; workspaceId: string; session: Session }> {
  const owner = t.client();
  const res = await owner.post<Session>('/api/v1/setup', {
    name: 'Owner Olivia',
    email: 'owner@example.com',
    password: PASSWORD,
    workspaceName: 'Brand One',
    timezone: 'Asia/Shanghai',
  });
  if (res.status !== 201) throw new Error(`setup failed: ${JSON.stringify(res.body)}`);
  const workspaceId = res.body.workspaces[0]?.id;
  if (!workspaceId) throw new Error('setup created no workspace');
  return { owner, workspaceId, session: res.body };
}

/** Invites a newcomer with a role and has them accept; returns their signed-in client. */
export async function addMember(
  t: TestApp,
  inviter: TestClient,
  workspaceId: string,
  role: Role,
): Promise<{ client: TestClient; userId: string; email: string }> {
  const invite = await inviter.post<CreatedInvitation>(
    `/api/v1/workspaces/${workspaceId}/invitations`,
    { role },
  );
  if (invite.status !== 201) throw new Error(`invite failed: ${JSON.stringify(invite.body)}`);
  const client = t.client();
  const email = `${role}-${unique()}@example.com`;
  const accepted = await client.post(`/api/v1/invitations/${invite.body.token}/accept`, {
    name: `${role} person`,
    email,
    password: PASSWORD,
  });
  if (accepted.status !== 200) throw new Error(`accept failed: ${JSON.stringify(accepted.body)}`);
  const session = await client.get<Session>('/api/v1/auth/session');
  return { client, userId: session.body.user.id, email };
}
