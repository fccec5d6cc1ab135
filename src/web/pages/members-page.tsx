import { Button, Paper, Stack, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconUserPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useInvitations, useMembers } from '../api/use-members.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { InvitationsTable } from '../components/invitations-table.tsx';
import { InviteMemberModal } from '../components/invite-member-modal.tsx';
import { MembersTable } from '../components/members-table.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { RequirePermission } from '../components/require-permission.tsx';
import { useCurrentWorkspace } from '../components/workspace-context.ts';
import { isPast } from '../lib/format.ts';

export function MembersPage() {
  return (
    <RequirePermission permission="members.read">
      <MembersContent />
    </RequirePermission>
  );
}

function MembersContent() {
  const { t } = useTranslation();
  const { workspace, can } = useCurrentWorkspace();
  const canInvite = can('members.invite');
  const members = useMembers(workspace.id);
  const invitations = useInvitations(workspace.id, canInvite);
  const [inviteOpen, invite] = useDisclosure(false);

  const pending = (invitations.data ?? []).filter(
    (item) => !item.acceptedAt && !item.revokedAt && !isPast(item.expiresAt),
  );

  return (
    <>
      <PageHeader
        title={t('members.title')}
        actions={
          canInvite && (
            <Button leftSection={<IconUserPlus size={18} />} onClick={invite.open}>
              {t('members.invite')}
            </Button>
          )
        }
      />
      <Stack gap="lg">
        <Paper>
          {members.isPending ? (
            <LoadingState />
          ) : members.isError ? (
            <ErrorState error={members.error} onRetry={() => void members.refetch()} />
          ) : members.data.length === 0 ? (
            <EmptyState message={t('members.empty')} />
          ) : (
            <MembersTable members={members.data} />
          )}
        </Paper>

        {canInvite && (
          <Stack gap="sm">
            <Title order={4}>{t('members.pending')}</Title>
            <Paper>
              {invitations.isPending ? (
                <LoadingState />
              ) : invitations.isError ? (
                <ErrorState error={invitations.error} onRetry={() => void invitations.refetch()} />
              ) : pending.length === 0 ? (
                <EmptyState message={t('members.noPending')} />
              ) : (
                <InvitationsTable invitations={pending} />
              )}
            </Paper>
          </Stack>
        )}
      </Stack>
      {canInvite && <InviteMemberModal opened={inviteOpen} onClose={invite.close} />}
    </>
  );
}
