// Job queue throughput: N no-op jobs drained by two worker processes, against the same number of
// single-row autocommit UPDATEs from one process on the same database.
//
// This file is also the worker process: the scenario spawns it with OPSLOOP_BENCH_JOBS_WORKER set.
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'kysely';
import { z } from 'zod';
import { openDatabase, type DatabaseOptions, type Db } from '../../src/server/db/database.ts';
import {
  createJobQueue,
  createJobRegistry,
  defineJob,
  startWorker,
} from '../../src/server/jobs/index.ts';
import { systemClock } from '../../src/server/platform/clock.ts';
import { silentLogger } from '../../src/server/platform/logger.ts';
import { benchTargets, type BenchDatabase } from '../bench-db.ts';
import { spawnBenchChild } from '../child-process.ts';
import { round, type BenchResult, type Scenario } from '../scenario.ts';

const JOBS = Number(process.env.OPSLOOP_BENCH_JOBS ?? 20_000);
const WORKERS = 2;
const CONCURRENCY = 100;
const LEASE_MS = 30_000;

const noopJob = defineJob({
  name: 'bench.jobs.noop',
  payload: z.object({ n: z.number().int() }),
  handle: () => {},
});

interface WorkerConfig {
  database: DatabaseOptions;
  workerId: string;
}

export const scenario: Scenario = {
  name: 'jobs',
  async *run() {
    for (const target of benchTargets()) {
      const bench = await target.create();
      try {
        yield await measureJobQueue(bench, target.dialect);
      } finally {
        await bench.drop();
      }
    }
  },
};

/** Drains JOBS no-op jobs with two worker processes; also the publish scenario's baseline. */
export async function measureJobQueue(
  bench: BenchDatabase,
  dialect: 'sqlite' | 'postgres',
): Promise<BenchResult> {
  const { db } = bench;
  const queue = createJobQueue(db, systemClock);
  const jobs = await queue.enqueueMany(
    noopJob,
    Array.from({ length: JOBS }, (_, n) => ({ payload: { n } })),
  );

  const updatesPerSecond = await baselineUpdates(
    db,
    jobs.map((job) => job.id),
  );

  const workers = Array.from({ length: WORKERS }, (_, i) =>
    spawnBenchChild(import.meta.url, 'OPSLOOP_BENCH_JOBS_WORKER', {
      database: bench.options,
      workerId: `bench-${i}`,
    }),
  );
  try {
    await Promise.all(workers.map((w) => w.line(/^ready$/)));
    const started = performance.now();
    for (const w of workers) w.send('go');
    await waitUntilDrained(db);
    const seconds = (performance.now() - started) / 1000;
    const ran = await Promise.all(
      workers.map(async (w) => {
        w.send('stop');
        return Number((await w.line(/^ran \d+$/)).slice(4));
      }),
    );
    const jobsPerSecond = JOBS / seconds;
    return {
      scenario: 'jobs',
      db: dialect,
      value: round(jobsPerSecond),
      unit: 'jobs/s',
      baseline: round(updatesPerSecond),
      ratio: round(jobsPerSecond / updatesPerSecond, 3),
      jobs: JOBS,
      workers: WORKERS,
      concurrency: CONCURRENCY,
      seconds: round(seconds, 3),
      perWorker: ran,
      baselineUnit: 'updates/s',
    };
  } finally {
    await Promise.all(workers.map((w) => w.exit()));
  }
}

/** Single-row UPDATEs by primary key, one statement at a time, each its own transaction. */
async function baselineUpdates(db: Db, ids: readonly string[]): Promise<number> {
  const started = performance.now();
  let n = 0;
  for (const id of ids) {
    await sql`update job set updated_at = ${++n} where id = ${id}`.execute(db.kysely);
  }
  return ids.length / ((performance.now() - started) / 1000);
}

async function waitUntilDrained(db: Db): Promise<void> {
  for (;;) {
    const row = await db.kysely
      .selectFrom('job')
      .select((eb) => eb.fn.countAll<number | string>().as('left'))
      .where('status', '!=', 'succeeded')
      .executeTakeFirstOrThrow();
    if (Number(row.left) === 0) return;
    await delay(20);
  }
}

/** The worker process: prints "ready", runs on "go", and on "stop" (or stdin closing) stops. */
async function runWorkerProcess(config: WorkerConfig): Promise<void> {
  const db = openDatabase(config.database);
  let ran = 0;
  const counted = defineJob({
    name: noopJob.name,
    payload: noopJob.payload,
    handle: () => {
      ran += 1;
    },
  });
  const input = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  process.stdout.write('ready\n');
  const go = await input.next();
  if (!go.done && go.value === 'go') {
    const worker = startWorker({
      db,
      clock: systemClock,
      logger: silentLogger(),
      registry: createJobRegistry([counted]),
      workerId: config.workerId,
      concurrency: CONCURRENCY,
      leaseMs: LEASE_MS,
      pollIntervalMs: 50,
    });
    await input.next();
    await worker.stop();
  }
  process.stdout.write(`ran ${ran}\n`);
  await db.close();
  process.stdin.destroy();
}

if (import.meta.main) {
  const config = process.env.OPSLOOP_BENCH_JOBS_WORKER;
  if (!config) throw new Error('OPSLOOP_BENCH_JOBS_WORKER is not set');
  await runWorkerProcess(JSON.parse(config) as WorkerConfig);
}
