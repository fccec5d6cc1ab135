import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Notification } from '../../shared/publishing.ts';
import { apiFetch } from './client.ts';
import { workspacePath } from './use-workspaces.ts';

const notificationsKey = (workspaceId: string) =>
  ['workspace', workspaceId, 'notifications'] as const;

export function useNotifications(workspaceId: string) {
  return useQuery({
    queryKey: notificationsKey(workspaceId),
    queryFn: () =>
      apiFetch<{ items: Notification[]; unread: number }>(
        `${workspacePath(workspaceId)}/notifications`,
      ),
    refetchInterval: 30_000,
    // A failing bell must not nag: it tries again on the next tick.
    retry: false,
  });
}

export function useMarkNotificationRead(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    /** Without an id, every notification is marked read. */
    mutationFn: (notificationId: string | null) =>
      apiFetch<void>(
        notificationId
          ? `${workspacePath(workspaceId)}/notifications/${encodeURIComponent(notificationId)}/read`
          : `${workspacePath(workspaceId)}/notifications/read`,
        { method: 'POST', body: {} },
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsKey(workspaceId) }),
  });
}
