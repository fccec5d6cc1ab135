import type {
  AcceptInvitationBody,
  CreatedInvitation,
  CreateInvitationBody,
  CreateWorkspaceBody,
  Invitation,
  InvitationPreview,
  Member,
  UpdateMemberBody,
  UpdateWorkspaceBody,
  Workspace,
} from '../../../shared/api.ts';
import { ROLE_PERMISSIONS, canGrantRole, type Role } from '../../../shared/permissions.ts';
import type { Db } from '../../db/database.ts';
import type { Executor } from '../../db/executor.ts';
import type { InvitationRow, WorkspaceRow } from '../../db/schema.ts';
import type { Actor, Principal, WorkspaceScope } from '../../http/route.ts';
import { AppError } from '../app-error.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { findUserById } from '../auth/auth.repo.ts';
import {
  createAccount,
  openSession,
  type ClientMeta,
  type OpenedSession,
} from '../auth/sessions.ts';
import { toIso, type Clock } from '../clock.ts';
import { randomToken, sha256 } from '../crypto/crypto.ts';
import { newId } from '../ids.ts';
import { revokeTokensOfUser } from '../tokens/tokens.repo.ts';
import * as repo from './workspaces.repo.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface WorkspaceServiceDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
}

export function asRole(value: string): Role {
  if (value in ROLE_PERMISSIONS) return value as Role;
  throw new Error(`Unknown role in database: ${value}`);
}

export function presentWorkspace(row: WorkspaceRow, role: Role): Workspace {
  return {
    id: row.id,
    name: row.name,
    timezone: row.timezone,
    createdAt: toIso(row.created_at),
    role,
    permissions: [...ROLE_PERMISSIONS[role]],
  };
}

function presentInvitation(row: InvitationRow): Invitation {
  return {
    id: row.id,
    role: asRole(row.role),
    email: row.email,
    createdAt: toIso(row.created_at),
    expiresAt: toIso(row.expires_at),
    acceptedAt: toIso(row.accepted_at),
    revokedAt: toIso(row.revoked_at),
    createdBy: row.created_by,
  };
}

export function createWorkspaceService(deps: WorkspaceServiceDeps) {
  const { db, clock, audit } = deps;

  async function requireMember(workspaceId: string, userId: string) {
    const row = await repo.findMembership(db.kysely, workspaceId, userId);
    if (!row) throw AppError.notFound('Member');
    return row;
  }

  /** Refuses changes that would leave a workspace without an owner or touch someone above you. */
  async function guardMemberChange(scope: WorkspaceScope, targetRole: Role, newRole?: Role) {
    if (!canGrantRole(scope.role, targetRole)) {
      throw new AppError('forbidden', `A ${scope.role} cannot change a ${targetRole}`);
    }
    if (newRole && !canGrantRole(scope.role, newRole)) {
      throw new AppError('forbidden', `A ${scope.role} cannot grant the ${newRole} role`, {
        fields: { role: `not grantable by a ${scope.role}` },
      });
    }
    if (targetRole === 'owner' && newRole !== 'owner') {
      const owners = await repo.countOwners(db.kysely, scope.workspaceId);
      if (owners <= 1) {
        throw new AppError(
          'conflict',
          'A workspace needs at least one owner; make someone else owner first',
        );
      }
    }
  }

  return {
    /** Creates a workspace with its creator as owner; used by setup and by "create workspace". */
    async createWorkspace(
      trx: Executor,
      userId: string,
      body: { name: string; timezone?: string | undefined },
      actor: Actor,
    ): Promise<Workspace> {
      const now = clock.now();
      const row: WorkspaceRow = {
        id: newId(now),
        name: body.name,
        timezone: body.timezone ?? 'Asia/Shanghai',
        created_by: userId,
        created_at: now,
        updated_at: now,
      };
      await repo.insertWorkspace(trx, row);
      await repo.insertMembership(trx, {
        workspace_id: row.id,
        user_id: userId,
        role: 'owner',
        channel_ids: null,
        created_at: now,
        updated_at: now,
      });
      await audit.record(trx, actor, {
        workspaceId: row.id,
        action: 'workspace.create',
        targetType: 'workspace',
        targetId: row.id,
        after: { name: row.name, timezone: row.timezone },
      });
      return presentWorkspace(row, 'owner');
    },

    create(userId: string, body: CreateWorkspaceBody, actor: Actor): Promise<Workspace> {
      return db.kysely
        .transaction()
        .execute((trx) => this.createWorkspace(trx, userId, body, actor));
    },

    async listForUser(userId: string): Promise<Workspace[]> {
      const rows = await repo.listWorkspacesOfUser(db.kysely, userId);
      return rows.map((row) => presentWorkspace(row, asRole(row.role)));
    },

    async get(scope: WorkspaceScope): Promise<Workspace> {
      const row = await repo.findWorkspace(db.kysely, scope.workspaceId);
      if (!row) throw AppError.notFound('Workspace');
      return presentWorkspace(row, scope.role);
    },

    async update(
      scope: WorkspaceScope,
      body: UpdateWorkspaceBody,
      actor: Actor,
    ): Promise<Workspace> {
      return db.kysely.transaction().execute(async (trx) => {
        const before = await repo.findWorkspace(trx, scope.workspaceId);
        if (!before) throw AppError.notFound('Workspace');
        const changes = { ...body, updated_at: clock.now() };
        await repo.updateWorkspace(trx, scope.workspaceId, changes);
        const after = { ...before, ...body };
        await audit.record(trx, actor, {
          workspaceId: scope.workspaceId,
          action: 'workspace.update',
          targetType: 'workspace',
          targetId: scope.workspaceId,
          before: { name: before.name, timezone: before.timezone },
          after: { name: after.name, timezone: after.timezone },
        });
        return presentWorkspace(after, scope.role);
      });
    },

    async findMembership(
      workspaceId: string,
      userId: string,
    ): Promise<{ role: Role; channelIds: string[] | null } | null> {
      const row = await repo.findMembership(db.kysely, workspaceId, userId);
      if (!row) return null;
      return {
        role: asRole(row.role),
        channelIds: row.channel_ids === null ? null : (JSON.parse(row.channel_ids) as string[]),
      };
    },

    async listMembers(scope: WorkspaceScope): Promise<Member[]> {
      const rows = await repo.listMembers(db.kysely, scope.workspaceId);
      return rows.map((row) => ({
        userId: row.user_id,
        name: row.name,
        email: row.email,
        role: asRole(row.role),
        channelIds: row.channel_ids === null ? null : (JSON.parse(row.channel_ids) as string[]),
        joinedAt: toIso(row.created_at),
      }));
    },

    async updateMember(
      scope: WorkspaceScope,
      userId: string,
      body: UpdateMemberBody,
      actor: Actor,
    ): Promise<Member> {
      const current = await requireMember(scope.workspaceId, userId);
      await guardMemberChange(scope, asRole(current.role), body.role);
      await db.kysely.transaction().execute(async (trx) => {
        const changes = {
          ...(body.role ? { role: body.role } : {}),
          ...(body.channelIds !== undefined
            ? { channel_ids: body.channelIds === null ? null : JSON.stringify(body.channelIds) }
            : {}),
          updated_at: clock.now(),
        };
        await repo.updateMembership(trx, scope.workspaceId, userId, changes);
        await audit.record(trx, actor, {
          workspaceId: scope.workspaceId,
          action: 'members.update',
          targetType: 'member',
          targetId: userId,
          before: {
            role: current.role,
            channelIds: current.channel_ids && JSON.parse(current.channel_ids),
          },
          after: {
            role: body.role ?? current.role,
            channelIds:
              body.channelIds === undefined
                ? current.channel_ids && JSON.parse(current.channel_ids)
                : body.channelIds,
          },
        });
      });
      const members = await this.listMembers(scope);
      const updated = members.find((m) => m.userId === userId);
      if (!updated) throw AppError.notFound('Member');
      return updated;
    },

    async removeMember(scope: WorkspaceScope, userId: string, actor: Actor): Promise<void> {
      const current = await requireMember(scope.workspaceId, userId);
      await guardMemberChange(scope, asRole(current.role));
      if (current.role === 'owner' && (await repo.countOwners(db.kysely, scope.workspaceId)) <= 1) {
        throw new AppError('conflict', 'The last owner cannot be removed');
      }
      await db.kysely.transaction().execute(async (trx) => {
        await repo.deleteMembership(trx, scope.workspaceId, userId);
        await revokeTokensOfUser(trx, scope.workspaceId, userId, clock.now());
        await audit.record(trx, actor, {
          workspaceId: scope.workspaceId,
          action: 'members.remove',
          targetType: 'member',
          targetId: userId,
          before: { role: current.role },
        });
      });
    },

    async listInvitations(scope: WorkspaceScope): Promise<Invitation[]> {
      return (await repo.listInvitations(db.kysely, scope.workspaceId)).map(presentInvitation);
    },

    async createInvitation(
      scope: WorkspaceScope,
      body: CreateInvitationBody,
      actor: Actor,
      baseUrl: string,
    ): Promise<CreatedInvitation> {
      if (!canGrantRole(scope.role, body.role)) {
        throw new AppError('forbidden', `A ${scope.role} cannot invite a ${body.role}`, {
          fields: { role: `not grantable by a ${scope.role}` },
        });
      }
      if (!actor.userId)
        throw new AppError('forbidden', 'Invitations are created by people, not tokens');
      const now = clock.now();
      const token = randomToken();
      const row: InvitationRow = {
        workspace_id: scope.workspaceId,
        id: newId(now),
        token_hash: sha256(token),
        role: body.role,
        email: body.email ?? null,
        created_by: actor.userId,
        created_at: now,
        expires_at: now + (body.expiresInDays ?? 7) * DAY_MS,
        accepted_by: null,
        accepted_at: null,
        revoked_at: null,
      };
      await audit.change(actor, (trx) => repo.insertInvitation(trx, row), {
        workspaceId: scope.workspaceId,
        action: 'invitation.create',
        targetType: 'invitation',
        targetId: row.id,
        after: { role: row.role, email: row.email, expiresAt: toIso(row.expires_at) },
      });
      return {
        invitation: presentInvitation(row),
        url: `${baseUrl}/invite/${token}`,
        token,
      };
    },

    async revokeInvitation(
      scope: WorkspaceScope,
      invitationId: string,
      actor: Actor,
    ): Promise<void> {
      const row = await repo.findInvitation(db.kysely, scope.workspaceId, invitationId);
      if (!row) throw AppError.notFound('Invitation');
      if (row.revoked_at !== null || row.accepted_at !== null) return;
      await db.kysely.transaction().execute(async (trx) => {
        await repo.updateInvitation(trx, scope.workspaceId, invitationId, {
          revoked_at: clock.now(),
        });
        await audit.record(trx, actor, {
          workspaceId: scope.workspaceId,
          action: 'invitation.revoke',
          targetType: 'invitation',
          targetId: invitationId,
          before: { role: row.role, email: row.email },
        });
      });
    },

    async previewInvitation(token: string): Promise<InvitationPreview> {
      const row = await usableInvitation(token);
      return {
        workspaceName: row.workspace_name,
        role: asRole(row.role),
        invitedBy: row.inviter_name,
        email: row.email,
        expiresAt: toIso(row.expires_at),
      };
    },

    /**
     * Joins the invited workspace: a signed-in person joins as they are; a newcomer creates an
     * account in the same step and is signed in.
     */
    async acceptInvitation(
      token: string,
      principal: Principal | null,
      body: AcceptInvitationBody,
      meta: ClientMeta & { requestId: string | null },
    ): Promise<{ workspaceId: string; session: OpenedSession | null; csrfToken: string | null }> {
      const invitation = await usableInvitation(token);
      if (principal?.kind === 'token') {
        throw new AppError('forbidden', 'Invitations are accepted by people, not tokens');
      }
      return db.kysely.transaction().execute(async (trx) => {
        const now = clock.now();
        let userId: string;
        let label: string;
        let session: OpenedSession | null = null;
        if (principal) {
          const user = await findUserById(trx, principal.userId);
          if (!user) throw new AppError('unauthenticated', 'Sign in again');
          if (invitation.email && invitation.email !== user.email) {
            throw new AppError('forbidden', `This invitation is for ${invitation.email}`);
          }
          if (await repo.findMembership(trx, invitation.workspace_id, user.id)) {
            throw new AppError('conflict', 'You are already a member of this workspace');
          }
          userId = user.id;
          label = user.name;
        } else {
          const missing: Record<string, string> = {};
          if (!body.name) missing.name = 'required to create your account';
          if (!body.email) missing.email = 'required to create your account';
          if (!body.password) missing.password = 'required to create your account';
          if (!body.name || !body.email || !body.password) {
            throw new AppError('validation_failed', 'Name, email and password are needed to join', {
              fields: missing,
            });
          }
          if (invitation.email && invitation.email !== body.email) {
            throw new AppError('validation_failed', `This invitation is for ${invitation.email}`, {
              fields: { email: `must be ${invitation.email}` },
            });
          }
          const user = await createAccount(trx, now, {
            name: body.name,
            email: body.email,
            password: body.password,
          });
          userId = user.id;
          label = user.name;
          session = await openSession(trx, now, user.id, meta);
        }
        await repo.insertMembership(trx, {
          workspace_id: invitation.workspace_id,
          user_id: userId,
          role: invitation.role,
          channel_ids: null,
          created_at: now,
          updated_at: now,
        });
        await repo.updateInvitation(trx, invitation.workspace_id, invitation.id, {
          accepted_by: userId,
          accepted_at: now,
        });
        await audit.record(
          trx,
          { userId, tokenId: null, label, ip: meta.ip, requestId: meta.requestId },
          {
            workspaceId: invitation.workspace_id,
            action: 'members.join',
            targetType: 'member',
            targetId: userId,
            after: { role: invitation.role, invitationId: invitation.id },
          },
        );
        return {
          workspaceId: invitation.workspace_id,
          session,
          csrfToken:
            principal?.kind === 'session' ? principal.csrfToken : (session?.csrfToken ?? null),
        };
      });
    },
  };

  async function usableInvitation(token: string) {
    const row = await repo.findInvitationByTokenHash(db.kysely, sha256(token));
    if (!row || row.revoked_at !== null) throw AppError.notFound('Invitation');
    if (row.accepted_at !== null)
      throw new AppError('conflict', 'This invitation was already used');
    if (row.expires_at < clock.now()) throw new AppError('conflict', 'This invitation has expired');
    return row;
  }
}

export type WorkspaceService = ReturnType<typeof createWorkspaceService>;
