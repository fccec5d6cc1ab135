import type {
  BulkConversationBody,
  Contact,
  ContactSummary,
  Conversation,
  ConversationDetail,
  ConversationPage,
  ConversationQuery,
  CorrectLabelsBody,
  InboxMessage,
  InboxPriority,
  InboxSummary,
  NoteBody,
  Presence,
  ReplyBody,
  UpdateContactBody,
  UpdateConversationBody,
} from '../../../shared/inbox.ts';
import { roleHasPermission, type Role } from '../../../shared/permissions.ts';
import type { ConnectorFactory } from '../../connectors/index.ts';
import type { Db } from '../../db/database.ts';
import type { Actor, WorkspaceScope } from '../../http/route.ts';
import type { JobQueue } from '../../jobs/index.ts';
import { AppError } from '../../platform/app-error.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { toIso, type Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import type { Logger } from '../../platform/logger.ts';
import type { NotificationService } from '../../platform/notifications/notifications.service.ts';
import type { ChannelService } from '../publishing/index.ts';
import { createCollector } from './inbox-collect.ts';
import {
  createDelivery,
  SYSTEM_ACTOR,
  type ConversationsUpdatedListener,
} from './inbox-delivery.ts';
import { createIngest } from './inbox-ingest.ts';
import {
  parseTags,
  presentConversation,
  presentMessage,
  priorityName,
  priorityValue,
} from './inbox-present.ts';
import type { ConversationRow, MessageRow } from './inbox-tables.ts';
import * as repo from './inbox.repo.ts';
import {
  createClassifierCache,
  isIntent,
  isSentiment,
  type InboxEnrichmentDeps,
  type LabelCorrection,
} from './understanding.ts';

/** How long a heartbeat keeps an agent shown on a conversation. */
export const PRESENCE_TTL_MS = 20_000;
const DEFAULT_PAGE = 50;

/** An inbound message with what was read in it and who wrote it (what routing evaluates). */
export interface InboundMessageFacts {
  id: string;
  conversationId: string;
  channelId: string;
  kind: string;
  text: string;
  intent: string | null;
  sentiment: string | null;
  language: string | null;
  receivedAt: number;
  contact: {
    id: string;
    name: string | null;
    handle: string | null;
    tags: string[];
    followers: number | null;
  } | null;
}

/** What routing and SLA timers need to know of a conversation. */
export interface ConversationFacts {
  id: string;
  channelId: string;
  kind: string;
  status: 'open' | 'pending' | 'resolved';
  priority: InboxPriority;
  assigneeId: string | null;
  teamId: string | null;
  contactId: string | null;
  contactName: string | null;
  contactHandle: string | null;
  language: string | null;
  createdAt: number;
  firstResponseAt: number | null;
  lastResponseAt: number | null;
  waitingSince: number | null;
  lastCustomerMessageAt: number | null;
  resolvedAt: number | null;
}

/** Called with the conversations that received new messages, after they are stored. */
export type MessagesIngestedListener = (
  workspaceId: string,
  conversationIds: string[],
) => Promise<void>;

export interface InboxServiceDeps extends InboxEnrichmentDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  audit: AuditService;
  notifications: NotificationService;
  jobs: JobQueue;
  connectors: ConnectorFactory;
  channels: Pick<ChannelService, 'requireChannel' | 'connection' | 'recordHealth'>;
  /** The seam routing (rules, tiers, SLA timers) hooks into; more can be added later. */
  onMessagesIngested?: MessagesIngestedListener;
  /** Told after a person changes conversations (status, assignee, priority, tags). */
  onConversationsUpdated?: ConversationsUpdatedListener;
  /** Keeps a customer's message as a feedback ticket (反馈); without it the action is refused. */
  createFeedback?: (
    workspaceId: string,
    actor: Actor,
    input: {
      messageId: string;
      channelId: string;
      contactHandle: string;
      text: string;
      conversationId: string;
    },
  ) => Promise<{ id: string }>;
  /** Teams conversations can be assigned to (kept by routing); without it there are none. */
  teams?: {
    list(workspaceId: string): Promise<{ id: string; name: string }[]>;
  };
}

function decodeCursor(cursor: string): { lastMessageAt: number; id: string } {
  const match = /^(\d{1,16})\.([0-9A-Za-z]{1,64})$/.exec(cursor);
  if (!match?.[1] || !match[2]) {
    throw new AppError('validation_failed', 'Invalid query: cursor', {
      fields: { cursor: 'not a cursor of this list' },
    });
  }
  return { lastMessageAt: Number(match[1]), id: match[2] };
}

function uniqueTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
}

/**
 * The engagement inbox: one place for comments, replies, mentions and direct messages of every
 * channel, threaded into conversations with their contacts; replies through the channel, notes,
 * assignment, statuses and the labels the classifier and moderation put on each message.
 */
export function createInboxService(deps: InboxServiceDeps) {
  const { db, clock, audit } = deps;
  const listeners: MessagesIngestedListener[] = deps.onMessagesIngested
    ? [deps.onMessagesIngested]
    : [];

  async function corrections(workspaceId: string): Promise<LabelCorrection[]> {
    const rows = await repo.listCorrections(db.kysely, workspaceId);
    return rows.map((row) => ({
      text: row.text,
      language: row.language,
      sentiment: isSentiment(row.sentiment) ? row.sentiment : null,
      intent: isIntent(row.intent) ? row.intent : null,
    }));
  }

  const trainClassifier = deps.trainClassifier;
  const classifiers = trainClassifier
    ? createClassifierCache({
        train: trainClassifier,
        version: (workspaceId) => repo.correctionsVersion(db.kysely, workspaceId),
        corrections,
      })
    : null;

  const ingest = createIngest({
    db,
    ...(classifiers ? { classifierFor: classifiers.classifierFor } : {}),
    ...(deps.screen ? { screen: deps.screen } : {}),
    ...(deps.screenMany ? { screenMany: deps.screenMany } : {}),
  });
  const delivery = createDelivery(deps);
  const collector = createCollector({
    ...deps,
    ingest,
    afterIngest: async (workspaceId, conversationIds, toHide) => {
      await delivery.enqueueHides(workspaceId, toHide);
      if (conversationIds.length > 0) {
        for (const listener of listeners) await listener(workspaceId, conversationIds);
      }
    },
  });

  function visible(scope: WorkspaceScope, channelId: string): boolean {
    return !scope.channelIds || scope.channelIds.includes(channelId);
  }

  async function requireConversation(
    scope: WorkspaceScope,
    conversationId: string,
  ): Promise<ConversationRow> {
    const row = await repo.findConversation(db.kysely, scope.workspaceId, conversationId);
    if (!row || !visible(scope, row.channel_id)) throw AppError.notFound('Conversation');
    return row;
  }

  async function requireMessage(scope: WorkspaceScope, messageId: string): Promise<MessageRow> {
    const row = await repo.findMessage(db.kysely, scope.workspaceId, messageId);
    if (!row || !visible(scope, row.channel_id)) throw AppError.notFound('Message');
    return row;
  }

  async function presentOne(scope: WorkspaceScope, conversationId: string): Promise<Conversation> {
    const [row] = await repo.listConversations(db.kysely, scope.workspaceId, {
      ids: [conversationId],
      limit: 1,
    });
    if (!row) throw AppError.notFound('Conversation');
    return presentConversation(row);
  }

  async function presentMessages(workspaceId: string, rows: MessageRow[]): Promise<InboxMessage[]> {
    const userIds = [...new Set(rows.map((r) => r.user_id).filter((id): id is string => !!id))];
    const [users, corrected] = await Promise.all([
      repo.findUserNames(db.kysely, userIds),
      repo.findCorrectedIds(
        db.kysely,
        workspaceId,
        rows.filter((r) => r.direction === 'in').map((r) => r.id),
      ),
    ]);
    const context = {
      userNames: new Map(users.map((u) => [u.id, u.name])),
      corrected: new Set(corrected.map((c) => c.message_id)),
    };
    return rows.map((row) => presentMessage(row, context));
  }

  /** Members who may work the inbox: an assignee or a mentioned member must be one. */
  async function inboxMembers(workspaceId: string) {
    const members = await repo.listMembers(db.kysely, workspaceId);
    return members.filter((m) => roleHasPermission(m.role as Role, 'inbox.read'));
  }

  async function checkAssignment(
    workspaceId: string,
    assigneeId: string | null | undefined,
    teamId: string | null | undefined,
  ) {
    const fields: Record<string, string> = {};
    if (assigneeId) {
      const members = await inboxMembers(workspaceId);
      if (!members.some((m) => m.user_id === assigneeId)) {
        fields.assigneeId = 'not a member of this workspace who can work the inbox';
      }
    }
    if (teamId) {
      const teams = (await deps.teams?.list(workspaceId)) ?? [];
      if (!teams.some((t) => t.id === teamId)) fields.teamId = 'no such team in this workspace';
    }
    if (Object.keys(fields).length > 0) {
      throw new AppError('validation_failed', `Invalid body: ${Object.keys(fields).join(', ')}`, {
        fields,
      });
    }
  }

  async function notifyAssignee(
    workspaceId: string,
    assigneeId: string,
    actor: Actor,
    conversations: readonly { id: string; preview: string }[],
  ) {
    if (assigneeId === actor.userId || conversations.length === 0) return;
    const first = conversations[0]!;
    await deps.notifications.notify({
      workspaceId,
      userIds: [assigneeId],
      kind: 'inbox.assigned',
      title:
        conversations.length === 1
          ? `${actor.label} assigned you a conversation`
          : `${actor.label} assigned you ${conversations.length} conversations`,
      body: first.preview,
      link: `/w/${workspaceId}/inbox?conversation=${first.id}`,
      dedupeKey: `inbox-assigned:${first.id}:${clock.now()}`,
    });
  }

  function statusChanges(status: string, now: number): repo.ConversationChanges {
    return status === 'resolved'
      ? { status, resolved_at: now, unread_count: 0, updated_at: now }
      : { status, resolved_at: null, updated_at: now };
  }

  async function listPresence(
    workspaceId: string,
    conversationId: string,
    userId: string | null,
  ): Promise<Presence[]> {
    const rows = await repo.listPresence(db.kysely, workspaceId, conversationId, clock.now());
    return rows
      .filter((row) => row.user_id !== userId)
      .map((row) => ({
        userId: row.user_id,
        name: row.name ?? '',
        typing: row.typing === 1,
        until: toIso(row.expires_at),
      }));
  }

  async function getContact(scope: WorkspaceScope, contactId: string): Promise<Contact> {
    const row = await repo.findContact(db.kysely, scope.workspaceId, contactId);
    if (!row) throw AppError.notFound('Contact');
    const [handles, conversations, messageCount] = await Promise.all([
      repo.listContactHandles(db.kysely, scope.workspaceId, contactId),
      repo.listContactConversations(db.kysely, scope.workspaceId, contactId, 50),
      repo.countContactMessages(db.kysely, scope.workspaceId, contactId),
    ]);
    return {
      id: row.id,
      displayName: row.display_name,
      tags: parseTags(row.tags_json),
      note: row.note,
      handles: handles.map((h) => ({
        channelId: h.channel_id,
        externalId: h.external_id,
        handle: h.handle,
        displayName: h.display_name,
        followers: h.followers,
      })),
      firstSeenAt: toIso(row.first_seen_at),
      lastSeenAt: toIso(row.last_seen_at),
      conversations: conversations
        .filter((c) => visible(scope, c.channel_id))
        .map((c) => ({
          id: c.id,
          channelId: c.channel_id,
          kind: c.kind === 'direct' ? ('direct' as const) : ('thread' as const),
          status: c.status as Conversation['status'],
          lastMessageAt: toIso(c.last_message_at),
          lastMessagePreview: c.last_message_preview,
        })),
      messageCount,
    };
  }

  /**
   * Stores a reply and enqueues its delivery. With an idempotency key given by the caller, a
   * second call with the same key returns the first reply instead of sending another.
   */
  async function createReply(
    conversation: ConversationRow,
    body: ReplyBody,
    actor: Actor,
    idempotencyKey: string | null,
  ): Promise<MessageRow> {
    const workspaceId = conversation.workspace_id;
    const conversationId = conversation.id;
    if (idempotencyKey) {
      const existing = await repo.findMessageByKey(db.kysely, workspaceId, idempotencyKey);
      if (existing) return existing;
    }
    const channel = await deps.channels.requireChannel(workspaceId, conversation.channel_id);
    const connector = deps.connectors(deps.channels.connection(channel));
    const caps = connector.capabilities;
    const allowed = conversation.kind === 'direct' ? caps.replyDirectMessages : caps.replyComments;
    if (!allowed) {
      throw new AppError(
        'conflict',
        `${channel.name} does not let OpsLoop answer ${conversation.kind === 'direct' ? 'direct messages' : 'comments'}; answer in the platform's own app`,
      );
    }
    let target: MessageRow | undefined;
    if (body.replyToId) {
      target = await repo.findMessage(db.kysely, workspaceId, body.replyToId);
      if (!target || target.conversation_id !== conversationId || target.direction !== 'in') {
        throw new AppError('validation_failed', 'Invalid body: replyToId', {
          fields: { replyToId: 'not a received message of this conversation' },
        });
      }
    } else {
      target = await repo.latestInbound(db.kysely, workspaceId, conversationId);
    }
    if (!target?.external_id) {
      throw new AppError('conflict', 'This conversation has no message to answer yet');
    }
    const now = clock.now();
    const id = newId(now);
    const row: MessageRow = {
      workspace_id: workspaceId,
      id,
      channel_id: conversation.channel_id,
      conversation_id: conversationId,
      external_id: null,
      direction: 'out',
      kind: target.kind === 'direct_message' ? 'direct_message' : 'reply',
      parent_external_id: target.external_id,
      post_external_id: conversation.post_external_id,
      contact_id: null,
      author_external_id: null,
      author_handle: null,
      author_name: null,
      user_id: actor.userId,
      text: body.text,
      mentions_json: null,
      created_at: now,
      received_at: now,
      language: null,
      sentiment: null,
      sentiment_score: null,
      intent: null,
      intent_confidence: null,
      priority: 1,
      moderation_action: null,
      moderation_json: null,
      hidden_at: null,
      status: 'queued',
      reply_to_id: target.id,
      idempotency_key: idempotencyKey ?? `inbox-reply:${id}`,
      attempts: 0,
      last_error: null,
      error_action: null,
      sent_at: null,
      updated_at: now,
    };
    const inserted = await db.kysely.transaction().execute(async (trx) => {
      if (!(await repo.insertReply(trx, row))) return false;
      await audit.record(trx, actor, {
        workspaceId,
        action: 'inbox.reply',
        targetType: 'inbox_conversation',
        targetId: conversationId,
        after: {
          messageId: id,
          channelId: conversation.channel_id,
          replyToId: target.id,
          length: body.text.length,
        },
      });
      return true;
    });
    if (!inserted) {
      // Another call with the same key won the race: that reply is the one.
      return (await repo.findMessageByKey(db.kysely, workspaceId, row.idempotency_key!))!;
    }
    await delivery.enqueueSend(workspaceId, id, 0);
    return row;
  }

  return {
    jobs: [...collector.jobs, ...delivery.jobs],
    crons: [...collector.crons, ...delivery.crons],
    ingestPage: ingest.ingestPage,
    collectChannel: collector.collectChannel,

    /** Adds a listener for newly stored messages (routing, SLA timers). */
    onMessagesIngested(listener: MessagesIngestedListener): void {
      listeners.push(listener);
    },

    /** The workspace's label corrections: training data for its classifier. */
    corrections,

    async listConversations(
      scope: WorkspaceScope,
      userId: string | null,
      query: ConversationQuery,
    ): Promise<ConversationPage> {
      const limit = query.limit ?? DEFAULT_PAGE;
      const assigneeId =
        query.assigneeId === 'none'
          ? null
          : query.assigneeId === 'me'
            ? (userId ?? '')
            : query.assigneeId;
      const rows = await repo.listConversations(db.kysely, scope.workspaceId, {
        status: query.status,
        channelId: query.channelId,
        channelIds: scope.channelIds,
        assigneeId,
        teamId: query.teamId,
        intent: query.intent,
        sentiment: query.sentiment,
        priority: query.priority ? priorityValue(query.priority) : undefined,
        tag: query.tag,
        contactId: query.contactId,
        unread: query.unread,
        q: query.q,
        before: query.cursor ? decodeCursor(query.cursor) : undefined,
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(presentConversation),
        nextCursor: rows.length > limit && last ? `${last.last_message_at}.${last.id}` : null,
      };
    },

    async summary(scope: WorkspaceScope, userId: string | null): Promise<InboxSummary> {
      const [counts, states, teams] = await Promise.all([
        repo.countConversations(db.kysely, scope.workspaceId, userId ?? '', scope.channelIds),
        repo.listChannelStates(db.kysely, scope.workspaceId),
        deps.teams?.list(scope.workspaceId) ?? Promise.resolve([]),
      ]);
      return {
        counts,
        teams: teams.map((t) => ({ id: t.id, name: t.name })),
        channels: states
          .filter((s) => visible(scope, s.channel_id))
          .map((s) => ({
            channelId: s.channel_id,
            lastCollectedAt: toIso(s.last_collected_at),
            lastError: s.last_error,
            errorAction: s.error_action,
            collected: s.collected_total,
          })),
      };
    },

    async refresh(scope: WorkspaceScope, channelId?: string): Promise<{ channels: number }> {
      let ids: string[];
      if (channelId) {
        if (!visible(scope, channelId)) throw AppError.notFound('Channel');
        const channel = await deps.channels.requireChannel(scope.workspaceId, channelId);
        ids = [channel.id];
      } else {
        const all = await repo.listCollectableChannels(db.kysely);
        ids = all
          .filter((c) => c.workspace_id === scope.workspaceId && visible(scope, c.id))
          .map((c) => c.id);
      }
      await collector.requestCollection(scope.workspaceId, ids);
      return { channels: ids.length };
    },

    async getConversation(
      scope: WorkspaceScope,
      userId: string | null,
      conversationId: string,
    ): Promise<ConversationDetail> {
      const row = await requireConversation(scope, conversationId);
      const [conversation, messageRows, presence, pending] = await Promise.all([
        presentOne(scope, conversationId),
        repo.listMessages(db.kysely, scope.workspaceId, conversationId),
        listPresence(scope.workspaceId, conversationId, userId),
        repo.listPendingReplies(db.kysely, scope.workspaceId, conversationId),
      ]);
      // Someone else's reply on its way out counts as them answering right now.
      const names = new Map(
        (
          await repo.findUserNames(
            db.kysely,
            pending.map((p) => p.user_id ?? ''),
          )
        ).map((u) => [u.id, u.name]),
      );
      for (const reply of pending) {
        if (!reply.user_id || reply.user_id === userId) continue;
        if (presence.some((p) => p.userId === reply.user_id)) continue;
        presence.push({
          userId: reply.user_id,
          name: names.get(reply.user_id) ?? '',
          typing: true,
          until: toIso(clock.now() + PRESENCE_TTL_MS),
        });
      }
      const channel = await deps.channels.requireChannel(scope.workspaceId, row.channel_id);
      const connector = deps.connectors(deps.channels.connection(channel));
      const caps = connector.capabilities;
      const canReply = row.kind === 'direct' ? caps.replyDirectMessages : caps.replyComments;
      return {
        conversation,
        messages: await presentMessages(scope.workspaceId, messageRows),
        contact: row.contact_id ? await getContact(scope, row.contact_id).catch(() => null) : null,
        presence,
        channel: {
          canReply,
          canHide: caps.hideComments && Boolean(connector.hideComment) && row.kind !== 'direct',
          replyUnavailable: canReply
            ? null
            : row.kind === 'direct'
              ? `${channel.name} does not let OpsLoop answer direct messages; answer in the platform's own app.`
              : `${channel.name} does not let OpsLoop answer comments; answer in the platform's own app.`,
        },
      };
    },

    async markRead(scope: WorkspaceScope, conversationId: string): Promise<void> {
      const row = await requireConversation(scope, conversationId);
      if (row.unread_count === 0) return;
      await repo.updateConversation(db.kysely, scope.workspaceId, conversationId, {
        unread_count: 0,
        updated_at: clock.now(),
      });
    },

    async reply(
      scope: WorkspaceScope,
      conversationId: string,
      body: ReplyBody,
      actor: Actor,
    ): Promise<InboxMessage> {
      const conversation = await requireConversation(scope, conversationId);
      const row = await createReply(conversation, body, actor, null);
      return (await presentMessages(scope.workspaceId, [row]))[0]!;
    },

    /** Sends a failed or unconfirmed reply again, with the same idempotency key. */
    async retryReply(
      scope: WorkspaceScope,
      messageId: string,
      actor: Actor,
    ): Promise<InboxMessage> {
      const message = await requireMessage(scope, messageId);
      if (message.direction !== 'out')
        throw new AppError('conflict', 'Only replies can be sent again');
      const moved = await repo.transitionMessage(
        db.kysely,
        scope.workspaceId,
        messageId,
        ['failed', 'unconfirmed'],
        { status: 'queued', last_error: null, error_action: null, updated_at: clock.now() },
      );
      if (!moved) {
        throw new AppError(
          'conflict',
          `Only a failed or unconfirmed reply can be sent again; this one is ${message.status}`,
        );
      }
      await audit.record(db.kysely, actor, {
        workspaceId: scope.workspaceId,
        action: 'inbox.reply_retried',
        targetType: 'inbox_message',
        targetId: messageId,
      });
      await delivery.enqueueSend(scope.workspaceId, messageId, message.attempts);
      const row = await repo.findMessage(db.kysely, scope.workspaceId, messageId);
      return (await presentMessages(scope.workspaceId, [row!]))[0]!;
    },

    /** A person checked on the platform that an unconfirmed reply did arrive. */
    async confirmReply(
      scope: WorkspaceScope,
      messageId: string,
      actor: Actor,
    ): Promise<InboxMessage> {
      const message = await requireMessage(scope, messageId);
      if (message.direction !== 'out' || message.status !== 'unconfirmed') {
        throw new AppError(
          'conflict',
          `Only an unconfirmed reply can be marked sent; this one is ${message.status}`,
        );
      }
      await delivery.markSent(message, message.external_id);
      await audit.record(db.kysely, actor, {
        workspaceId: scope.workspaceId,
        action: 'inbox.reply_confirmed',
        targetType: 'inbox_message',
        targetId: messageId,
      });
      const row = await repo.findMessage(db.kysely, scope.workspaceId, messageId);
      return (await presentMessages(scope.workspaceId, [row!]))[0]!;
    },

    async addNote(
      scope: WorkspaceScope,
      conversationId: string,
      body: NoteBody,
      actor: Actor,
    ): Promise<InboxMessage> {
      const conversation = await requireConversation(scope, conversationId);
      const mentions = [...new Set(body.mentions ?? [])];
      if (mentions.length > 0) {
        const members = await inboxMembers(scope.workspaceId);
        const unknown = mentions.filter((id) => !members.some((m) => m.user_id === id));
        if (unknown.length > 0) {
          throw new AppError('validation_failed', 'Invalid body: mentions', {
            fields: { mentions: 'only members who can work the inbox can be mentioned' },
          });
        }
      }
      const now = clock.now();
      const id = newId(now);
      const row: MessageRow = {
        workspace_id: scope.workspaceId,
        id,
        channel_id: conversation.channel_id,
        conversation_id: conversationId,
        external_id: null,
        direction: 'note',
        kind: 'note',
        parent_external_id: null,
        post_external_id: null,
        contact_id: null,
        author_external_id: null,
        author_handle: null,
        author_name: null,
        user_id: actor.userId,
        text: body.text,
        mentions_json: JSON.stringify(mentions),
        created_at: now,
        received_at: now,
        language: null,
        sentiment: null,
        sentiment_score: null,
        intent: null,
        intent_confidence: null,
        priority: 1,
        moderation_action: null,
        moderation_json: null,
        hidden_at: null,
        status: 'note',
        reply_to_id: null,
        idempotency_key: null,
        attempts: 0,
        last_error: null,
        error_action: null,
        sent_at: null,
        updated_at: now,
      };
      await db.kysely.transaction().execute(async (trx) => {
        await repo.insertMessage(trx, row);
        await audit.record(trx, actor, {
          workspaceId: scope.workspaceId,
          action: 'inbox.note',
          targetType: 'inbox_conversation',
          targetId: conversationId,
          after: { messageId: id, mentions },
        });
        const recipients = mentions.filter((m) => m !== actor.userId);
        if (recipients.length > 0) {
          await deps.notifications.notify(
            {
              workspaceId: scope.workspaceId,
              userIds: recipients,
              kind: 'inbox.mention',
              title: `${actor.label} mentioned you in a note`,
              body: body.text.length > 200 ? `${body.text.slice(0, 199)}…` : body.text,
              link: `/w/${scope.workspaceId}/inbox?conversation=${conversationId}`,
              dedupeKey: `inbox-note:${id}`,
            },
            trx,
          );
        }
      });
      return (await presentMessages(scope.workspaceId, [row]))[0]!;
    },

    async updateConversation(
      scope: WorkspaceScope,
      conversationId: string,
      body: UpdateConversationBody,
      actor: Actor,
    ): Promise<Conversation> {
      const before = await requireConversation(scope, conversationId);
      await checkAssignment(scope.workspaceId, body.assigneeId, body.teamId);
      const now = clock.now();
      let changes: repo.ConversationChanges = { updated_at: now };
      if (body.status !== undefined && body.status !== before.status) {
        changes = { ...changes, ...statusChanges(body.status, now) };
      }
      if (body.assigneeId !== undefined) changes.assignee_id = body.assigneeId;
      if (body.teamId !== undefined) changes.team_id = body.teamId;
      if (body.priority !== undefined) changes.priority = priorityValue(body.priority);
      if (body.tags !== undefined) changes.tags_json = JSON.stringify(uniqueTags(body.tags));
      await audit.change(
        actor,
        (trx) => repo.updateConversation(trx, scope.workspaceId, conversationId, changes),
        {
          workspaceId: scope.workspaceId,
          action: 'inbox.conversation_updated',
          targetType: 'inbox_conversation',
          targetId: conversationId,
          before: {
            status: before.status,
            assigneeId: before.assignee_id,
            teamId: before.team_id,
            priority: before.priority,
            tags: parseTags(before.tags_json),
          },
          after: body,
        },
      );
      await deps.onConversationsUpdated?.(scope.workspaceId, [conversationId]);
      if (body.assigneeId && body.assigneeId !== before.assignee_id) {
        await notifyAssignee(scope.workspaceId, body.assigneeId, actor, [
          { id: conversationId, preview: before.last_message_preview },
        ]);
      }
      return presentOne(scope, conversationId);
    },

    /** Assign, set status or tag many conversations at once; ids not found are skipped. */
    async bulkUpdate(
      scope: WorkspaceScope,
      body: BulkConversationBody,
      actor: Actor,
    ): Promise<{ updated: number }> {
      await checkAssignment(scope.workspaceId, body.assigneeId, body.teamId);
      const rows = (
        await repo.findConversations(db.kysely, scope.workspaceId, [
          ...new Set(body.conversationIds),
        ])
      ).filter((row) => visible(scope, row.channel_id));
      if (rows.length === 0) return { updated: 0 };
      const now = clock.now();
      await db.kysely.transaction().execute(async (trx) => {
        let common: repo.ConversationChanges = { updated_at: now };
        if (body.status !== undefined) common = { ...common, ...statusChanges(body.status, now) };
        if (body.assigneeId !== undefined) common.assignee_id = body.assigneeId;
        if (body.teamId !== undefined) common.team_id = body.teamId;
        await repo.updateConversations(
          trx,
          scope.workspaceId,
          rows.map((r) => r.id),
          common,
        );
        if (body.addTags?.length || body.removeTags?.length) {
          const remove = new Set(body.removeTags ?? []);
          for (const row of rows) {
            const tags = uniqueTags([...parseTags(row.tags_json), ...(body.addTags ?? [])]).filter(
              (t) => !remove.has(t),
            );
            await repo.updateConversation(trx, scope.workspaceId, row.id, {
              tags_json: JSON.stringify(tags),
              updated_at: now,
            });
          }
        }
        await audit.record(trx, actor, {
          workspaceId: scope.workspaceId,
          action: 'inbox.conversations_bulk_updated',
          targetType: 'inbox_conversation',
          targetId: null,
          after: { ...body, conversationIds: rows.map((r) => r.id) },
        });
      });
      await deps.onConversationsUpdated?.(
        scope.workspaceId,
        rows.map((r) => r.id),
      );
      if (body.assigneeId) {
        await notifyAssignee(
          scope.workspaceId,
          body.assigneeId,
          actor,
          rows
            .filter((r) => r.assignee_id !== body.assigneeId)
            .map((r) => ({ id: r.id, preview: r.last_message_preview })),
        );
      }
      return { updated: rows.length };
    },

    /** Records that a member has the conversation open (and whether they are typing). */
    async heartbeat(
      scope: WorkspaceScope,
      userId: string,
      conversationId: string,
      typing: boolean,
    ): Promise<Presence[]> {
      await requireConversation(scope, conversationId);
      await repo.upsertPresence(db.kysely, {
        workspace_id: scope.workspaceId,
        conversation_id: conversationId,
        user_id: userId,
        typing: typing ? 1 : 0,
        expires_at: clock.now() + PRESENCE_TTL_MS,
      });
      return listPresence(scope.workspaceId, conversationId, userId);
    },

    async hideMessage(
      scope: WorkspaceScope,
      messageId: string,
      actor: Actor,
    ): Promise<InboxMessage> {
      await requireMessage(scope, messageId);
      const row = await delivery.hideMessage(scope.workspaceId, messageId, actor);
      return (await presentMessages(scope.workspaceId, [row]))[0]!;
    },

    /** Turns a customer's message into a feedback ticket; the same message gives the same one. */
    async feedbackFromMessage(
      scope: WorkspaceScope,
      messageId: string,
      actor: Actor,
    ): Promise<{ ticketId: string }> {
      const row = await requireMessage(scope, messageId);
      if (row.direction !== 'in') {
        throw new AppError('validation_failed', 'Only a customer message can become feedback', {
          fields: { messageId: 'not a message from a customer' },
        });
      }
      if (!deps.createFeedback) throw new AppError('conflict', 'Feedback is not available here');
      const ticket = await deps.createFeedback(scope.workspaceId, actor, {
        messageId: row.id,
        channelId: row.channel_id,
        contactHandle: row.author_handle ?? row.author_external_id ?? 'unknown',
        text: row.text,
        conversationId: row.conversation_id,
      });
      return { ticketId: ticket.id };
    },

    /** Answers one message through its channel (feedback tells a raiser what became of it). */
    async replyToMessage(
      workspaceId: string,
      messageId: string,
      reply: { text: string; idempotencyKey: string },
    ): Promise<void> {
      const row = await repo.findMessage(db.kysely, workspaceId, messageId);
      if (!row) throw AppError.notFound('Message');
      const conversation = await repo.findConversation(db.kysely, workspaceId, row.conversation_id);
      if (!conversation) throw AppError.notFound('Conversation');
      await createReply(
        conversation,
        { text: reply.text, replyToId: row.id },
        SYSTEM_ACTOR,
        reply.idempotencyKey,
      );
    },

    /** An agent's correction of a message's labels; it retrains the workspace's classifier. */
    async correctLabels(
      scope: WorkspaceScope,
      messageId: string,
      body: CorrectLabelsBody,
      actor: Actor,
    ): Promise<InboxMessage> {
      const message = await requireMessage(scope, messageId);
      if (message.direction !== 'in') {
        throw new AppError('conflict', 'Only received messages carry labels to correct');
      }
      if (body.sentiment === undefined && body.intent === undefined) {
        throw new AppError('validation_failed', 'Invalid body: give sentiment or intent', {
          fields: { sentiment: 'give sentiment, intent or both' },
        });
      }
      const now = clock.now();
      const sentiment = body.sentiment ?? message.sentiment;
      const intent = body.intent ?? message.intent;
      await db.kysely.transaction().execute(async (trx) => {
        await repo.upsertCorrection(trx, {
          workspace_id: scope.workspaceId,
          message_id: messageId,
          text: message.text,
          language: message.language,
          sentiment,
          intent,
          user_id: actor.userId,
          created_at: now,
          updated_at: now,
        });
        await repo.updateMessage(trx, scope.workspaceId, messageId, {
          sentiment,
          intent,
          updated_at: now,
        });
        const conversation = await repo.findConversation(
          trx,
          scope.workspaceId,
          message.conversation_id,
        );
        if (conversation && conversation.last_customer_message_at === message.created_at) {
          await trx
            .updateTable('inbox_conversation')
            .set({ last_sentiment: sentiment, last_intent: intent, updated_at: now })
            .where('workspace_id', '=', scope.workspaceId)
            .where('id', '=', conversation.id)
            .execute();
        }
        await audit.record(trx, actor, {
          workspaceId: scope.workspaceId,
          action: 'inbox.labels_corrected',
          targetType: 'inbox_message',
          targetId: messageId,
          before: { sentiment: message.sentiment, intent: message.intent },
          after: { sentiment, intent },
        });
      });
      classifiers?.invalidate(scope.workspaceId);
      const row = await repo.findMessage(db.kysely, scope.workspaceId, messageId);
      return (await presentMessages(scope.workspaceId, [row!]))[0]!;
    },

    // ── what routing reads and asks for (its inbox port) ─────────────────────────

    /** Inbound messages of these conversations received at or after `since`, oldest first. */
    async listInboundMessages(
      workspaceId: string,
      conversationIds: readonly string[],
      since: number,
    ): Promise<InboundMessageFacts[]> {
      const rows = await repo.listInboundFacts(db.kysely, workspaceId, conversationIds, since);
      return rows.map((row) => ({
        id: row.id,
        conversationId: row.conversation_id,
        channelId: row.channel_id,
        kind: row.kind,
        text: row.text,
        intent: row.intent,
        sentiment: row.sentiment,
        language: row.language,
        receivedAt: row.received_at,
        contact: row.contact_id
          ? {
              id: row.contact_id,
              name: row.contact_name,
              handle: row.author_handle,
              tags: parseTags(row.contact_tags_json),
              followers: row.followers,
            }
          : null,
      }));
    },

    /** Facts of these conversations; unknown ids are left out. */
    async getConversationFacts(
      workspaceId: string,
      conversationIds: readonly string[],
    ): Promise<ConversationFacts[]> {
      if (conversationIds.length === 0) return [];
      const rows = await repo.listConversations(db.kysely, workspaceId, {
        ids: conversationIds,
        limit: conversationIds.length,
      });
      return rows.map((row) => ({
        id: row.id,
        channelId: row.channel_id,
        kind: row.kind,
        status: row.status as ConversationFacts['status'],
        priority: priorityName(row.priority),
        assigneeId: row.assignee_id,
        teamId: row.team_id,
        contactId: row.contact_id,
        contactName: row.contact_name,
        contactHandle: row.contact_handle,
        language: row.last_language,
        createdAt: row.created_at,
        firstResponseAt: row.first_response_at,
        lastResponseAt: row.last_response_at,
        waitingSince: row.waiting_since,
        lastCustomerMessageAt: row.last_customer_message_at,
        resolvedAt: row.resolved_at,
      }));
    },

    countOpenAssigned(workspaceId: string, userIds: readonly string[]) {
      return repo.countOpenAssigned(db.kysely, workspaceId, userIds);
    },

    /** Changes made by routing rules (no listener is told again, so rules do not loop). */
    async applyRoutingChanges(
      workspaceId: string,
      conversationId: string,
      changes: {
        assigneeId?: string | null;
        teamId?: string | null;
        priority?: InboxPriority;
        addTags?: string[];
      },
    ): Promise<void> {
      const row = await repo.findConversation(db.kysely, workspaceId, conversationId);
      if (!row) throw AppError.notFound('Conversation');
      const now = clock.now();
      const update: repo.ConversationChanges = { updated_at: now };
      if (changes.assigneeId !== undefined) update.assignee_id = changes.assigneeId;
      if (changes.teamId !== undefined) update.team_id = changes.teamId;
      if (changes.priority !== undefined) update.priority = priorityValue(changes.priority);
      if (changes.addTags?.length) {
        update.tags_json = JSON.stringify(
          uniqueTags([...parseTags(row.tags_json), ...changes.addTags]),
        );
      }
      await audit.change(
        SYSTEM_ACTOR,
        (trx) => repo.updateConversation(trx, workspaceId, conversationId, update),
        {
          workspaceId,
          action: 'inbox.conversation_routed',
          targetType: 'inbox_conversation',
          targetId: conversationId,
          after: changes,
        },
      );
      if (changes.assigneeId && changes.assigneeId !== row.assignee_id) {
        await notifyAssignee(workspaceId, changes.assigneeId, SYSTEM_ACTOR, [
          { id: conversationId, preview: row.last_message_preview },
        ]);
      }
    },

    /**
     * Hides a message on the platform for routing's "hide" action. Where the channel cannot
     * hide comments the message stays flagged for a person instead of failing the rule.
     */
    async hideForRouting(workspaceId: string, messageId: string): Promise<void> {
      try {
        await delivery.hideMessage(workspaceId, messageId, SYSTEM_ACTOR);
      } catch (error) {
        if (!(error instanceof AppError) || error.code === 'not_found') throw error;
        await repo.updateMessage(db.kysely, workspaceId, messageId, {
          moderation_action: 'flag',
          updated_at: clock.now(),
        });
      }
    },

    /** Sends a reply on routing's behalf (auto-replies); one reply per idempotency key. */
    async sendReplyAs(
      workspaceId: string,
      conversationId: string,
      reply: { text: string; idempotencyKey: string; replyToId?: string },
    ): Promise<void> {
      const conversation = await repo.findConversation(db.kysely, workspaceId, conversationId);
      if (!conversation) throw AppError.notFound('Conversation');
      await createReply(
        conversation,
        { text: reply.text, ...(reply.replyToId ? { replyToId: reply.replyToId } : {}) },
        SYSTEM_ACTOR,
        reply.idempotencyKey,
      );
    },

    // ── contacts ──────────────────────────────────────────────────────────────

    async listContacts(scope: WorkspaceScope, q: string | undefined): Promise<ContactSummary[]> {
      const rows = await repo.listContacts(db.kysely, scope.workspaceId, q, 50);
      return rows.map((row) => ({
        id: row.id,
        displayName: row.display_name,
        handle: row.handle,
        tags: parseTags(row.tags_json),
      }));
    },

    getContact,

    async updateContact(
      scope: WorkspaceScope,
      contactId: string,
      body: UpdateContactBody,
      actor: Actor,
    ): Promise<Contact> {
      const before = await repo.findContact(db.kysely, scope.workspaceId, contactId);
      if (!before) throw AppError.notFound('Contact');
      await audit.change(
        actor,
        (trx) =>
          repo.updateContact(trx, scope.workspaceId, contactId, {
            ...(body.displayName !== undefined ? { display_name: body.displayName } : {}),
            ...(body.tags !== undefined
              ? { tags_json: JSON.stringify(uniqueTags(body.tags)) }
              : {}),
            ...(body.note !== undefined ? { note: body.note } : {}),
            updated_at: clock.now(),
          }),
        {
          workspaceId: scope.workspaceId,
          action: 'inbox.contact_updated',
          targetType: 'inbox_contact',
          targetId: contactId,
          before: { displayName: before.display_name, tags: parseTags(before.tags_json) },
          after: {
            displayName: body.displayName,
            tags: body.tags,
            noteChanged: body.note !== undefined,
          },
        },
      );
      return getContact(scope, contactId);
    },

    /** Makes two contacts one person: `otherId`'s handles, conversations and notes move here. */
    async mergeContacts(
      scope: WorkspaceScope,
      contactId: string,
      otherId: string,
      actor: Actor,
    ): Promise<Contact> {
      if (contactId === otherId) {
        throw new AppError('validation_failed', 'Invalid body: otherContactId', {
          fields: { otherContactId: 'a contact cannot be merged with itself' },
        });
      }
      const [into, other] = await Promise.all([
        repo.findContact(db.kysely, scope.workspaceId, contactId),
        repo.findContact(db.kysely, scope.workspaceId, otherId),
      ]);
      if (!into) throw AppError.notFound('Contact');
      if (!other) {
        throw new AppError('validation_failed', 'Invalid body: otherContactId', {
          fields: { otherContactId: 'no such contact in this workspace' },
        });
      }
      const now = clock.now();
      await db.kysely.transaction().execute(async (trx) => {
        await repo.mergeContacts(trx, scope.workspaceId, otherId, contactId, now);
        await repo.updateContact(trx, scope.workspaceId, contactId, {
          tags_json: JSON.stringify(
            uniqueTags([...parseTags(into.tags_json), ...parseTags(other.tags_json)]),
          ),
          note: [into.note, other.note].filter((n) => n.trim() !== '').join('\n\n'),
          first_seen_at: Math.min(into.first_seen_at, other.first_seen_at),
          last_seen_at: Math.max(into.last_seen_at, other.last_seen_at),
          updated_at: now,
        });
        await audit.record(trx, actor, {
          workspaceId: scope.workspaceId,
          action: 'inbox.contacts_merged',
          targetType: 'inbox_contact',
          targetId: contactId,
          before: { merged: { id: other.id, displayName: other.display_name } },
          after: { id: into.id, displayName: into.display_name },
        });
      });
      return getContact(scope, contactId);
    },
  };
}

export type InboxService = ReturnType<typeof createInboxService>;
