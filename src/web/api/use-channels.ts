import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BestTimes,
  Channel,
  CreateChannelBody,
  UpdateChannelBody,
} from '../../shared/publishing.ts';
import { apiFetch } from './client.ts';
import { workspacePath } from './use-workspaces.ts';

export const channelsKey = (workspaceId: string) => ['workspace', workspaceId, 'channels'] as const;

function channelPath(workspaceId: string, channelId: string): string {
  return `${workspacePath(workspaceId)}/channels/${encodeURIComponent(channelId)}`;
}

export function useChannels(workspaceId: string, enabled = true) {
  return useQuery({
    queryKey: channelsKey(workspaceId),
    queryFn: async () =>
      (await apiFetch<{ items: Channel[] }>(`${workspacePath(workspaceId)}/channels`)).items,
    enabled,
  });
}

/** Replaces one channel in the cached list so a health check shows at once. */
function useStoreChannel(workspaceId: string) {
  const queryClient = useQueryClient();
  return (channel: Channel) => {
    queryClient.setQueryData<Channel[]>(channelsKey(workspaceId), (old) =>
      old?.map((item) => (item.id === channel.id ? channel : item)),
    );
    return queryClient.invalidateQueries({ queryKey: channelsKey(workspaceId) });
  };
}

export function useCreateChannel(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateChannelBody) =>
      apiFetch<Channel>(`${workspacePath(workspaceId)}/channels`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: channelsKey(workspaceId) }),
  });
}

export function useUpdateChannel(workspaceId: string) {
  const store = useStoreChannel(workspaceId);
  return useMutation({
    mutationFn: ({ channelId, body }: { channelId: string; body: UpdateChannelBody }) =>
      apiFetch<Channel>(channelPath(workspaceId, channelId), { method: 'PATCH', body }),
    onSuccess: store,
  });
}

export function useDeleteChannel(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (channelId: string) =>
      apiFetch<void>(channelPath(workspaceId, channelId), { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: channelsKey(workspaceId) }),
  });
}

export function useCheckChannel(workspaceId: string) {
  const store = useStoreChannel(workspaceId);
  return useMutation({
    mutationFn: (channelId: string) =>
      apiFetch<Channel>(`${channelPath(workspaceId, channelId)}/check`, {
        method: 'POST',
        body: {},
      }),
    onSuccess: store,
  });
}

/** Shared by the heatmap and the editor's suggested slots, which ask for several channels. */
export function bestTimesOptions(workspaceId: string, channelId: string) {
  return {
    queryKey: ['workspace', workspaceId, 'best-times', channelId] as const,
    queryFn: () => apiFetch<BestTimes>(`${channelPath(workspaceId, channelId)}/best-times`),
    staleTime: 5 * 60_000,
  };
}

export function useBestTimes(workspaceId: string, channelId: string | null) {
  return useQuery({
    ...bestTimesOptions(workspaceId, channelId ?? ''),
    enabled: channelId !== null,
  });
}
