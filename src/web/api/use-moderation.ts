import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type {
  CreateModerationListBody,
  DecideReviewBody,
  ImportModerationWordsBody,
  ModerationImportResult,
  ModerationList,
  ModerationWordPage,
  ReviewItem,
  ReviewPage,
  ReviewQuery,
  ScreenResult,
  UpdateModerationListBody,
} from '../../shared/moderation.ts';
import { apiFetch } from './client.ts';
import { workspacePath } from './use-workspaces.ts';

export const moderationKey = (workspaceId: string) =>
  ['workspace', workspaceId, 'moderation'] as const;

function moderationPath(workspaceId: string): string {
  return `${workspacePath(workspaceId)}/moderation`;
}

function listPath(workspaceId: string, listId: string): string {
  return `${moderationPath(workspaceId)}/lists/${encodeURIComponent(listId)}`;
}

/** A list change alters counts, words and what the test box catches: refresh it all. */
function useRefreshModeration(workspaceId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: moderationKey(workspaceId) });
}

export function useModerationLists(workspaceId: string) {
  return useQuery({
    queryKey: [...moderationKey(workspaceId), 'lists'],
    queryFn: async () =>
      (await apiFetch<{ items: ModerationList[] }>(`${moderationPath(workspaceId)}/lists`)).items,
  });
}

export function useCreateModerationList(workspaceId: string) {
  const refresh = useRefreshModeration(workspaceId);
  return useMutation({
    mutationFn: (body: CreateModerationListBody) =>
      apiFetch<ModerationList>(`${moderationPath(workspaceId)}/lists`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useUpdateModerationList(workspaceId: string) {
  const refresh = useRefreshModeration(workspaceId);
  return useMutation({
    mutationFn: ({ listId, body }: { listId: string; body: UpdateModerationListBody }) =>
      apiFetch<ModerationList>(listPath(workspaceId, listId), { method: 'PATCH', body }),
    onSuccess: refresh,
  });
}

export function useDeleteModerationList(workspaceId: string) {
  const refresh = useRefreshModeration(workspaceId);
  return useMutation({
    mutationFn: (listId: string) =>
      apiFetch<void>(listPath(workspaceId, listId), { method: 'DELETE' }),
    onSuccess: refresh,
  });
}

/** A list's words a page at a time, filtered by text in match form. */
export function useModerationWords(workspaceId: string, listId: string, q: string) {
  return useInfiniteQuery({
    queryKey: [...moderationKey(workspaceId), 'words', listId, q] as const,
    queryFn: ({ pageParam }) =>
      apiFetch<ModerationWordPage>(`${listPath(workspaceId, listId)}/words`, {
        query: { q: q || undefined, cursor: pageParam, limit: 100 },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useImportModerationWords(workspaceId: string) {
  const refresh = useRefreshModeration(workspaceId);
  return useMutation({
    mutationFn: ({ listId, body }: { listId: string; body: ImportModerationWordsBody }) =>
      apiFetch<ModerationImportResult>(`${listPath(workspaceId, listId)}/import`, {
        method: 'POST',
        body,
      }),
    onSuccess: refresh,
  });
}

export function useDeleteModerationWord(workspaceId: string) {
  const refresh = useRefreshModeration(workspaceId);
  return useMutation({
    mutationFn: ({ listId, wordId }: { listId: string; wordId: string }) =>
      apiFetch<void>(`${listPath(workspaceId, listId)}/words/${encodeURIComponent(wordId)}`, {
        method: 'DELETE',
      }),
    onSuccess: refresh,
  });
}

/** What the lists would catch in a text; nothing is recorded. */
export function useTestModeration(workspaceId: string) {
  return useMutation({
    mutationFn: (text: string) =>
      apiFetch<ScreenResult>(`${moderationPath(workspaceId)}/test`, {
        method: 'POST',
        body: { text },
      }),
  });
}

export function useReviews(workspaceId: string, status: NonNullable<ReviewQuery['status']>) {
  return useInfiniteQuery({
    queryKey: [...moderationKey(workspaceId), 'reviews', status] as const,
    queryFn: ({ pageParam }) =>
      apiFetch<ReviewPage>(`${moderationPath(workspaceId)}/reviews`, {
        query: { status, cursor: pageParam, limit: 20 },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useDecideReview(workspaceId: string) {
  const refresh = useRefreshModeration(workspaceId);
  return useMutation({
    mutationFn: ({ reviewId, body }: { reviewId: string; body: DecideReviewBody }) =>
      apiFetch<ReviewItem>(
        `${moderationPath(workspaceId)}/reviews/${encodeURIComponent(reviewId)}/decision`,
        { method: 'POST', body },
      ),
    onSuccess: refresh,
  });
}
