import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiToken, CreateApiTokenBody, CreatedApiToken } from '../../shared/api.ts';
import { apiFetch } from './client.ts';
import { workspacePath } from './use-workspaces.ts';

const tokensKey = (workspaceId: string) => ['workspace', workspaceId, 'tokens'] as const;

export function useApiTokens(workspaceId: string, enabled = true) {
  return useQuery({
    queryKey: tokensKey(workspaceId),
    queryFn: async () =>
      (await apiFetch<{ items: ApiToken[] }>(`${workspacePath(workspaceId)}/tokens`)).items,
    enabled,
  });
}

export function useCreateApiToken(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiTokenBody) =>
      apiFetch<CreatedApiToken>(`${workspacePath(workspaceId)}/tokens`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey(workspaceId) }),
  });
}

export function useRevokeApiToken(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) =>
      apiFetch<void>(`${workspacePath(workspaceId)}/tokens/${encodeURIComponent(tokenId)}`, {
        method: 'DELETE',
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey(workspaceId) }),
  });
}
