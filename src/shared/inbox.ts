import { z } from 'zod';
import { IdSchema } from './api.ts';

/**
 * API shapes of the engagement inbox (互动收件箱): comments, replies, mentions and direct messages
 * from every channel, threaded into conversations, with contacts, replies sent through the
 * channel, internal notes, assignment and labels read from each message. Request bodies are
 * strict: unknown fields are rejected.
 */

const isoDate = z.iso.datetime();

export const CONVERSATION_STATUSES = ['open', 'pending', 'resolved'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
/** Lowest first; stored as their index. */
export const INBOX_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type InboxPriority = (typeof INBOX_PRIORITIES)[number];
export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
export type InboxSentiment = (typeof SENTIMENTS)[number];
/** What a message wants; the classifier and agents' corrections use the same words. */
export const INTENTS = [
  'question',
  'complaint',
  'praise',
  'purchase_intent',
  'after_sales',
  'spam',
  'abuse',
  'crisis',
  'other',
] as const;
export type InboxIntent = (typeof INTENTS)[number];
export const MESSAGE_KINDS = ['comment', 'reply', 'mention', 'direct_message', 'note'] as const;
export const MESSAGE_DIRECTIONS = ['in', 'out', 'note'] as const;
/** Delivery of a reply; inbound messages are `received`, notes `note`. */
export const MESSAGE_STATUSES = [
  'received',
  'note',
  'queued',
  'sending',
  'sent',
  'failed',
  'unconfirmed',
] as const;
export const MODERATION_ACTIONS = ['none', 'flag', 'hide', 'escalate'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

// ── messages ──────────────────────────────────────────────────────────────────
export const InboxMessageSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  channelId: z.string(),
  direction: z.enum(MESSAGE_DIRECTIONS),
  kind: z.enum(MESSAGE_KINDS),
  externalId: z.string().nullable(),
  text: z.string(),
  createdAt: isoDate,
  /** The person who wrote an inbound message. */
  author: z.object({ externalId: z.string(), handle: z.string(), name: z.string() }).nullable(),
  contactId: z.string().nullable(),
  /** The member who wrote a reply or note. */
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  mentions: z.array(z.string()),
  language: z.string().nullable(),
  sentiment: z.enum(SENTIMENTS).nullable(),
  sentimentScore: z.number().nullable(),
  intent: z.string().nullable(),
  intentConfidence: z.number().nullable(),
  priority: z.enum(INBOX_PRIORITIES),
  /** Set when an agent corrected the labels by hand. */
  corrected: z.boolean(),
  moderation: z
    .object({ action: z.enum(MODERATION_ACTIONS), matches: z.array(z.unknown()) })
    .nullable(),
  hiddenAt: isoDate.nullable(),
  status: z.enum(MESSAGE_STATUSES),
  replyToId: z.string().nullable(),
  attempts: z.number(),
  /** What went wrong with a reply, in the platform's words where it gave any. */
  lastError: z.string().nullable(),
  errorAction: z.string().nullable(),
  sentAt: isoDate.nullable(),
});
export type InboxMessage = z.infer<typeof InboxMessageSchema>;

// ── conversations ─────────────────────────────────────────────────────────────
export const ContactSummarySchema = z.object({
  id: z.string(),
  displayName: z.string(),
  handle: z.string().nullable(),
  tags: z.array(z.string()),
});
export type ContactSummary = z.infer<typeof ContactSummarySchema>;

export const PostContextSchema = z.object({
  externalId: z.string(),
  /** The OpsLoop post published as this platform post, when there is one. */
  postId: z.string().nullable(),
  targetId: z.string().nullable(),
  title: z.string().nullable(),
  excerpt: z.string().nullable(),
  url: z.string().nullable(),
});
export type PostContext = z.infer<typeof PostContextSchema>;

export const ConversationSchema = z.object({
  id: z.string(),
  channelId: z.string(),
  /** `thread`: a top-level comment or mention and the replies under it; `direct`: DMs with one person. */
  kind: z.enum(['thread', 'direct']),
  status: z.enum(CONVERSATION_STATUSES),
  priority: z.enum(INBOX_PRIORITIES),
  assigneeId: z.string().nullable(),
  teamId: z.string().nullable(),
  tags: z.array(z.string()),
  messageCount: z.number(),
  unreadCount: z.number(),
  lastMessageAt: isoDate,
  lastMessagePreview: z.string(),
  lastCustomerMessageAt: isoDate.nullable(),
  /** The customer has been waiting for an answer since then; null when the team spoke last. */
  waitingSince: isoDate.nullable(),
  firstResponseAt: isoDate.nullable(),
  resolvedAt: isoDate.nullable(),
  sentiment: z.enum(SENTIMENTS).nullable(),
  intent: z.string().nullable(),
  language: z.string().nullable(),
  contact: ContactSummarySchema.nullable(),
  post: PostContextSchema.nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type Conversation = z.infer<typeof ConversationSchema>;

export const ConversationPageSchema = z.object({
  items: z.array(ConversationSchema),
  nextCursor: z.string().nullable(),
});
export type ConversationPage = z.infer<typeof ConversationPageSchema>;

const boolQuery = z
  .enum(['true', 'false'])
  .transform((value) => value === 'true')
  .optional();

export const ConversationQuerySchema = z.strictObject({
  status: z.enum(CONVERSATION_STATUSES).optional(),
  channelId: IdSchema.optional(),
  /** A member id, `me` or `none` (unassigned). */
  assigneeId: IdSchema.optional(),
  teamId: IdSchema.optional(),
  intent: z.enum(INTENTS).optional(),
  sentiment: z.enum(SENTIMENTS).optional(),
  priority: z.enum(INBOX_PRIORITIES).optional(),
  tag: z.string().trim().min(1).max(50).optional(),
  contactId: IdSchema.optional(),
  unread: boolQuery,
  /** Words in the latest message or the contact's name. */
  q: z.string().trim().min(1).max(200).optional(),
  cursor: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export type ConversationQuery = z.output<typeof ConversationQuerySchema>;

/** Someone else with the conversation open; `typing` means they are writing a reply. */
export const PresenceSchema = z.object({
  userId: z.string(),
  name: z.string(),
  typing: z.boolean(),
  until: isoDate,
});
export type Presence = z.infer<typeof PresenceSchema>;

export const ContactHandleSchema = z.object({
  channelId: z.string(),
  externalId: z.string(),
  handle: z.string(),
  displayName: z.string(),
  followers: z.number().nullable(),
});

export const ContactSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  tags: z.array(z.string()),
  note: z.string(),
  handles: z.array(ContactHandleSchema),
  firstSeenAt: isoDate,
  lastSeenAt: isoDate,
  /** Every conversation with this person, newest first. */
  conversations: z.array(
    z.object({
      id: z.string(),
      channelId: z.string(),
      kind: z.enum(['thread', 'direct']),
      status: z.enum(CONVERSATION_STATUSES),
      lastMessageAt: isoDate,
      lastMessagePreview: z.string(),
    }),
  ),
  messageCount: z.number(),
});
export type Contact = z.infer<typeof ContactSchema>;
export const ContactListSchema = z.object({ items: z.array(ContactSummarySchema) });

export const ConversationDetailSchema = z.object({
  conversation: ConversationSchema,
  messages: z.array(InboxMessageSchema),
  contact: ContactSchema.nullable(),
  /** Other members looking at or answering this conversation right now. */
  presence: z.array(PresenceSchema),
  channel: z.object({
    canReply: z.boolean(),
    canHide: z.boolean(),
    /** Why replying is not possible here, in plain words; null when it is. */
    replyUnavailable: z.string().nullable(),
  }),
});
export type ConversationDetail = z.infer<typeof ConversationDetailSchema>;

export const InboxSummarySchema = z.object({
  counts: z.object({
    open: z.number(),
    pending: z.number(),
    resolved: z.number(),
    mine: z.number(),
    unassigned: z.number(),
    unread: z.number(),
  }),
  /** Teams conversations can be assigned to. */
  teams: z.array(z.object({ id: z.string(), name: z.string() })),
  channels: z.array(
    z.object({
      channelId: z.string(),
      lastCollectedAt: isoDate.nullable(),
      lastError: z.string().nullable(),
      errorAction: z.string().nullable(),
      collected: z.number(),
    }),
  ),
});
export type InboxSummary = z.infer<typeof InboxSummarySchema>;

// ── request bodies ────────────────────────────────────────────────────────────
const text = z.string().trim().min(1).max(5000);
const tag = z.string().trim().min(1).max(50);
const tags = z.array(tag).max(30);

export const ReplyBodySchema = z.strictObject({
  text,
  /** The inbound message to answer; defaults to the latest one of the conversation. */
  replyToId: IdSchema.optional(),
});
export type ReplyBody = z.output<typeof ReplyBodySchema>;

export const NoteBodySchema = z.strictObject({
  text,
  /** Members to notify. */
  mentions: z.array(IdSchema).max(20).optional(),
});
export type NoteBody = z.output<typeof NoteBodySchema>;

export const UpdateConversationBodySchema = z.strictObject({
  status: z.enum(CONVERSATION_STATUSES).optional(),
  assigneeId: IdSchema.nullable().optional(),
  teamId: IdSchema.nullable().optional(),
  priority: z.enum(INBOX_PRIORITIES).optional(),
  tags: tags.optional(),
});
export type UpdateConversationBody = z.output<typeof UpdateConversationBodySchema>;

export const BulkConversationBodySchema = z.strictObject({
  conversationIds: z.array(IdSchema).min(1).max(500),
  status: z.enum(CONVERSATION_STATUSES).optional(),
  assigneeId: IdSchema.nullable().optional(),
  teamId: IdSchema.nullable().optional(),
  addTags: tags.optional(),
  removeTags: tags.optional(),
});
export type BulkConversationBody = z.output<typeof BulkConversationBodySchema>;
export const BulkResultSchema = z.object({ updated: z.number() });

export const PresenceBodySchema = z.strictObject({ typing: z.boolean() });
export const PresenceListSchema = z.object({ items: z.array(PresenceSchema) });

export const CorrectLabelsBodySchema = z.strictObject({
  sentiment: z.enum(SENTIMENTS).optional(),
  intent: z.enum(INTENTS).optional(),
});
export type CorrectLabelsBody = z.output<typeof CorrectLabelsBodySchema>;

export const RefreshBodySchema = z.strictObject({ channelId: IdSchema.optional() });
export const RefreshResultSchema = z.object({ channels: z.number() });

export const UpdateContactBodySchema = z.strictObject({
  displayName: z.string().trim().min(1).max(100).optional(),
  tags: tags.optional(),
  note: z.string().max(5000).optional(),
});
export type UpdateContactBody = z.output<typeof UpdateContactBodySchema>;
export const MergeContactBodySchema = z.strictObject({ otherContactId: IdSchema });
export const ContactQuerySchema = z.strictObject({
  q: z.string().trim().min(1).max(100).optional(),
});

// ── params ────────────────────────────────────────────────────────────────────
export const ConversationParamsSchema = z.strictObject({
  workspaceId: IdSchema,
  conversationId: IdSchema,
});
export const MessageParamsSchema = z.strictObject({ workspaceId: IdSchema, messageId: IdSchema });
export const ContactParamsSchema = z.strictObject({ workspaceId: IdSchema, contactId: IdSchema });

/** The feedback ticket a customer's message was kept as. */
export const FeedbackLinkSchema = z.object({ ticketId: z.string() });
export type FeedbackLink = z.infer<typeof FeedbackLinkSchema>;
