import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type {
  ContentItem,
  ContentItemPage,
  ContentItemPost,
  ContentItemQuery,
  CreateContentItemBody,
  CreateSeriesBody,
  CreateTopicBody,
  OriginalityResult,
  Pools,
  Series,
  Topic,
  UpdateContentItemBody,
  UpdatePoolsBody,
  UpdateSeriesBody,
  UpdateTopicBody,
} from '../../shared/content.ts';
import { apiFetch } from './client.ts';
import { workspacePath } from './use-workspaces.ts';

export const contentKey = (workspaceId: string) => ['workspace', workspaceId, 'content'] as const;

function contentPath(workspaceId: string): string {
  return `${workspacePath(workspaceId)}/content`;
}

/** Any change to the library can move pool counts, so everything under `content` is refreshed. */
function useRefreshContent(workspaceId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: contentKey(workspaceId) });
}

export function useTopics(workspaceId: string) {
  return useQuery({
    queryKey: [...contentKey(workspaceId), 'topics'],
    queryFn: async () =>
      (await apiFetch<{ items: Topic[] }>(`${contentPath(workspaceId)}/topics`)).items,
  });
}

export function useSeries(workspaceId: string) {
  return useQuery({
    queryKey: [...contentKey(workspaceId), 'series'],
    queryFn: async () =>
      (await apiFetch<{ items: Series[] }>(`${contentPath(workspaceId)}/series`)).items,
  });
}

export function useCreateSeries(workspaceId: string) {
  const refresh = useRefreshContent(workspaceId);
  return useMutation({
    mutationFn: (body: CreateSeriesBody) =>
      apiFetch<Series>(`${contentPath(workspaceId)}/series`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useUpdateSeries(workspaceId: string) {
  const refresh = useRefreshContent(workspaceId);
  return useMutation({
    mutationFn: ({ seriesId, body }: { seriesId: string; body: UpdateSeriesBody }) =>
      apiFetch<Series>(`${contentPath(workspaceId)}/series/${encodeURIComponent(seriesId)}`, {
        method: 'PATCH',
        body,
      }),
    onSuccess: refresh,
  });
}

export function useDeleteSeries(workspaceId: string) {
  const refresh = useRefreshContent(workspaceId);
  return useMutation({
    mutationFn: (seriesId: string) =>
      apiFetch<void>(`${contentPath(workspaceId)}/series/${encodeURIComponent(seriesId)}`, {
        method: 'DELETE',
      }),
    onSuccess: refresh,
  });
}

type ItemFilter = Omit<ContentItemQuery, 'cursor'>;

function itemQuery(filter: ItemFilter, cursor?: string) {
  return {
    ...filter,
    hot: filter.hot === undefined ? undefined : String(filter.hot),
    cursor,
  };
}

export function useContentItems(workspaceId: string, filter: ItemFilter) {
  return useQuery({
    queryKey: [...contentKey(workspaceId), 'items', filter],
    queryFn: () =>
      apiFetch<ContentItemPage>(`${contentPath(workspaceId)}/items`, {
        query: itemQuery(filter),
      }),
  });
}

/** Items a page at a time (a board column); every page carries the filter's total. */
export function useContentItemPages(workspaceId: string, filter: ItemFilter) {
  return useInfiniteQuery({
    queryKey: [...contentKey(workspaceId), 'items', 'pages', filter] as const,
    queryFn: ({ pageParam }) =>
      apiFetch<ContentItemPage>(`${contentPath(workspaceId)}/items`, {
        query: itemQuery(filter, pageParam),
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useContentItem(workspaceId: string, itemId: string | null) {
  return useQuery({
    queryKey: [...contentKey(workspaceId), 'item', itemId],
    queryFn: () =>
      apiFetch<ContentItem>(
        `${contentPath(workspaceId)}/items/${encodeURIComponent(itemId ?? '')}`,
      ),
    enabled: itemId !== null,
  });
}

/** Posts written from an item, newest first. */
export function useItemPosts(workspaceId: string, itemId: string) {
  return useQuery({
    queryKey: [...contentKey(workspaceId), 'item', itemId, 'posts'],
    queryFn: async () =>
      (
        await apiFetch<{ items: ContentItemPost[] }>(
          `${contentPath(workspaceId)}/items/${encodeURIComponent(itemId)}/posts`,
        )
      ).items,
  });
}

export function usePools(workspaceId: string) {
  return useQuery({
    queryKey: [...contentKey(workspaceId), 'pools'],
    queryFn: () => apiFetch<Pools>(`${contentPath(workspaceId)}/pools`),
  });
}

export function useUpdatePools(workspaceId: string) {
  const refresh = useRefreshContent(workspaceId);
  return useMutation({
    mutationFn: (body: UpdatePoolsBody) =>
      apiFetch<Pools>(`${contentPath(workspaceId)}/pools`, { method: 'PATCH', body }),
    onSuccess: refresh,
  });
}

export function useSaveItem(workspaceId: string) {
  const refresh = useRefreshContent(workspaceId);
  return useMutation({
    mutationFn: ({
      itemId,
      body,
    }:
      | { itemId: null; body: CreateContentItemBody }
      | { itemId: string; body: UpdateContentItemBody }) =>
      itemId === null
        ? apiFetch<ContentItem>(`${contentPath(workspaceId)}/items`, { method: 'POST', body })
        : apiFetch<ContentItem>(`${contentPath(workspaceId)}/items/${encodeURIComponent(itemId)}`, {
            method: 'PATCH',
            body,
          }),
    onSuccess: refresh,
  });
}

export function useDeleteItem(workspaceId: string) {
  const refresh = useRefreshContent(workspaceId);
  return useMutation({
    mutationFn: (itemId: string) =>
      apiFetch<void>(`${contentPath(workspaceId)}/items/${encodeURIComponent(itemId)}`, {
        method: 'DELETE',
      }),
    onSuccess: refresh,
  });
}

export function useCreateTopic(workspaceId: string) {
  const refresh = useRefreshContent(workspaceId);
  return useMutation({
    mutationFn: (body: CreateTopicBody) =>
      apiFetch<Topic>(`${contentPath(workspaceId)}/topics`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useUpdateTopic(workspaceId: string) {
  const refresh = useRefreshContent(workspaceId);
  return useMutation({
    mutationFn: ({ topicId, body }: { topicId: string; body: UpdateTopicBody }) =>
      apiFetch<Topic>(`${contentPath(workspaceId)}/topics/${encodeURIComponent(topicId)}`, {
        method: 'PATCH',
        body,
      }),
    onSuccess: refresh,
  });
}

export function useDeleteTopic(workspaceId: string) {
  const refresh = useRefreshContent(workspaceId);
  return useMutation({
    mutationFn: (topicId: string) =>
      apiFetch<void>(`${contentPath(workspaceId)}/topics/${encodeURIComponent(topicId)}`, {
        method: 'DELETE',
      }),
    onSuccess: refresh,
  });
}

/** The caller debounces `text`; nothing is sent below the minimum length. */
export function useOriginality(workspaceId: string, text: string, excludeItemId?: string) {
  return useQuery({
    queryKey: ['workspace', workspaceId, 'originality', text, excludeItemId ?? null],
    queryFn: () =>
      apiFetch<OriginalityResult>(`${contentPath(workspaceId)}/originality`, {
        method: 'POST',
        body: { text, excludeItemId },
      }),
    enabled: text.trim().length >= 20,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
