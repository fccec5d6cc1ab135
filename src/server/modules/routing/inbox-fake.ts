import type { Priority } from '../../../shared/routing.ts';
import type {
  ConversationChanges,
  InboxConversationFacts,
  InboxMessageFacts,
  InboxPort,
} from './inbox-port.ts';

/**
 * An in-memory inbox behind the routing port, for tests: conversations and messages are set
 * up by hand, and every change routing asks for is recorded.
 */
export class FakeInbox implements InboxPort {
  conversations = new Map<string, InboxConversationFacts>();
  tags = new Map<string, string[]>();
  messages: InboxMessageFacts[] = [];
  sent: Array<{ conversationId: string; text: string; idempotencyKey: string }> = [];
  updates: Array<{ conversationId: string; changes: ConversationChanges }> = [];
  hidden: string[] = [];
  private readonly workspaceId: string;

  constructor(workspaceId: string) {
    this.workspaceId = workspaceId;
  }

  addConversation(
    facts: Partial<InboxConversationFacts> & { id: string; createdAt: number },
  ): InboxConversationFacts {
    const conversation = {
      channelId: 'channel-1',
      kind: 'direct',
      status: 'open' as const,
      priority: 'normal' as Priority,
      assigneeId: null,
      teamId: null,
      contactId: `contact-${facts.id}`,
      contactName: '小王',
      contactHandle: 'xiaowang',
      language: 'zh-CN',
      firstResponseAt: null,
      waitingSince: facts.createdAt,
      lastCustomerMessageAt: facts.createdAt,
      resolvedAt: null,
      ...facts,
    };
    this.conversations.set(facts.id, conversation);
    return conversation;
  }

  addMessage(
    message: Partial<InboxMessageFacts> & { id: string; conversationId: string; text: string },
  ): void {
    const conversation = this.conversations.get(message.conversationId);
    this.messages.push({
      channelId: conversation?.channelId ?? 'channel-1',
      kind: 'direct_message',
      intent: null,
      sentiment: 'neutral',
      language: 'zh-CN',
      receivedAt: conversation?.createdAt ?? 0,
      contact: {
        id: conversation?.contactId ?? 'contact',
        name: conversation?.contactName ?? null,
        handle: conversation?.contactHandle ?? null,
        tags: [],
        followers: 100,
      },
      ...message,
    });
  }

  update(id: string, facts: Partial<InboxConversationFacts>): void {
    const conversation = this.conversations.get(id);
    if (!conversation) throw new Error(`no conversation ${id}`);
    Object.assign(conversation, facts);
  }

  private check(workspaceId: string): void {
    if (workspaceId !== this.workspaceId) throw new Error('asked about another workspace');
  }

  listInboundMessages(workspaceId: string, conversationIds: readonly string[], since: number) {
    this.check(workspaceId);
    return Promise.resolve(
      this.messages
        .filter((m) => conversationIds.includes(m.conversationId) && m.receivedAt >= since)
        .sort((a, b) => a.receivedAt - b.receivedAt),
    );
  }

  getConversations(workspaceId: string, conversationIds: readonly string[]) {
    this.check(workspaceId);
    return Promise.resolve(
      conversationIds.flatMap((id) => {
        const conversation = this.conversations.get(id);
        return conversation ? [{ ...conversation }] : [];
      }),
    );
  }

  countOpenAssigned(workspaceId: string, userIds: readonly string[]) {
    this.check(workspaceId);
    const counts = new Map<string, number>(userIds.map((id) => [id, 0]));
    for (const conversation of this.conversations.values()) {
      if (conversation.status === 'resolved' || !conversation.assigneeId) continue;
      if (counts.has(conversation.assigneeId)) {
        counts.set(conversation.assigneeId, counts.get(conversation.assigneeId)! + 1);
      }
    }
    return Promise.resolve(counts);
  }

  updateConversation(workspaceId: string, conversationId: string, changes: ConversationChanges) {
    this.check(workspaceId);
    const conversation = this.conversations.get(conversationId);
    if (!conversation) return Promise.reject(new Error('Conversation not found'));
    this.updates.push({ conversationId, changes });
    if (changes.assigneeId !== undefined) conversation.assigneeId = changes.assigneeId;
    if (changes.teamId !== undefined) conversation.teamId = changes.teamId;
    if (changes.priority) conversation.priority = changes.priority;
    if (changes.addTags) {
      this.tags.set(conversationId, [
        ...new Set([...(this.tags.get(conversationId) ?? []), ...changes.addTags]),
      ]);
    }
    return Promise.resolve();
  }

  hideMessage(workspaceId: string, messageId: string) {
    this.check(workspaceId);
    this.hidden.push(messageId);
    return Promise.resolve();
  }

  sendReply(
    workspaceId: string,
    conversationId: string,
    reply: { text: string; idempotencyKey: string },
  ) {
    this.check(workspaceId);
    if (!this.sent.some((s) => s.idempotencyKey === reply.idempotencyKey)) {
      this.sent.push({ conversationId, text: reply.text, idempotencyKey: reply.idempotencyKey });
    }
    return Promise.resolve();
  }
}
