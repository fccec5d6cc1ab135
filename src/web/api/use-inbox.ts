import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BulkConversationBody,
  Contact,
  Conversation,
  ConversationDetail,
  ConversationPage,
  ConversationQuery,
  CorrectLabelsBody,
  InboxMessage,
  InboxSummary,
  NoteBody,
  Presence,
  ReplyBody,
  UpdateContactBody,
  UpdateConversationBody,
  FeedbackLink,
} from '../../shared/inbox.ts';
import { apiFetch } from './client.ts';
import { workspacePath } from './use-workspaces.ts';

export const inboxKey = (workspaceId: string) => ['workspace', workspaceId, 'inbox'] as const;

function inboxPath(workspaceId: string): string {
  return `${workspacePath(workspaceId)}/inbox`;
}

/** How often the open inbox looks for new conversations and messages. */
const POLL_MS = 15_000;

export type ConversationFilter = Omit<ConversationQuery, 'cursor' | 'limit'>;

function useRefreshInbox(workspaceId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: inboxKey(workspaceId) });
}

export function useInboxSummary(workspaceId: string) {
  return useQuery({
    queryKey: [...inboxKey(workspaceId), 'summary'],
    queryFn: () => apiFetch<InboxSummary>(`${inboxPath(workspaceId)}/summary`),
    refetchInterval: POLL_MS,
  });
}

export function useConversations(workspaceId: string, filter: ConversationFilter) {
  return useQuery({
    queryKey: [...inboxKey(workspaceId), 'conversations', filter],
    queryFn: () =>
      apiFetch<ConversationPage>(`${inboxPath(workspaceId)}/conversations`, {
        query: {
          ...filter,
          unread: filter.unread === undefined ? undefined : String(filter.unread),
          limit: 100,
        },
      }),
    placeholderData: keepPreviousData,
    refetchInterval: POLL_MS,
  });
}

export function useConversation(workspaceId: string, conversationId: string | null) {
  return useQuery({
    queryKey: [...inboxKey(workspaceId), 'conversation', conversationId],
    queryFn: () =>
      apiFetch<ConversationDetail>(
        `${inboxPath(workspaceId)}/conversations/${encodeURIComponent(conversationId!)}`,
      ),
    enabled: conversationId !== null,
    // Replies on their way out and other agents' presence change quickly.
    refetchInterval: 5_000,
  });
}

export function useContact(workspaceId: string, contactId: string | null) {
  return useQuery({
    queryKey: [...inboxKey(workspaceId), 'contact', contactId],
    queryFn: () =>
      apiFetch<Contact>(`${inboxPath(workspaceId)}/contacts/${encodeURIComponent(contactId!)}`),
    enabled: contactId !== null,
  });
}

export function useContactSearch(workspaceId: string, q: string) {
  return useQuery({
    queryKey: [...inboxKey(workspaceId), 'contacts', q],
    queryFn: async () =>
      (
        await apiFetch<{ items: { id: string; displayName: string; handle: string | null }[] }>(
          `${inboxPath(workspaceId)}/contacts`,
          { query: { q } },
        )
      ).items,
    enabled: q.trim().length > 0,
  });
}

export function useRefreshCollection(workspaceId: string) {
  const refresh = useRefreshInbox(workspaceId);
  return useMutation({
    mutationFn: (channelId?: string) =>
      apiFetch<{ channels: number }>(`${inboxPath(workspaceId)}/refresh`, {
        method: 'POST',
        body: channelId ? { channelId } : {},
      }),
    // Collection runs as a job: look again shortly.
    onSuccess: () => {
      window.setTimeout(() => void refresh(), 3_000);
    },
  });
}

function conversationPath(workspaceId: string, conversationId: string): string {
  return `${inboxPath(workspaceId)}/conversations/${encodeURIComponent(conversationId)}`;
}

export function useUpdateConversation(workspaceId: string) {
  const refresh = useRefreshInbox(workspaceId);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateConversationBody }) =>
      apiFetch<Conversation>(conversationPath(workspaceId, id), { method: 'PATCH', body }),
    onSuccess: refresh,
  });
}

export function useBulkUpdate(workspaceId: string) {
  const refresh = useRefreshInbox(workspaceId);
  return useMutation({
    mutationFn: (body: BulkConversationBody) =>
      apiFetch<{ updated: number }>(`${inboxPath(workspaceId)}/conversations/bulk`, {
        method: 'POST',
        body,
      }),
    onSuccess: refresh,
  });
}

export function useMarkRead(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch<void>(`${conversationPath(workspaceId, id)}/read`, { method: 'POST' }),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: [...inboxKey(workspaceId), 'conversations'] }),
  });
}

export function useSendReply(workspaceId: string) {
  const refresh = useRefreshInbox(workspaceId);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ReplyBody }) =>
      apiFetch<InboxMessage>(`${conversationPath(workspaceId, id)}/replies`, {
        method: 'POST',
        body,
      }),
    onSuccess: refresh,
  });
}

export function useAddNote(workspaceId: string) {
  const refresh = useRefreshInbox(workspaceId);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: NoteBody }) =>
      apiFetch<InboxMessage>(`${conversationPath(workspaceId, id)}/notes`, {
        method: 'POST',
        body,
      }),
    onSuccess: refresh,
  });
}

/** Tells the others this member has the conversation open (and whether they are typing). */
export function useHeartbeat(workspaceId: string) {
  return useMutation({
    mutationFn: ({ id, typing }: { id: string; typing: boolean }) =>
      apiFetch<{ items: Presence[] }>(`${conversationPath(workspaceId, id)}/presence`, {
        method: 'POST',
        body: { typing },
      }),
  });
}

function messagePath(workspaceId: string, messageId: string): string {
  return `${inboxPath(workspaceId)}/messages/${encodeURIComponent(messageId)}`;
}

export function useMessageAction(workspaceId: string) {
  const refresh = useRefreshInbox(workspaceId);
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'retry' | 'confirm' | 'hide' }) =>
      apiFetch<InboxMessage>(`${messagePath(workspaceId, id)}/${action}`, { method: 'POST' }),
    onSuccess: refresh,
  });
}

export function useCorrectLabels(workspaceId: string) {
  const refresh = useRefreshInbox(workspaceId);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: CorrectLabelsBody }) =>
      apiFetch<InboxMessage>(`${messagePath(workspaceId, id)}/labels`, { method: 'PATCH', body }),
    onSuccess: refresh,
  });
}

export function useUpdateContact(workspaceId: string) {
  const refresh = useRefreshInbox(workspaceId);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateContactBody }) =>
      apiFetch<Contact>(`${inboxPath(workspaceId)}/contacts/${encodeURIComponent(id)}`, {
        method: 'PATCH',
        body,
      }),
    onSuccess: refresh,
  });
}

export function useMergeContact(workspaceId: string) {
  const refresh = useRefreshInbox(workspaceId);
  return useMutation({
    mutationFn: ({ id, otherContactId }: { id: string; otherContactId: string }) =>
      apiFetch<Contact>(`${inboxPath(workspaceId)}/contacts/${encodeURIComponent(id)}/merge`, {
        method: 'POST',
        body: { otherContactId },
      }),
    onSuccess: refresh,
  });
}

/** Keeps a customer's message as a feedback ticket; resolves to the ticket's id. */
export function useFeedbackFromMessage(workspaceId: string) {
  return useMutation({
    mutationFn: (messageId: string) =>
      apiFetch<FeedbackLink>(`${messagePath(workspaceId, messageId)}/feedback`, {
        method: 'POST',
      }),
  });
}
