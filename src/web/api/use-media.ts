import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { Session } from '../../shared/api.ts';
import type { ErrorBody } from '../../shared/errors.ts';
import type {
  MediaAsset,
  MediaPage,
  MediaQuery,
  UpdateMediaInput,
  UploadedMedia,
} from '../../shared/media.ts';
import { ApiError, apiFetch } from './client.ts';
import { sessionKey } from './use-session.ts';
import { workspacePath } from './use-workspaces.ts';

export const mediaKey = (workspaceId: string) => ['workspace', workspaceId, 'media'] as const;

function mediaPath(workspaceId: string): string {
  return `${workspacePath(workspaceId)}/media`;
}

export type MediaFilter = Omit<MediaQuery, 'cursor' | 'ids' | 'limit'> & { limit?: number };

/** The library, newest first, a page at a time. */
export function useMediaPages(workspaceId: string, filter: MediaFilter) {
  return useInfiniteQuery({
    queryKey: [...mediaKey(workspaceId), 'list', filter] as const,
    queryFn: ({ pageParam }) =>
      apiFetch<MediaPage>(mediaPath(workspaceId), {
        query: { ...filter, cursor: pageParam, limit: filter.limit ?? 48 },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** Exactly these assets (attachments of a post), in no particular order. */
export function useMediaAssets(workspaceId: string, ids: readonly string[]) {
  const unique = [...new Set(ids)].sort();
  return useQuery({
    queryKey: [...mediaKey(workspaceId), 'ids', unique] as const,
    queryFn: async () =>
      (
        await apiFetch<MediaPage>(mediaPath(workspaceId), {
          query: { ids: unique.join(','), limit: 50 },
        })
      ).items,
    enabled: unique.length > 0,
    placeholderData: keepPreviousData,
  });
}

export function useUpdateMedia(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ assetId, body }: { assetId: string; body: UpdateMediaInput }) =>
      apiFetch<MediaAsset>(`${mediaPath(workspaceId)}/${encodeURIComponent(assetId)}`, {
        method: 'PATCH',
        body,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mediaKey(workspaceId) }),
  });
}

export function useDeleteMedia(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (assetId: string) =>
      apiFetch<void>(`${mediaPath(workspaceId)}/${encodeURIComponent(assetId)}`, {
        method: 'DELETE',
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mediaKey(workspaceId) }),
  });
}

/** License fields sent with an upload (empty strings are left out). */
export interface UploadFields {
  source?: string;
  license?: string;
  attribution?: string;
  altText?: string;
  /** ISO instant the license ends. */
  expiresAt?: string;
}

function errorFromXhr(xhr: XMLHttpRequest): ApiError {
  let body: Partial<ErrorBody> | null = null;
  try {
    body = JSON.parse(xhr.responseText) as Partial<ErrorBody>;
  } catch {
    // A proxy's HTML page: fall through to the status line.
  }
  const error = body?.error;
  if (error && typeof error.message === 'string') {
    return new ApiError(error.code, error.message, xhr.status, error.fields ?? {});
  }
  return new ApiError(
    xhr.status === 413 ? 'payload_too_large' : xhr.status >= 500 ? 'internal' : 'bad_request',
    `${xhr.status} ${xhr.statusText || 'Upload failed'}`,
    xhr.status,
  );
}

/**
 * Uploads one file as multipart/form-data, reporting progress (0–1) as the bytes leave. Uses
 * XMLHttpRequest because fetch cannot report upload progress.
 */
function sendFile(
  workspaceId: string,
  file: File,
  fields: UploadFields,
  csrfToken: string | null,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<UploadedMedia> {
  const form = new FormData();
  form.set('file', file, file.name);
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string' && value.trim() !== '') form.set(key, value.trim());
  }
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', mediaPath(workspaceId));
    xhr.setRequestHeader('Accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(JSON.parse(xhr.responseText) as UploadedMedia);
      } else {
        reject(errorFromXhr(xhr));
      }
    };
    xhr.onerror = () => reject(new ApiError('network', 'The upload was interrupted', 0));
    xhr.onabort = () => reject(new ApiError('network', 'The upload was canceled', 0));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}

/** Returns an upload function for this workspace that refreshes the library when a file lands. */
export function useUploadMedia(workspaceId: string) {
  const queryClient = useQueryClient();
  return async (
    file: File,
    fields: UploadFields,
    onProgress: (fraction: number) => void,
    signal?: AbortSignal,
  ): Promise<UploadedMedia> => {
    const session = queryClient.getQueryData<Session | null>(sessionKey);
    const uploaded = await sendFile(
      workspaceId,
      file,
      fields,
      session?.csrfToken ?? null,
      onProgress,
      signal,
    );
    void queryClient.invalidateQueries({ queryKey: mediaKey(workspaceId) });
    return uploaded;
  };
}
