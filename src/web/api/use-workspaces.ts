import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateWorkspaceBody,
  RoleTable,
  Session,
  UpdateWorkspaceBody,
  Workspace,
} from '../../shared/api.ts';
import { apiFetch } from './client.ts';
import { sessionKey } from './use-session.ts';

export const workspacesKey = ['workspaces'] as const;

export function useWorkspaces() {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: workspacesKey,
    queryFn: async () => (await apiFetch<{ items: Workspace[] }>('/api/v1/workspaces')).items,
    // The session already lists them, so the shell renders without a second spinner.
    initialData: () => queryClient.getQueryData<Session | null>(sessionKey)?.workspaces,
    initialDataUpdatedAt: () => queryClient.getQueryState(sessionKey)?.dataUpdatedAt,
  });
}

function useRefreshWorkspaces() {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: workspacesKey }),
      queryClient.invalidateQueries({ queryKey: sessionKey }),
    ]);
  };
}

export function useCreateWorkspace() {
  const refresh = useRefreshWorkspaces();
  return useMutation({
    mutationFn: (body: CreateWorkspaceBody) =>
      apiFetch<Workspace>('/api/v1/workspaces', { method: 'POST', body }),
    onSuccess: refresh,
  });
}

/** Builds the demo brand workspace (sandbox channels, 90 days of history); takes a few seconds. */
export function useCreateSampleWorkspace() {
  const refresh = useRefreshWorkspaces();
  return useMutation({
    mutationFn: () =>
      apiFetch<Workspace>('/api/v1/workspaces/sample', { method: 'POST', body: {} }),
    onSuccess: refresh,
  });
}

export function useUpdateWorkspace(workspaceId: string) {
  const refresh = useRefreshWorkspaces();
  return useMutation({
    mutationFn: (body: UpdateWorkspaceBody) =>
      apiFetch<Workspace>(`/api/v1/workspaces/${encodeURIComponent(workspaceId)}`, {
        method: 'PATCH',
        body,
      }),
    onSuccess: refresh,
  });
}

export function useRoleTable() {
  return useQuery({
    queryKey: ['roles'],
    queryFn: () => apiFetch<RoleTable>('/api/v1/roles'),
    staleTime: Infinity,
  });
}

/** Path prefix of every workspace-scoped endpoint. */
export function workspacePath(workspaceId: string): string {
  return `/api/v1/workspaces/${encodeURIComponent(workspaceId)}`;
}
