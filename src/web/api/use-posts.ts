import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreatePostBody,
  Post,
  PostCounts,
  PostPage,
  PostStatus,
  PublishingSettings,
  UpdatePostBody,
} from '../../shared/publishing.ts';
import { apiFetch } from './client.ts';
import { workspacePath } from './use-workspaces.ts';

const postsKey = (workspaceId: string) => ['workspace', workspaceId, 'posts'] as const;
const postKey = (workspaceId: string, postId: string) =>
  ['workspace', workspaceId, 'post', postId] as const;
const settingsKey = (workspaceId: string) =>
  ['workspace', workspaceId, 'publishing-settings'] as const;

function postPath(workspaceId: string, postId: string): string {
  return `${workspacePath(workspaceId)}/posts/${encodeURIComponent(postId)}`;
}

export interface PostFilter {
  status?: PostStatus | undefined;
  channelId?: string | undefined;
}

/** Newest first, a page at a time. */
export function usePosts(workspaceId: string, filter: PostFilter = {}, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...postsKey(workspaceId), 'list', filter] as const,
    queryFn: ({ pageParam }) =>
      apiFetch<PostPage>(`${workspacePath(workspaceId)}/posts`, {
        query: { ...filter, cursor: pageParam, limit: 50 },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

/** How many posts have a status, for counters. */
export function usePostCount(workspaceId: string, status: PostStatus, enabled = true) {
  return useQuery({
    queryKey: [...postsKey(workspaceId), 'count', status] as const,
    queryFn: async () => {
      const counts = await apiFetch<PostCounts>(`${workspacePath(workspaceId)}/posts/counts`, {
        query: { status },
      });
      return { count: counts.total, more: false };
    },
    enabled,
  });
}

/** The most posts the calendar loads for one window; beyond it the page says what it left out. */
export const CALENDAR_POST_CAP = 2000;
const CALENDAR_PAGE = 500;

/**
 * Posts scheduled inside a window, for the calendar: every page up to `CALENDAR_POST_CAP`, with
 * the window's total so a capped view can say how much it shows.
 */
export function usePostsInRange(workspaceId: string, range: { from: string; to: string } | null) {
  return useQuery({
    queryKey: [...postsKey(workspaceId), 'range', range] as const,
    queryFn: async () => {
      const window = { from: range?.from, to: range?.to };
      const counted = apiFetch<PostCounts>(`${workspacePath(workspaceId)}/posts/counts`, {
        query: window,
      });
      const items: Post[] = [];
      let cursor: string | undefined;
      do {
        const page: PostPage = await apiFetch<PostPage>(`${workspacePath(workspaceId)}/posts`, {
          query: { ...window, cursor, limit: CALENDAR_PAGE },
        });
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && items.length < CALENDAR_POST_CAP);
      const total = Math.max((await counted).total, items.length);
      return { items: items.slice(0, CALENDAR_POST_CAP), total };
    },
    enabled: range !== null,
    placeholderData: (previous) => previous,
  });
}

export function usePost(workspaceId: string, postId: string, enabled = true) {
  return useQuery({
    queryKey: postKey(workspaceId, postId),
    queryFn: () => apiFetch<Post>(postPath(workspaceId, postId)),
    enabled,
  });
}

/**
 * Every change to a post refreshes that post and any list or calendar showing it, and the
 * content library, whose items count their posts and are used once a post goes out.
 */
function useStorePost(workspaceId: string) {
  const queryClient = useQueryClient();
  return async (post: Post) => {
    queryClient.setQueryData(postKey(workspaceId, post.id), post);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: postsKey(workspaceId) }),
      queryClient.invalidateQueries({ queryKey: ['workspace', workspaceId, 'content'] }),
    ]);
  };
}

export function useCreatePost(workspaceId: string) {
  const store = useStorePost(workspaceId);
  return useMutation({
    mutationFn: (body: CreatePostBody) =>
      apiFetch<Post>(`${workspacePath(workspaceId)}/posts`, { method: 'POST', body }),
    onSuccess: store,
  });
}

export function useUpdatePost(workspaceId: string) {
  const store = useStorePost(workspaceId);
  return useMutation({
    mutationFn: ({ postId, body }: { postId: string; body: UpdatePostBody }) =>
      apiFetch<Post>(postPath(workspaceId, postId), { method: 'PATCH', body }),
    onSuccess: store,
  });
}

export type PostAction = 'submit' | 'approve' | 'request-changes' | 'publish-now' | 'cancel';

export function usePostAction(workspaceId: string) {
  const store = useStorePost(workspaceId);
  return useMutation({
    mutationFn: ({
      postId,
      action,
      comment,
    }: {
      postId: string;
      action: PostAction;
      comment?: string;
    }) =>
      apiFetch<Post>(`${postPath(workspaceId, postId)}/${action}`, {
        method: 'POST',
        body: comment ? { comment } : {},
      }),
    onSuccess: store,
  });
}

export function useSchedulePost(workspaceId: string) {
  const store = useStorePost(workspaceId);
  return useMutation({
    mutationFn: ({ postId, scheduledAt }: { postId: string; scheduledAt: string }) =>
      apiFetch<Post>(`${postPath(workspaceId, postId)}/schedule`, {
        method: 'POST',
        body: { scheduledAt },
      }),
    onSuccess: store,
  });
}

export function useCommentOnPost(workspaceId: string) {
  const store = useStorePost(workspaceId);
  return useMutation({
    mutationFn: ({ postId, body }: { postId: string; body: string }) =>
      apiFetch<Post>(`${postPath(workspaceId, postId)}/comments`, {
        method: 'POST',
        body: { body },
      }),
    onSuccess: store,
  });
}

export function useMarkPublished(workspaceId: string) {
  const store = useStorePost(workspaceId);
  return useMutation({
    mutationFn: ({ postId, targetId, url }: { postId: string; targetId: string; url: string }) =>
      apiFetch<Post>(
        `${postPath(workspaceId, postId)}/targets/${encodeURIComponent(targetId)}/mark-published`,
        { method: 'POST', body: { url } },
      ),
    onSuccess: store,
  });
}

export function useRetryTarget(workspaceId: string) {
  const store = useStorePost(workspaceId);
  return useMutation({
    mutationFn: ({ postId, targetId }: { postId: string; targetId: string }) =>
      apiFetch<Post>(
        `${postPath(workspaceId, postId)}/targets/${encodeURIComponent(targetId)}/retry`,
        { method: 'POST', body: {} },
      ),
    onSuccess: store,
  });
}

export function usePublishingSettings(workspaceId: string, enabled = true) {
  return useQuery({
    queryKey: settingsKey(workspaceId),
    queryFn: () =>
      apiFetch<PublishingSettings>(`${workspacePath(workspaceId)}/publishing/settings`),
    enabled,
  });
}

export function useUpdatePublishingSettings(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<PublishingSettings>) =>
      apiFetch<PublishingSettings>(`${workspacePath(workspaceId)}/publishing/settings`, {
        method: 'PATCH',
        body,
      }),
    onSuccess: (settings) => queryClient.setQueryData(settingsKey(workspaceId), settings),
  });
}
