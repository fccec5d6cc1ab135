import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { defineCron, defineJob } from '../../jobs/index.ts';
import type { Clock } from '../clock.ts';
import { deleteExpiredSessions, deleteStaleRateLimits } from './auth.repo.ts';
import { LOGIN_LIMITS } from './auth.service.ts';

/** Removes expired sessions and finished rate-limit windows; safe to run any number of times. */
export function purgeSessionsJob(deps: { db: Db; clock: Clock }) {
  return defineJob({
    name: 'auth.sessions.purge',
    payload: z.object({}),
    async handle() {
      const now = deps.clock.now();
      await deleteExpiredSessions(deps.db.kysely, now);
      await deleteStaleRateLimits(deps.db.kysely, now - LOGIN_LIMITS.windowMs);
    },
  });
}

export function authCrons(job: ReturnType<typeof purgeSessionsJob>) {
  return [defineCron({ key: 'auth.sessions.purge', schedule: '17 * * * *', job, payload: {} })];
}
