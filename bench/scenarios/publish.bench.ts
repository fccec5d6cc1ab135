// Publishing throughput: POSTS posts due in the same minute on one sandbox channel, delivered by
// two worker processes running the real delivery jobs, against the job-queue throughput of no-op
// jobs measured in the same run. Duplicates are counted from the sandbox's own record of calls.
//
// This file is also the worker process: the scenario spawns it with OPSLOOP_BENCH_PUBLISH_WORKER set.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { loadConfig } from '../../src/server/config.ts';
import { openDatabase, type DatabaseOptions, type Db } from '../../src/server/db/database.ts';
import type { PostRow, PostTargetRow } from '../../src/server/db/schema.ts';
import { jobCatalog } from '../../src/server/job-catalog.ts';
import { startWorker } from '../../src/server/jobs/index.ts';
import { systemClock } from '../../src/server/platform/clock.ts';
import { newId } from '../../src/server/platform/ids.ts';
import { silentLogger } from '../../src/server/platform/logger.ts';
import { createServices, type Services } from '../../src/server/services.ts';
import { benchTargets, type BenchDatabase } from '../bench-db.ts';
import { spawnBenchChild } from '../child-process.ts';
import { round, type BenchResult, type Scenario } from '../scenario.ts';
import { measureJobQueue } from './jobs.bench.ts';

const POSTS = Number(process.env.OPSLOOP_BENCH_POSTS ?? 10_000);
const WORKERS = 2;
const CONCURRENCY = 32;
const SECRET_KEY = Buffer.alloc(32, 7);

interface WorkerConfig {
  database: DatabaseOptions;
  workerId: string;
}

export const scenario: Scenario = {
  name: 'publish',
  async *run() {
    for (const target of benchTargets()) {
      const queueDb = await target.create();
      let baseline: BenchResult;
      try {
        baseline = await measureJobQueue(queueDb, target.dialect);
      } finally {
        await queueDb.drop();
      }
      const bench = await target.create();
      try {
        yield await measure(bench, target.dialect, baseline);
      } finally {
        await bench.drop();
      }
    }
  },
};

function servicesFor(db: Db): Services {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsloop-bench-publish-'));
  return createServices({
    config: loadConfig({ OPSLOOP_DATA_DIR: dataDir }),
    db,
    clock: systemClock,
    logger: silentLogger(),
    secretKey: SECRET_KEY,
  });
}

/** Setup (not timed): a workspace, a sandbox channel and POSTS posts all due now, enqueued. */
async function seed(services: Services): Promise<{ workspaceId: string; accountId: string }> {
  const { session } = await services.auth.setup(
    {
      name: 'Bench',
      email: 'bench@example.com',
      password: 'bench-password',
      workspaceName: 'Bench',
    },
    { ip: null, userAgent: null },
    null,
  );
  const workspaceId = session.workspaces[0]!.id;
  const scope = { workspaceId, role: 'owner' as const, channelIds: null };
  const actor = {
    userId: session.user.id,
    tokenId: null,
    label: 'Bench',
    ip: null,
    requestId: null,
  };
  const channel = await services.channels.create(
    scope,
    { platform: 'sandbox', style: 'weibo', name: 'Weibo' },
    actor,
  );
  const row = await services.channels.requireChannel(workspaceId, channel.id);
  const now = Date.now();
  const due = now - (now % 60_000);
  for (let start = 0; start < POSTS; start += 1000) {
    const posts: PostRow[] = [];
    const targets: PostTargetRow[] = [];
    for (let i = start; i < Math.min(POSTS, start + 1000); i++) {
      const postId = newId(now);
      const targetId = newId(now);
      posts.push({
        workspace_id: workspaceId,
        id: postId,
        title: null,
        body: `Bench post ${i} #新品#`,
        topics_json: '["新品"]',
        status: 'scheduled',
        approval_step: 0,
        scheduled_at: due,
        created_by: session.user.id,
        created_at: now,
        updated_at: now,
      });
      targets.push({
        workspace_id: workspaceId,
        id: targetId,
        post_id: postId,
        channel_id: channel.id,
        title: null,
        text: `Bench post ${i} #新品#`,
        status: 'scheduled',
        scheduled_at: due,
        idempotency_key: `bench-${targetId}`,
        external_id: null,
        url: null,
        published_at: null,
        attempts: 0,
        last_error: null,
        error_action: null,
        updated_at: now,
      });
    }
    await services.db.kysely.transaction().execute(async (trx) => {
      for (let i = 0; i < posts.length; i += 200) {
        await trx
          .insertInto('post')
          .values(posts.slice(i, i + 200))
          .execute();
        await trx
          .insertInto('post_target')
          .values(targets.slice(i, i + 200))
          .execute();
      }
    });
    await services.publishing.enqueueDeliveries(
      workspaceId,
      targets.map((t) => t.id),
      due,
    );
  }
  return { workspaceId, accountId: row.external_account_id! };
}

async function count(
  db: Db,
  table: 'post_target' | 'sandbox_post' | 'sandbox_publish_call',
  where?: [string, string],
): Promise<number> {
  let query = db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n'));
  if (where) query = query.where(where[0] as never, '=', where[1] as never);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

async function measure(
  bench: BenchDatabase,
  dialect: 'sqlite' | 'postgres',
  baseline: BenchResult,
): Promise<BenchResult> {
  const services = servicesFor(bench.db);
  await seed(services);
  const workers = Array.from({ length: WORKERS }, (_, i) =>
    spawnBenchChild(import.meta.url, 'OPSLOOP_BENCH_PUBLISH_WORKER', {
      database: bench.options,
      workerId: `publish-${i}`,
    }),
  );
  try {
    await Promise.all(workers.map((w) => w.line(/^ready$/)));
    const started = performance.now();
    for (const w of workers) w.send('go');
    while ((await count(bench.db, 'post_target', ['status', 'published'])) < POSTS) await delay(50);
    const seconds = (performance.now() - started) / 1000;
    for (const w of workers) w.send('stop');
    const created = await count(bench.db, 'sandbox_post');
    const calls = await count(bench.db, 'sandbox_publish_call');
    const postsPerSecond = POSTS / seconds;
    return {
      scenario: 'publish',
      db: dialect,
      value: round(postsPerSecond),
      unit: 'posts/s',
      baseline: baseline.value,
      ratio: round(postsPerSecond / baseline.value, 3),
      baselineUnit: 'no-op jobs/s (same run)',
      posts: POSTS,
      workers: WORKERS,
      seconds: round(seconds, 3),
      duplicates: created - POSTS,
      repeatedCalls: calls - POSTS,
    };
  } finally {
    await Promise.all(workers.map((w) => w.exit()));
  }
}

/** The worker process: real services and the real job catalogue, started on "go". */
async function runWorkerProcess(config: WorkerConfig): Promise<void> {
  const db = openDatabase(config.database);
  const services = servicesFor(db);
  const input = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  process.stdout.write('ready\n');
  const go = await input.next();
  if (!go.done && go.value === 'go') {
    const worker = startWorker({
      db,
      clock: systemClock,
      logger: silentLogger(),
      registry: jobCatalog(services).registry,
      workerId: config.workerId,
      concurrency: CONCURRENCY,
      pollIntervalMs: 50,
    });
    await input.next();
    await worker.stop();
  }
  await db.close();
  process.stdin.destroy();
}

if (import.meta.main) {
  const config = process.env.OPSLOOP_BENCH_PUBLISH_WORKER;
  if (!config) throw new Error('OPSLOOP_BENCH_PUBLISH_WORKER is not set');
  await runWorkerProcess(JSON.parse(config) as WorkerConfig);
}
