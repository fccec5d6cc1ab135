import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreatedInvitation,
  CreateInvitationBody,
  Invitation,
  Member,
  UpdateMemberBody,
} from '../../shared/api.ts';
import { apiFetch } from './client.ts';
import { workspacePath } from './use-workspaces.ts';

const membersKey = (workspaceId: string) => ['workspace', workspaceId, 'members'] as const;
const invitationsKey = (workspaceId: string) => ['workspace', workspaceId, 'invitations'] as const;

export function useMembers(workspaceId: string, enabled = true) {
  return useQuery({
    queryKey: membersKey(workspaceId),
    queryFn: async () =>
      (await apiFetch<{ items: Member[] }>(`${workspacePath(workspaceId)}/members`)).items,
    enabled,
  });
}

export function useUpdateMember(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, body }: { userId: string; body: UpdateMemberBody }) =>
      apiFetch<Member>(`${workspacePath(workspaceId)}/members/${encodeURIComponent(userId)}`, {
        method: 'PATCH',
        body,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersKey(workspaceId) }),
  });
}

export function useRemoveMember(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      apiFetch<void>(`${workspacePath(workspaceId)}/members/${encodeURIComponent(userId)}`, {
        method: 'DELETE',
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersKey(workspaceId) }),
  });
}

export function useInvitations(workspaceId: string, enabled = true) {
  return useQuery({
    queryKey: invitationsKey(workspaceId),
    queryFn: async () =>
      (await apiFetch<{ items: Invitation[] }>(`${workspacePath(workspaceId)}/invitations`)).items,
    enabled,
  });
}

export function useCreateInvitation(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateInvitationBody) =>
      apiFetch<CreatedInvitation>(`${workspacePath(workspaceId)}/invitations`, {
        method: 'POST',
        body,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsKey(workspaceId) }),
  });
}

export function useRevokeInvitation(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) =>
      apiFetch<void>(
        `${workspacePath(workspaceId)}/invitations/${encodeURIComponent(invitationId)}`,
        { method: 'DELETE' },
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsKey(workspaceId) }),
  });
}
