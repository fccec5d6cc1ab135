import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AcceptInvitationBody, InvitationPreview } from '../../shared/api.ts';
import { apiFetch, setCsrfToken } from './client.ts';
import { sessionKey } from './use-session.ts';
import { workspacesKey } from './use-workspaces.ts';

const invitationPath = (token: string) => `/api/v1/invitations/${encodeURIComponent(token)}`;

export function useInvitationPreview(token: string) {
  return useQuery({
    queryKey: ['invitation', token],
    queryFn: () => apiFetch<InvitationPreview>(invitationPath(token), { redirectOn401: false }),
  });
}

export function useAcceptInvitation(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AcceptInvitationBody) =>
      apiFetch<{ workspaceId: string; csrfToken: string }>(`${invitationPath(token)}/accept`, {
        method: 'POST',
        body,
        redirectOn401: false,
      }),
    onSuccess: async (accepted) => {
      setCsrfToken(accepted.csrfToken);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: sessionKey }),
        queryClient.invalidateQueries({ queryKey: workspacesKey }),
      ]);
    },
  });
}
