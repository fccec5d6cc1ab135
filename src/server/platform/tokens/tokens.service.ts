import type { ApiToken, CreateApiTokenBody, CreatedApiToken } from '../../../shared/api.ts';
import { canGrantRole } from '../../../shared/permissions.ts';
import type { Db } from '../../db/database.ts';
import type { ApiTokenRow } from '../../db/schema.ts';
import type { Actor, Principal, WorkspaceScope } from '../../http/route.ts';
import { AppError } from '../app-error.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { toIso, type Clock } from '../clock.ts';
import { randomToken, sha256 } from '../crypto/crypto.ts';
import { newId } from '../ids.ts';
import { asRole } from '../workspaces/workspaces.service.ts';
import * as repo from './tokens.repo.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Recognisable in logs and secret scanners. */
const TOKEN_PREFIX = 'olp_';
// last_used_at is informational; writing it on every request would turn reads into writes.
const TOUCH_EVERY_MS = 60_000;

function presentToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: asRole(row.role),
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
    expiresAt: toIso(row.expires_at),
    lastUsedAt: toIso(row.last_used_at),
    revokedAt: toIso(row.revoked_at),
  };
}

export function createTokenService(deps: { db: Db; clock: Clock; audit: AuditService }) {
  const { db, clock, audit } = deps;
  return {
    async list(scope: WorkspaceScope): Promise<ApiToken[]> {
      return (await repo.listApiTokens(db.kysely, scope.workspaceId)).map(presentToken);
    },

    async create(
      scope: WorkspaceScope,
      body: CreateApiTokenBody,
      actor: Actor,
    ): Promise<CreatedApiToken> {
      if (!actor.userId)
        throw new AppError('forbidden', 'Tokens are created by people, not tokens');
      if (!canGrantRole(scope.role, body.role)) {
        throw new AppError(
          'forbidden',
          `A ${scope.role} cannot create a token with the ${body.role} role`,
          {
            fields: { role: `must not exceed your own role (${scope.role})` },
          },
        );
      }
      const now = clock.now();
      const secret = TOKEN_PREFIX + randomToken();
      const row: ApiTokenRow = {
        workspace_id: scope.workspaceId,
        id: newId(now),
        name: body.name,
        token_hash: sha256(secret),
        prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
        role: body.role,
        created_by: actor.userId,
        created_at: now,
        expires_at: body.expiresInDays ? now + body.expiresInDays * DAY_MS : null,
        last_used_at: null,
        revoked_at: null,
      };
      await audit.change(actor, (trx) => repo.insertApiToken(trx, row), {
        workspaceId: scope.workspaceId,
        action: 'tokens.create',
        targetType: 'api_token',
        targetId: row.id,
        after: {
          name: row.name,
          role: row.role,
          prefix: row.prefix,
          expiresAt: toIso(row.expires_at),
        },
      });
      return { token: presentToken(row), secret };
    },

    async revoke(scope: WorkspaceScope, tokenId: string, actor: Actor): Promise<void> {
      const row = await repo.findApiToken(db.kysely, scope.workspaceId, tokenId);
      if (!row) throw AppError.notFound('API token');
      if (row.revoked_at !== null) return;
      await audit.change(
        actor,
        (trx) => repo.revokeApiToken(trx, scope.workspaceId, tokenId, clock.now()),
        {
          workspaceId: scope.workspaceId,
          action: 'tokens.revoke',
          targetType: 'api_token',
          targetId: tokenId,
          before: { name: row.name, role: row.role, prefix: row.prefix },
        },
      );
    },

    /** Resolves a bearer secret; null when unknown, revoked or expired. */
    async authenticate(secret: string): Promise<Principal | null> {
      if (!secret.startsWith(TOKEN_PREFIX)) return null;
      const row = await repo.findApiTokenByHash(db.kysely, sha256(secret));
      const now = clock.now();
      if (!row || row.revoked_at !== null || (row.expires_at !== null && row.expires_at <= now)) {
        return null;
      }
      if (row.last_used_at === null || now - row.last_used_at > TOUCH_EVERY_MS) {
        await repo.touchApiToken(db.kysely, row.workspace_id, row.id, now);
      }
      return {
        kind: 'token',
        tokenId: row.id,
        tokenName: row.name,
        workspaceId: row.workspace_id,
        role: asRole(row.role),
      };
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;
