import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts';
import {
  createJobRunTable,
  fixtureRegistry,
  recordJob,
  sleepJob,
  type JobRunTable,
} from '../../../test/fixtures/jobs-definitions.ts';
import {
  spawnJobsWorker,
  waitFor,
  type WorkerProcess,
} from '../../../test/fixtures/jobs-helpers.ts';
import { systemClock } from '../platform/clock.ts';
import { silentLogger } from '../platform/logger.ts';
import { createJobQueue } from './job-queue.ts';
import { createJobRepo } from './jobs.repo.ts';
import { startWorker } from './worker.ts';

// Worker processes run on the real clock, so these tests do too, with short leases.
let t: TestDatabase;
const children: WorkerProcess[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  await createJobRunTable(t.db);
});
afterAll(async () => {
  await t.drop();
});
afterEach(async () => {
  await Promise.all(children.splice(0).map((child) => child.kill('SIGKILL')));
});

function spawnWorker(workerId: string, leaseMs: number): WorkerProcess {
  const child = spawnJobsWorker({
    database: t.options,
    workerId,
    concurrency: 8,
    leaseMs,
    pollIntervalMs: 20,
  });
  children.push(child);
  return child;
}

describe('several worker processes on one database', () => {
  it('run every one of 2,000 jobs exactly once between them', async () => {
    const workers = [spawnWorker('proc-a', 5_000), spawnWorker('proc-b', 5_000)];
    await Promise.all(workers.map((w) => w.waitForLine(/^ready$/)));

    const queue = createJobQueue(t.db, systemClock);
    const enqueued = await queue.enqueueMany(
      recordJob(t.db, 'parent'),
      Array.from({ length: 2_000 }, (_, n) => ({ payload: { n } })),
    );
    const repo = createJobRepo(t.db);
    await waitFor(async () => (await repo.countJobsByStatus()).succeeded === 2_000, {
      timeoutMs: 20_000,
      what: '2,000 jobs to succeed',
    });
    expect(await Promise.all(workers.map((w) => w.stop()))).toEqual([0, 0]);

    const runs = await t.db.kysely
      .withTables<JobRunTable>()
      .selectFrom('jobs_test_run')
      .selectAll()
      .execute();
    expect(runs).toHaveLength(2_000);
    const ran = new Set(runs.map((r) => r.job_id));
    expect(ran.size).toBe(2_000); // no job twice…
    expect(enqueued.every((job) => ran.has(job.id))).toBe(true); // …and none missing
    expect(runs.every((r) => r.attempt === 1)).toBe(true);
    const byWorker = Map.groupBy(runs, (r) => r.worker_id);
    expect([...byWorker.keys()].sort()).toEqual(['proc-a', 'proc-b']);
    expect(await repo.countJobsByStatus()).toEqual({
      queued: 0,
      running: 0,
      succeeded: 2_000,
      dead: 0,
    });
  });

  it('take over the job of a worker killed mid-job once its lease expires', async () => {
    const leaseMs = 1_500;
    const victim = spawnWorker('proc-victim', leaseMs);
    await victim.waitForLine(/^ready$/);
    const queue = createJobQueue(t.db, systemClock);
    const job = await queue.enqueue(sleepJob(), { ms: 60_000, firstAttemptOnly: true });
    await victim.waitForLine(new RegExp(`^started ${job.id} 1$`));
    await victim.kill('SIGKILL');

    const orphaned = await t.db.kysely
      .selectFrom('job')
      .selectAll()
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    expect(orphaned).toMatchObject({ status: 'running', locked_by: 'proc-victim', attempts: 1 });
    const leaseEnd = orphaned.locked_until ?? 0;

    const starts: { attempt: number; at: number }[] = [];
    const rescuer = startWorker({
      db: t.db,
      clock: systemClock,
      logger: silentLogger(),
      registry: fixtureRegistry(t.db, 'rescuer', (_id, attempt) =>
        starts.push({ attempt, at: Date.now() }),
      ),
      workerId: 'rescuer',
      concurrency: 2,
      leaseMs,
      pollIntervalMs: 50,
    });
    try {
      const done = await waitFor(
        async () => {
          const r = await t.db.kysely
            .selectFrom('job')
            .selectAll()
            .where('id', '=', job.id)
            .executeTakeFirstOrThrow();
          return r.status === 'succeeded' ? r : undefined;
        },
        { timeoutMs: 10_000, what: 'the orphaned job to be completed' },
      );
      expect(done.attempts).toBe(2);
      expect(starts).toHaveLength(1);
      expect(starts[0]?.attempt).toBe(2);
      expect(starts[0]?.at).toBeGreaterThan(leaseEnd); // not before the lease expired
    } finally {
      await rescuer.stop();
    }
  });
});
