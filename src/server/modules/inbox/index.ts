/**
 * Engagement inbox (互动收件箱): comments, replies, mentions and direct messages of every channel in
 * one place, threaded into conversations with their contacts; collection jobs, replies sent
 * through the channel with the care of publishing, notes, assignment, statuses, and the labels
 * (sentiment, intent, priority, moderation) read from each message. Other modules import only
 * this file.
 */
export {
  createInboxService,
  PRESENCE_TTL_MS,
  type ConversationFacts,
  type InboundMessageFacts,
  type InboxService,
  type InboxServiceDeps,
  type MessagesIngestedListener,
} from './inbox.service.ts';
export { inboxRoutes } from './inbox.routes.ts';
export type { InboxTables } from './inbox-tables.ts';
export { HISTORY_OPEN_WINDOW_MS } from './inbox-ingest.ts';
export type {
  InboxEnrichmentDeps,
  LabelCorrection,
  ScreenInput,
  ScreenResult,
  TextClassifier,
  Understanding,
} from './understanding.ts';
