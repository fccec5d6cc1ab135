// Feedback clustering (去重): 5,000 and 100,000 generated feedback items (Chinese and English,
// in near-duplicate groups whose truth is known).
//
// Two measurements per size:
// - the algorithm alone, in memory: MinHash signatures and an LSH index (`server/text/minhash.ts`)
//   with the parameters feedback uses, each item joining the cluster of its closest earlier item;
// - the real import path on each database: CSV files of 5,000 rows through the feedback service,
//   which clusters every row against what is already stored (LSH buckets in the database).
// Each line gives seconds (wall and CPU of this process), a same-run baseline (inserting the same
// number of rows plainly), and pair precision and recall against the known groups. The summary
// line per database gives the large/small time ratio: near-linear means at most 30 for 20× the
// items. CPU time is compared where the work runs in this process (the algorithm, SQLite), since
// on a shared machine wall time also counts the time other processes held the CPU; PostgreSQL
// works in its own processes, so there wall time is compared.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../../src/server/config.ts';
import type { Db } from '../../src/server/db/database.ts';
import type { Actor, WorkspaceScope } from '../../src/server/http/route.ts';
import {
  FEEDBACK_BANDING,
  FEEDBACK_BUCKET_LIMIT,
  FEEDBACK_DEFAULT_SIMILARITY,
  FEEDBACK_NEAR_IDENTICAL,
  FEEDBACK_SIGNATURE_SIZE,
  feedbackSignature,
} from '../../src/server/modules/feedback/index.ts';
import { systemClock } from '../../src/server/platform/clock.ts';
import { newId } from '../../src/server/platform/ids.ts';
import { silentLogger } from '../../src/server/platform/logger.ts';
import { createServices, type Services } from '../../src/server/services.ts';
import { LshIndex } from '../../src/server/text/minhash.ts';
import { benchTargets, type BenchDatabase } from '../bench-db.ts';
import { round, type BenchResult, type Scenario } from '../scenario.ts';
import { generateFeedback, pairQuality, type GeneratedFeedback } from './cluster-data.ts';

const SMALL = Number(process.env.OPSLOOP_BENCH_CLUSTER_SMALL ?? 5000);
const LARGE = Number(process.env.OPSLOOP_BENCH_CLUSTER_LARGE ?? 100_000);
/** Rows per import request: the most one CSV may carry. */
const PER_IMPORT = 5000;
const TARGET_RATIO = 30;
/** SQLite page cache for the run, in MiB; unset keeps the database's own setting. */
const SQLITE_CACHE_MB = process.env.OPSLOOP_BENCH_SQLITE_CACHE_MB;

interface Timing {
  wall: number;
  cpu: number;
}

function startTiming(): () => Timing {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return {
      wall: (performance.now() - wall) / 1000,
      cpu: (used.user + used.system) / 1e6,
    };
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export const scenario: Scenario = {
  name: 'cluster',
  async *run() {
    const small = generateFeedback(SMALL, 1);
    const large = generateFeedback(LARGE, 2);
    // The algorithm alone: warmed up, then small and large runs interleaved so that a busy
    // moment of the machine does not fall on one size only; medians.
    clusterInMemory(small);
    const runs = { small: [] as MemoryRun[], large: [] as MemoryRun[] };
    for (let round = 0; round < 3; round++) {
      runs.small.push(clusterInMemory(small));
      runs.large.push(clusterInMemory(large));
      runs.small.push(clusterInMemory(small));
    }
    const algorithm = { small: medianRun(runs.small), large: medianRun(runs.large) };

    for (const target of benchTargets()) {
      const results: BenchResult[] = [];
      for (const [items, memory] of [
        [small, algorithm.small],
        [large, algorithm.large],
      ] as const) {
        const bench = await target.create();
        try {
          const result = await measure(bench, target.dialect, items, memory);
          results.push(result);
          yield result;
        } finally {
          await bench.drop();
        }
      }
      const [smallRun, largeRun] = results;
      if (!smallRun || !largeRun) continue;
      const linear = LARGE / SMALL;
      const wallRatio = largeRun.value / smallRun.value;
      const cpuRatio = Number(largeRun.cpuSeconds) / Number(smallRun.cpuSeconds);
      const ratio = target.dialect === 'sqlite' ? cpuRatio : wallRatio;
      const algorithmRatio = algorithm.large.cpu / algorithm.small.cpu;
      yield {
        scenario: 'cluster',
        db: target.dialect,
        value: round(ratio, 2),
        unit: `× (${target.dialect === 'sqlite' ? 'CPU' : 'wall'} time of ${LARGE} items / of ${SMALL})`,
        baseline: linear,
        ratio: round(ratio / linear, 3),
        target: TARGET_RATIO,
        nearLinear: ratio <= TARGET_RATIO,
        wallRatio: round(wallRatio, 2),
        cpuRatio: round(cpuRatio, 2),
        baselineRatio: round(largeRun.baseline / smallRun.baseline, 2),
        algorithmRatio: round(algorithmRatio, 2),
        algorithmNearLinear: algorithmRatio <= TARGET_RATIO,
      };
    }
  },
};

interface MemoryRun extends Timing {
  precision: number;
  recall: number;
  clusters: number;
}

function medianRun(runs: MemoryRun[]): MemoryRun {
  const cpu = median(runs.map((run) => run.cpu));
  const chosen = runs.find((run) => run.cpu === cpu) ?? (runs[0] as MemoryRun);
  return { ...chosen, wall: median(runs.map((run) => run.wall)) };
}

/** The clustering the service does, with an in-memory index instead of the database's buckets. */
function clusterInMemory(items: readonly GeneratedFeedback[]): MemoryRun {
  const stop = startTiming();
  const index = new LshIndex<number>({ ...FEEDBACK_BANDING, maxBucket: FEEDBACK_BUCKET_LIMIT });
  const cluster = new Int32Array(items.length);
  // The index keeps what it needs of each signature, so one array serves every item.
  const buffer = new Uint32Array(FEEDBACK_SIGNATURE_SIZE);
  for (let i = 0; i < items.length; i++) {
    const signature = feedbackSignature(items[i]?.text ?? '', buffer);
    const match = index.mostSimilar(
      signature,
      FEEDBACK_DEFAULT_SIMILARITY,
      FEEDBACK_NEAR_IDENTICAL,
    );
    cluster[i] = match ? (cluster[match.key] ?? i) : i;
    if (!match || match.similarity < FEEDBACK_NEAR_IDENTICAL) index.add(i, signature);
  }
  const timing = stop();
  const quality = pairQuality(
    items.map((item) => item.group),
    [...cluster],
  );
  return {
    ...timing,
    precision: quality.precision,
    recall: quality.recall,
    clusters: new Set(cluster).size,
  };
}

function servicesFor(db: Db, dataDir: string): Services {
  return createServices({
    config: loadConfig({ OPSLOOP_DATA_DIR: dataDir }),
    db,
    clock: systemClock,
    logger: silentLogger(),
    secretKey: Buffer.alloc(32, 7),
  });
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The items as import files of at most PER_IMPORT rows each. */
function toCsvFiles(items: readonly GeneratedFeedback[]): string[] {
  const files: string[] = [];
  for (let start = 0; start < items.length; start += PER_IMPORT) {
    const rows = items
      .slice(start, start + PER_IMPORT)
      .map((item) => `${csvCell(item.text)},${csvCell(item.person)}`);
    files.push(`text,handle\n${rows.join('\n')}\n`);
  }
  return files;
}

async function measure(
  bench: BenchDatabase,
  dialect: 'sqlite' | 'postgres',
  items: readonly GeneratedFeedback[],
  memory: MemoryRun,
): Promise<BenchResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsloop-bench-cluster-'));
  try {
    return await measureIn(servicesFor(bench.db, dataDir), bench, dialect, items, memory);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measureIn(
  services: Services,
  bench: BenchDatabase,
  dialect: 'sqlite' | 'postgres',
  items: readonly GeneratedFeedback[],
  memory: MemoryRun,
): Promise<BenchResult> {
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
  const workspaceId = session.workspaces[0]?.id ?? '';
  const scope: WorkspaceScope = { workspaceId, role: 'owner', channelIds: null };
  const actor: Actor = {
    userId: session.user.id,
    tokenId: null,
    label: 'Bench',
    ip: null,
    requestId: null,
  };
  if (dialect === 'sqlite' && SQLITE_CACHE_MB) {
    await sql
      .raw(`pragma cache_size = -${Number(SQLITE_CACHE_MB) * 1024}`)
      .execute(bench.db.kysely);
  }
  const files = toCsvFiles(items);
  const baseline = await plainInsert(bench.db, items);

  const stop = startTiming();
  let imported = 0;
  for (const csv of files) {
    const result = await services.feedback.importCsv(scope, { csv }, actor);
    if (result.errors.length > 0) {
      throw new Error(`import errors: ${JSON.stringify(result.errors[0])}`);
    }
    imported += result.imported;
  }
  const timing = stop();

  // Tickets of one import are stored in file order and their ids sort the same way.
  const rows = await bench.db.kysely
    .selectFrom('feedback_ticket')
    .select(['id', 'cluster_id'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('id')
    .execute();
  const quality = pairQuality(
    items.map((item) => item.group),
    rows.map((row) => row.cluster_id),
  );
  const lshRows = await bench.db.kysely
    .selectFrom('feedback_lsh')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return {
    scenario: 'cluster',
    db: dialect,
    value: round(timing.wall, 3),
    unit: 's',
    baseline: round(baseline, 3),
    ratio: round(timing.wall / baseline, 2),
    cpuSeconds: round(timing.cpu, 3),
    items: items.length,
    imported,
    groups: new Set(items.map((item) => item.group)).size,
    clusters: new Set(rows.map((row) => row.cluster_id)).size,
    precision: round(quality.precision, 4),
    recall: round(quality.recall, 4),
    itemsPerSecond: round(items.length / timing.wall),
    lshRows: Number(lshRows.n),
    baselineUnit: 's to insert the same number of rows plainly, 100 per transaction',
    algorithm: {
      seconds: round(memory.wall, 3),
      cpuSeconds: round(memory.cpu, 3),
      itemsPerSecond: round(items.length / memory.cpu),
      precision: round(memory.precision, 4),
      recall: round(memory.recall, 4),
      clusters: memory.clusters,
    },
  };
}

/** The plainest way to store the same texts: multi-row inserts, 100 rows per transaction. */
async function plainInsert(db: Db, items: readonly GeneratedFeedback[]): Promise<number> {
  await sql`create table bench_plain (id text primary key, text text not null, person text not null, created_at bigint not null)`.execute(
    db.kysely,
  );
  const started = performance.now();
  for (let start = 0; start < items.length; start += 100) {
    const now = Date.now();
    const batch = items.slice(start, start + 100);
    await db.kysely.transaction().execute(async (trx) => {
      const values = batch.map(
        (item) => sql`(${newId(now)}, ${item.text}, ${item.person}, ${now})`,
      );
      await sql`insert into bench_plain (id, text, person, created_at) values ${sql.join(values)}`.execute(
        trx,
      );
    });
  }
  const seconds = (performance.now() - started) / 1000;
  await sql`drop table bench_plain`.execute(db.kysely);
  return seconds;
}
