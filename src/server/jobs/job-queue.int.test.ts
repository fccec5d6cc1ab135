import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts';
import { AppError } from '../platform/app-error.ts';
import { FakeClock } from '../platform/clock.ts';
import { newId } from '../platform/ids.ts';
import { defineJob } from './job-definition.ts';
import { createJobQueue, type JobQueue } from './job-queue.ts';
import { createJobRepo, type JobRepo } from './jobs.repo.ts';

const sendReport = defineJob({
  name: 'reports.report.send',
  payload: z.object({ reportId: z.string().min(1), copies: z.number().int().default(1) }),
  handle: () => {},
});

let t: TestDatabase;
let clock: FakeClock;
let queue: JobQueue;
let repo: JobRepo;
const LEASE = 30_000;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});
beforeEach(async () => {
  await t.db.kysely.deleteFrom('job').execute();
  clock = new FakeClock('2026-01-05T09:00:00.000Z');
  queue = createJobQueue(t.db, clock);
  repo = createJobRepo(t.db);
});

const claim = (workerId: string, limit = 10) =>
  repo.claimJobs({ workerId, limit, now: clock.now(), leaseMs: LEASE });

describe('enqueue, claim, complete', () => {
  it('stores a queued job and returns it in the API shape', async () => {
    const job = await queue.enqueue(sendReport, { reportId: 'r1' }, { workspaceId: 'ws1' });
    expect(job).toMatchObject({
      name: 'reports.report.send',
      status: 'queued',
      attempts: 0,
      maxAttempts: 5,
      runAt: '2026-01-05T09:00:00.000Z',
      createdAt: '2026-01-05T09:00:00.000Z',
      lastError: null,
      finishedAt: null,
    });
    expect(await queue.getJob('ws1', job.id)).toEqual(job);
  });

  it('leases a due job to one worker, and completes it only for that worker', async () => {
    const job = await queue.enqueue(sendReport, { reportId: 'r1' });
    const [row, ...rest] = await claim('w1');
    expect(rest).toEqual([]);
    expect(row).toMatchObject({
      id: job.id,
      status: 'running',
      locked_by: 'w1',
      locked_until: clock.now() + LEASE,
      attempts: 1,
    });
    expect(await claim('w2')).toEqual([]);
    expect(await repo.completeJobs([job.id], 'w2', clock.now())).toEqual([]);
    clock.advance(10);
    expect(await repo.completeJobs([job.id], 'w1', clock.now())).toEqual([job.id]);
    const counts = await repo.countJobsByStatus();
    expect(counts).toEqual({ queued: 0, running: 0, succeeded: 1, dead: 0 });
    const row2 = await t.db.kysely
      .selectFrom('job')
      .selectAll()
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    expect(row2).toMatchObject({
      status: 'succeeded',
      locked_by: null,
      locked_until: null,
      finished_at: clock.now(),
    });
  });

  it('claims at most the limit, highest priority first, then oldest run time', async () => {
    const low = await queue.enqueue(
      sendReport,
      { reportId: 'low' },
      { runAt: clock.now() - 5_000 },
    );
    const high = await queue.enqueue(sendReport, { reportId: 'high' }, { priority: 10 });
    const older = await queue.enqueue(
      sendReport,
      { reportId: 'older' },
      { runAt: clock.now() - 60_000 },
    );
    const first = await claim('w1', 2);
    expect(first.map((r) => r.id).sort()).toEqual([high.id, older.id].sort());
    expect((await claim('w1', 2)).map((r) => r.id)).toEqual([low.id]);
  });

  it('does not claim a delayed job before its run time', async () => {
    const job = await queue.enqueue(sendReport, { reportId: 'later' }, { delayMs: 60_000 });
    expect(job.runAt).toBe('2026-01-05T09:01:00.000Z');
    expect(await claim('w1')).toEqual([]);
    clock.advance(59_999);
    expect(await claim('w1')).toEqual([]);
    clock.advance(1);
    expect((await claim('w1')).map((r) => r.id)).toEqual([job.id]);
  });

  it('reclaims a job whose lease expired, and the first worker can no longer settle it', async () => {
    const job = await queue.enqueue(sendReport, { reportId: 'r1' });
    await claim('w1');
    clock.advance(LEASE);
    expect(await claim('w2')).toEqual([]); // expiry is strict: locked_until < now
    clock.advance(1);
    const [taken] = await claim('w2');
    expect(taken).toMatchObject({ id: job.id, locked_by: 'w2', attempts: 2 });
    expect(await repo.completeJobs([job.id], 'w1', clock.now())).toEqual([]);
    expect(await repo.requeueJob(job.id, 'w1', clock.now(), 'late', clock.now())).toBe(false);
    expect(await repo.buryJob(job.id, 'w1', 'late', clock.now())).toBe(false);
    expect(await repo.extendLeases([job.id], 'w1', clock.now() + LEASE, clock.now())).toEqual([]);
    expect(await repo.extendLeases([job.id], 'w2', clock.now() + LEASE, clock.now())).toEqual([
      job.id,
    ]);
    expect(await repo.completeJobs([job.id], 'w2', clock.now())).toEqual([job.id]);
  });

  it('requeues a failed attempt with its error and dead-letters with buryJob', async () => {
    const job = await queue.enqueue(sendReport, { reportId: 'r1' });
    await claim('w1');
    expect(
      await repo.requeueJob(job.id, 'w1', clock.now() + 5_000, 'Error: boom', clock.now()),
    ).toBe(true);
    const requeued = await t.db.kysely
      .selectFrom('job')
      .selectAll()
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    expect(requeued).toMatchObject({
      status: 'queued',
      attempts: 1,
      run_at: clock.now() + 5_000,
      last_error: 'Error: boom',
      locked_by: null,
      locked_until: null,
    });
    expect(await claim('w1')).toEqual([]);
    clock.advance(5_000);
    await claim('w1');
    expect(await repo.buryJob(job.id, 'w1', 'Error: boom again', clock.now())).toBe(true);
    const row = await t.db.kysely
      .selectFrom('job')
      .selectAll()
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'dead',
      attempts: 2,
      last_error: 'Error: boom again',
      locked_by: null,
    });
  });
});

describe('dedupe keys', () => {
  it('makes a second enqueue with the same key a no-op that returns the first job', async () => {
    const first = await queue.enqueue(sendReport, { reportId: 'a' }, { dedupeKey: 'report:a' });
    clock.advance(1_000);
    const second = await queue.enqueue(sendReport, { reportId: 'b' }, { dedupeKey: 'report:a' });
    expect(second).toEqual(first);
    expect((await repo.countJobsByStatus()).queued).toBe(1);
  });

  it('skips taken keys in a bulk enqueue and inserts the rest', async () => {
    await queue.enqueue(sendReport, { reportId: 'a' }, { dedupeKey: 'k1' });
    const inserted = await queue.enqueueMany(sendReport, [
      { payload: { reportId: 'a' }, dedupeKey: 'k1' },
      { payload: { reportId: 'b' }, dedupeKey: 'k2' },
      { payload: { reportId: 'c' } },
      { payload: { reportId: 'd' } },
    ]);
    expect(inserted).toHaveLength(3);
    expect((await repo.countJobsByStatus()).queued).toBe(4);
  });

  it('bulk-inserts more rows than one statement carries', async () => {
    const items = Array.from({ length: 1_234 }, (_, i) => ({ payload: { reportId: `r${i}` } }));
    expect(await queue.enqueueMany(sendReport, items)).toHaveLength(1_234);
    expect((await repo.countJobsByStatus()).queued).toBe(1_234);
  });
});

describe('payload validation on enqueue', () => {
  it('rejects an invalid payload with a validation error naming the field', async () => {
    const error = await queue
      .enqueue(sendReport, { reportId: '' } as { reportId: string })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'validation_failed',
      fields: { 'payload.reportId': expect.any(String) },
    });
    expect((await repo.countJobsByStatus()).queued).toBe(0);
  });

  it('stores the payload as given, so the worker can parse it again', async () => {
    const job = await queue.enqueue(sendReport, { reportId: 'r1' });
    const row = await t.db.kysely
      .selectFrom('job')
      .select('payload_json')
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.payload_json)).toEqual({ reportId: 'r1' });
  });
});

describe('the jobs view: list, get, retry', () => {
  it('pages a workspace newest first, filters by status, and hides other workspaces', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      clock.advance(1);
      ids.push((await queue.enqueue(sendReport, { reportId: `r${i}` }, { workspaceId: 'ws1' })).id);
    }
    await queue.enqueue(sendReport, { reportId: 'other' }, { workspaceId: 'ws2' });
    await queue.enqueue(sendReport, { reportId: 'system' });

    const page1 = await queue.listJobs('ws1', { limit: 2 });
    expect(page1.items.map((j) => j.id)).toEqual([ids[4], ids[3]]);
    expect(page1.nextCursor).toBe(ids[3]);
    const page2 = await queue.listJobs('ws1', { limit: 2, cursor: page1.nextCursor ?? undefined });
    expect(page2.items.map((j) => j.id)).toEqual([ids[2], ids[1]]);
    const page3 = await queue.listJobs('ws1', { limit: 2, cursor: page2.nextCursor ?? undefined });
    expect(page3).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });

    await claim('w1', 1); // takes the oldest due job overall: ids[0]
    expect((await queue.listJobs('ws1', { status: 'running' })).items.map((j) => j.id)).toEqual([
      ids[0],
    ]);
    expect((await queue.listJobs('ws1', { status: 'queued' })).items).toHaveLength(4);
    expect((await queue.listJobs('ws3')).items).toEqual([]);
  });

  it('retries a dead job with a fresh attempt count', async () => {
    const job = await queue.enqueue(
      sendReport,
      { reportId: 'r1' },
      { workspaceId: 'ws1', maxAttempts: 1 },
    );
    await claim('w1');
    await repo.buryJob(job.id, 'w1', 'Error: platform down', clock.now());
    clock.advance(60_000);
    const retried = await queue.retryJob('ws1', job.id);
    expect(retried).toMatchObject({
      status: 'queued',
      attempts: 0,
      runAt: '2026-01-05T09:01:00.000Z',
      finishedAt: null,
      lastError: 'Error: platform down',
    });
    expect((await claim('w1')).map((r) => r.id)).toEqual([job.id]);
  });

  it("reports another workspace's job as not found, and a live job as a conflict", async () => {
    const job = await queue.enqueue(sendReport, { reportId: 'r1' }, { workspaceId: 'ws1' });
    await expect(queue.retryJob('ws2', job.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(queue.getJob('ws2', job.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(queue.retryJob('ws1', newId())).rejects.toMatchObject({ code: 'not_found' });
    await expect(queue.retryJob('ws1', job.id)).rejects.toMatchObject({ code: 'conflict' });
  });
});
