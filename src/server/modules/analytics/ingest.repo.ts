import { CompiledQuery, type Insertable } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { MetricSnapshotTable } from '../../db/schema.ts';
import type { ChannelMetricDailyTable } from './analytics-tables.ts';

/** A snapshot row with every column present, in `SNAPSHOT_COLUMNS` order. */
export interface SnapshotWrite {
  workspace_id: string;
  target_id: string;
  observed_at: number;
  channel_id: string;
  impressions: number | null;
  reach: number | null;
  likes: number;
  comments: number;
  shares: number;
  saves: number | null;
  clicks: number | null;
  views: number | null;
  follows: number | null;
  conversions: number | null;
  revenue: number | null;
  currency: string | null;
  source: string;
  import_id: string | null;
}

/** A daily channel row with every column present, in `DAILY_COLUMNS` order. */
export interface DailyWrite {
  workspace_id: string;
  channel_id: string;
  day: string;
  metric: string;
  dimension: string;
  value: number;
  source: string;
  import_id: string | null;
  updated_at: number;
}

const SNAPSHOT_KEY = ['workspace_id', 'target_id', 'observed_at'] as const;
const SNAPSHOT_COLUMNS = [
  ...SNAPSHOT_KEY,
  'channel_id',
  'impressions',
  'reach',
  'likes',
  'comments',
  'shares',
  'saves',
  'clicks',
  'views',
  'follows',
  'conversions',
  'revenue',
  'currency',
  'source',
  'import_id',
] as const satisfies readonly (keyof SnapshotWrite)[];
/** Columns whose change makes an upsert an update; source and owner follow the values. */
const SNAPSHOT_VALUES = SNAPSHOT_COLUMNS.filter(
  (c) => !(SNAPSHOT_KEY as readonly string[]).includes(c) && c !== 'source' && c !== 'import_id',
);

const DAILY_KEY = ['workspace_id', 'channel_id', 'day', 'metric', 'dimension'] as const;
const DAILY_COLUMNS = [
  ...DAILY_KEY,
  'value',
  'source',
  'import_id',
  'updated_at',
] as const satisfies readonly (keyof DailyWrite)[];

// SQLite's default limit on bound parameters is 32766; PostgreSQL's protocol allows 65535. One
// limit for both keeps the SQL identical and the chunks large enough to amortise each statement.
const MAX_PARAMS = 32_766;
const SNAPSHOT_CHUNK = Math.floor(MAX_PARAMS / SNAPSHOT_COLUMNS.length);
const DAILY_CHUNK = Math.floor(MAX_PARAMS / DAILY_COLUMNS.length);

/**
 * The compiled text of an upsert of `n` rows, per executor dialect. Building and compiling a
 * statement of 30,000 parameters costs more than running it, and its text depends only on the
 * row count, so full chunks reuse it and bind fresh values.
 */
const statementCache = new Map<string, string>();

/**
 * Splits a row count into statement sizes: full chunks, then powers of two. Every size recurs
 * from batch to batch, so each statement's text is built once and reused.
 */
export function chunkSizes(count: number, full: number): number[] {
  const sizes: number[] = [];
  let left = count;
  while (left >= full) {
    sizes.push(full);
    left -= full;
  }
  for (let size = 1 << Math.floor(Math.log2(Math.max(1, full))); size >= 1; size >>= 1) {
    if (left >= size) {
      sizes.push(size);
      left -= size;
    }
  }
  return sizes;
}

function flatten<T extends object>(rows: readonly T[], columns: readonly (keyof T)[]): unknown[] {
  const params = new Array<unknown>(rows.length * columns.length);
  let i = 0;
  for (const row of rows) for (const column of columns) params[i++] = row[column];
  return params;
}

async function runCached<T extends object>(
  db: Executor,
  kind: string,
  rows: readonly T[],
  columns: readonly (keyof T)[],
  build: (rows: readonly T[]) => { compile(): CompiledQuery },
): Promise<number> {
  const adapter = db.getExecutor().adapter.constructor.name;
  const key = `${kind}:${adapter}:${rows.length}`;
  let text = statementCache.get(key);
  let params: readonly unknown[];
  if (text === undefined) {
    const compiled = build(rows).compile();
    text = compiled.sql;
    params = compiled.parameters;
    const mine = flatten(rows, columns);
    // The cache is only sound if Kysely binds values row by row in our column order.
    if (mine.length === params.length && mine.every((v, i) => v === params[i])) {
      statementCache.set(key, text);
    }
  } else {
    params = flatten(rows, columns);
  }
  const result = await db.executeQuery(CompiledQuery.raw(text, params as unknown[]));
  return Number(result.numAffectedRows ?? 0n);
}

function snapshotUpsert(db: Executor, rows: readonly SnapshotWrite[]) {
  return db
    .insertInto('metric_snapshot')
    .values(rows as Insertable<MetricSnapshotTable>[])
    .onConflict((oc) =>
      oc
        .columns([...SNAPSHOT_KEY])
        .doUpdateSet((eb) => ({
          channel_id: eb.ref('excluded.channel_id'),
          impressions: eb.ref('excluded.impressions'),
          reach: eb.ref('excluded.reach'),
          likes: eb.ref('excluded.likes'),
          comments: eb.ref('excluded.comments'),
          shares: eb.ref('excluded.shares'),
          saves: eb.ref('excluded.saves'),
          clicks: eb.ref('excluded.clicks'),
          views: eb.ref('excluded.views'),
          follows: eb.ref('excluded.follows'),
          conversions: eb.ref('excluded.conversions'),
          revenue: eb.ref('excluded.revenue'),
          currency: eb.ref('excluded.currency'),
          source: eb.ref('excluded.source'),
          import_id: eb.ref('excluded.import_id'),
        }))
        // Same numbers again change nothing, not even who wrote them: that is what makes a
        // repeated batch a no-op.
        .where((eb) =>
          eb.or(
            SNAPSHOT_VALUES.map((column) =>
              eb(`metric_snapshot.${column}`, 'is distinct from', eb.ref(`excluded.${column}`)),
            ),
          ),
        ),
    );
}

function dailyUpsert(db: Executor, rows: readonly DailyWrite[]) {
  return db
    .insertInto('channel_metric_daily')
    .values(rows as Insertable<ChannelMetricDailyTable>[])
    .onConflict((oc) =>
      oc
        .columns([...DAILY_KEY])
        .doUpdateSet((eb) => ({
          value: eb.ref('excluded.value'),
          source: eb.ref('excluded.source'),
          import_id: eb.ref('excluded.import_id'),
          updated_at: eb.ref('excluded.updated_at'),
        }))
        .where((eb) =>
          eb('channel_metric_daily.value', 'is distinct from', eb.ref('excluded.value')),
        ),
    );
}

/**
 * Writes snapshots by their natural key (target, observed_at): new keys are inserted, changed
 * numbers replace the old ones, identical numbers change nothing. Rows must have distinct keys.
 * Returns how many rows were inserted or changed.
 */
export async function upsertSnapshots(
  db: Executor,
  rows: readonly SnapshotWrite[],
): Promise<number> {
  // In key order, each statement walks the primary-key index forwards instead of jumping
  // around it: a third faster on SQLite for batches that cover many posts.
  const sorted = [...rows].sort(
    (a, b) =>
      (a.target_id < b.target_id ? -1 : a.target_id > b.target_id ? 1 : 0) ||
      a.observed_at - b.observed_at,
  );
  let written = 0;
  let start = 0;
  for (const size of chunkSizes(sorted.length, SNAPSHOT_CHUNK)) {
    const chunk = sorted.slice(start, start + size);
    start += size;
    written += await runCached(db, 'snapshot', chunk, SNAPSHOT_COLUMNS, (r) =>
      snapshotUpsert(db, r),
    );
  }
  return written;
}

/** Writes daily channel rows by (channel, day, metric, dimension), like `upsertSnapshots`. */
export async function upsertDaily(db: Executor, rows: readonly DailyWrite[]): Promise<number> {
  const key = (r: DailyWrite) => `${r.channel_id}|${r.day}|${r.metric}|${r.dimension}`;
  const sorted = [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  let written = 0;
  let start = 0;
  for (const size of chunkSizes(sorted.length, DAILY_CHUNK)) {
    const chunk = sorted.slice(start, start + size);
    start += size;
    written += await runCached(db, 'daily', chunk, DAILY_COLUMNS, (r) => dailyUpsert(db, r));
  }
  return written;
}

// ── lookups ───────────────────────────────────────────────────────────────────

export interface ChannelRef {
  id: string;
  timezone: string;
  platform: string;
}

export function findChannels(
  db: Executor,
  workspaceId: string,
  channelIds: readonly string[],
): Promise<ChannelRef[]> {
  if (channelIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('channel')
    .select(['id', 'timezone', 'platform'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', channelIds)
    .execute();
}

export interface TargetRef {
  id: string;
  post_id: string;
  channel_id: string;
  external_id: string | null;
  url: string | null;
  title: string | null;
  text: string;
  published_at: number | null;
  idempotency_key: string;
}

const TARGET_COLUMNS = [
  'id',
  'post_id',
  'channel_id',
  'external_id',
  'url',
  'title',
  'text',
  'published_at',
  'idempotency_key',
] as const;

export async function findTargetsByIds(
  db: Executor,
  workspaceId: string,
  ids: readonly string[],
): Promise<TargetRef[]> {
  const out: TargetRef[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    out.push(
      ...(await db
        .selectFrom('post_target')
        .select(TARGET_COLUMNS)
        .where('workspace_id', '=', workspaceId)
        .where('id', 'in', ids.slice(i, i + 500))
        .execute()),
    );
  }
  return out;
}

export async function findTargetsByExternalIds(
  db: Executor,
  workspaceId: string,
  channelId: string,
  externalIds: readonly string[],
): Promise<TargetRef[]> {
  const out: TargetRef[] = [];
  for (let i = 0; i < externalIds.length; i += 500) {
    out.push(
      ...(await db
        .selectFrom('post_target')
        .select(TARGET_COLUMNS)
        .where('workspace_id', '=', workspaceId)
        .where('channel_id', '=', channelId)
        .where('external_id', 'in', externalIds.slice(i, i + 500))
        .execute()),
    );
  }
  return out;
}

/** Every published version on a channel: what an import matches its rows against. */
export function listChannelTargets(
  db: Executor,
  workspaceId: string,
  channelId: string,
): Promise<TargetRef[]> {
  return db
    .selectFrom('post_target')
    .select(TARGET_COLUMNS)
    .where('workspace_id', '=', workspaceId)
    .where('channel_id', '=', channelId)
    .where('status', '=', 'published')
    .execute();
}

// ── prior values, for undo ────────────────────────────────────────────────────

export function snapshotKey(targetId: string, observedAt: number): string {
  return `s|${targetId}|${observedAt}`;
}

export function dailyKey(
  channelId: string,
  day: string,
  metric: string,
  dimension: string,
): string {
  return `d|${channelId}|${day}|${metric}|${dimension}`;
}

/** Existing snapshots among the given keys that another writer owns. */
export async function findOverwrittenSnapshots(
  db: Executor,
  workspaceId: string,
  importId: string,
  rows: readonly SnapshotWrite[],
): Promise<SnapshotWrite[]> {
  if (rows.length === 0) return [];
  const wanted = new Set(rows.map((r) => snapshotKey(r.target_id, r.observed_at)));
  const targets = [...new Set(rows.map((r) => r.target_id))];
  const out: SnapshotWrite[] = [];
  for (let i = 0; i < targets.length; i += 500) {
    const found = await db
      .selectFrom('metric_snapshot')
      .select(SNAPSHOT_COLUMNS)
      .where('workspace_id', '=', workspaceId)
      .where('target_id', 'in', targets.slice(i, i + 500))
      .where((eb) => eb.or([eb('import_id', 'is', null), eb('import_id', '!=', importId)]))
      .execute();
    for (const row of found) {
      if (wanted.has(snapshotKey(row.target_id, row.observed_at))) out.push(row as SnapshotWrite);
    }
  }
  return out;
}

/** Existing daily rows among the given keys that another writer owns. */
export async function findOverwrittenDaily(
  db: Executor,
  workspaceId: string,
  importId: string,
  rows: readonly DailyWrite[],
): Promise<DailyWrite[]> {
  if (rows.length === 0) return [];
  const wanted = new Set(rows.map((r) => dailyKey(r.channel_id, r.day, r.metric, r.dimension)));
  const channels = [...new Set(rows.map((r) => r.channel_id))];
  const days = rows.map((r) => r.day).sort();
  const found = await db
    .selectFrom('channel_metric_daily')
    .select(DAILY_COLUMNS)
    .where('workspace_id', '=', workspaceId)
    .where('channel_id', 'in', channels)
    .where('day', '>=', days[0]!)
    .where('day', '<=', days[days.length - 1]!)
    .where((eb) => eb.or([eb('import_id', 'is', null), eb('import_id', '!=', importId)]))
    .execute();
  return (found as DailyWrite[]).filter((row) =>
    wanted.has(dailyKey(row.channel_id, row.day, row.metric, row.dimension)),
  );
}

export async function insertPriors(
  db: Executor,
  rows: readonly {
    workspace_id: string;
    import_id: string;
    row_key: string;
    prior_import_id: string | null;
    prior_json: string;
  }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('metric_import_prior')
      .values(rows.slice(i, i + 1000))
      .onConflict((oc) => oc.columns(['workspace_id', 'import_id', 'row_key']).doNothing())
      .execute();
  }
}
