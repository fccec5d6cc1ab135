import { CompiledQuery, sql, type Insertable } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type {
  ChannelStateRow,
  ContactHandleRow,
  ContactRow,
  ConversationRow,
  CorrectionRow,
  InboxContactHandleTable,
  InboxContactTable,
  MessageRow,
  NewConversation,
  NewMessage,
} from './inbox-tables.ts';

/** Rows per multi-row statement: well under both databases' bound-parameter limits. */
const CHUNK = 400;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// ── collection ────────────────────────────────────────────────────────────────
//
// Collection writes a page of messages in a few multi-row statements. Those statements are
// built here as plain SQL text with positional parameters rather than through the query
// builder: building a statement of a few thousand values is most of its cost otherwise.

export type Dialect = 'sqlite' | 'postgres';

/** Bound parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMS = 30_000;

async function bulkInsert<R = unknown>(
  db: Executor,
  dialect: Dialect,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  tail = '',
): Promise<R[]> {
  const out: R[] = [];
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const part = rows.slice(start, start + perStatement);
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (const row of part) {
      const marks: string[] = [];
      for (const value of row) {
        params.push(value);
        marks.push(dialect === 'postgres' ? `$${params.length}` : '?');
      }
      tuples.push(`(${marks.join(',')})`);
    }
    const text = `insert into ${table} (${columns.join(',')}) values ${tuples.join(',')} ${tail}`;
    const result = await db.executeQuery<R>(CompiledQuery.raw(text, params));
    out.push(...result.rows);
  }
  return out;
}

export interface KnownMessage {
  external_id: string;
  thread_key: string;
  kind: string;
  root_external_id: string | null;
}

/**
 * Which of these platform ids a channel already stored, with the conversation each belongs to:
 * one query answers both "is it a repeat?" and "which thread does a reply join?".
 */
export async function findKnownMessages(
  db: Executor,
  workspaceId: string,
  channelId: string,
  externalIds: readonly string[],
): Promise<KnownMessage[]> {
  const out: KnownMessage[] = [];
  for (const part of chunks(externalIds, 1000)) {
    const rows = await db
      .selectFrom('inbox_message as m')
      .innerJoin('inbox_conversation as c', (join) =>
        join.onRef('c.workspace_id', '=', 'm.workspace_id').onRef('c.id', '=', 'm.conversation_id'),
      )
      .select(['m.external_id', 'c.thread_key', 'c.kind', 'c.root_external_id'])
      .where('m.workspace_id', '=', workspaceId)
      .where('m.channel_id', '=', channelId)
      .where('m.external_id', 'in', part)
      .execute();
    for (const row of rows) if (row.external_id) out.push({ ...row, external_id: row.external_id });
  }
  return out;
}

export async function findHandles(
  db: Executor,
  workspaceId: string,
  channelId: string,
  authorIds: readonly string[],
): Promise<Pick<ContactHandleRow, 'external_id' | 'contact_id'>[]> {
  const out: Pick<ContactHandleRow, 'external_id' | 'contact_id'>[] = [];
  for (const part of chunks(authorIds, 1000)) {
    out.push(
      ...(await db
        .selectFrom('inbox_contact_handle')
        .select(['external_id', 'contact_id'])
        .where('workspace_id', '=', workspaceId)
        .where('channel_id', '=', channelId)
        .where('external_id', 'in', part)
        .execute()),
    );
  }
  return out;
}

const CONTACT_COLUMNS = [
  'workspace_id',
  'id',
  'display_name',
  'tags_json',
  'note',
  'first_seen_at',
  'last_seen_at',
  'created_at',
  'updated_at',
] as const;

/**
 * Creates new contacts and moves `last_seen_at` of known ones forward, in one statement (rows of
 * known contacts carry only their id and the time they were seen).
 */
export async function upsertContacts(
  db: Executor,
  dialect: Dialect,
  rows: readonly Insertable<InboxContactTable>[],
): Promise<void> {
  await bulkInsert(
    db,
    dialect,
    'inbox_contact',
    CONTACT_COLUMNS,
    rows.map((row) => CONTACT_COLUMNS.map((column) => row[column] ?? null)),
    `on conflict (workspace_id, id) do update set
      last_seen_at = case when excluded.last_seen_at > inbox_contact.last_seen_at
        then excluded.last_seen_at else inbox_contact.last_seen_at end,
      updated_at = excluded.updated_at`,
  );
}

const HANDLE_COLUMNS = [
  'workspace_id',
  'channel_id',
  'external_id',
  'contact_id',
  'handle',
  'display_name',
  'followers',
  'created_at',
  'updated_at',
] as const;

/** Adds handles seen for the first time; a handle stored meanwhile keeps its contact. */
export async function insertHandles(
  db: Executor,
  dialect: Dialect,
  rows: readonly Insertable<InboxContactHandleTable>[],
): Promise<void> {
  await bulkInsert(
    db,
    dialect,
    'inbox_contact_handle',
    HANDLE_COLUMNS,
    rows.map((row) => HANDLE_COLUMNS.map((column) => row[column] ?? null)),
    'on conflict (workspace_id, channel_id, external_id) do nothing',
  );
}

export async function findConversationsByKeys(
  db: Executor,
  workspaceId: string,
  channelId: string,
  keys: readonly string[],
): Promise<Pick<ConversationRow, 'id' | 'thread_key'>[]> {
  const out: Pick<ConversationRow, 'id' | 'thread_key'>[] = [];
  for (const part of chunks(keys, 1000)) {
    out.push(
      ...(await db
        .selectFrom('inbox_conversation')
        .select(['id', 'thread_key'])
        .where('workspace_id', '=', workspaceId)
        .where('channel_id', '=', channelId)
        .where('thread_key', 'in', part)
        .execute()),
    );
  }
  return out;
}

/** The inbound columns collection writes; the rest of a message row keeps its default (null). */
const INBOUND_COLUMNS = [
  'workspace_id',
  'id',
  'channel_id',
  'conversation_id',
  'external_id',
  'direction',
  'kind',
  'parent_external_id',
  'post_external_id',
  'contact_id',
  'author_external_id',
  'author_handle',
  'author_name',
  'text',
  'created_at',
  'received_at',
  'language',
  'sentiment',
  'sentiment_score',
  'intent',
  'intent_confidence',
  'priority',
  'moderation_action',
  'moderation_json',
  'status',
  'attempts',
  'updated_at',
] as const;

/** Inserts inbound messages, skipping platform ids already stored; returns the ids inserted. */
export async function insertInboundMessages(
  db: Executor,
  dialect: Dialect,
  rows: readonly NewMessage[],
): Promise<Set<string>> {
  const inserted = await bulkInsert<{ id: string }>(
    db,
    dialect,
    'inbox_message',
    INBOUND_COLUMNS,
    rows.map((row) => INBOUND_COLUMNS.map((column) => row[column] ?? null)),
    'on conflict (workspace_id, channel_id, external_id) do nothing returning id',
  );
  return new Set(inserted.map((row) => row.id));
}

/**
 * A conversation as a page of new messages leaves it: a new conversation is inserted with these
 * values; an existing one takes them as increments (counts) and candidates (latest message,
 * labels, priority), and is reopened by a customer writing after it was resolved.
 */
export type ConversationUpsert = NewConversation;

const CONVERSATION_COLUMNS = [
  'workspace_id',
  'id',
  'channel_id',
  'thread_key',
  'kind',
  'root_external_id',
  'post_external_id',
  'post_id',
  'post_target_id',
  'contact_id',
  'status',
  'priority',
  'tags_json',
  'message_count',
  'unread_count',
  'last_message_at',
  'last_message_preview',
  'last_customer_message_at',
  'waiting_since',
  'resolved_at',
  'last_sentiment',
  'last_intent',
  'last_language',
  'created_at',
  'updated_at',
] as const;

// `waiting_since` is null when every new message is history: nobody waits on those, so they
// neither reopen a conversation nor make it wait.
const NEWER = `excluded.last_customer_message_at is not null and (inbox_conversation.last_customer_message_at is null or excluded.last_customer_message_at > inbox_conversation.last_customer_message_at)`;
const REOPEN = `excluded.waiting_since is not null and ((inbox_conversation.status = 'resolved' and excluded.last_customer_message_at > coalesce(inbox_conversation.resolved_at, 0)) or (inbox_conversation.status = 'pending' and excluded.last_customer_message_at > inbox_conversation.last_message_at))`;

export async function upsertConversations(
  db: Executor,
  dialect: Dialect,
  rows: readonly ConversationUpsert[],
): Promise<void> {
  await bulkInsert(
    db,
    dialect,
    'inbox_conversation',
    CONVERSATION_COLUMNS,
    rows.map((row) => CONVERSATION_COLUMNS.map((column) => row[column] ?? null)),
    `on conflict (workspace_id, id) do update set
      message_count = inbox_conversation.message_count + excluded.message_count,
      unread_count = inbox_conversation.unread_count + excluded.unread_count,
      last_message_preview = case when excluded.last_message_at >= inbox_conversation.last_message_at
        then excluded.last_message_preview else inbox_conversation.last_message_preview end,
      last_message_at = case when excluded.last_message_at >= inbox_conversation.last_message_at
        then excluded.last_message_at else inbox_conversation.last_message_at end,
      last_customer_message_at = case when ${NEWER}
        then excluded.last_customer_message_at else inbox_conversation.last_customer_message_at end,
      last_sentiment = case when ${NEWER} then excluded.last_sentiment else inbox_conversation.last_sentiment end,
      last_intent = case when ${NEWER} then excluded.last_intent else inbox_conversation.last_intent end,
      last_language = case when ${NEWER} then excluded.last_language else inbox_conversation.last_language end,
      waiting_since = coalesce(inbox_conversation.waiting_since, excluded.waiting_since),
      priority = case when excluded.priority > inbox_conversation.priority
        then excluded.priority else inbox_conversation.priority end,
      status = case when ${REOPEN} then 'open' else inbox_conversation.status end,
      resolved_at = case when ${REOPEN} then null else inbox_conversation.resolved_at end,
      updated_at = excluded.updated_at`,
  );
}

/** Published targets of a channel by platform post id: what links a conversation to its post. */
export async function findPublishedTargets(
  db: Executor,
  workspaceId: string,
  channelId: string,
  externalIds: readonly string[],
): Promise<{ id: string; post_id: string; external_id: string }[]> {
  const out: { id: string; post_id: string; external_id: string }[] = [];
  for (const part of chunks(externalIds)) {
    const rows = await db
      .selectFrom('post_target')
      .select(['id', 'post_id', 'external_id'])
      .where('workspace_id', '=', workspaceId)
      .where('channel_id', '=', channelId)
      .where('external_id', 'in', part)
      .execute();
    for (const row of rows) {
      if (row.external_id)
        out.push({ id: row.id, post_id: row.post_id, external_id: row.external_id });
    }
  }
  return out;
}

// ── channel state ─────────────────────────────────────────────────────────────

export function findChannelState(
  db: Executor,
  workspaceId: string,
  channelId: string,
): Promise<ChannelStateRow | undefined> {
  return db
    .selectFrom('inbox_channel_state')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('channel_id', '=', channelId)
    .executeTakeFirst();
}

export function listChannelStates(db: Executor, workspaceId: string): Promise<ChannelStateRow[]> {
  return db
    .selectFrom('inbox_channel_state')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .execute();
}

export async function ensureChannelState(
  db: Executor,
  workspaceId: string,
  channelId: string,
  now: number,
): Promise<void> {
  await db
    .insertInto('inbox_channel_state')
    .values({
      workspace_id: workspaceId,
      channel_id: channelId,
      cursor: null,
      lease_until: null,
      last_collected_at: null,
      last_error: null,
      error_action: null,
      collected_total: 0,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'channel_id']).doNothing())
    .execute();
}

/** Takes the channel's collection lease unless another collector holds a live one. */
export async function claimChannelLease(
  db: Executor,
  workspaceId: string,
  channelId: string,
  now: number,
  until: number,
): Promise<boolean> {
  const result = await db
    .updateTable('inbox_channel_state')
    .set({ lease_until: until, updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('channel_id', '=', channelId)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function updateChannelState(
  db: Executor,
  workspaceId: string,
  channelId: string,
  changes: Partial<Omit<ChannelStateRow, 'workspace_id' | 'channel_id' | 'created_at'>> & {
    updated_at: number;
  },
  addCollected = 0,
): Promise<void> {
  await db
    .updateTable('inbox_channel_state')
    .set({
      ...changes,
      ...(addCollected > 0
        ? { collected_total: sql<number>`collected_total + ${addCollected}` }
        : {}),
    })
    .where('workspace_id', '=', workspaceId)
    .where('channel_id', '=', channelId)
    .execute();
}

/** Channels the collection sweep visits: every channel but those published by hand. */
export function listCollectableChannels(
  db: Executor,
): Promise<{ workspace_id: string; id: string }[]> {
  return db
    .selectFrom('channel')
    .select(['workspace_id', 'id'])
    .where('platform', 'not in', ['assisted', 'webhook'])
    .execute();
}

// ── conversations ─────────────────────────────────────────────────────────────

/** A conversation row with what its list item shows of the contact and the post. */
export interface ConversationListRow extends ConversationRow {
  contact_name: string | null;
  contact_tags_json: string | null;
  contact_handle: string | null;
  post_title: string | null;
  post_body: string | null;
  post_url: string | null;
}

export interface ConversationFilter {
  status?: string | undefined;
  channelId?: string | undefined;
  channelIds?: readonly string[] | null | undefined;
  assigneeId?: string | null | undefined;
  teamId?: string | undefined;
  intent?: string | undefined;
  sentiment?: string | undefined;
  priority?: number | undefined;
  tag?: string | undefined;
  contactId?: string | undefined;
  unread?: boolean | undefined;
  q?: string | undefined;
  before?: { lastMessageAt: number; id: string } | undefined;
  ids?: readonly string[] | undefined;
  limit: number;
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

export async function listConversations(
  db: Executor,
  workspaceId: string,
  filter: ConversationFilter,
): Promise<ConversationListRow[]> {
  let query = db
    .selectFrom('inbox_conversation as c')
    .leftJoin('inbox_contact as ct', (join) =>
      join.onRef('ct.workspace_id', '=', 'c.workspace_id').onRef('ct.id', '=', 'c.contact_id'),
    )
    .leftJoin('post_target as pt', (join) =>
      join.onRef('pt.workspace_id', '=', 'c.workspace_id').onRef('pt.id', '=', 'c.post_target_id'),
    )
    .leftJoin('post as p', (join) =>
      join.onRef('p.workspace_id', '=', 'c.workspace_id').onRef('p.id', '=', 'c.post_id'),
    )
    .selectAll('c')
    .select([
      'ct.display_name as contact_name',
      'ct.tags_json as contact_tags_json',
      'pt.url as post_url',
      'p.title as post_title',
      'p.body as post_body',
    ])
    .select((eb) =>
      eb
        .selectFrom('inbox_contact_handle as h')
        .select('h.handle')
        .whereRef('h.workspace_id', '=', 'c.workspace_id')
        .whereRef('h.contact_id', '=', 'c.contact_id')
        .whereRef('h.channel_id', '=', 'c.channel_id')
        .limit(1)
        .as('contact_handle'),
    )
    .where('c.workspace_id', '=', workspaceId);
  if (filter.ids) query = query.where('c.id', 'in', filter.ids.length ? [...filter.ids] : ['']);
  if (filter.status) query = query.where('c.status', '=', filter.status);
  if (filter.channelId) query = query.where('c.channel_id', '=', filter.channelId);
  if (filter.channelIds) {
    query = query.where(
      'c.channel_id',
      'in',
      filter.channelIds.length ? [...filter.channelIds] : [''],
    );
  }
  if (filter.assigneeId === null) query = query.where('c.assignee_id', 'is', null);
  else if (filter.assigneeId) query = query.where('c.assignee_id', '=', filter.assigneeId);
  if (filter.teamId) query = query.where('c.team_id', '=', filter.teamId);
  if (filter.intent) query = query.where('c.last_intent', '=', filter.intent);
  if (filter.sentiment) query = query.where('c.last_sentiment', '=', filter.sentiment);
  if (filter.priority !== undefined) query = query.where('c.priority', '=', filter.priority);
  if (filter.contactId) query = query.where('c.contact_id', '=', filter.contactId);
  if (filter.unread) query = query.where('c.unread_count', '>', 0);
  if (filter.tag) {
    const pattern = likePattern(JSON.stringify(filter.tag));
    query = query.where(sql<boolean>`c.tags_json like ${pattern} escape '\\'`);
  }
  if (filter.q) {
    const pattern = likePattern(filter.q);
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`lower(c.last_message_preview) like lower(${pattern}) escape '\\'`,
        sql<boolean>`lower(ct.display_name) like lower(${pattern}) escape '\\'`,
      ]),
    );
  }
  if (filter.before) {
    const { lastMessageAt, id } = filter.before;
    query = query.where((eb) =>
      eb.or([
        eb('c.last_message_at', '<', lastMessageAt),
        eb.and([eb('c.last_message_at', '=', lastMessageAt), eb('c.id', '<', id)]),
      ]),
    );
  }
  return query
    .orderBy('c.last_message_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(filter.limit)
    .execute() as Promise<ConversationListRow[]>;
}

export function findConversation(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<ConversationRow | undefined> {
  return db
    .selectFrom('inbox_conversation')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findConversations(
  db: Executor,
  workspaceId: string,
  ids: readonly string[],
): Promise<ConversationRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('inbox_conversation')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...ids])
    .execute();
}

export type ConversationChanges = Partial<
  Pick<
    ConversationRow,
    | 'status'
    | 'assignee_id'
    | 'team_id'
    | 'priority'
    | 'tags_json'
    | 'resolved_at'
    | 'unread_count'
    | 'contact_id'
    | 'waiting_since'
    | 'first_response_at'
  >
> & { updated_at: number };

export async function updateConversation(
  db: Executor,
  workspaceId: string,
  id: string,
  changes: ConversationChanges,
): Promise<void> {
  await db
    .updateTable('inbox_conversation')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function updateConversations(
  db: Executor,
  workspaceId: string,
  ids: readonly string[],
  changes: ConversationChanges,
): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable('inbox_conversation')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...ids])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A reply went out: the team has answered, the conversation shows it last. */
export async function recordResponse(
  db: Executor,
  workspaceId: string,
  id: string,
  at: number,
  preview: string,
): Promise<void> {
  await db
    .updateTable('inbox_conversation')
    .set({
      first_response_at: sql<number>`coalesce(first_response_at, ${at})`,
      last_response_at: at,
      waiting_since: null,
      message_count: sql<number>`message_count + 1`,
      last_message_at: sql<number>`case when last_message_at > ${at} then last_message_at else ${at} end`,
      last_message_preview: preview,
      updated_at: at,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function countConversations(
  db: Executor,
  workspaceId: string,
  userId: string,
  channelIds: readonly string[] | null,
): Promise<{
  open: number;
  pending: number;
  resolved: number;
  mine: number;
  unassigned: number;
  unread: number;
}> {
  let query = db
    .selectFrom('inbox_conversation')
    .select((eb) => [
      'status',
      eb.fn.countAll<number | string>().as('n'),
      eb.fn
        .sum<number | string | null>(
          eb.case().when('assignee_id', '=', userId).then(1).else(0).end(),
        )
        .as('mine'),
      eb.fn
        .sum<number | string | null>(
          eb.case().when('assignee_id', 'is', null).then(1).else(0).end(),
        )
        .as('unassigned'),
      eb.fn
        .sum<number | string | null>(eb.case().when('unread_count', '>', 0).then(1).else(0).end())
        .as('unread'),
    ])
    .where('workspace_id', '=', workspaceId);
  if (channelIds)
    query = query.where('channel_id', 'in', channelIds.length ? [...channelIds] : ['']);
  const rows = await query.groupBy('status').execute();
  const out = { open: 0, pending: 0, resolved: 0, mine: 0, unassigned: 0, unread: 0 };
  for (const row of rows) {
    const n = Number(row.n);
    if (row.status === 'open' || row.status === 'pending' || row.status === 'resolved') {
      out[row.status] = n;
    }
    if (row.status !== 'resolved') {
      out.mine += Number(row.mine ?? 0);
      out.unassigned += Number(row.unassigned ?? 0);
      out.unread += Number(row.unread ?? 0);
    }
  }
  return out;
}

// ── messages ──────────────────────────────────────────────────────────────────

export function listMessages(
  db: Executor,
  workspaceId: string,
  conversationId: string,
): Promise<MessageRow[]> {
  return db
    .selectFrom('inbox_message')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function findMessage(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<MessageRow | undefined> {
  return db
    .selectFrom('inbox_message')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function latestInbound(
  db: Executor,
  workspaceId: string,
  conversationId: string,
): Promise<MessageRow | undefined> {
  return db
    .selectFrom('inbox_message')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .where('direction', '=', 'in')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function findMessageByKey(
  db: Executor,
  workspaceId: string,
  idempotencyKey: string,
): Promise<MessageRow | undefined> {
  return db
    .selectFrom('inbox_message')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
}

/** Inserts a reply unless its idempotency key is taken; true when inserted. */
export async function insertReply(db: Executor, row: NewMessage): Promise<boolean> {
  const result = await db
    .insertInto('inbox_message')
    .values(row)
    .onConflict((oc) => oc.columns(['workspace_id', 'idempotency_key']).doNothing())
    .returning('id')
    .execute();
  return result.length === 1;
}

export async function insertMessage(db: Executor, row: NewMessage): Promise<void> {
  await db.insertInto('inbox_message').values(row).execute();
}

export type MessageChanges = Partial<
  Pick<
    MessageRow,
    | 'status'
    | 'external_id'
    | 'attempts'
    | 'last_error'
    | 'error_action'
    | 'sent_at'
    | 'hidden_at'
    | 'sentiment'
    | 'intent'
    | 'priority'
    | 'conversation_id'
    | 'contact_id'
    | 'moderation_action'
  >
> & { updated_at: number };

/** Compare-and-set on a message's status: true when this call moved it. */
export async function transitionMessage(
  db: Executor,
  workspaceId: string,
  id: string,
  from: readonly string[],
  changes: MessageChanges,
): Promise<boolean> {
  const result = await db
    .updateTable('inbox_message')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function updateMessage(
  db: Executor,
  workspaceId: string,
  id: string,
  changes: MessageChanges,
): Promise<void> {
  await db
    .updateTable('inbox_message')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Replies of the conversation still on their way out, by anyone. */
export function listPendingReplies(
  db: Executor,
  workspaceId: string,
  conversationId: string,
): Promise<Pick<MessageRow, 'id' | 'user_id' | 'created_at'>[]> {
  return db
    .selectFrom('inbox_message')
    .select(['id', 'user_id', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .where('status', 'in', ['queued', 'sending'])
    .execute();
}

/** Replies whose send job may have been lost: queued for longer than `before`. */
export function listStaleReplies(
  db: Executor,
  before: number,
  limit: number,
): Promise<Pick<MessageRow, 'workspace_id' | 'id'>[]> {
  return db
    .selectFrom('inbox_message')
    .select(['workspace_id', 'id'])
    .where('status', 'in', ['queued', 'sending'])
    .where('updated_at', '<', before)
    .limit(limit)
    .execute();
}

// ── corrections ───────────────────────────────────────────────────────────────

export async function upsertCorrection(db: Executor, row: CorrectionRow): Promise<void> {
  await db
    .insertInto('inbox_correction')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'message_id']).doUpdateSet({
        sentiment: row.sentiment,
        intent: row.intent,
        user_id: row.user_id,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export function listCorrections(db: Executor, workspaceId: string): Promise<CorrectionRow[]> {
  return db
    .selectFrom('inbox_correction')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .execute();
}

export function findCorrectedIds(
  db: Executor,
  workspaceId: string,
  messageIds: readonly string[],
): Promise<{ message_id: string }[]> {
  if (messageIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('inbox_correction')
    .select('message_id')
    .where('workspace_id', '=', workspaceId)
    .where('message_id', 'in', [...messageIds])
    .execute();
}

/** Changes whenever a correction is added or changed: the classifier cache's version. */
export async function correctionsVersion(db: Executor, workspaceId: string): Promise<string> {
  const row = await db
    .selectFrom('inbox_correction')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('n'),
      eb.fn.max('updated_at').as('latest'),
    ])
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return `${Number(row?.n ?? 0)}:${Number(row?.latest ?? 0)}`;
}

// ── contacts ──────────────────────────────────────────────────────────────────

export function findContact(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<ContactRow | undefined> {
  return db
    .selectFrom('inbox_contact')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listContacts(
  db: Executor,
  workspaceId: string,
  q: string | undefined,
  limit: number,
): Promise<(ContactRow & { handle: string | null })[]> {
  let query = db
    .selectFrom('inbox_contact as c')
    .selectAll('c')
    .select((eb) =>
      eb
        .selectFrom('inbox_contact_handle as h')
        .select('h.handle')
        .whereRef('h.workspace_id', '=', 'c.workspace_id')
        .whereRef('h.contact_id', '=', 'c.id')
        .limit(1)
        .as('handle'),
    )
    .where('c.workspace_id', '=', workspaceId);
  if (q) {
    const pattern = likePattern(q);
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`lower(c.display_name) like lower(${pattern}) escape '\\'`,
        eb.exists(
          eb
            .selectFrom('inbox_contact_handle as h2')
            .select('h2.contact_id')
            .whereRef('h2.workspace_id', '=', 'c.workspace_id')
            .whereRef('h2.contact_id', '=', 'c.id')
            .where(sql<boolean>`lower(h2.handle) like lower(${pattern}) escape '\\'`),
        ),
      ]),
    );
  }
  return query.orderBy('c.last_seen_at', 'desc').limit(limit).execute();
}

export function listContactHandles(
  db: Executor,
  workspaceId: string,
  contactId: string,
): Promise<ContactHandleRow[]> {
  return db
    .selectFrom('inbox_contact_handle')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', contactId)
    .orderBy('created_at')
    .execute();
}

export function listContactConversations(
  db: Executor,
  workspaceId: string,
  contactId: string,
  limit: number,
): Promise<ConversationRow[]> {
  return db
    .selectFrom('inbox_conversation')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', contactId)
    .orderBy('last_message_at', 'desc')
    .limit(limit)
    .execute();
}

export async function countContactMessages(
  db: Executor,
  workspaceId: string,
  contactId: string,
): Promise<number> {
  const row = await db
    .selectFrom('inbox_message')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', contactId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function updateContact(
  db: Executor,
  workspaceId: string,
  id: string,
  changes: Partial<
    Pick<ContactRow, 'display_name' | 'tags_json' | 'note' | 'first_seen_at' | 'last_seen_at'>
  > & { updated_at: number },
): Promise<void> {
  await db
    .updateTable('inbox_contact')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Moves everything of contact `from` to contact `into`, then removes `from`. */
export async function mergeContacts(
  db: Executor,
  workspaceId: string,
  from: string,
  into: string,
  now: number,
): Promise<void> {
  await db
    .updateTable('inbox_contact_handle')
    .set({ contact_id: into, updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', from)
    .execute();
  await db
    .updateTable('inbox_conversation')
    .set({ contact_id: into, updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', from)
    .execute();
  await db
    .updateTable('inbox_message')
    .set({ contact_id: into })
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', from)
    .execute();
  await db
    .deleteFrom('inbox_contact')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', from)
    .execute();
}

// ── presence ──────────────────────────────────────────────────────────────────

export async function upsertPresence(
  db: Executor,
  row: {
    workspace_id: string;
    conversation_id: string;
    user_id: string;
    typing: number;
    expires_at: number;
  },
): Promise<void> {
  await db
    .insertInto('inbox_presence')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'conversation_id', 'user_id']).doUpdateSet({
        typing: row.typing,
        expires_at: row.expires_at,
      }),
    )
    .execute();
}

export function listPresence(
  db: Executor,
  workspaceId: string,
  conversationId: string,
  now: number,
): Promise<{ user_id: string; typing: number; expires_at: number; name: string | null }[]> {
  return db
    .selectFrom('inbox_presence as p')
    .leftJoin('user_account as u', 'u.id', 'p.user_id')
    .select(['p.user_id', 'p.typing', 'p.expires_at', 'u.name'])
    .where('p.workspace_id', '=', workspaceId)
    .where('p.conversation_id', '=', conversationId)
    .where('p.expires_at', '>', now)
    .execute();
}

export async function purgePresence(db: Executor, before: number): Promise<void> {
  await db.deleteFrom('inbox_presence').where('expires_at', '<', before).execute();
}

// ── members ─────────────────────────────────────────────────────────

export function listMembers(
  db: Executor,
  workspaceId: string,
): Promise<{ user_id: string; name: string; role: string }[]> {
  return db
    .selectFrom('membership')
    .innerJoin('user_account', 'user_account.id', 'membership.user_id')
    .select(['membership.user_id', 'user_account.name', 'membership.role'])
    .where('membership.workspace_id', '=', workspaceId)
    .execute();
}

export function findUserNames(
  db: Executor,
  userIds: readonly string[],
): Promise<{ id: string; name: string }[]> {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('user_account')
    .select(['id', 'name'])
    .where('id', 'in', [...userIds])
    .execute();
}

// ── facts for routing ─────────────────────────────────────────────────────────

export interface InboundFactRow {
  id: string;
  conversation_id: string;
  channel_id: string;
  kind: string;
  text: string;
  intent: string | null;
  sentiment: string | null;
  language: string | null;
  received_at: number;
  contact_id: string | null;
  contact_name: string | null;
  contact_tags_json: string | null;
  author_handle: string | null;
  followers: number | null;
}

/** Inbound messages of these conversations received at or after `since`, oldest first. */
export async function listInboundFacts(
  db: Executor,
  workspaceId: string,
  conversationIds: readonly string[],
  since: number,
): Promise<InboundFactRow[]> {
  const out: InboundFactRow[] = [];
  for (const part of chunks(conversationIds)) {
    const rows = await db
      .selectFrom('inbox_message as m')
      .leftJoin('inbox_contact as c', (join) =>
        join.onRef('c.workspace_id', '=', 'm.workspace_id').onRef('c.id', '=', 'm.contact_id'),
      )
      .leftJoin('inbox_contact_handle as h', (join) =>
        join
          .onRef('h.workspace_id', '=', 'm.workspace_id')
          .onRef('h.channel_id', '=', 'm.channel_id')
          .onRef('h.external_id', '=', 'm.author_external_id'),
      )
      .select([
        'm.id',
        'm.conversation_id',
        'm.channel_id',
        'm.kind',
        'm.text',
        'm.intent',
        'm.sentiment',
        'm.language',
        'm.received_at',
        'm.contact_id',
        'c.display_name as contact_name',
        'c.tags_json as contact_tags_json',
        'm.author_handle',
        'h.followers',
      ])
      .where('m.workspace_id', '=', workspaceId)
      .where('m.conversation_id', 'in', part)
      .where('m.direction', '=', 'in')
      .where('m.received_at', '>=', since)
      .execute();
    out.push(...rows);
  }
  return out.sort((a, b) => a.received_at - b.received_at || (a.id < b.id ? -1 : 1));
}

/** Open and pending conversations assigned to each of these members. */
export async function countOpenAssigned(
  db: Executor,
  workspaceId: string,
  userIds: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>(userIds.map((id) => [id, 0]));
  if (userIds.length === 0) return out;
  const rows = await db
    .selectFrom('inbox_conversation')
    .select((eb) => ['assignee_id', eb.fn.countAll<number | string>().as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('assignee_id', 'in', [...userIds])
    .where('status', 'in', ['open', 'pending'])
    .groupBy('assignee_id')
    .execute();
  for (const row of rows) if (row.assignee_id) out.set(row.assignee_id, Number(row.n));
  return out;
}
