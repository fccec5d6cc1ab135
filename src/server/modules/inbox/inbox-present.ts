import {
  INBOX_PRIORITIES,
  type Conversation,
  type InboxMessage,
  type InboxPriority,
} from '../../../shared/inbox.ts';
import { toIso } from '../../platform/clock.ts';
import type { MessageRow } from './inbox-tables.ts';
import type { ConversationListRow } from './inbox.repo.ts';
import { isModerationAction, isSentiment } from './understanding.ts';

export function priorityName(rank: number): InboxPriority {
  return INBOX_PRIORITIES[Math.min(3, Math.max(0, Math.round(rank)))] ?? 'normal';
}

export function priorityValue(name: InboxPriority): number {
  return INBOX_PRIORITIES.indexOf(name);
}

export function parseTags(json: string | null): string[] {
  if (!json) return [];
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

function excerpt(text: string | null, length = 160): string | null {
  if (text === null) return null;
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

export function presentConversation(row: ConversationListRow): Conversation {
  return {
    id: row.id,
    channelId: row.channel_id,
    kind: row.kind === 'direct' ? 'direct' : 'thread',
    status: row.status as Conversation['status'],
    priority: priorityName(row.priority),
    assigneeId: row.assignee_id,
    teamId: row.team_id,
    tags: parseTags(row.tags_json),
    messageCount: row.message_count,
    unreadCount: row.unread_count,
    lastMessageAt: toIso(row.last_message_at),
    lastMessagePreview: row.last_message_preview,
    lastCustomerMessageAt: toIso(row.last_customer_message_at),
    waitingSince: toIso(row.waiting_since),
    firstResponseAt: toIso(row.first_response_at),
    resolvedAt: toIso(row.resolved_at),
    sentiment: isSentiment(row.last_sentiment) ? row.last_sentiment : null,
    intent: row.last_intent,
    language: row.last_language,
    contact: row.contact_id
      ? {
          id: row.contact_id,
          displayName: row.contact_name ?? '',
          handle: row.contact_handle,
          tags: parseTags(row.contact_tags_json),
        }
      : null,
    post: row.post_external_id
      ? {
          externalId: row.post_external_id,
          postId: row.post_id,
          targetId: row.post_target_id,
          title: row.post_title,
          excerpt: excerpt(row.post_body),
          url: row.post_url,
        }
      : null,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export function presentMessage(
  row: MessageRow,
  context: { userNames: ReadonlyMap<string, string>; corrected: ReadonlySet<string> },
): InboxMessage {
  let matches: unknown[] = [];
  if (row.moderation_json) {
    try {
      const parsed: unknown = JSON.parse(row.moderation_json);
      if (Array.isArray(parsed)) matches = parsed;
    } catch {
      matches = [];
    }
  }
  return {
    id: row.id,
    conversationId: row.conversation_id,
    channelId: row.channel_id,
    direction: row.direction as InboxMessage['direction'],
    kind: row.kind as InboxMessage['kind'],
    externalId: row.external_id,
    text: row.text,
    createdAt: toIso(row.created_at),
    author:
      row.direction === 'in' && row.author_external_id
        ? {
            externalId: row.author_external_id,
            handle: row.author_handle ?? '',
            name: row.author_name ?? row.author_handle ?? '',
          }
        : null,
    contactId: row.contact_id,
    userId: row.user_id,
    userName: row.user_id ? (context.userNames.get(row.user_id) ?? null) : null,
    mentions: parseTags(row.mentions_json),
    language: row.language,
    sentiment: isSentiment(row.sentiment) ? row.sentiment : null,
    sentimentScore: row.sentiment_score,
    intent: row.intent,
    intentConfidence: row.intent_confidence,
    priority: priorityName(row.priority),
    corrected: context.corrected.has(row.id),
    moderation:
      row.moderation_action && isModerationAction(row.moderation_action)
        ? { action: row.moderation_action, matches }
        : null,
    hiddenAt: toIso(row.hidden_at),
    status: row.status as InboxMessage['status'],
    replyToId: row.reply_to_id,
    attempts: row.attempts,
    lastError: row.last_error,
    errorAction: row.error_action,
    sentAt: toIso(row.sent_at),
  };
}
