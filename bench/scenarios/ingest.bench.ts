// Metric ingest throughput: snapshot rows per second through the batch API's path at service level
// (body validation with the route's zod schema, channel and post resolution by the platform's
// post id, natural-key upsert with its audit event, one transaction per batch), against plain
// multi-row INSERTs of the same rows, in batches of the same size, measured in the same run on a
// database prepared the same way. Each side runs REPEATS times on a fresh database; medians.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MetricBatchBodySchema } from '../../src/shared/analytics.ts';
import { loadConfig } from '../../src/server/config.ts';
import type { Db } from '../../src/server/db/database.ts';
import { systemClock } from '../../src/server/platform/clock.ts';
import { silentLogger } from '../../src/server/platform/logger.ts';
import { createServices, type Services } from '../../src/server/services.ts';
import { benchTargets, type BenchTarget } from '../bench-db.ts';
import { round, type BenchResult, type Scenario } from '../scenario.ts';

const ROWS = Number(process.env.OPSLOOP_BENCH_INGEST_ROWS ?? 100_000);
/** Rows per API call: about 0.8 MB of JSON, under the default request size limit. */
const BATCH = Number(process.env.OPSLOOP_BENCH_INGEST_BATCH ?? 5_000);
const POSTS = 2_000;
const REPEATS = Number(process.env.OPSLOOP_BENCH_INGEST_REPEATS ?? 3);
const COLLECT_EVERY_MS = 15 * 60 * 1000;

export const scenario: Scenario = {
  name: 'ingest',
  async *run() {
    for (const target of benchTargets()) yield await measure(target);
  },
};

interface Seeded {
  services: Services;
  workspaceId: string;
  channelId: string;
  userId: string;
  /** The post versions' ids, in the order of their platform ids `p0…`. */
  targetIds: string[];
}

function servicesFor(db: Db): Services {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsloop-bench-ingest-'));
  return createServices({
    config: loadConfig({ OPSLOOP_DATA_DIR: dataDir }),
    db,
    clock: systemClock,
    logger: silentLogger(),
    secretKey: Buffer.alloc(32, 7),
  });
}

/** Setup (not timed): a workspace with one channel and POSTS published posts. */
async function seed(db: Db): Promise<Seeded> {
  const services = servicesFor(db);
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
  const channel = await services.channels.create(
    { workspaceId, role: 'owner', channelIds: null },
    { platform: 'sandbox', style: 'douyin', name: 'Douyin' },
    { userId: session.user.id, tokenId: null, label: 'Bench', ip: null, requestId: null },
  );
  const published = Date.now() - 30 * 24 * 3_600_000;
  const targetIds = await services.posts.importPublished(
    workspaceId,
    session.user.id,
    Array.from({ length: POSTS }, (_, i) => ({
      channelId: channel.id,
      title: `Bench video ${i}`,
      text: `Bench video ${i}`,
      topics: [],
      externalId: `p${i}`,
      url: null,
      publishedAt: published + i * 60_000,
      idempotencyKey: `bench-ingest-${i}`,
    })),
  );
  return { services, workspaceId, channelId: channel.id, userId: session.user.id, targetIds };
}

/** The i-th row as a pipeline sends it: a collection round over every post every 15 minutes. */
function apiRow(channelId: string, i: number, start: number) {
  const post = i % POSTS;
  const round = Math.floor(i / POSTS);
  const likes = 10 * round + (post % 7);
  return {
    channelId,
    externalPostId: `p${post}`,
    observedAt: start + round * COLLECT_EVERY_MS,
    impressions: likes * 40,
    views: likes * 25,
    likes,
    comments: Math.floor(likes / 8),
    shares: Math.floor(likes / 12),
    saves: Math.floor(likes / 5),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** User + system CPU of this process; SQLite works inside it, PostgreSQL does not. */
function cpuSeconds(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1e6;
}

async function timeApiPath(
  target: BenchTarget,
): Promise<{ rate: number; cpuRate: number; resend: number }> {
  const bench = await target.create();
  try {
    const s = await seed(bench.db);
    const scope = { workspaceId: s.workspaceId, role: 'owner' as const, channelIds: null };
    const actor = { userId: s.userId, tokenId: null, label: 'Bench', ip: null, requestId: null };
    const start = Date.now() - 7 * 24 * 3_600_000;
    // Bodies are built before the clock starts, as they would arrive over HTTP.
    const bodies: unknown[] = [];
    for (let i = 0; i < ROWS; i += BATCH) {
      const posts = [];
      for (let j = i; j < Math.min(ROWS, i + BATCH); j++) posts.push(apiRow(s.channelId, j, start));
      bodies.push(JSON.parse(JSON.stringify({ posts })));
    }
    const send = async () => {
      const began = performance.now();
      const cpu = process.cpuUsage();
      let written = 0;
      for (const body of bodies) {
        const parsed = MetricBatchBodySchema.parse(body);
        const result = await s.services.analytics.ingestBatch(scope, parsed, actor);
        written += result.posts.written;
      }
      return {
        seconds: (performance.now() - began) / 1000,
        cpuSeconds: cpuSeconds(process.cpuUsage(cpu)),
        written,
      };
    };
    const first = await send();
    if (first.written !== ROWS) throw new Error(`wrote ${first.written} of ${ROWS} rows`);
    const again = await send();
    if (again.written !== 0) throw new Error(`a repeated batch wrote ${again.written} rows`);
    return {
      rate: ROWS / first.seconds,
      cpuRate: ROWS / first.cpuSeconds,
      resend: ROWS / again.seconds,
    };
  } finally {
    await bench.drop();
  }
}

async function timePlainInsert(target: BenchTarget): Promise<{ rate: number; cpuRate: number }> {
  const bench = await target.create();
  try {
    const s = await seed(bench.db);
    const start = Date.now() - 7 * 24 * 3_600_000;
    const batches: Record<string, unknown>[][] = [];
    for (let i = 0; i < ROWS; i += BATCH) {
      const rows = [];
      for (let j = i; j < Math.min(ROWS, i + BATCH); j++) {
        const row = apiRow(s.channelId, j, start);
        rows.push({
          workspace_id: s.workspaceId,
          target_id: s.targetIds[j % POSTS]!,
          observed_at: row.observedAt,
          channel_id: row.channelId,
          impressions: row.impressions,
          views: row.views,
          likes: row.likes,
          comments: row.comments,
          shares: row.shares,
          saves: row.saves,
          reach: null,
          clicks: null,
          follows: null,
          conversions: null,
          revenue: null,
          currency: null,
          source: 'api',
          import_id: null,
        });
      }
      batches.push(rows);
    }
    // The plainest way: a multi-row INSERT per parameter-limited chunk, a transaction per batch.
    const chunk = Math.floor(32_766 / 18);
    const began = performance.now();
    const cpu = process.cpuUsage();
    for (const rows of batches) {
      await bench.db.kysely.transaction().execute(async (trx) => {
        for (let i = 0; i < rows.length; i += chunk) {
          await trx
            .insertInto('metric_snapshot')
            .values(rows.slice(i, i + chunk) as never)
            .execute();
        }
      });
    }
    return {
      rate: ROWS / ((performance.now() - began) / 1000),
      cpuRate: ROWS / cpuSeconds(process.cpuUsage(cpu)),
    };
  } finally {
    await bench.drop();
  }
}

async function measure(target: BenchTarget): Promise<BenchResult> {
  const api: number[] = [];
  const apiCpu: number[] = [];
  const resend: number[] = [];
  const plain: number[] = [];
  const plainCpu: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const base = await timePlainInsert(target);
    plain.push(base.rate);
    plainCpu.push(base.cpuRate);
    const result = await timeApiPath(target);
    api.push(result.rate);
    apiCpu.push(result.cpuRate);
    resend.push(result.resend);
  }
  const value = median(api);
  const baseline = median(plain);
  return {
    scenario: 'ingest',
    db: target.dialect,
    value: round(value),
    unit: 'rows/s',
    baseline: round(baseline),
    ratio: round(value / baseline, 3),
    rows: ROWS,
    batch: BATCH,
    repeats: REPEATS,
    resend_rows_per_s: round(median(resend)),
    // On a shared machine wall time includes waiting for other processes; per CPU second of
    // this process is what a quiet machine would do. Meaningful for SQLite only.
    ...(target.dialect === 'sqlite'
      ? {
          cpu_rows_per_s: round(median(apiCpu)),
          cpu_baseline_rows_per_s: round(median(plainCpu)),
          load_average: round(os.loadavg()[0] ?? 0, 2),
        }
      : { load_average: round(os.loadavg()[0] ?? 0, 2) }),
    runs_rows_per_s: api.map((v) => round(v)),
    baseline_runs_rows_per_s: plain.map((v) => round(v)),
  };
}
