import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type {
  ModerationListRow,
  ModerationReviewRow,
  ModerationWordRow,
} from './moderation-tables.ts';

type Changes<Row> = Partial<Omit<Row, 'workspace_id' | 'id' | 'created_at'>> & {
  updated_at: number;
};

// IN lists are sent in chunks: SQLite caps bound parameters, and huge lists plan badly anyway.
const CHUNK = 500;

// ── version ───────────────────────────────────────────────────────────────────

/** Marks the workspace's lists as changed; call inside the transaction of the change. */
export async function bumpVersion(db: Executor, workspaceId: string, now: number): Promise<void> {
  await db
    .insertInto('moderation_state')
    .values({ workspace_id: workspaceId, version: 1, updated_at: now })
    .onConflict((oc) =>
      oc.column('workspace_id').doUpdateSet({
        version: sql<number>`moderation_state.version + 1`,
        updated_at: now,
      }),
    )
    .execute();
}

/** The lists' version; 0 before the first change. */
export async function readVersion(db: Executor, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom('moderation_state')
    .select('version')
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return row ? Number(row.version) : 0;
}

// ── lists ─────────────────────────────────────────────────────────────────────

export async function insertList(db: Executor, row: ModerationListRow): Promise<void> {
  await db.insertInto('moderation_list').values(row).execute();
}

export function listLists(db: Executor, workspaceId: string): Promise<ModerationListRow[]> {
  return db
    .selectFrom('moderation_list')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('id')
    .execute();
}

export function findList(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<ModerationListRow | undefined> {
  return db
    .selectFrom('moderation_list')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updateList(
  db: Executor,
  workspaceId: string,
  id: string,
  changes: Changes<ModerationListRow>,
): Promise<void> {
  await db
    .updateTable('moderation_list')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Removes a list and its words. */
export async function deleteList(db: Executor, workspaceId: string, id: string): Promise<void> {
  await db
    .deleteFrom('moderation_word')
    .where('workspace_id', '=', workspaceId)
    .where('list_id', '=', id)
    .execute();
  await db
    .deleteFrom('moderation_list')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Words per list of the workspace. */
export async function countWordsByList(
  db: Executor,
  workspaceId: string,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('moderation_word')
    .select((eb) => ['list_id', eb.fn.countAll<number | string>().as('n')])
    .where('workspace_id', '=', workspaceId)
    .groupBy('list_id')
    .execute();
  return new Map(rows.map((row) => [row.list_id, Number(row.n)]));
}

export async function countWords(
  db: Executor,
  workspaceId: string,
  listId: string,
): Promise<number> {
  const row = await db
    .selectFrom('moderation_word')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('list_id', '=', listId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ── words ─────────────────────────────────────────────────────────────────────

export interface WordFilter {
  /** Match-form text the folded word must contain. */
  q?: string | undefined;
  after?: string | undefined;
  limit: number;
}

export function listWords(
  db: Executor,
  workspaceId: string,
  listId: string,
  filter: WordFilter,
): Promise<ModerationWordRow[]> {
  let query = db
    .selectFrom('moderation_word')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('list_id', '=', listId);
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    query = query.where(sql<boolean>`folded like ${pattern} escape '\\'`);
  }
  if (filter.after) query = query.where('id', '>', filter.after);
  return query.orderBy('id').limit(filter.limit).execute();
}

export function findWord(
  db: Executor,
  workspaceId: string,
  listId: string,
  id: string,
): Promise<ModerationWordRow | undefined> {
  return db
    .selectFrom('moderation_word')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('list_id', '=', listId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function deleteWord(db: Executor, workspaceId: string, id: string): Promise<void> {
  await db
    .deleteFrom('moderation_word')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Which of these match forms the list already holds. */
export async function findExistingFolded(
  db: Executor,
  workspaceId: string,
  listId: string,
  folded: readonly string[],
): Promise<Set<string>> {
  const existing = new Set<string>();
  for (let i = 0; i < folded.length; i += CHUNK) {
    const rows = await db
      .selectFrom('moderation_word')
      .select('folded')
      .where('workspace_id', '=', workspaceId)
      .where('list_id', '=', listId)
      .where('folded', 'in', folded.slice(i, i + CHUNK))
      .execute();
    for (const row of rows) existing.add(row.folded);
  }
  return existing;
}

/** Inserts words, skipping any the list already has; returns how many were inserted. */
export async function insertWords(
  db: Executor,
  rows: readonly ModerationWordRow[],
): Promise<number> {
  let inserted = 0;
  // Six parameters a row: stay well under SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 150) {
    const results = await db
      .insertInto('moderation_word')
      .values(rows.slice(i, i + 150))
      .onConflict((oc) => oc.columns(['workspace_id', 'list_id', 'folded']).doNothing())
      .execute();
    for (const result of results) inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

/** Every word of the workspace's enabled lists with its list: what the matcher is built from. */
export function loadActiveWords(db: Executor, workspaceId: string) {
  return db
    .selectFrom('moderation_word as w')
    .innerJoin('moderation_list as l', (join) =>
      join.onRef('l.workspace_id', '=', 'w.workspace_id').onRef('l.id', '=', 'w.list_id'),
    )
    .select([
      'w.word',
      'l.id as listId',
      'l.name as listName',
      'l.category',
      'l.severity',
      'l.action',
    ])
    .where('w.workspace_id', '=', workspaceId)
    .where('l.enabled', '=', 1)
    .execute();
}

// ── reviews ───────────────────────────────────────────────────────────────────

export async function insertReview(db: Executor, row: ModerationReviewRow): Promise<void> {
  await db.insertInto('moderation_review').values(row).execute();
}

export function findReview(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<ModerationReviewRow | undefined> {
  return db
    .selectFrom('moderation_review')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The undecided review item of a subject, if any (a subject screened again updates it). */
export function findPendingReviewFor(
  db: Executor,
  workspaceId: string,
  subjectKind: string,
  subjectId: string,
): Promise<ModerationReviewRow | undefined> {
  return db
    .selectFrom('moderation_review')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('subject_kind', '=', subjectKind)
    .where('subject_id', '=', subjectId)
    .where('status', 'in', ['open', 'escalated'])
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export async function updateReview(
  db: Executor,
  workspaceId: string,
  id: string,
  changes: Changes<ModerationReviewRow>,
): Promise<void> {
  await db
    .updateTable('moderation_review')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/**
 * Review items with these statuses: oldest first for a queue (worked from its head), or
 * newest first for a history.
 */
export function listReviews(
  db: Executor,
  workspaceId: string,
  filter: {
    statuses: readonly string[] | null;
    newestFirst: boolean;
    after?: string | undefined;
    limit: number;
  },
): Promise<ModerationReviewRow[]> {
  let query = db
    .selectFrom('moderation_review')
    .selectAll()
    .where('workspace_id', '=', workspaceId);
  if (filter.statuses) query = query.where('status', 'in', filter.statuses);
  if (filter.after) query = query.where('id', filter.newestFirst ? '<' : '>', filter.after);
  return query
    .orderBy('id', filter.newestFirst ? 'desc' : 'asc')
    .limit(filter.limit)
    .execute();
}
