import { WorkspaceParamsSchema } from '../../../shared/api.ts';
import {
  BulkConversationBodySchema,
  BulkResultSchema,
  ContactListSchema,
  ContactParamsSchema,
  ContactQuerySchema,
  ContactSchema,
  ConversationDetailSchema,
  ConversationPageSchema,
  ConversationParamsSchema,
  ConversationQuerySchema,
  ConversationSchema,
  CorrectLabelsBodySchema,
  InboxMessageSchema,
  InboxSummarySchema,
  MergeContactBodySchema,
  MessageParamsSchema,
  NoteBodySchema,
  PresenceBodySchema,
  PresenceListSchema,
  RefreshBodySchema,
  RefreshResultSchema,
  ReplyBodySchema,
  UpdateContactBodySchema,
  UpdateConversationBodySchema,
  FeedbackLinkSchema,
} from '../../../shared/inbox.ts';
import { defineRoute, type AnyRoute } from '../../http/route.ts';
import { AppError } from '../../platform/app-error.ts';

const INBOX = '/api/v1/workspaces/{workspaceId}/inbox';

/**
 * Routes of the inbox. Reading needs `inbox.read`; answering and triage (replies, notes,
 * assignment, status, labels, hiding) need `inbox.reply`; merging contacts needs
 * `inbox.manage`.
 */
export const inboxRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: `${INBOX}/conversations`,
    summary: 'Conversations, newest activity first, with filters',
    tag: 'inbox',
    access: 'inbox.read',
    params: WorkspaceParamsSchema,
    query: ConversationQuerySchema,
    response: ConversationPageSchema,
    handler: ({ scope, query, actor, services }) =>
      services.inbox.listConversations(scope, actor.userId, query),
  }),
  defineRoute({
    method: 'get',
    path: `${INBOX}/summary`,
    summary: 'Counts per status and where collection of each channel stands',
    tag: 'inbox',
    access: 'inbox.read',
    params: WorkspaceParamsSchema,
    response: InboxSummarySchema,
    handler: ({ scope, actor, services }) => services.inbox.summary(scope, actor.userId),
  }),
  defineRoute({
    method: 'post',
    path: `${INBOX}/refresh`,
    summary: 'Collect new messages now (one channel, or every channel)',
    tag: 'inbox',
    access: 'inbox.read',
    params: WorkspaceParamsSchema,
    body: RefreshBodySchema,
    response: RefreshResultSchema,
    status: 202,
    handler: ({ scope, body, services }) => services.inbox.refresh(scope, body.channelId),
  }),
  defineRoute({
    method: 'post',
    path: `${INBOX}/conversations/bulk`,
    summary: 'Assign, set the status of, or tag many conversations at once',
    tag: 'inbox',
    access: 'inbox.reply',
    params: WorkspaceParamsSchema,
    body: BulkConversationBodySchema,
    response: BulkResultSchema,
    handler: ({ scope, body, actor, services }) => services.inbox.bulkUpdate(scope, body, actor),
  }),
  defineRoute({
    method: 'get',
    path: `${INBOX}/conversations/{conversationId}`,
    summary: 'A conversation with its messages, contact, post and who else is on it',
    tag: 'inbox',
    access: 'inbox.read',
    params: ConversationParamsSchema,
    response: ConversationDetailSchema,
    handler: ({ scope, params, actor, services }) =>
      services.inbox.getConversation(scope, actor.userId, params.conversationId),
  }),
  defineRoute({
    method: 'patch',
    path: `${INBOX}/conversations/{conversationId}`,
    summary: 'Change status, assignee, team, priority or tags',
    tag: 'inbox',
    access: 'inbox.reply',
    params: ConversationParamsSchema,
    body: UpdateConversationBodySchema,
    response: ConversationSchema,
    handler: ({ scope, params, body, actor, services }) =>
      services.inbox.updateConversation(scope, params.conversationId, body, actor),
  }),
  defineRoute({
    method: 'post',
    path: `${INBOX}/conversations/{conversationId}/read`,
    summary: 'Mark the conversation read',
    tag: 'inbox',
    access: 'inbox.read',
    params: ConversationParamsSchema,
    handler: ({ scope, params, services }) => services.inbox.markRead(scope, params.conversationId),
  }),
  defineRoute({
    method: 'post',
    path: `${INBOX}/conversations/{conversationId}/replies`,
    summary: 'Reply through the channel; delivered by a job, safely retried',
    tag: 'inbox',
    access: 'inbox.reply',
    params: ConversationParamsSchema,
    body: ReplyBodySchema,
    response: InboxMessageSchema,
    status: 202,
    handler: ({ scope, params, body, actor, services }) =>
      services.inbox.reply(scope, params.conversationId, body, actor),
  }),
  defineRoute({
    method: 'post',
    path: `${INBOX}/conversations/{conversationId}/notes`,
    summary: 'Add an internal note; mentioned members are notified',
    tag: 'inbox',
    access: 'inbox.reply',
    params: ConversationParamsSchema,
    body: NoteBodySchema,
    response: InboxMessageSchema,
    status: 201,
    handler: ({ scope, params, body, actor, services }) =>
      services.inbox.addNote(scope, params.conversationId, body, actor),
  }),
  defineRoute({
    method: 'post',
    path: `${INBOX}/conversations/{conversationId}/presence`,
    summary: 'Heartbeat: I have this conversation open (and am typing); returns the others',
    tag: 'inbox',
    access: 'inbox.read',
    params: ConversationParamsSchema,
    body: PresenceBodySchema,
    response: PresenceListSchema,
    handler: async ({ scope, params, body, actor, services }) => {
      if (!actor.userId) throw new AppError('forbidden', 'Presence is for signed-in members');
      return {
        items: await services.inbox.heartbeat(
          scope,
          actor.userId,
          params.conversationId,
          body.typing,
        ),
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: `${INBOX}/messages/{messageId}/retry`,
    summary: 'Send a failed or unconfirmed reply again (same idempotency key)',
    tag: 'inbox',
    access: 'inbox.reply',
    params: MessageParamsSchema,
    response: InboxMessageSchema,
    handler: ({ scope, params, actor, services }) =>
      services.inbox.retryReply(scope, params.messageId, actor),
  }),
  defineRoute({
    method: 'post',
    path: `${INBOX}/messages/{messageId}/confirm`,
    summary: 'Mark an unconfirmed reply as arrived, after checking on the platform',
    tag: 'inbox',
    access: 'inbox.reply',
    params: MessageParamsSchema,
    response: InboxMessageSchema,
    handler: ({ scope, params, actor, services }) =>
      services.inbox.confirmReply(scope, params.messageId, actor),
  }),
  defineRoute({
    method: 'post',
    path: `${INBOX}/messages/{messageId}/hide`,
    summary: 'Hide a comment on the platform, where the platform allows it',
    tag: 'inbox',
    access: 'inbox.reply',
    params: MessageParamsSchema,
    response: InboxMessageSchema,
    handler: ({ scope, params, actor, services }) =>
      services.inbox.hideMessage(scope, params.messageId, actor),
  }),
  defineRoute({
    method: 'post',
    path: `${INBOX}/messages/{messageId}/feedback`,
    summary: "Keep a customer's message as a feedback ticket (反馈)",
    tag: 'inbox',
    access: 'feedback.manage',
    params: MessageParamsSchema,
    response: FeedbackLinkSchema,
    handler: ({ scope, params, actor, services }) =>
      services.inbox.feedbackFromMessage(scope, params.messageId, actor),
  }),
  defineRoute({
    method: 'patch',
    path: `${INBOX}/messages/{messageId}/labels`,
    summary: "Correct a message's sentiment or intent (trains the workspace's classifier)",
    tag: 'inbox',
    access: 'inbox.reply',
    params: MessageParamsSchema,
    body: CorrectLabelsBodySchema,
    response: InboxMessageSchema,
    handler: ({ scope, params, body, actor, services }) =>
      services.inbox.correctLabels(scope, params.messageId, body, actor),
  }),

  // ── contacts ──────────────────────────────────────────────────────────────────
  defineRoute({
    method: 'get',
    path: `${INBOX}/contacts`,
    summary: 'Contacts, most recently seen first; search by name or handle',
    tag: 'inbox',
    access: 'inbox.read',
    params: WorkspaceParamsSchema,
    query: ContactQuerySchema,
    response: ContactListSchema,
    handler: async ({ scope, query, services }) => ({
      items: await services.inbox.listContacts(scope, query.q),
    }),
  }),
  defineRoute({
    method: 'get',
    path: `${INBOX}/contacts/{contactId}`,
    summary: 'A contact with handles, tags, note and conversations',
    tag: 'inbox',
    access: 'inbox.read',
    params: ContactParamsSchema,
    response: ContactSchema,
    handler: ({ scope, params, services }) => services.inbox.getContact(scope, params.contactId),
  }),
  defineRoute({
    method: 'patch',
    path: `${INBOX}/contacts/{contactId}`,
    summary: 'Rename a contact, change its tags or note',
    tag: 'inbox',
    access: 'inbox.reply',
    params: ContactParamsSchema,
    body: UpdateContactBodySchema,
    response: ContactSchema,
    handler: ({ scope, params, body, actor, services }) =>
      services.inbox.updateContact(scope, params.contactId, body, actor),
  }),
  defineRoute({
    method: 'post',
    path: `${INBOX}/contacts/{contactId}/merge`,
    summary: 'Merge another contact into this one (same person on several channels)',
    tag: 'inbox',
    access: 'inbox.manage',
    params: ContactParamsSchema,
    body: MergeContactBodySchema,
    response: ContactSchema,
    handler: ({ scope, params, body, actor, services }) =>
      services.inbox.mergeContacts(scope, params.contactId, body.otherContactId, actor),
  }),
];
