import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { MetricSnapshotTable } from '../../db/schema.ts';
import type {
  ChannelMetricDailyTable,
  MetricImportIssueRow,
  MetricImportIssueTable,
  MetricImportRow,
  MetricImportTable,
} from './analytics-tables.ts';
import type { DailyWrite, SnapshotWrite } from './ingest.repo.ts';

export async function insertImport(
  db: Executor,
  row: Insertable<MetricImportTable>,
): Promise<void> {
  await db.insertInto('metric_import').values(row).execute();
}

export function findImport(
  db: Executor,
  workspaceId: string,
  importId: string,
): Promise<MetricImportRow | undefined> {
  return db
    .selectFrom('metric_import')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', importId)
    .executeTakeFirst();
}

/** Updates an import; with `fromStatuses`, only while it is in one of them. True when changed. */
export async function updateImport(
  db: Executor,
  workspaceId: string,
  importId: string,
  patch: Updateable<MetricImportTable>,
  fromStatuses?: readonly string[],
): Promise<boolean> {
  let query = db
    .updateTable('metric_import')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', importId);
  if (fromStatuses) query = query.where('status', 'in', fromStatuses);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Records a chunk's progress only if the import still stands where this runner found it, so a
 * runner that lost its lease cannot apply a chunk twice. True when recorded.
 */
export async function advanceImport(
  db: Executor,
  workspaceId: string,
  importId: string,
  fromRowsDone: number,
  patch: Updateable<MetricImportTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('metric_import')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', importId)
    .where('status', '=', 'running')
    .where('rows_done', '=', fromRowsDone)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export function listImports(
  db: Executor,
  workspaceId: string,
  limit: number,
): Promise<MetricImportRow[]> {
  return db
    .selectFrom('metric_import')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

// ── the uploaded file ─────────────────────────────────────────────────────────

export async function insertPart(
  db: Executor,
  workspaceId: string,
  importId: string,
  part: number,
  data: string,
): Promise<void> {
  await db
    .insertInto('metric_import_part')
    .values({ workspace_id: workspaceId, import_id: importId, part, data })
    .onConflict((oc) => oc.columns(['workspace_id', 'import_id', 'part']).doUpdateSet({ data }))
    .execute();
}

export function listParts(
  db: Executor,
  workspaceId: string,
  importId: string,
): Promise<{ part: number; data: string }[]> {
  return db
    .selectFrom('metric_import_part')
    .select(['part', 'data'])
    .where('workspace_id', '=', workspaceId)
    .where('import_id', '=', importId)
    .orderBy('part')
    .execute();
}

export async function deleteParts(
  db: Executor,
  workspaceId: string,
  importId: string,
): Promise<void> {
  await db
    .deleteFrom('metric_import_part')
    .where('workspace_id', '=', workspaceId)
    .where('import_id', '=', importId)
    .execute();
}

// ── bad rows ──────────────────────────────────────────────────────────────────

export async function insertIssues(
  db: Executor,
  rows: readonly Insertable<MetricImportIssueTable>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('metric_import_issue')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['workspace_id', 'import_id', 'line']).doNothing())
      .execute();
  }
}

export function listIssues(
  db: Executor,
  workspaceId: string,
  importId: string,
  afterLine: number,
  limit: number,
): Promise<MetricImportIssueRow[]> {
  return db
    .selectFrom('metric_import_issue')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('import_id', '=', importId)
    .where('line', '>', afterLine)
    .orderBy('line')
    .limit(limit)
    .execute();
}

// ── posts an import created ───────────────────────────────────────────────────

export async function insertImportPosts(
  db: Executor,
  rows: readonly { workspace_id: string; import_id: string; target_id: string; post_id: string }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('metric_import_post')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['workspace_id', 'import_id', 'target_id']).doNothing())
      .execute();
  }
}

// ── undo ──────────────────────────────────────────────────────────────────────

/** Imports not undone that overwrote rows this import wrote: they must be undone first. */
export function findLaterImports(
  db: Executor,
  workspaceId: string,
  importId: string,
): Promise<{ id: string; file_name: string }[]> {
  return db
    .selectFrom('metric_import_prior as p')
    .innerJoin('metric_import as i', (join) =>
      join.onRef('i.workspace_id', '=', 'p.workspace_id').onRef('i.id', '=', 'p.import_id'),
    )
    .select(['i.id', 'i.file_name'])
    .distinct()
    .where('p.workspace_id', '=', workspaceId)
    .where('p.prior_import_id', '=', importId)
    .where('i.status', '!=', 'undone')
    .execute();
}

export async function deleteImportedRows(
  db: Executor,
  workspaceId: string,
  importId: string,
): Promise<{ snapshots: number; daily: number }> {
  const snapshots = await db
    .deleteFrom('metric_snapshot')
    .where('workspace_id', '=', workspaceId)
    .where('import_id', '=', importId)
    .executeTakeFirst();
  const daily = await db
    .deleteFrom('channel_metric_daily')
    .where('workspace_id', '=', workspaceId)
    .where('import_id', '=', importId)
    .executeTakeFirst();
  return { snapshots: Number(snapshots.numDeletedRows), daily: Number(daily.numDeletedRows) };
}

export function listPriors(
  db: Executor,
  workspaceId: string,
  importId: string,
): Promise<{ row_key: string; prior_json: string }[]> {
  return db
    .selectFrom('metric_import_prior')
    .select(['row_key', 'prior_json'])
    .where('workspace_id', '=', workspaceId)
    .where('import_id', '=', importId)
    .execute();
}

/** Puts prior rows back where their key is free again; a row written since stays. */
export async function restoreRows(
  db: Executor,
  snapshots: readonly SnapshotWrite[],
  daily: readonly DailyWrite[],
): Promise<number> {
  let restored = 0;
  for (let i = 0; i < snapshots.length; i += 1000) {
    const result = await db
      .insertInto('metric_snapshot')
      .values(snapshots.slice(i, i + 1000) as Insertable<MetricSnapshotTable>[])
      .onConflict((oc) => oc.columns(['workspace_id', 'target_id', 'observed_at']).doNothing())
      .executeTakeFirst();
    restored += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  for (let i = 0; i < daily.length; i += 2000) {
    const result = await db
      .insertInto('channel_metric_daily')
      .values(daily.slice(i, i + 2000) as Insertable<ChannelMetricDailyTable>[])
      .onConflict((oc) =>
        oc.columns(['workspace_id', 'channel_id', 'day', 'metric', 'dimension']).doNothing(),
      )
      .executeTakeFirst();
    restored += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return restored;
}

/**
 * Removes the posts an import created, unless something else has stored numbers for them
 * since (a later import, the collector): those stay, as posts OpsLoop now knows.
 */
export async function deleteCreatedPosts(
  db: Executor,
  workspaceId: string,
  importId: string,
): Promise<number> {
  const created = await db
    .selectFrom('metric_import_post as c')
    .select(['c.target_id', 'c.post_id'])
    .where('c.workspace_id', '=', workspaceId)
    .where('c.import_id', '=', importId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('metric_snapshot as s')
            .select('s.target_id')
            .where('s.workspace_id', '=', workspaceId)
            .whereRef('s.target_id', '=', 'c.target_id'),
        ),
      ),
    )
    .execute();
  let removed = 0;
  for (let i = 0; i < created.length; i += 500) {
    const chunk = created.slice(i, i + 500);
    const result = await db
      .deleteFrom('post_target')
      .where('workspace_id', '=', workspaceId)
      .where(
        'id',
        'in',
        chunk.map((c) => c.target_id),
      )
      .executeTakeFirst();
    removed += Number(result.numDeletedRows);
    // A post goes when its last version went (imported posts have exactly one).
    await db
      .deleteFrom('post')
      .where('workspace_id', '=', workspaceId)
      .where(
        'id',
        'in',
        chunk.map((c) => c.post_id),
      )
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('post_target as t')
              .select('t.id')
              .where('t.workspace_id', '=', workspaceId)
              .whereRef('t.post_id', '=', 'post.id'),
          ),
        ),
      )
      .execute();
  }
  return removed;
}
