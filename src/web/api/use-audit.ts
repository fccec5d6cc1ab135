import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { AuditPage, AuditQuery } from '../../shared/api.ts';
import { apiFetch } from './client.ts';
import { workspacePath } from './use-workspaces.ts';

export type AuditFilters = Omit<AuditQuery, 'cursor' | 'limit'>;

const PAGE_SIZE = 50;

export function useAuditLog(workspaceId: string, filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['workspace', workspaceId, 'audit', filters],
    queryFn: ({ pageParam }) =>
      apiFetch<AuditPage>(`${workspacePath(workspaceId)}/audit`, {
        query: { ...filters, cursor: pageParam, limit: PAGE_SIZE },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useRecentAudit(workspaceId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['workspace', workspaceId, 'audit', 'recent'],
    queryFn: () =>
      apiFetch<AuditPage>(`${workspacePath(workspaceId)}/audit`, { query: { limit: 10 } }),
    enabled,
  });
}
