import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Backfill,
  ImportIssuePage,
  ImportKind,
  ImportPreview,
  KpiReport,
  MetricImport,
} from '../../shared/analytics.ts';
import { ApiError, apiFetch } from './client.ts';
import { workspacePath } from './use-workspaces.ts';

export const analyticsKey = (workspaceId: string) =>
  ['workspace', workspaceId, 'analytics'] as const;

function importsPath(workspaceId: string): string {
  return `${workspacePath(workspaceId)}/analytics/imports`;
}

/** Large files go up in parts well under the server's request size limit. */
const PART_BYTES = 512 * 1024;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

const ACTIVE = new Set(['queued', 'running']);

export function useKpis(
  workspaceId: string,
  query: { from?: string | undefined; to?: string | undefined; channelId?: string | undefined },
) {
  return useQuery({
    queryKey: [...analyticsKey(workspaceId), 'kpis', query],
    queryFn: () => apiFetch<KpiReport>(`${workspacePath(workspaceId)}/analytics/kpis`, { query }),
    placeholderData: keepPreviousData,
  });
}

export function useImports(workspaceId: string) {
  return useQuery({
    queryKey: [...analyticsKey(workspaceId), 'imports'],
    queryFn: async () =>
      (await apiFetch<{ items: MetricImport[] }>(importsPath(workspaceId))).items,
    refetchInterval: (query) =>
      query.state.data?.some((i) => ACTIVE.has(i.status)) ? 2000 : false,
  });
}

/** One import; polled while it runs so progress moves on screen. */
export function useImport(workspaceId: string, importId: string | null) {
  return useQuery({
    queryKey: [...analyticsKey(workspaceId), 'imports', importId],
    queryFn: () => apiFetch<MetricImport>(`${importsPath(workspaceId)}/${importId}`),
    enabled: importId !== null,
    refetchInterval: (query) =>
      query.state.data && ACTIVE.has(query.state.data.status) ? 1000 : false,
  });
}

export function useImportIssues(workspaceId: string, importId: string, cursor: string | null) {
  return useQuery({
    queryKey: [...analyticsKey(workspaceId), 'imports', importId, 'issues', cursor],
    queryFn: () =>
      apiFetch<ImportIssuePage>(`${importsPath(workspaceId)}/${importId}/issues`, {
        query: { cursor, limit: 200 },
      }),
  });
}

function useRefreshAnalytics(workspaceId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: analyticsKey(workspaceId) });
}

/**
 * Uploads a file in base64 parts; `onProgress` receives the share sent (0–1). A server with a
 * smaller request limit answers 413: the part is sent again in halves.
 */
export function useUploadImport(workspaceId: string) {
  const refresh = useRefreshAnalytics(workspaceId);
  return useMutation({
    mutationFn: async ({
      file,
      onProgress,
    }: {
      file: File;
      onProgress?: (share: number) => void;
    }) => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let partBytes = PART_BYTES;
      let sent = 0;
      let index = 0;
      let current: MetricImport | null = null;
      while (sent < bytes.length || current === null) {
        const end = Math.min(bytes.length, sent + partBytes);
        const data = toBase64(bytes.subarray(sent, end));
        const complete = end >= bytes.length;
        try {
          current =
            current === null
              ? await apiFetch<MetricImport>(importsPath(workspaceId), {
                  method: 'POST',
                  body: { fileName: file.name, data, complete },
                })
              : await apiFetch<MetricImport>(`${importsPath(workspaceId)}/${current.id}/parts`, {
                  method: 'POST',
                  body: { index, data, complete },
                });
        } catch (error) {
          if (error instanceof ApiError && error.code === 'payload_too_large' && partBytes > 8192) {
            partBytes = Math.floor(partBytes / 2);
            continue;
          }
          throw error;
        }
        index += 1;
        sent = end;
        onProgress?.(bytes.length === 0 ? 1 : sent / bytes.length);
      }
      return current;
    },
    onSuccess: refresh,
  });
}

export function useAnalyzeImport(workspaceId: string, importId: string) {
  const refresh = useRefreshAnalytics(workspaceId);
  return useMutation({
    mutationFn: (body: { sheet?: string; headerRow?: number }) =>
      apiFetch<MetricImport>(`${importsPath(workspaceId)}/${importId}/analyze`, {
        method: 'POST',
        body,
      }),
    onSuccess: refresh,
  });
}

export interface ImportOptionsInput {
  kind: ImportKind;
  channelId: string;
  preset: string | null;
  columns: (string | null)[];
  asOf?: string | undefined;
  unknownPosts: 'create' | 'report';
  currency: string;
}

export function usePreviewImport(workspaceId: string, importId: string) {
  return useMutation({
    mutationFn: (body: ImportOptionsInput) =>
      apiFetch<ImportPreview>(`${importsPath(workspaceId)}/${importId}/preview`, {
        method: 'POST',
        body,
      }),
  });
}

export function useStartImport(workspaceId: string, importId: string) {
  const refresh = useRefreshAnalytics(workspaceId);
  return useMutation({
    mutationFn: (body: ImportOptionsInput) =>
      apiFetch<MetricImport>(`${importsPath(workspaceId)}/${importId}/start`, {
        method: 'POST',
        body,
      }),
    onSuccess: refresh,
  });
}

export function useUndoImport(workspaceId: string) {
  const refresh = useRefreshAnalytics(workspaceId);
  return useMutation({
    mutationFn: (importId: string) =>
      apiFetch<MetricImport>(`${importsPath(workspaceId)}/${importId}/undo`, { method: 'POST' }),
    onSuccess: refresh,
  });
}

export function useBackfills(workspaceId: string) {
  return useQuery({
    queryKey: [...analyticsKey(workspaceId), 'backfills'],
    queryFn: async () =>
      (await apiFetch<{ items: Backfill[] }>(`${workspacePath(workspaceId)}/analytics/backfills`))
        .items,
    refetchInterval: (query) =>
      query.state.data?.some((b) => ACTIVE.has(b.status)) ? 2000 : false,
  });
}

export function useRequestBackfill(workspaceId: string) {
  const refresh = useRefreshAnalytics(workspaceId);
  return useMutation({
    mutationFn: (channelId: string) =>
      apiFetch<Backfill>(
        `${workspacePath(workspaceId)}/channels/${encodeURIComponent(channelId)}/backfill`,
        { method: 'POST' },
      ),
    onSuccess: refresh,
  });
}
