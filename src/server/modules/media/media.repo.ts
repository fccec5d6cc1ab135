import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { MediaAssetRow, PostTargetMediaRow } from './media-tables.ts';

/** Target statuses that still lead to a publish: media they use must stay. */
const UNFINISHED = ['pending', 'scheduled', 'publishing', 'failed', 'unconfirmed'] as const;

export interface MediaFilter {
  kind?: string | undefined;
  license?: string | undefined;
  /** Only assets whose license ends at or before this instant. */
  expiresBy?: number | undefined;
  q?: string | undefined;
  ids?: readonly string[] | undefined;
  /** Id of the last row of the previous page (newest first). */
  before?: string | undefined;
  limit: number;
}

export async function insertAsset(db: Executor, row: MediaAssetRow): Promise<void> {
  await db.insertInto('media_asset').values(row).execute();
}

export function findAsset(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<MediaAssetRow | undefined> {
  return db
    .selectFrom('media_asset')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findAssetBySha256(
  db: Executor,
  workspaceId: string,
  sha256: string,
): Promise<MediaAssetRow | undefined> {
  return db
    .selectFrom('media_asset')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

export async function findAssets(
  db: Executor,
  workspaceId: string,
  ids: readonly string[],
): Promise<MediaAssetRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('media_asset')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

export function listAssets(
  db: Executor,
  workspaceId: string,
  filter: MediaFilter,
): Promise<MediaAssetRow[]> {
  let query = db.selectFrom('media_asset').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.license) query = query.where('license', '=', filter.license);
  if (filter.expiresBy !== undefined) {
    query = query.where('expires_at', 'is not', null).where('expires_at', '<=', filter.expiresBy);
  }
  if (filter.ids) query = query.where('id', 'in', filter.ids.length ? [...filter.ids] : ['']);
  if (filter.q) {
    // lower() on both sides: PostgreSQL's LIKE is case-sensitive, SQLite's is not.
    const pattern = likePattern(filter.q);
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`lower(${eb.ref('file_name')}) like ${pattern} escape '\\'`,
        sql<boolean>`lower(${eb.ref('attribution')}) like ${pattern} escape '\\'`,
        sql<boolean>`lower(${eb.ref('alt_text')}) like ${pattern} escape '\\'`,
      ]),
    );
  }
  if (filter.before) query = query.where('id', '<', filter.before);
  return query.orderBy('id', 'desc').limit(filter.limit).execute();
}

export async function updateAsset(
  db: Executor,
  workspaceId: string,
  id: string,
  changes: Partial<Omit<MediaAssetRow, 'workspace_id' | 'id' | 'created_at'>> & {
    updated_at: number;
  },
): Promise<void> {
  await db
    .updateTable('media_asset')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function deleteAsset(db: Executor, workspaceId: string, id: string): Promise<void> {
  await db
    .deleteFrom('media_asset')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

// ── attachments ───────────────────────────────────────────────────────────────

/** How many unpublished channel versions use each asset. */
export async function countPendingUses(
  db: Executor,
  workspaceId: string,
  assetIds: readonly string[],
): Promise<Map<string, number>> {
  if (assetIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('post_target_media as m')
    .innerJoin('post_target as t', (join) =>
      join.onRef('t.workspace_id', '=', 'm.workspace_id').onRef('t.id', '=', 'm.target_id'),
    )
    .select(['m.asset_id', (eb) => eb.fn.countAll<number>().as('uses')])
    .where('m.workspace_id', '=', workspaceId)
    .where('m.asset_id', 'in', [...new Set(assetIds)])
    .where('t.status', 'in', UNFINISHED)
    .groupBy('m.asset_id')
    .execute();
  return new Map(rows.map((row) => [row.asset_id, Number(row.uses)]));
}

/** The unpublished posts that use an asset, for the message that refuses its deletion. */
export function listPendingPosts(
  db: Executor,
  workspaceId: string,
  assetId: string,
  limit: number,
): Promise<{ id: string; title: string | null; body: string }[]> {
  return db
    .selectFrom('post_target_media as m')
    .innerJoin('post_target as t', (join) =>
      join.onRef('t.workspace_id', '=', 'm.workspace_id').onRef('t.id', '=', 'm.target_id'),
    )
    .innerJoin('post as p', (join) =>
      join.onRef('p.workspace_id', '=', 't.workspace_id').onRef('p.id', '=', 't.post_id'),
    )
    .select(['p.id', 'p.title', 'p.body'])
    .distinct()
    .where('m.workspace_id', '=', workspaceId)
    .where('m.asset_id', '=', assetId)
    .where('t.status', 'in', UNFINISHED)
    .orderBy('p.id')
    .limit(limit)
    .execute();
}

export async function listAttachments(
  db: Executor,
  workspaceId: string,
  targetIds: readonly string[],
): Promise<PostTargetMediaRow[]> {
  if (targetIds.length === 0) return [];
  return db
    .selectFrom('post_target_media')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('target_id', 'in', [...new Set(targetIds)])
    .orderBy('target_id')
    .orderBy('position')
    .execute();
}

/** Sets a channel version's media to exactly these assets, in this order. */
export async function replaceAttachments(
  db: Executor,
  workspaceId: string,
  targetId: string,
  assetIds: readonly string[],
): Promise<void> {
  await db
    .deleteFrom('post_target_media')
    .where('workspace_id', '=', workspaceId)
    .where('target_id', '=', targetId)
    .execute();
  if (assetIds.length === 0) return;
  await db
    .insertInto('post_target_media')
    .values(
      assetIds.map((assetId, position) => ({
        workspace_id: workspaceId,
        target_id: targetId,
        position,
        asset_id: assetId,
      })),
    )
    .execute();
}

// ── expiry ────────────────────────────────────────────────────────────────────

/** Workspaces holding a license that ends by `upTo`: the daily check's fan-out. */
export async function listWorkspacesWithExpiring(db: Executor, upTo: number): Promise<string[]> {
  const rows = await db
    .selectFrom('media_asset')
    .select('workspace_id')
    .distinct()
    .where('expires_at', 'is not', null)
    .where('expires_at', '<=', upTo)
    .execute();
  return rows.map((row) => row.workspace_id);
}

export function listExpiring(
  db: Executor,
  workspaceId: string,
  upTo: number,
): Promise<MediaAssetRow[]> {
  return db
    .selectFrom('media_asset')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('expires_at', 'is not', null)
    .where('expires_at', '<=', upTo)
    .orderBy('expires_at')
    .execute();
}

/** Records that an alert went out; false when this alert was already recorded (by another run). */
export async function markAlerted(
  db: Executor,
  workspaceId: string,
  id: string,
  alert: string,
): Promise<boolean> {
  const result = await db
    .updateTable('media_asset')
    .set({ alerted_state: alert })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where((eb) => eb.or([eb('alerted_state', 'is', null), eb('alerted_state', '<>', alert)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
