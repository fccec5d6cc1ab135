import type { InboundMessage } from '../../connectors/index.ts';
import type { Db } from '../../db/database.ts';
import type { Executor } from '../../db/executor.ts';
import { newId } from '../../platform/ids.ts';
import type { InboxContactTable, InboxContactHandleTable, NewMessage } from './inbox-tables.ts';
import * as repo from './inbox.repo.ts';
import { parentsToLookUp, placeMessages, type ThreadPlace } from './threading.ts';
import {
  isModerationAction,
  isSentiment,
  PRIORITY_NORMAL,
  PRIORITY_URGENT,
  priorityRank,
  type InboxEnrichmentDeps,
  type ScreenResult,
  type TextClassifier,
  type Understanding,
} from './understanding.ts';

/** Messages that were already this old when OpsLoop first read a channel arrive resolved. */
export const HISTORY_OPEN_WINDOW_MS = 3 * 24 * 60 * 60 * 1000;
const PREVIEW_LENGTH = 140;

export interface IngestPageInput {
  workspaceId: string;
  channelId: string;
  items: readonly InboundMessage[];
  /** The cursor after this page, stored in the same transaction as the messages. */
  cursor?: { value: string | null } | undefined;
  /** Messages created before this instant are history: no unread mark, resolved conversations. */
  historyBefore: number;
  now: number;
}

export interface IngestResult {
  /** Messages stored by this call (duplicates of stored ones are not counted). */
  inserted: number;
  /** Conversations that received new messages. */
  conversationIds: string[];
  /** Messages moderation asked to hide on the platform. */
  toHide: string[];
}

export interface IngestDeps extends InboxEnrichmentDeps {
  db: Db;
  /** The workspace's classifier, trained from its corrections; absent when none is wired. */
  classifierFor?: (workspaceId: string) => Promise<TextClassifier>;
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH - 1)}…` : flat;
}

interface Enriched {
  understanding: Understanding | null;
  screen: ScreenResult | null;
}

/**
 * Stores one page of inbound messages from one channel. Everything a page needs is read with a
 * handful of set-based queries and written in one transaction (contacts, conversations, messages,
 * conversation counters, the cursor), so the cost per message is a share of a few statements,
 * not a round trip. A message whose platform id is already stored is skipped (insert-or-ignore
 * on the unique (channel, external id) index), so pages read twice change nothing.
 */
export function createIngest(deps: IngestDeps) {
  const { db } = deps;

  async function enrich(
    workspaceId: string,
    channelId: string,
    items: readonly { id: string; text: string }[],
  ): Promise<Enriched[]> {
    const classifier = deps.classifierFor ? await deps.classifierFor(workspaceId) : null;
    const inputs = items.map((item) => ({
      text: item.text,
      subject: { kind: 'message' as const, id: item.id, channelId },
    }));
    let screened: (ScreenResult | null)[];
    if (deps.screenMany) {
      screened = await deps.screenMany(workspaceId, inputs);
    } else if (deps.screen) {
      const screen = deps.screen;
      screened = await Promise.all(inputs.map((input) => screen(workspaceId, input)));
    } else {
      screened = inputs.map(() => null);
    }
    return items.map((item, i) => ({
      understanding: classifier ? classifier.classify(item.text) : null,
      screen: screened[i] ?? null,
    }));
  }

  async function ingestPage(input: IngestPageInput): Promise<IngestResult> {
    const { workspaceId, channelId, now } = input;
    const dialect = db.dialect;

    // One lookup tells which messages are repeats and which threads stored parents belong to.
    const unique = new Map<string, InboundMessage>();
    for (const item of input.items) {
      if (!unique.has(item.externalId)) unique.set(item.externalId, item);
    }
    const pageItems = [...unique.values()];
    const known = new Map<string, ThreadPlace>();
    for (const row of await repo.findKnownMessages(db.kysely, workspaceId, channelId, [
      ...unique.keys(),
      ...parentsToLookUp(pageItems),
    ])) {
      known.set(row.external_id, {
        threadKey: row.thread_key,
        kind: row.kind === 'direct' ? 'direct' : 'thread',
        rootExternalId: row.root_external_id,
      });
    }
    const fresh = pageItems
      .filter((m) => !known.has(m.externalId))
      .sort((a, b) => a.createdAt - b.createdAt);
    if (fresh.length === 0) {
      if (input.cursor) await saveCursor(db.kysely, input, 0);
      return { inserted: 0, conversationIds: [], toHide: [] };
    }
    const places = placeMessages(fresh, known);

    // Contacts: one per (channel, author) handle; known ones only move their last-seen time.
    const authorIds = [...new Set(fresh.map((m) => m.author.externalId))];
    const contactOf = new Map<string, string>();
    for (const handle of await repo.findHandles(db.kysely, workspaceId, channelId, authorIds)) {
      contactOf.set(handle.external_id, handle.contact_id);
    }
    const contacts = new Map<string, InboxContactTable>();
    const handles: InboxContactHandleTable[] = [];
    for (const m of fresh) {
      const author = m.author;
      let contactId = contactOf.get(author.externalId);
      if (!contactId) {
        contactId = newId(now);
        contactOf.set(author.externalId, contactId);
        handles.push({
          workspace_id: workspaceId,
          channel_id: channelId,
          external_id: author.externalId,
          contact_id: contactId,
          handle: author.handle,
          display_name: author.displayName || author.handle,
          followers: author.followers,
          created_at: now,
          updated_at: now,
        });
      }
      const seen = contacts.get(contactId);
      if (seen) {
        seen.last_seen_at = Math.max(seen.last_seen_at, m.createdAt);
      } else {
        contacts.set(contactId, {
          workspace_id: workspaceId,
          id: contactId,
          display_name: author.displayName || author.handle,
          tags_json: '[]',
          note: '',
          first_seen_at: m.createdAt,
          last_seen_at: m.createdAt,
          created_at: now,
          updated_at: now,
        });
      }
    }

    // Conversations: existing ones by thread key; the others start with this page.
    const keys = [...new Set(places.map((p) => p.threadKey))];
    const existing = new Map<string, string>();
    for (const row of await repo.findConversationsByKeys(db.kysely, workspaceId, channelId, keys)) {
      existing.set(row.thread_key, row.id);
    }
    const conversationOf = new Map(existing);
    const starters = new Map<string, InboundMessage>();
    fresh.forEach((m, i) => {
      const key = places[i]!.threadKey;
      if (conversationOf.has(key)) return;
      conversationOf.set(key, newId(now));
      starters.set(key, m);
    });
    const postIds = [
      ...new Set(
        [...starters.values()].map((m) => m.postExternalId).filter((id): id is string => !!id),
      ),
    ];
    const targets = new Map(
      (await repo.findPublishedTargets(db.kysely, workspaceId, channelId, postIds)).map((t) => [
        t.external_id,
        t,
      ]),
    );

    // Enrichment happens before the transaction so no lock is held while classifiers run.
    const ids = fresh.map(() => newId(now));
    const enriched = await enrich(
      workspaceId,
      channelId,
      fresh.map((m, i) => ({ id: ids[i]!, text: m.text })),
    );
    const messages: NewMessage[] = fresh.map((m, i) => {
      const { understanding, screen } = enriched[i]!;
      const action = screen && isModerationAction(screen.action) ? screen.action : null;
      let priority = understanding ? priorityRank(understanding.priority) : PRIORITY_NORMAL;
      if (action === 'escalate') priority = PRIORITY_URGENT;
      return {
        workspace_id: workspaceId,
        id: ids[i]!,
        channel_id: channelId,
        conversation_id: conversationOf.get(places[i]!.threadKey)!,
        external_id: m.externalId,
        direction: 'in',
        kind: m.kind,
        parent_external_id: m.parentExternalId,
        post_external_id: m.postExternalId,
        contact_id: contactOf.get(m.author.externalId) ?? null,
        author_external_id: m.author.externalId,
        author_handle: m.author.handle,
        author_name: m.author.displayName || m.author.handle,
        text: m.text,
        created_at: m.createdAt,
        received_at: now,
        language: understanding?.language ?? null,
        sentiment:
          understanding && isSentiment(understanding.sentiment) ? understanding.sentiment : null,
        sentiment_score: understanding ? finite(understanding.sentimentScore) : null,
        intent: understanding?.intent ?? null,
        intent_confidence: understanding ? finite(understanding.intentConfidence) : null,
        priority,
        moderation_action: action,
        moderation_json: screen && action ? JSON.stringify(screen.matches ?? []) : null,
        status: 'received',
        attempts: 0,
        updated_at: now,
      };
    });

    return db.kysely.transaction().execute(async (trx) => {
      await repo.upsertContacts(trx, dialect, [...contacts.values()]);
      await repo.insertHandles(trx, dialect, handles);
      const inserted = await repo.insertInboundMessages(trx, dialect, messages);
      const kept = messages.filter((m) => inserted.has(m.id));
      const conversations = summarize(kept, {
        places: new Map(fresh.map((m, i) => [ids[i]!, places[i]!])),
        starters,
        targets,
        contactOf,
        historyBefore: input.historyBefore,
        now,
      });
      await repo.upsertConversations(trx, dialect, conversations);
      if (input.cursor) await saveCursor(trx, input, kept.length);
      return {
        inserted: kept.length,
        conversationIds: conversations.map((c) => c.id),
        toHide: kept.filter((m) => m.moderation_action === 'hide').map((m) => m.id),
      };
    });
  }

  return { ingestPage };
}

function finite(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

async function saveCursor(executor: Executor, input: IngestPageInput, added: number) {
  await repo.updateChannelState(
    executor,
    input.workspaceId,
    input.channelId,
    { cursor: input.cursor?.value ?? null, updated_at: input.now },
    added,
  );
}

/**
 * What the stored messages do to their conversations: the full row of a conversation they
 * start, the increments and candidates for one that exists (see `upsertConversations`).
 */
function summarize(
  messages: readonly NewMessage[],
  ctx: {
    places: ReadonlyMap<string, ThreadPlace>;
    starters: ReadonlyMap<string, InboundMessage>;
    targets: ReadonlyMap<string, { id: string; post_id: string }>;
    contactOf: ReadonlyMap<string, string>;
    historyBefore: number;
    now: number;
  },
): repo.ConversationUpsert[] {
  const out = new Map<string, repo.ConversationUpsert>();
  for (const m of messages) {
    const place = ctx.places.get(m.id)!;
    let row = out.get(m.conversation_id);
    if (!row) {
      const starter = ctx.starters.get(place.threadKey);
      // Hanging from a message we never saw, a thread's first author is not its root's.
      const ownsRoot =
        starter && (place.rootExternalId === null || place.rootExternalId === starter.externalId);
      const target = starter?.postExternalId ? ctx.targets.get(starter.postExternalId) : undefined;
      row = {
        workspace_id: m.workspace_id,
        id: m.conversation_id,
        channel_id: m.channel_id,
        thread_key: place.threadKey,
        kind: place.kind,
        root_external_id: place.rootExternalId,
        post_external_id: starter?.postExternalId ?? null,
        post_id: target?.post_id ?? null,
        post_target_id: target?.id ?? null,
        contact_id: ownsRoot ? (ctx.contactOf.get(starter.author.externalId) ?? null) : null,
        status: 'open',
        priority: 0,
        tags_json: '[]',
        message_count: 0,
        unread_count: 0,
        last_message_at: m.created_at,
        last_message_preview: '',
        last_customer_message_at: null,
        waiting_since: null,
        resolved_at: null,
        last_sentiment: null,
        last_intent: null,
        last_language: null,
        created_at: m.created_at,
        updated_at: ctx.now,
      };
      out.set(m.conversation_id, row);
    }
    const history = m.created_at < ctx.historyBefore;
    row.message_count = (row.message_count ?? 0) + 1;
    if (!history) {
      row.unread_count = (row.unread_count ?? 0) + 1;
      row.waiting_since ??= m.created_at;
    }
    if (m.created_at >= row.last_message_at) {
      row.last_message_at = m.created_at;
      row.last_message_preview = preview(m.text);
    }
    if (row.last_customer_message_at == null || m.created_at >= row.last_customer_message_at) {
      row.last_customer_message_at = m.created_at;
      row.last_sentiment = m.sentiment ?? null;
      row.last_intent = m.intent ?? null;
      row.last_language = m.language ?? null;
    }
    row.priority = Math.max(row.priority ?? 0, m.priority ?? PRIORITY_NORMAL);
  }
  // A conversation that starts with history only arrives resolved, as it was back then.
  for (const row of out.values()) {
    if (ctx.starters.has(row.thread_key) && row.waiting_since == null) {
      row.status = 'resolved';
      row.resolved_at = row.last_message_at;
    }
  }
  return [...out.values()];
}
