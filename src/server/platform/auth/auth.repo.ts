import type { Executor } from '../../db/executor.ts';
import type { NewSession, NewUser, UserRow } from '../../db/schema.ts';

export async function countUsers(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('user_account')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertUser(db: Executor, user: NewUser): Promise<void> {
  await db.insertInto('user_account').values(user).execute();
}

export function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('user_account').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('user_account').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateUser(
  db: Executor,
  id: string,
  changes: Partial<Pick<UserRow, 'name' | 'locale' | 'password_hash'>> & { updated_at: number },
): Promise<void> {
  await db.updateTable('user_account').set(changes).where('id', '=', id).execute();
}

export interface SessionWithUser {
  session_id: string;
  csrf_token: string;
  expires_at: number;
  user_id: string;
  user_name: string;
}

export async function insertSession(db: Executor, row: NewSession): Promise<void> {
  await db.insertInto('session').values(row).execute();
}

export function findSession(db: Executor, id: string): Promise<SessionWithUser | undefined> {
  return db
    .selectFrom('session')
    .innerJoin('user_account', 'user_account.id', 'session.user_id')
    .select([
      'session.id as session_id',
      'session.csrf_token',
      'session.expires_at',
      'user_account.id as user_id',
      'user_account.name as user_name',
    ])
    .where('session.id', '=', id)
    .executeTakeFirst();
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', id).execute();
}

/** Signs a person out everywhere except, optionally, the session they are using. */
export async function deleteUserSessions(
  db: Executor,
  userId: string,
  keep?: string,
): Promise<void> {
  let query = db.deleteFrom('session').where('user_id', '=', userId);
  if (keep) query = query.where('id', '!=', keep);
  await query.execute();
}

export async function deleteExpiredSessions(db: Executor, now: number): Promise<void> {
  await db.deleteFrom('session').where('expires_at', '<', now).execute();
}

/**
 * Counts a hit in a fixed window and returns the count so far. One upsert, so concurrent API
 * processes on one database share the same counters.
 */
export async function hitRateLimit(
  db: Executor,
  key: string,
  windowStart: number,
): Promise<number> {
  const row = await db
    .insertInto('rate_limit')
    .values({ key, window_start: windowStart, hits: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        hits: eb
          .case()
          .when('rate_limit.window_start', '=', windowStart)
          .then(eb('rate_limit.hits', '+', 1))
          .else(1)
          .end(),
        window_start: windowStart,
      })),
    )
    .returning('hits')
    .executeTakeFirstOrThrow();
  return Number(row.hits);
}

export async function clearRateLimit(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('rate_limit').where('key', '=', key).execute();
}

export async function deleteStaleRateLimits(db: Executor, before: number): Promise<void> {
  await db.deleteFrom('rate_limit').where('window_start', '<', before).execute();
}
