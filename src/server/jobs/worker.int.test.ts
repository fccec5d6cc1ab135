import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts';
import { waitFor } from '../../../test/fixtures/jobs-helpers.ts';
import type { JobRow } from '../db/schema.ts';
import { FakeClock } from '../platform/clock.ts';
import { silentLogger } from '../platform/logger.ts';
import { createJobRegistry, defineJob, type JobDefinition } from './job-definition.ts';
import { createJobQueue, type JobQueue } from './job-queue.ts';
import { createJobRepo } from './jobs.repo.ts';
import { startWorker, type Worker, type WorkerOptions } from './worker.ts';

let t: TestDatabase;
let clock: FakeClock;
let queue: JobQueue;
const workers: Worker[] = [];

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
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop()));
});

function start(definitions: JobDefinition[], options: Partial<WorkerOptions> = {}): Worker {
  const worker = startWorker({
    db: t.db,
    clock,
    logger: silentLogger(),
    registry: createJobRegistry(definitions),
    workerId: 'test-worker',
    concurrency: 4,
    pollIntervalMs: 10,
    ...options,
  });
  workers.push(worker);
  return worker;
}

const row = (id: string): Promise<JobRow> =>
  t.db.kysely.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

const payload = z.object({ n: z.number().int() });

describe('worker', () => {
  it('runs jobs with their payload and context, then marks them succeeded', async () => {
    const seen: { n: number; attempt: number; workspaceId: string | null; jobId: string }[] = [];
    const job = defineJob({
      name: 'test.work.collect',
      payload,
      handle: (p, ctx) => {
        seen.push({ n: p.n, attempt: ctx.attempt, workspaceId: ctx.workspaceId, jobId: ctx.jobId });
      },
    });
    const jobs = await queue.enqueueMany(
      job,
      Array.from({ length: 10 }, (_, n) => ({ payload: { n }, workspaceId: 'ws1' })),
    );
    start([job]);
    await waitFor(async () => (await createJobRepo(t.db).countJobsByStatus()).succeeded === 10, {
      what: '10 jobs to succeed',
    });
    expect(seen.map((s) => s.n).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(seen.every((s) => s.attempt === 1 && s.workspaceId === 'ws1')).toBe(true);
    expect(new Set(seen.map((s) => s.jobId))).toEqual(new Set(jobs.map((j) => j.id)));
    expect(await row(jobs[0]?.id ?? '')).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      finished_at: clock.now(),
      locked_by: null,
    });
  });

  it('never runs more handlers at once than its concurrency', async () => {
    let active = 0;
    let peak = 0;
    const job = defineJob({
      name: 'test.work.slow',
      payload,
      handle: async () => {
        active += 1;
        peak = Math.max(peak, active);
        await delay(20);
        active -= 1;
      },
    });
    await queue.enqueueMany(
      job,
      Array.from({ length: 12 }, (_, n) => ({ payload: { n } })),
    );
    start([job], { concurrency: 3 });
    await waitFor(async () => (await createJobRepo(t.db).countJobsByStatus()).succeeded === 12);
    expect(peak).toBe(3);
  });

  it('retries a failing job with backoff, then dead-letters it with the last error', async () => {
    const attempts: number[] = [];
    const job = defineJob({
      name: 'test.work.fail',
      payload,
      maxAttempts: 3,
      backoff: { baseMs: 10_000, maxMs: 60_000 },
      handle: (_p, ctx) => {
        attempts.push(ctx.attempt);
        throw new Error(`boom ${ctx.attempt}`);
      },
    });
    const { id } = await queue.enqueue(job, { n: 1 });
    start([job]);

    const first = await waitFor(async () => {
      const r = await row(id);
      return r.status === 'queued' && r.attempts === 1 ? r : undefined;
    });
    expect(first.last_error).toBe('Error: boom 1');
    // First retry: 10 s nominal, equal jitter → between 5 s and 10 s from now.
    expect(first.run_at - clock.now()).toBeGreaterThanOrEqual(5_000);
    expect(first.run_at - clock.now()).toBeLessThanOrEqual(10_000);
    await delay(50);
    expect(attempts).toEqual([1]); // not retried before its run time

    clock.set(first.run_at);
    const second = await waitFor(async () => {
      const r = await row(id);
      return r.status === 'queued' && r.attempts === 2 ? r : undefined;
    });
    expect(second.run_at - clock.now()).toBeGreaterThanOrEqual(10_000);
    expect(second.run_at - clock.now()).toBeLessThanOrEqual(20_000);

    clock.set(second.run_at);
    const dead = await waitFor(async () => {
      const r = await row(id);
      return r.status === 'dead' ? r : undefined;
    });
    expect(attempts).toEqual([1, 2, 3]);
    expect(dead).toMatchObject({
      attempts: 3,
      last_error: 'Error: boom 3',
      finished_at: clock.now(),
      locked_by: null,
    });
  });

  it('records a thrown non-Error value readably', async () => {
    const job = defineJob({
      name: 'test.work.throws-object',
      payload,
      maxAttempts: 1,
      handle: () => {
        throw { status: 502, body: 'bad gateway' };
      },
    });
    const { id } = await queue.enqueue(job, { n: 1 });
    start([job]);
    const dead = await waitFor(async () =>
      (await row(id)).status === 'dead' ? row(id) : undefined,
    );
    expect(dead.last_error).toBe(
      'A non-Error value was thrown: {"status":502,"body":"bad gateway"}',
    );
  });

  it('dead-letters a job whose stored payload no longer validates, without running it', async () => {
    let ran = false;
    const v1 = defineJob({
      name: 'test.work.versioned',
      payload: z.object({ postId: z.string() }),
      handle: () => {},
    });
    const v2 = defineJob({
      name: 'test.work.versioned',
      payload: z.object({ postId: z.string(), channelId: z.string() }),
      handle: () => {
        ran = true;
      },
    });
    const { id } = await queue.enqueue(v1, { postId: 'p1' });
    start([v2]);
    const dead = await waitFor(async () =>
      (await row(id)).status === 'dead' ? row(id) : undefined,
    );
    expect(ran).toBe(false);
    expect(dead.attempts).toBe(1);
    expect(dead.last_error).toMatch(/^Invalid payload: .*channelId/s);
  });

  it('dead-letters a job nobody handles', async () => {
    const orphan = defineJob({ name: 'test.work.orphan', payload, handle: () => {} });
    const { id } = await queue.enqueue(orphan, { n: 1 });
    start([]);
    const dead = await waitFor(async () =>
      (await row(id)).status === 'dead' ? row(id) : undefined,
    );
    expect(dead.last_error).toBe('Unknown job name "test.work.orphan": no handler is registered');
  });

  it('dead-letters a job whose worker was lost during its final attempt', async () => {
    const job = defineJob({ name: 'test.work.final', payload, maxAttempts: 1, handle: () => {} });
    const { id } = await queue.enqueue(job, { n: 1 });
    await createJobRepo(t.db).claimJobs({
      workerId: 'lost',
      limit: 1,
      now: clock.now(),
      leaseMs: 1_000,
    });
    clock.advance(1_001);
    start([job]);
    const dead = await waitFor(async () =>
      (await row(id)).status === 'dead' ? row(id) : undefined,
    );
    expect(dead.last_error).toMatch(/Lease expired during the final attempt/);
  });

  it('keeps extending the lease of a long job so no one else claims it', async () => {
    let runs = 0;
    const job = defineJob({
      name: 'test.work.long',
      payload,
      handle: async () => {
        runs += 1;
        await delay(700);
      },
    });
    const { id } = await queue.enqueue(job, { n: 1 });
    // Real time drives this one: the lease (300 ms) is far shorter than the handler (700 ms).
    const realClock = { now: () => Date.now() };
    start([job], { clock: realClock, leaseMs: 300 });
    const repo = createJobRepo(t.db);
    await waitFor(async () => ((await row(id)).status === 'running' ? true : undefined));
    for (let i = 0; i < 6; i++) {
      await delay(100);
      expect(
        await repo.claimJobs({ workerId: 'thief', limit: 1, now: Date.now(), leaseMs: 300 }),
      ).toEqual([]);
    }
    await waitFor(async () => ((await row(id)).status === 'succeeded' ? true : undefined));
    expect(runs).toBe(1);
    expect((await row(id)).attempts).toBe(1);
  });

  it('stops gracefully: waits for running handlers and claims nothing more', async () => {
    let finished = 0;
    const job = defineJob({
      name: 'test.work.stop',
      payload,
      handle: async () => {
        await delay(150);
        finished += 1;
      },
    });
    await queue.enqueueMany(
      job,
      Array.from({ length: 6 }, (_, n) => ({ payload: { n } })),
    );
    const worker = start([job], { concurrency: 2 });
    await waitFor(async () =>
      (await createJobRepo(t.db).countJobsByStatus()).running === 2 ? true : undefined,
    );
    await worker.stop();
    expect(finished).toBe(2);
    expect(await createJobRepo(t.db).countJobsByStatus()).toEqual({
      queued: 4,
      running: 0,
      succeeded: 2,
      dead: 0,
    });
  });
});
