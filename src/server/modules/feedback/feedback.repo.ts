import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { Database } from '../../db/schema.ts';
import type {
  FeedbackCategoryRow,
  FeedbackClusterRow,
  FeedbackDepartmentRow,
  FeedbackEventRow,
  FeedbackFormRow,
  FeedbackSettingsRow,
  FeedbackTicketRow,
} from './feedback-tables.ts';

/** Rows per multi-row INSERT: far below SQLite's and PostgreSQL's bound-parameter limits. */
const INSERT_BATCH = 200;

async function insertInBatches<T>(rows: readonly T[], insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    await insert(rows.slice(i, i + INSERT_BATCH));
  }
}

// ── workspace ─────────────────────────────────────────────────────────────────

export function findWorkspace(
  db: Executor,
  workspaceId: string,
): Promise<{ id: string; name: string; timezone: string } | undefined> {
  return db
    .selectFrom('workspace')
    .select(['id', 'name', 'timezone'])
    .where('id', '=', workspaceId)
    .executeTakeFirst();
}

/** Workspaces with open tickets past their deadline, for the daily reminder. */
export async function listWorkspacesWithOverdue(db: Executor, now: number): Promise<string[]> {
  const rows = await db
    .selectFrom('workspace')
    .select('id')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('feedback_ticket')
          .select('feedback_ticket.id')
          .whereRef('feedback_ticket.workspace_id', '=', 'workspace.id')
          .where('feedback_ticket.deadline', '<', now)
          .where('feedback_ticket.status', 'in', ['new', 'triaged', 'in_progress']),
      ),
    )
    .execute();
  return rows.map((row) => row.id);
}

// ── settings ──────────────────────────────────────────────────────────────────

export function findSettings(
  db: Executor,
  workspaceId: string,
): Promise<FeedbackSettingsRow | undefined> {
  return db
    .selectFrom('feedback_settings')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
}

export async function upsertSettings(db: Executor, row: FeedbackSettingsRow): Promise<void> {
  const changes = {
    similarity_permille: row.similarity_permille,
    board_enabled: row.board_enabled,
    board_slug: row.board_slug,
    board_title: row.board_title,
    board_intro: row.board_intro,
    updated_at: row.updated_at,
  };
  await db
    .insertInto('feedback_settings')
    .values(row)
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet(changes))
    .execute();
}

export function findBoardBySlug(db: Executor, slug: string) {
  return db
    .selectFrom('feedback_settings')
    .innerJoin('workspace', 'workspace.id', 'feedback_settings.workspace_id')
    .selectAll('feedback_settings')
    .select('workspace.name as workspace_name')
    .where('feedback_settings.board_slug', '=', slug)
    .executeTakeFirst();
}

// ── categories and departments ────────────────────────────────────────────────

export function listCategories(db: Executor, workspaceId: string): Promise<FeedbackCategoryRow[]> {
  return db
    .selectFrom('feedback_category')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export function findCategory(db: Executor, workspaceId: string, id: string) {
  return db
    .selectFrom('feedback_category')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertCategory(db: Executor, row: FeedbackCategoryRow): Promise<void> {
  await db.insertInto('feedback_category').values(row).execute();
}

export async function updateCategory(
  db: Executor,
  workspaceId: string,
  id: string,
  changes: Partial<Pick<FeedbackCategoryRow, 'name' | 'position'>> & { updated_at: number },
): Promise<void> {
  await db
    .updateTable('feedback_category')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Removes a category; its tickets and forms keep no category. */
export async function deleteCategory(db: Executor, workspaceId: string, id: string) {
  await db
    .updateTable('feedback_ticket')
    .set({ category_id: null })
    .where('workspace_id', '=', workspaceId)
    .where('category_id', '=', id)
    .execute();
  await db
    .updateTable('feedback_form')
    .set({ default_category_id: null })
    .where('workspace_id', '=', workspaceId)
    .where('default_category_id', '=', id)
    .execute();
  await db
    .deleteFrom('feedback_category')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export function listDepartments(
  db: Executor,
  workspaceId: string,
): Promise<FeedbackDepartmentRow[]> {
  return db
    .selectFrom('feedback_department')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export function findDepartment(db: Executor, workspaceId: string, id: string) {
  return db
    .selectFrom('feedback_department')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertDepartment(db: Executor, row: FeedbackDepartmentRow): Promise<void> {
  await db.insertInto('feedback_department').values(row).execute();
}

export async function updateDepartment(
  db: Executor,
  workspaceId: string,
  id: string,
  changes: Partial<
    Pick<FeedbackDepartmentRow, 'name' | 'position' | 'sla_hours' | 'default_owner_id'>
  > & { updated_at: number },
): Promise<void> {
  await db
    .updateTable('feedback_department')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Removes a department; its tickets keep no department (their owners and deadlines stay). */
export async function deleteDepartment(db: Executor, workspaceId: string, id: string) {
  await db
    .updateTable('feedback_ticket')
    .set({ department_id: null })
    .where('workspace_id', '=', workspaceId)
    .where('department_id', '=', id)
    .execute();
  await db
    .deleteFrom('feedback_department')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Whether the user is a member of the workspace (owners of tickets must be). */
export async function isMember(db: Executor, workspaceId: string, userId: string) {
  const row = await db
    .selectFrom('membership')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

// ── forms ─────────────────────────────────────────────────────────────────────

export type FormWithCount = FeedbackFormRow & { submissions: number };

function formsQuery(db: Executor) {
  return db
    .selectFrom('feedback_form')
    .selectAll('feedback_form')
    .select((eb) =>
      eb
        .selectFrom('feedback_ticket')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('feedback_ticket.workspace_id', '=', 'feedback_form.workspace_id')
        .whereRef('feedback_ticket.form_id', '=', 'feedback_form.id')
        .as('submissions'),
    );
}

export async function listForms(db: Executor, workspaceId: string): Promise<FormWithCount[]> {
  const rows = await formsQuery(db)
    .where('feedback_form.workspace_id', '=', workspaceId)
    .orderBy('feedback_form.id')
    .execute();
  return rows.map((row) => ({ ...row, submissions: Number(row.submissions ?? 0) }));
}

export async function findForm(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<FormWithCount | undefined> {
  const row = await formsQuery(db)
    .where('feedback_form.workspace_id', '=', workspaceId)
    .where('feedback_form.id', '=', id)
    .executeTakeFirst();
  return row && { ...row, submissions: Number(row.submissions ?? 0) };
}

export function findFormBySlug(db: Executor, slug: string) {
  return db
    .selectFrom('feedback_form')
    .innerJoin('workspace', 'workspace.id', 'feedback_form.workspace_id')
    .selectAll('feedback_form')
    .select('workspace.name as workspace_name')
    .where('feedback_form.slug', '=', slug)
    .executeTakeFirst();
}

/** Whether a slug is taken by any form or board, in any workspace (public addresses are shared). */
export async function isSlugTaken(db: Executor, slug: string): Promise<boolean> {
  const form = await db
    .selectFrom('feedback_form')
    .select('id')
    .where('slug', '=', slug)
    .executeTakeFirst();
  if (form) return true;
  const board = await db
    .selectFrom('feedback_settings')
    .select('workspace_id')
    .where('board_slug', '=', slug)
    .executeTakeFirst();
  return board !== undefined;
}

export async function insertForm(db: Executor, row: FeedbackFormRow): Promise<void> {
  await db.insertInto('feedback_form').values(row).execute();
}

export async function updateForm(
  db: Executor,
  workspaceId: string,
  id: string,
  changes: Partial<Omit<FeedbackFormRow, 'workspace_id' | 'id' | 'created_at'>> & {
    updated_at: number;
  },
): Promise<void> {
  await db
    .updateTable('feedback_form')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Removes a form; tickets it brought in stay, still marked as form submissions. */
export async function deleteForm(db: Executor, workspaceId: string, id: string): Promise<void> {
  await db
    .deleteFrom('feedback_form')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

// ── clusters ──────────────────────────────────────────────────────────────────

export async function insertClusters(db: Executor, rows: FeedbackClusterRow[]): Promise<void> {
  await insertInBatches(rows, (batch) => db.insertInto('feedback_cluster').values(batch).execute());
}

export function findCluster(db: Executor, workspaceId: string, id: string) {
  return db
    .selectFrom('feedback_cluster')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findClusters(db: Executor, workspaceId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('feedback_cluster')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
}

export function listClusters(
  db: Executor,
  workspaceId: string,
  filter: { minTickets: number; limit: number },
): Promise<FeedbackClusterRow[]> {
  return db
    .selectFrom('feedback_cluster')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('ticket_count', '>=', filter.minTickets)
    .orderBy('people_count', 'desc')
    .orderBy('ticket_count', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit)
    .execute();
}

/**
 * Recounts clusters from their tickets: tickets, distinct people, the largest follower count and
 * whether a VIP is among them. Clusters left without tickets are removed. Returns the recounted.
 */
export async function recountClusters(
  db: Executor,
  workspaceId: string,
  ids: readonly string[],
  now: number,
): Promise<FeedbackClusterRow[]> {
  if (ids.length === 0) return [];
  const unique = [...new Set(ids)];
  const recounted: FeedbackClusterRow[] = [];
  for (let i = 0; i < unique.length; i += INSERT_BATCH) {
    const batch = unique.slice(i, i + INSERT_BATCH);
    const ticketsOf = (eb: ExpressionBuilder<Database, 'feedback_cluster'>) =>
      eb
        .selectFrom('feedback_ticket')
        .whereRef('feedback_ticket.workspace_id', '=', 'feedback_cluster.workspace_id')
        .whereRef('feedback_ticket.cluster_id', '=', 'feedback_cluster.id');
    await db
      .updateTable('feedback_cluster')
      .set((eb) => ({
        ticket_count: ticketsOf(eb).select((inner) => inner.fn.countAll<number>().as('n')),
        people_count: ticketsOf(eb).select(
          sql<number>`count(distinct feedback_ticket.raiser_key)`.as('n'),
        ),
        max_followers: ticketsOf(eb).select(
          sql<number>`coalesce(max(feedback_ticket.raiser_followers), 0)`.as('n'),
        ),
        has_vip: ticketsOf(eb).select(
          sql<number>`coalesce(max(feedback_ticket.raiser_vip), 0)`.as('n'),
        ),
        updated_at: now,
      }))
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', batch)
      .execute();
    await db
      .deleteFrom('feedback_cluster')
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', batch)
      .where('ticket_count', '=', 0)
      .execute();
    recounted.push(...(await findClusters(db, workspaceId, batch)));
  }
  return recounted.map((row) => ({
    ...row,
    ticket_count: Number(row.ticket_count),
    people_count: Number(row.people_count),
    max_followers: Number(row.max_followers),
    has_vip: Number(row.has_vip),
  }));
}

/** Stores impacts worked out by the caller: one statement per impact value. */
export async function setClusterImpacts(
  db: Executor,
  workspaceId: string,
  impacts: ReadonlyMap<string, number>,
): Promise<void> {
  const byImpact = new Map<number, string[]>();
  for (const [id, impact] of impacts) byImpact.set(impact, [...(byImpact.get(impact) ?? []), id]);
  for (const [impact, ids] of byImpact) {
    for (let i = 0; i < ids.length; i += INSERT_BATCH) {
      await db
        .updateTable('feedback_cluster')
        .set({ impact })
        .where('workspace_id', '=', workspaceId)
        .where('id', 'in', ids.slice(i, i + INSERT_BATCH))
        .where('impact', '!=', impact)
        .execute();
    }
  }
}

export async function setClusterTitle(
  db: Executor,
  workspaceId: string,
  id: string,
  title: string,
): Promise<void> {
  await db
    .updateTable('feedback_cluster')
    .set({ title })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

// ── LSH buckets ───────────────────────────────────────────────────────────────

const KEYS_PER_LOOKUP = 256;

export interface LshCandidate {
  band_key: number;
  ticket_id: string;
  cluster_id: string;
  signature: string;
}

/**
 * Tickets sharing a bucket with any of `keys`, with their cluster and signature. At most `limit`
 * bucket entries are read: beyond that a crowd of look-alikes is already represented. Buckets
 * first (the primary key covers them), then each ticket once, however many buckets it shares.
 */
export async function findLshCandidates(
  db: Executor,
  workspaceId: string,
  keys: readonly number[],
  limit: number,
): Promise<LshCandidate[]> {
  if (keys.length === 0) return [];
  const unique = [...new Set(keys)];
  const entries: { band_key: number; ticket_id: string }[] = [];
  // A few hundred keys per statement: with thousands, PostgreSQL's planner prefers scanning the
  // workspace's whole bucket table to looking each key up, and that grows with the table.
  for (let i = 0; i < unique.length && entries.length < limit; i += KEYS_PER_LOOKUP) {
    entries.push(
      ...(await db
        .selectFrom('feedback_lsh')
        .select(['band_key', 'ticket_id'])
        .where('workspace_id', '=', workspaceId)
        .where('band_key', 'in', unique.slice(i, i + KEYS_PER_LOOKUP))
        .limit(limit - entries.length)
        .execute()),
    );
  }
  const ids = [...new Set(entries.map((entry) => entry.ticket_id))];
  const tickets = new Map<string, { cluster_id: string; signature: string }>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('feedback_ticket')
      .select(['id', 'cluster_id', 'signature'])
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const row of rows) tickets.set(row.id, row);
  }
  const candidates: LshCandidate[] = [];
  for (const entry of entries) {
    const ticket = tickets.get(entry.ticket_id);
    if (ticket)
      candidates.push({ band_key: Number(entry.band_key), ticket_id: entry.ticket_id, ...ticket });
  }
  return candidates;
}

export async function insertLsh(
  db: Executor,
  rows: { workspace_id: string; band_key: number; ticket_id: string }[],
): Promise<void> {
  await insertInBatches(rows, (batch) =>
    db
      .insertInto('feedback_lsh')
      .values(batch)
      .onConflict((oc) => oc.doNothing())
      .execute(),
  );
}

// ── tickets ───────────────────────────────────────────────────────────────────

export async function insertTickets(db: Executor, rows: FeedbackTicketRow[]): Promise<void> {
  await insertInBatches(rows, (batch) => db.insertInto('feedback_ticket').values(batch).execute());
}

/** A ticket with what the lists show of its cluster. */
export type TicketWithCluster = FeedbackTicketRow & {
  cluster_title: string;
  cluster_tickets: number;
  cluster_people: number;
  cluster_impact: number;
};

function ticketsWithCluster(db: Executor) {
  return db
    .selectFrom('feedback_ticket as t')
    .innerJoin('feedback_cluster as c', (join) =>
      join.onRef('c.workspace_id', '=', 't.workspace_id').onRef('c.id', '=', 't.cluster_id'),
    )
    .selectAll('t')
    .select([
      'c.title as cluster_title',
      'c.ticket_count as cluster_tickets',
      'c.people_count as cluster_people',
      'c.impact as cluster_impact',
    ]);
}

function numeric(row: TicketWithCluster): TicketWithCluster {
  return {
    ...row,
    deadline: row.deadline === null ? null : Number(row.deadline),
    raiser_followers: row.raiser_followers === null ? null : Number(row.raiser_followers),
    cluster_tickets: Number(row.cluster_tickets),
    cluster_people: Number(row.cluster_people),
    cluster_impact: Number(row.cluster_impact),
  };
}

export async function findTicket(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<TicketWithCluster | undefined> {
  const row = await ticketsWithCluster(db)
    .where('t.workspace_id', '=', workspaceId)
    .where('t.id', '=', id)
    .executeTakeFirst();
  return row && numeric(row);
}

export async function findTicketsById(
  db: Executor,
  workspaceId: string,
  ids: readonly string[],
): Promise<TicketWithCluster[]> {
  const found: TicketWithCluster[] = [];
  for (let i = 0; i < ids.length; i += INSERT_BATCH) {
    const rows = await ticketsWithCluster(db)
      .where('t.workspace_id', '=', workspaceId)
      .where('t.id', 'in', ids.slice(i, i + INSERT_BATCH))
      .execute();
    found.push(...rows.map(numeric));
  }
  return found;
}

export function findTicketIdByMessage(db: Executor, workspaceId: string, messageId: string) {
  return db
    .selectFrom('feedback_ticket')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('message_id', '=', messageId)
    .executeTakeFirst();
}

export interface TicketFilter {
  statuses?: readonly string[] | undefined;
  source?: string | undefined;
  categoryId?: string | undefined;
  departmentId?: string | undefined;
  ownerId?: string | undefined;
  clusterId?: string | undefined;
  /** Open and past its deadline at this time. */
  overdueAt?: number | undefined;
  followUpWaiting?: boolean | undefined;
  q?: string | undefined;
}

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

function matches(filter: TicketFilter) {
  return (eb: ExpressionBuilder<Database & { t: Database['feedback_ticket'] }, 't'>) => {
    const conditions: Expression<SqlBool>[] = [];
    if (filter.statuses) conditions.push(eb('t.status', 'in', [...filter.statuses]));
    if (filter.source) conditions.push(eb('t.source', '=', filter.source));
    if (filter.categoryId) conditions.push(eb('t.category_id', '=', filter.categoryId));
    if (filter.departmentId) conditions.push(eb('t.department_id', '=', filter.departmentId));
    if (filter.ownerId) conditions.push(eb('t.owner_id', '=', filter.ownerId));
    if (filter.clusterId) conditions.push(eb('t.cluster_id', '=', filter.clusterId));
    if (filter.overdueAt !== undefined) {
      conditions.push(eb('t.deadline', '<', filter.overdueAt));
      conditions.push(eb('t.status', 'in', ['new', 'triaged', 'in_progress']));
    }
    if (filter.followUpWaiting) {
      conditions.push(eb('t.follow_up_state', 'in', ['pending', 'notified', 'to_notify']));
    }
    if (filter.q) {
      // lower() on both sides: PostgreSQL's LIKE is case-sensitive, SQLite's is not.
      conditions.push(
        sql<boolean>`lower(${eb.ref('t.text')}) like ${likePattern(filter.q)} escape '\\'`,
      );
    }
    return eb.and(conditions);
  };
}

/**
 * The score of `feedbackScore` without its constant factor, which does not change the order:
 * coalesce(override, cluster impact) × urgency × (6 − cost).
 */
const scoreExpression = sql<number>`coalesce(t.impact_override, c.impact) * t.urgency * (6 - t.cost)`;

export async function listTickets(
  db: Executor,
  workspaceId: string,
  filter: TicketFilter & {
    sort: 'newest' | 'score' | 'deadline';
    offset: number;
    limit: number;
  },
): Promise<TicketWithCluster[]> {
  let query = ticketsWithCluster(db)
    .where('t.workspace_id', '=', workspaceId)
    .where(matches(filter));
  if (filter.sort === 'score') query = query.orderBy(scoreExpression, 'desc');
  if (filter.sort === 'deadline') {
    // Tickets without a deadline go last on both databases.
    query = query
      .orderBy(sql`case when t.deadline is null then 1 else 0 end`)
      .orderBy('t.deadline', 'asc');
  }
  const rows = await query
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id', 'desc')
    .offset(filter.offset)
    .limit(filter.limit)
    .execute();
  return rows.map(numeric);
}

export async function countTickets(
  db: Executor,
  workspaceId: string,
  filter: TicketFilter,
): Promise<number> {
  const row = await db
    .selectFrom('feedback_ticket as t')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('t.workspace_id', '=', workspaceId)
    .where(matches(filter))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type TicketChanges = Partial<
  Omit<FeedbackTicketRow, 'workspace_id' | 'id' | 'created_at' | 'source'>
> & { updated_at: number };

export async function updateTickets(
  db: Executor,
  workspaceId: string,
  ids: readonly string[],
  changes: TicketChanges,
): Promise<void> {
  for (let i = 0; i < ids.length; i += INSERT_BATCH) {
    await db
      .updateTable('feedback_ticket')
      .set(changes)
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', ids.slice(i, i + INSERT_BATCH))
      .execute();
  }
}

export async function listClusterTicketIds(
  db: Executor,
  workspaceId: string,
  clusterIds: readonly string[],
): Promise<{ id: string; cluster_id: string }[]> {
  if (clusterIds.length === 0) return [];
  return db
    .selectFrom('feedback_ticket')
    .select(['id', 'cluster_id'])
    .where('workspace_id', '=', workspaceId)
    .where('cluster_id', 'in', [...clusterIds])
    .orderBy('id')
    .execute();
}

/** Removes a ticket and its LSH buckets (the keys its signature gives). */
export async function deleteTicket(
  db: Executor,
  workspaceId: string,
  id: string,
  bandKeys: readonly number[],
): Promise<void> {
  if (bandKeys.length > 0) {
    await db
      .deleteFrom('feedback_lsh')
      .where('workspace_id', '=', workspaceId)
      .where('band_key', 'in', [...bandKeys])
      .where('ticket_id', '=', id)
      .execute();
  }
  await db
    .deleteFrom('feedback_event')
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', id)
    .execute();
  await db
    .deleteFrom('feedback_ticket')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Open tickets past their deadline, with who should hear about it. */
export function listOverdueTickets(db: Executor, workspaceId: string, now: number) {
  return db
    .selectFrom('feedback_ticket as t')
    .leftJoin('feedback_department as d', (join) =>
      join.onRef('d.workspace_id', '=', 't.workspace_id').onRef('d.id', '=', 't.department_id'),
    )
    .select(['t.id', 't.text', 't.deadline', 't.owner_id', 'd.default_owner_id'])
    .where('t.workspace_id', '=', workspaceId)
    .where('t.deadline', '<', now)
    .where('t.status', 'in', ['new', 'triaged', 'in_progress'])
    .orderBy('t.deadline')
    .execute();
}

/** Tickets whose raiser should be told but whose notification was never attempted. */
export async function listStaleToNotify(
  db: Executor,
  workspaceId: string,
  before: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('feedback_ticket')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('follow_up_state', '=', 'to_notify')
    .where('updated_at', '<', before)
    .execute();
  return rows.map((row) => row.id);
}

export async function listWorkspacesToNotify(db: Executor, before: number): Promise<string[]> {
  const rows = await db
    .selectFrom('feedback_ticket')
    .select('workspace_id')
    .distinct()
    .where('follow_up_state', '=', 'to_notify')
    .where('updated_at', '<', before)
    .execute();
  return rows.map((row) => row.workspace_id);
}

/**
 * Refreshes the planner's statistics of the clustering tables. PostgreSQL plans from sampled
 * statistics, which lag behind a bulk import: with a stale row count it scans a workspace's
 * whole bucket table instead of looking up the buckets asked for.
 */
export async function analyzeClusteringTables(db: Executor): Promise<void> {
  await sql`analyze feedback_lsh`.execute(db);
  await sql`analyze feedback_ticket`.execute(db);
  await sql`analyze feedback_cluster`.execute(db);
}

// ── history ───────────────────────────────────────────────────────────────────

export async function insertEvents(db: Executor, rows: FeedbackEventRow[]): Promise<void> {
  await insertInBatches(rows, (batch) => db.insertInto('feedback_event').values(batch).execute());
}

export function listEvents(
  db: Executor,
  workspaceId: string,
  ticketId: string,
): Promise<FeedbackEventRow[]> {
  return db
    .selectFrom('feedback_event')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId)
    .orderBy('id')
    .execute();
}

// ── report and board ──────────────────────────────────────────────────────────

/** What the report needs of a ticket. */
export interface ReportTicket {
  id: string;
  cluster_id: string;
  source: string;
  status: string;
  outcome: string | null;
  category_id: string | null;
  department_id: string | null;
  raiser_key: string;
  created_at: number;
  outcome_at: number | null;
  deadline: number | null;
  resolution: string | null;
  public_title: string | null;
  follow_up_outcome: string | null;
  follow_up_at: number | null;
}

const REPORT_COLUMNS = [
  'id',
  'cluster_id',
  'source',
  'status',
  'outcome',
  'category_id',
  'department_id',
  'raiser_key',
  'created_at',
  'outcome_at',
  'deadline',
  'resolution',
  'public_title',
  'follow_up_outcome',
  'follow_up_at',
] as const;

function reportRows(rows: ReportTicket[]): ReportTicket[] {
  return rows.map((row) => ({
    ...row,
    created_at: Number(row.created_at),
    outcome_at: row.outcome_at === null ? null : Number(row.outcome_at),
    deadline: row.deadline === null ? null : Number(row.deadline),
    follow_up_at: row.follow_up_at === null ? null : Number(row.follow_up_at),
  }));
}

/** Tickets received in [from, to), tickets reaching an outcome in it, and the open overdue. */
export async function listReportTickets(
  db: Executor,
  workspaceId: string,
  range: { from: number; to: number; now: number },
) {
  const base = () =>
    db.selectFrom('feedback_ticket').select(REPORT_COLUMNS).where('workspace_id', '=', workspaceId);
  const [received, outcomes, overdue, followUps] = await Promise.all([
    base().where('created_at', '>=', range.from).where('created_at', '<', range.to).execute(),
    base().where('outcome_at', '>=', range.from).where('outcome_at', '<', range.to).execute(),
    base()
      .where('status', 'in', ['new', 'triaged', 'in_progress'])
      .where('deadline', '<', range.now)
      .execute(),
    base()
      .where('follow_up_state', '=', 'confirmed')
      .where('follow_up_at', '>=', range.from)
      .where('follow_up_at', '<', range.to)
      .execute(),
  ]);
  const open = await db
    .selectFrom('feedback_ticket')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('status', 'in', ['new', 'triaged', 'in_progress'])
    .executeTakeFirstOrThrow();
  return {
    received: reportRows(received),
    outcomes: reportRows(outcomes),
    overdue: reportRows(overdue),
    followUps: reportRows(followUps),
    open: Number(open.n),
  };
}

/** Adopted tickets meant for the board, newest first, with their cluster and category. */
export async function listBoardTickets(db: Executor, workspaceId: string, limit: number) {
  const rows = await db
    .selectFrom('feedback_ticket as t')
    .innerJoin('feedback_cluster as c', (join) =>
      join.onRef('c.workspace_id', '=', 't.workspace_id').onRef('c.id', '=', 't.cluster_id'),
    )
    .leftJoin('feedback_category as k', (join) =>
      join.onRef('k.workspace_id', '=', 't.workspace_id').onRef('k.id', '=', 't.category_id'),
    )
    .select([
      't.id',
      't.cluster_id',
      't.public_title',
      't.resolution',
      't.outcome_at',
      'c.title as cluster_title',
      'c.people_count',
      'k.name as category_name',
    ])
    .where('t.workspace_id', '=', workspaceId)
    .where('t.on_board', '=', 1)
    .where('t.outcome', '=', 'adopted')
    .orderBy('t.outcome_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    ...row,
    outcome_at: Number(row.outcome_at),
    people_count: Number(row.people_count),
  }));
}
