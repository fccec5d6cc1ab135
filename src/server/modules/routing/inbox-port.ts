import type { Priority } from '../../../shared/routing.ts';

/**
 * What routing needs from the inbox, and nothing more. The inbox owns conversations, messages
 * and contacts; routing reads facts about them and asks for changes through this port, which
 * services.ts fills with an adapter over the inbox service (`connectInbox`). Routing never
 * writes inbox tables itself.
 */

/** An inbound (customer) message, with what the inbox read in it and who wrote it. */
export interface InboxMessageFacts {
  id: string;
  conversationId: string;
  channelId: string;
  /** comment | reply | mention | direct_message */
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
    /** Followers of the author's account on this channel; null when unknown. */
    followers: number | null;
  } | null;
}

export interface InboxConversationFacts {
  id: string;
  channelId: string;
  /** thread (comments, mentions) | direct (DMs) */
  kind: string;
  status: 'open' | 'pending' | 'resolved';
  priority: Priority;
  assigneeId: string | null;
  teamId: string | null;
  contactId: string | null;
  contactName: string | null;
  contactHandle: string | null;
  /** Language of the customer's latest message. */
  language: string | null;
  createdAt: number;
  firstResponseAt: number | null;
  /** The first customer message nobody has answered yet; null when the team spoke last. */
  waitingSince: number | null;
  lastCustomerMessageAt: number | null;
  /**
   * When the team last replied. Optional: without it, a wait that ended between two syncs is
   * dated when routing noticed, which can record an on-time reply as late.
   */
  lastResponseAt?: number | null;
  resolvedAt: number | null;
}

export interface ConversationChanges {
  assigneeId?: string | null;
  teamId?: string | null;
  priority?: Priority;
  /** Added to the conversation's tags (existing ones stay). */
  addTags?: string[];
}

export interface InboxPort {
  /** Inbound messages of these conversations received at or after `since`, oldest first. */
  listInboundMessages(
    workspaceId: string,
    conversationIds: readonly string[],
    since: number,
  ): Promise<InboxMessageFacts[]>;
  /** Facts of these conversations; unknown ids are left out. */
  getConversations(
    workspaceId: string,
    conversationIds: readonly string[],
  ): Promise<InboxConversationFacts[]>;
  /** Open and pending conversations assigned to each of these members. */
  countOpenAssigned(workspaceId: string, userIds: readonly string[]): Promise<Map<string, number>>;
  /**
   * Changes a conversation on routing's behalf. Must not evaluate routing rules again (it may
   * tell routing the conversation changed, which only resynchronises SLA timers).
   */
  updateConversation(
    workspaceId: string,
    conversationId: string,
    changes: ConversationChanges,
  ): Promise<void>;
  /** Hides an inbound message (in OpsLoop and, where the channel can, on the platform). */
  hideMessage(workspaceId: string, messageId: string): Promise<void>;
  /**
   * Sends a reply in the conversation through its channel, the inbox's safe way (queued,
   * retried, never twice for one idempotency key). The text is final: variables are filled.
   */
  sendReply(
    workspaceId: string,
    conversationId: string,
    reply: { text: string; idempotencyKey: string; replyToId?: string },
  ): Promise<void>;
}

/** Raised by the port while no inbox is connected. */
export class InboxNotConnectedError extends Error {
  constructor() {
    super('The inbox is not connected to routing');
    this.name = 'InboxNotConnectedError';
  }
}

/** The port before `connectInbox`: reads find nothing, changes fail loudly. */
export const unconnectedInbox: InboxPort = {
  listInboundMessages: () => Promise.resolve([]),
  getConversations: () => Promise.resolve([]),
  countOpenAssigned: () => Promise.resolve(new Map()),
  updateConversation: () => Promise.reject(new InboxNotConnectedError()),
  hideMessage: () => Promise.reject(new InboxNotConnectedError()),
  sendReply: () => Promise.reject(new InboxNotConnectedError()),
};

/** A late-bound port: services.ts connects the inbox once both services exist. */
export interface InboxRef {
  current: InboxPort;
  connected: boolean;
}

export function createInboxRef(): InboxRef {
  return { current: unconnectedInbox, connected: false };
}
