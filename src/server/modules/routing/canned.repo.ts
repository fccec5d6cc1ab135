import type { Executor } from '../../db/executor.ts';
import type { CannedCategoryRow, CannedReplyRow, CannedReplyUseRow } from './routing-tables.ts';

// ── categories ────────────────────────────────────────────────────────────────

export async function listCategories(
  db: Executor,
  workspaceId: string,
): Promise<Array<CannedCategoryRow & { reply_count: number }>> {
  const rows = await db
    .selectFrom('canned_category')
    .leftJoin('canned_reply', (join) =>
      join
        .onRef('canned_reply.workspace_id', '=', 'canned_category.workspace_id')
        .onRef('canned_reply.category_id', '=', 'canned_category.id'),
    )
    .selectAll('canned_category')
    .select((eb) => eb.fn.count<number>('canned_reply.id').as('reply_count'))
    .where('canned_category.workspace_id', '=', workspaceId)
    .groupBy([
      'canned_category.workspace_id',
      'canned_category.id',
      'canned_category.name',
      'canned_category.position',
      'canned_category.created_at',
      'canned_category.updated_at',
    ])
    .orderBy('canned_category.position')
    .orderBy('canned_category.id')
    .execute();
  return rows.map((row) => ({ ...row, reply_count: Number(row.reply_count) }));
}

export function findCategory(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<CannedCategoryRow | undefined> {
  return db
    .selectFrom('canned_category')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function nextCategoryPosition(db: Executor, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom('canned_category')
    .select((eb) => eb.fn.max<number | null>('position').as('max'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

export async function insertCategory(db: Executor, row: CannedCategoryRow): Promise<void> {
  await db.insertInto('canned_category').values(row).execute();
}

export async function updateCategory(
  db: Executor,
  workspaceId: string,
  id: string,
  changes: Partial<Pick<CannedCategoryRow, 'name' | 'position'>> & { updated_at: number },
): Promise<void> {
  await db
    .updateTable('canned_category')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Removes a category; its replies stay, uncategorised. */
export async function deleteCategory(db: Executor, workspaceId: string, id: string): Promise<void> {
  await db
    .updateTable('canned_reply')
    .set({ category_id: null })
    .where('workspace_id', '=', workspaceId)
    .where('category_id', '=', id)
    .execute();
  await db
    .deleteFrom('canned_category')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

// ── replies ───────────────────────────────────────────────────────────────────

export function listReplies(
  db: Executor,
  workspaceId: string,
  filter: { categoryId?: string | undefined } = {},
): Promise<CannedReplyRow[]> {
  let query = db.selectFrom('canned_reply').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.categoryId) query = query.where('category_id', '=', filter.categoryId);
  return query.orderBy('title').orderBy('id').execute();
}

export function findReply(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<CannedReplyRow | undefined> {
  return db
    .selectFrom('canned_reply')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findReplyIds(
  db: Executor,
  workspaceId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('canned_reply')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((row) => row.id));
}

export function findReplyByShortcut(
  db: Executor,
  workspaceId: string,
  shortcut: string,
): Promise<CannedReplyRow | undefined> {
  return db
    .selectFrom('canned_reply')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('shortcut', '=', shortcut)
    .executeTakeFirst();
}

export async function insertReply(db: Executor, row: CannedReplyRow): Promise<void> {
  await db.insertInto('canned_reply').values(row).execute();
}

export async function updateReply(
  db: Executor,
  workspaceId: string,
  id: string,
  changes: Partial<Omit<CannedReplyRow, 'workspace_id' | 'id' | 'created_at' | 'created_by'>> & {
    updated_at: number;
  },
): Promise<void> {
  await db
    .updateTable('canned_reply')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Removes a reply; its usage history goes with it. */
export async function deleteReply(db: Executor, workspaceId: string, id: string): Promise<void> {
  await db
    .deleteFrom('canned_reply_use')
    .where('workspace_id', '=', workspaceId)
    .where('reply_id', '=', id)
    .execute();
  await db
    .deleteFrom('canned_reply')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

// ── usage ─────────────────────────────────────────────────────────────────────

export async function insertUse(db: Executor, row: CannedReplyUseRow): Promise<void> {
  await db.insertInto('canned_reply_use').values(row).execute();
}

export interface UsageSummary {
  reply_id: string;
  used: number;
  recent: number;
  last_used_at: number | null;
  last_used_by: string | null;
  in_conversations: number;
  resolved_after: number;
}

/**
 * Per reply: uses, uses since `recentSince`, the last use and who made it, and how many uses
 * were in a conversation (and of those, in one resolved afterwards).
 */
export async function summariseUsage(
  db: Executor,
  workspaceId: string,
  recentSince: number,
  replyIds?: readonly string[],
): Promise<Map<string, UsageSummary>> {
  if (replyIds && replyIds.length === 0) return new Map();
  let query = db
    .selectFrom('canned_reply_use as u')
    .select((eb) => [
      'u.reply_id',
      eb.fn.countAll<number>().as('used'),
      eb.fn
        .sum<number>(eb.case().when('u.used_at', '>=', recentSince).then(1).else(0).end())
        .as('recent'),
      eb.fn.max<number>('u.used_at').as('last_used_at'),
      eb
        .selectFrom('canned_reply_use as v')
        .select('v.used_by')
        .where('v.workspace_id', '=', workspaceId)
        .whereRef('v.reply_id', '=', 'u.reply_id')
        .orderBy('v.used_at', 'desc')
        .orderBy('v.id', 'desc')
        .limit(1)
        .as('last_used_by'),
      eb.fn.count<number>('u.conversation_id').as('in_conversations'),
      eb.fn.count<number>('u.resolved_at').as('resolved_after'),
    ])
    .where('u.workspace_id', '=', workspaceId);
  if (replyIds) query = query.where('u.reply_id', 'in', replyIds);
  const rows = await query.groupBy('u.reply_id').execute();
  return new Map(
    rows.map((row) => [
      row.reply_id,
      {
        reply_id: row.reply_id,
        used: Number(row.used),
        recent: Number(row.recent ?? 0),
        last_used_at: row.last_used_at === null ? null : Number(row.last_used_at),
        last_used_by: row.last_used_by ?? null,
        in_conversations: Number(row.in_conversations),
        resolved_after: Number(row.resolved_after),
      },
    ]),
  );
}

export function listUses(
  db: Executor,
  workspaceId: string,
  replyId: string,
): Promise<CannedReplyUseRow[]> {
  return db
    .selectFrom('canned_reply_use')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('reply_id', '=', replyId)
    .orderBy('used_at', 'desc')
    .execute();
}

/** Marks the uses in a conversation before its resolution as followed by a resolution. */
export async function markResolved(
  db: Executor,
  workspaceId: string,
  conversationId: string,
  resolvedAt: number,
): Promise<void> {
  await db
    .updateTable('canned_reply_use')
    .set({ resolved_at: resolvedAt })
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .where('used_at', '<=', resolvedAt)
    .where('resolved_at', 'is', null)
    .execute();
}
