import type { Executor } from '../../db/executor.ts';
import type { UserRow } from '../../db/schema.ts';
import type { User } from '../../../shared/api.ts';
import { toIso } from '../clock.ts';
import { hashPassword, randomToken, sha256 } from '../crypto/crypto.ts';
import { newId } from '../ids.ts';
import { findUserByEmail, insertSession, insertUser } from './auth.repo.ts';
import { AppError } from '../app-error.ts';

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export interface ClientMeta {
  ip: string | null;
  userAgent: string | null;
}

export interface OpenedSession {
  /** The raw cookie value; only its hash is stored. */
  cookieValue: string;
  csrfToken: string;
  expiresAt: number;
}

/** Starts a session for a person who has just proved who they are. */
export async function openSession(
  db: Executor,
  now: number,
  userId: string,
  meta: ClientMeta,
): Promise<OpenedSession> {
  const cookieValue = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = now + SESSION_TTL_MS;
  await insertSession(db, {
    id: sha256(cookieValue),
    user_id: userId,
    csrf_token: csrfToken,
    ip: meta.ip,
    user_agent: meta.userAgent?.slice(0, 300) ?? null,
    created_at: now,
    expires_at: expiresAt,
  });
  return { cookieValue, csrfToken, expiresAt };
}

export interface NewAccount {
  name: string;
  email: string;
  password: string;
  locale?: string | undefined;
}

/** Creates a person's account; an email already in use is a conflict on the email field. */
export async function createAccount(
  db: Executor,
  now: number,
  account: NewAccount,
): Promise<UserRow> {
  if (await findUserByEmail(db, account.email)) {
    throw new AppError('conflict', 'An account with this email already exists', {
      fields: { email: 'already registered; sign in instead' },
    });
  }
  const row: UserRow = {
    id: newId(now),
    email: account.email,
    name: account.name,
    password_hash: await hashPassword(account.password),
    locale: account.locale ?? null,
    created_at: now,
    updated_at: now,
  };
  await insertUser(db, row);
  return row;
}

export function presentUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    locale: row.locale === 'en' || row.locale === 'zh-CN' ? row.locale : null,
    createdAt: toIso(row.created_at),
  };
}
