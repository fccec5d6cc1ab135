import type { Db } from '../db/database.ts';
import type { JobRow, JobStatus, NewJob } from '../db/schema.ts';

/** Rows per INSERT: far below SQLite's and PostgreSQL's bound-parameter limits at 16 columns. */
const INSERT_CHUNK = 500;

export interface ClaimInput {
  workerId: string;
  limit: number;
  now: number;
  leaseMs: number;
}

export interface JobListFilter {
  status?: JobStatus | undefined;
  /** Id of the last job of the previous page; the next page holds older jobs. */
  cursor?: string | undefined;
  limit: number;
}

/** The only SQL of the job queue. Every timestamp comes from the caller's clock. */
export interface JobRepo {
  /** Inserts a job; when its dedupe key is taken, returns the existing row instead. */
  insertJob(job: NewJob): Promise<{ row: JobRow; created: boolean }>;
  /** Inserts many jobs; rows whose dedupe key is taken are skipped. Returns the inserted rows. */
  insertJobs(jobs: readonly NewJob[]): Promise<JobRow[]>;
  /** Leases up to `limit` due jobs (or jobs whose lease expired) to one worker, atomically. */
  claimJobs(input: ClaimInput): Promise<JobRow[]>;
  /** Marks jobs succeeded that this worker still holds; returns the ids it could complete. */
  completeJobs(ids: readonly string[], workerId: string, now: number): Promise<string[]>;
  /** Puts a job this worker holds back in the queue for another attempt at `runAt`. */
  requeueJob(
    id: string,
    workerId: string,
    runAt: number,
    error: string,
    now: number,
  ): Promise<boolean>;
  /** Dead-letters a job this worker holds. */
  buryJob(id: string, workerId: string, error: string, now: number): Promise<boolean>;
  /** Pushes out the leases this worker still holds; returns the ids it still holds. */
  extendLeases(
    ids: readonly string[],
    workerId: string,
    until: number,
    now: number,
  ): Promise<string[]>;
  findJob(workspaceId: string, id: string): Promise<JobRow | undefined>;
  findJobByDedupeKey(dedupeKey: string): Promise<JobRow | undefined>;
  listJobs(workspaceId: string, filter: JobListFilter): Promise<JobRow[]>;
  /** Queues a dead job again with a fresh attempt count; undefined when it is not dead. */
  reviveDeadJob(workspaceId: string, id: string, now: number): Promise<JobRow | undefined>;
  /** Jobs per status, for one workspace, or for all when `workspaceId` is undefined. */
  countJobsByStatus(workspaceId?: string): Promise<Record<JobStatus, number>>;
  /** Deletes succeeded jobs finished before `before`; returns how many went. */
  deleteSucceededJobs(before: number): Promise<number>;
}

export function createJobRepo(db: Db): JobRepo {
  const k = db.kysely;

  const findJobByDedupeKey = (dedupeKey: string) =>
    k.selectFrom('job').selectAll().where('dedupe_key', '=', dedupeKey).executeTakeFirst();

  return {
    async insertJob(job) {
      const inserted = await k
        .insertInto('job')
        .values(job)
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (inserted) return { row: inserted, created: true };
      // Only a dedupe-key conflict makes the insert a no-op (ids are fresh), so the row exists.
      const existing = job.dedupe_key ? await findJobByDedupeKey(job.dedupe_key) : undefined;
      if (!existing) throw new Error(`Job insert was ignored but no job has key ${job.dedupe_key}`);
      return { row: existing, created: false };
    },

    async insertJobs(jobs) {
      const rows: JobRow[] = [];
      for (let i = 0; i < jobs.length; i += INSERT_CHUNK) {
        const chunk = jobs.slice(i, i + INSERT_CHUNK);
        rows.push(
          ...(await k
            .insertInto('job')
            .values(chunk)
            .onConflict((oc) => oc.column('dedupe_key').doNothing())
            .returningAll()
            .execute()),
        );
      }
      return rows;
    },

    async claimJobs({ workerId, limit, now, leaseMs }) {
      const due = k
        .selectFrom('job')
        .select('id')
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]),
            eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
          ]),
        )
        .orderBy('priority', 'desc')
        .orderBy('run_at')
        .orderBy('id')
        .limit(limit);
      // PostgreSQL: concurrent claimers skip each other's rows instead of queueing on their locks.
      // SQLite: one UPDATE statement holds the database write lock, so it is atomic as it stands.
      const candidates = db.dialect === 'postgres' ? due.forUpdate().skipLocked() : due;
      return k
        .updateTable('job')
        .set((eb) => ({
          status: 'running',
          locked_by: workerId,
          locked_until: now + leaseMs,
          attempts: eb('attempts', '+', 1),
          updated_at: now,
        }))
        .where('id', 'in', candidates)
        .returningAll()
        .execute();
    },

    async completeJobs(ids, workerId, now) {
      if (ids.length === 0) return [];
      const rows = await k
        .updateTable('job')
        .set({
          status: 'succeeded',
          locked_by: null,
          locked_until: null,
          finished_at: now,
          updated_at: now,
        })
        .where('id', 'in', ids)
        .where('status', '=', 'running')
        .where('locked_by', '=', workerId)
        .returning('id')
        .execute();
      return rows.map((row) => row.id);
    },

    async requeueJob(id, workerId, runAt, error, now) {
      const result = await k
        .updateTable('job')
        .set({
          status: 'queued',
          run_at: runAt,
          last_error: error,
          locked_by: null,
          locked_until: null,
          updated_at: now,
        })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .where('locked_by', '=', workerId)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async buryJob(id, workerId, error, now) {
      const result = await k
        .updateTable('job')
        .set({
          status: 'dead',
          last_error: error,
          locked_by: null,
          locked_until: null,
          finished_at: now,
          updated_at: now,
        })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .where('locked_by', '=', workerId)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async extendLeases(ids, workerId, until, now) {
      if (ids.length === 0) return [];
      const rows = await k
        .updateTable('job')
        .set({ locked_until: until, updated_at: now })
        .where('id', 'in', ids)
        .where('status', '=', 'running')
        .where('locked_by', '=', workerId)
        .returning('id')
        .execute();
      return rows.map((row) => row.id);
    },

    findJob: (workspaceId, id) =>
      k
        .selectFrom('job')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst(),

    findJobByDedupeKey,

    listJobs(workspaceId, { status, cursor, limit }) {
      let query = k.selectFrom('job').selectAll().where('workspace_id', '=', workspaceId);
      if (status) query = query.where('status', '=', status);
      if (cursor) query = query.where('id', '<', cursor);
      return query.orderBy('id', 'desc').limit(limit).execute();
    },

    reviveDeadJob: (workspaceId, id, now) =>
      k
        .updateTable('job')
        .set({
          status: 'queued',
          attempts: 0,
          run_at: now,
          finished_at: null,
          locked_by: null,
          locked_until: null,
          updated_at: now,
        })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .where('status', '=', 'dead')
        .returningAll()
        .executeTakeFirst(),

    async deleteSucceededJobs(before) {
      const result = await k
        .deleteFrom('job')
        .where('status', '=', 'succeeded')
        .where('finished_at', '<', before)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async countJobsByStatus(workspaceId) {
      let query = k
        .selectFrom('job')
        .select((eb) => ['status', eb.fn.countAll<number | string>().as('count')])
        .groupBy('status');
      if (workspaceId !== undefined) query = query.where('workspace_id', '=', workspaceId);
      const counts: Record<JobStatus, number> = { queued: 0, running: 0, succeeded: 0, dead: 0 };
      for (const row of await query.execute()) counts[row.status] = Number(row.count);
      return counts;
    },
  };
}
