import type { Insertable, Selectable } from 'kysely';

/**
 * Kysely table types of the engagement inbox, merged into `Database`. Timestamps are epoch
 * milliseconds, booleans 0/1 integers, lists JSON text, as everywhere else.
 */
export interface InboxTables {
  inbox_contact: InboxContactTable;
  inbox_contact_handle: InboxContactHandleTable;
  inbox_conversation: InboxConversationTable;
  inbox_message: InboxMessageTable;
  inbox_channel_state: InboxChannelStateTable;
  inbox_correction: InboxCorrectionTable;
  inbox_presence: InboxPresenceTable;
}

/** A person OpsLoop has heard from, on one or several channels. */
export interface InboxContactTable {
  workspace_id: string;
  id: string;
  display_name: string;
  tags_json: string;
  note: string;
  first_seen_at: number;
  last_seen_at: number;
  created_at: number;
  updated_at: number;
}

/** A contact's account on one channel, keyed by the platform's id of the author. */
export interface InboxContactHandleTable {
  workspace_id: string;
  channel_id: string;
  external_id: string;
  contact_id: string;
  handle: string;
  display_name: string;
  followers: number | null;
  created_at: number;
  updated_at: number;
}

/**
 * One thread an agent answers: a top-level comment (or mention) with the replies under it, or
 * the direct messages with one person on one channel.
 */
export interface InboxConversationTable {
  workspace_id: string;
  id: string;
  channel_id: string;
  /** `dm:<author id>` or `thread:<root message id>`; unique per channel. */
  thread_key: string;
  /** thread | direct */
  kind: string;
  root_external_id: string | null;
  post_external_id: string | null;
  /** The OpsLoop post and target published as `post_external_id`, when there is one. */
  post_id: string | null;
  post_target_id: string | null;
  contact_id: string | null;
  /** open | pending | resolved */
  status: string;
  /** 0 low, 1 normal, 2 high, 3 urgent. */
  priority: number;
  assignee_id: string | null;
  team_id: string | null;
  tags_json: string;
  message_count: number;
  unread_count: number;
  last_message_at: number;
  last_message_preview: string;
  last_customer_message_at: number | null;
  /** The first customer message nobody has answered yet; null when the team spoke last. */
  waiting_since: number | null;
  first_response_at: number | null;
  /** When the team last replied through the channel. */
  last_response_at: number | null;
  resolved_at: number | null;
  last_sentiment: string | null;
  last_intent: string | null;
  last_language: string | null;
  created_at: number;
  updated_at: number;
}

/** A message of a conversation: inbound (`in`), a reply sent through the channel (`out`) or a note. */
export interface InboxMessageTable {
  workspace_id: string;
  id: string;
  channel_id: string;
  conversation_id: string;
  /** The platform's id; null for notes and for replies not sent yet. */
  external_id: string | null;
  /** in | out | note */
  direction: string;
  /** comment | reply | mention | direct_message | note */
  kind: string;
  parent_external_id: string | null;
  post_external_id: string | null;
  contact_id: string | null;
  author_external_id: string | null;
  author_handle: string | null;
  author_name: string | null;
  /** The member who wrote a reply or note. */
  user_id: string | null;
  text: string;
  /** Member ids a note mentions. */
  mentions_json: string | null;
  created_at: number;
  received_at: number;
  language: string | null;
  sentiment: string | null;
  sentiment_score: number | null;
  intent: string | null;
  intent_confidence: number | null;
  priority: number;
  /** none | flag | hide | escalate */
  moderation_action: string | null;
  moderation_json: string | null;
  hidden_at: number | null;
  /** received | note | queued | sending | sent | failed | unconfirmed */
  status: string;
  /** The inbound message a reply answers. */
  reply_to_id: string | null;
  idempotency_key: string | null;
  attempts: number;
  last_error: string | null;
  error_action: string | null;
  sent_at: number | null;
  updated_at: number;
}

export interface InboxChannelStateTable {
  workspace_id: string;
  channel_id: string;
  cursor: string | null;
  lease_until: number | null;
  last_collected_at: number | null;
  last_error: string | null;
  error_action: string | null;
  collected_total: number;
  created_at: number;
  updated_at: number;
}

export interface InboxCorrectionTable {
  workspace_id: string;
  message_id: string;
  text: string;
  language: string | null;
  sentiment: string | null;
  intent: string | null;
  user_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface InboxPresenceTable {
  workspace_id: string;
  conversation_id: string;
  user_id: string;
  typing: number;
  expires_at: number;
}

export type ContactRow = Selectable<InboxContactTable>;
export type ContactHandleRow = Selectable<InboxContactHandleTable>;
export type ConversationRow = Selectable<InboxConversationTable>;
export type NewConversation = Insertable<InboxConversationTable>;
export type MessageRow = Selectable<InboxMessageTable>;
export type NewMessage = Insertable<InboxMessageTable>;
export type ChannelStateRow = Selectable<InboxChannelStateTable>;
export type CorrectionRow = Selectable<InboxCorrectionTable>;
