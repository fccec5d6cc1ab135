import type {
  ChangePasswordBody,
  LoginBody,
  Session,
  SetupBody,
  SetupStatus,
  UpdateProfileBody,
  User,
} from '../../../shared/api.ts';
import type { Db } from '../../db/database.ts';
import type { Actor, Principal, SessionPrincipal } from '../../http/route.ts';
import { VERSION } from '../../version.ts';
import { AppError } from '../app-error.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import { hashPassword, sha256, verifyPassword } from '../crypto/crypto.ts';
import type { WorkspaceService } from '../workspaces/workspaces.service.ts';
import * as repo from './auth.repo.ts';
import {
  createAccount,
  openSession,
  presentUser,
  type ClientMeta,
  type OpenedSession,
} from './sessions.ts';

/** Login limits: failed attempts per account, and all attempts per address, per window. */
export const LOGIN_LIMITS = { windowMs: 15 * 60 * 1000, perAccount: 10, perAddress: 50 } as const;

export interface AuthServiceDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  workspaces: WorkspaceService;
}

export interface SignedIn {
  session: Session;
  opened: OpenedSession;
}

export function createAuthService(deps: AuthServiceDeps) {
  const { db, clock, audit, workspaces } = deps;

  async function buildSession(userId: string, csrfToken: string): Promise<Session> {
    const user = await repo.findUserById(db.kysely, userId);
    if (!user) throw new AppError('unauthenticated', 'Sign in again');
    return { user: presentUser(user), csrfToken, workspaces: await workspaces.listForUser(userId) };
  }

  async function limit(key: string, max: number): Promise<void> {
    const now = clock.now();
    const windowStart = now - (now % LOGIN_LIMITS.windowMs);
    const hits = await repo.hitRateLimit(db.kysely, key, windowStart);
    if (hits > max) {
      const retryAfter = Math.ceil((windowStart + LOGIN_LIMITS.windowMs - now) / 1000);
      throw new AppError('rate_limited', 'Too many sign-in attempts; wait and try again', {
        headers: { 'Retry-After': String(retryAfter) },
      });
    }
  }

  return {
    async setupStatus(): Promise<SetupStatus> {
      return { needsSetup: (await repo.countUsers(db.kysely)) === 0, version: VERSION };
    },

    /** First run: creates the owner and the first workspace, and signs the owner in. */
    async setup(
      body: SetupBody & { email: string },
      meta: ClientMeta,
      requestId: string | null,
    ): Promise<SignedIn> {
      const result = await db.kysely.transaction().execute(async (trx) => {
        if ((await repo.countUsers(trx)) > 0) {
          throw new AppError('already_set_up', 'OpsLoop is already set up; sign in instead');
        }
        const now = clock.now();
        const user = await createAccount(trx, now, body);
        const actor: Actor = {
          userId: user.id,
          tokenId: null,
          label: user.name,
          ip: meta.ip,
          requestId,
        };
        await workspaces.createWorkspace(
          trx,
          user.id,
          { name: body.workspaceName, timezone: body.timezone },
          actor,
        );
        return { user, opened: await openSession(trx, now, user.id, meta) };
      });
      return {
        session: await buildSession(result.user.id, result.opened.csrfToken),
        opened: result.opened,
      };
    },

    async login(body: LoginBody & { email: string }, meta: ClientMeta): Promise<SignedIn> {
      if (meta.ip) await limit(`login:ip:${meta.ip}`, LOGIN_LIMITS.perAddress);
      await limit(`login:account:${body.email}`, LOGIN_LIMITS.perAccount);
      const user = await repo.findUserByEmail(db.kysely, body.email);
      // Verify against a dummy hash when the account is unknown, so timing does not reveal it.
      const ok = user
        ? await verifyPassword(body.password, user.password_hash)
        : (await verifyPassword(body.password, DUMMY_HASH), false);
      if (!user || !ok) throw new AppError('invalid_credentials', 'Wrong email or password');
      await repo.clearRateLimit(db.kysely, `login:account:${body.email}`);
      const opened = await openSession(db.kysely, clock.now(), user.id, meta);
      return { session: await buildSession(user.id, opened.csrfToken), opened };
    },

    async logout(principal: Principal | null): Promise<void> {
      if (principal?.kind === 'session') await repo.deleteSession(db.kysely, principal.sessionId);
    },

    /** Resolves a session cookie to the person behind it, or null when unknown or expired. */
    async authenticateSession(cookieValue: string): Promise<Principal | null> {
      const id = sha256(cookieValue);
      const row = await repo.findSession(db.kysely, id);
      if (!row || row.expires_at <= clock.now()) return null;
      return {
        kind: 'session',
        userId: row.user_id,
        userName: row.user_name,
        sessionId: row.session_id,
        csrfToken: row.csrf_token,
      };
    },

    async getSession(principal: Principal | null): Promise<Session> {
      if (principal?.kind !== 'session') throw new AppError('unauthenticated', 'Not signed in');
      return buildSession(principal.userId, principal.csrfToken);
    },

    async changePassword(
      principal: SessionPrincipal,
      body: ChangePasswordBody,
      actor: Actor,
    ): Promise<void> {
      const user = await repo.findUserById(db.kysely, principal.userId);
      if (!user || !(await verifyPassword(body.currentPassword, user.password_hash))) {
        throw new AppError('validation_failed', 'The current password is wrong', {
          fields: { currentPassword: 'wrong password' },
        });
      }
      const passwordHash = await hashPassword(body.newPassword);
      const memberOf = await workspaces.listForUser(user.id);
      await db.kysely.transaction().execute(async (trx) => {
        await repo.updateUser(trx, user.id, {
          password_hash: passwordHash,
          updated_at: clock.now(),
        });
        // Other devices are signed out: a changed password is often a response to a leak.
        await repo.deleteUserSessions(trx, user.id, principal.sessionId);
        for (const workspace of memberOf) {
          await audit.record(trx, actor, {
            workspaceId: workspace.id,
            action: 'auth.password_change',
            targetType: 'user',
            targetId: user.id,
          });
        }
      });
    },

    async updateProfile(principal: SessionPrincipal, body: UpdateProfileBody): Promise<User> {
      await repo.updateUser(db.kysely, principal.userId, { ...body, updated_at: clock.now() });
      const user = await repo.findUserById(db.kysely, principal.userId);
      if (!user) throw new AppError('unauthenticated', 'Sign in again');
      return presentUser(user);
    },

    /** For the CLI: the account behind an email, if any. */
    async findUserByEmail(email: string): Promise<User | null> {
      const row = await repo.findUserByEmail(db.kysely, email);
      return row ? presentUser(row) : null;
    },

    /** For the CLI: creates an account outside any workspace flow. */
    async createUser(account: { name: string; email: string; password: string }): Promise<User> {
      return presentUser(await createAccount(db.kysely, clock.now(), account));
    },

    /** For the CLI: sets a new password and signs the person out everywhere. */
    async resetPassword(email: string, password: string): Promise<void> {
      const user = await repo.findUserByEmail(db.kysely, email);
      if (!user) throw AppError.notFound('User');
      await repo.updateUser(db.kysely, user.id, {
        password_hash: await hashPassword(password),
        updated_at: clock.now(),
      });
      await repo.deleteUserSessions(db.kysely, user.id);
    },
  };
}

const DUMMY_HASH =
  'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==';

export type AuthService = ReturnType<typeof createAuthService>;
