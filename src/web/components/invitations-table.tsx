import { Button, Group, Table, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Invitation } from '../../shared/api.ts';
import { useRevokeInvitation } from '../api/use-members.ts';
import { useFormatDate } from '../lib/format.ts';
import { RoleBadge } from './role-badge.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';

export function InvitationsTable({ invitations }: { invitations: Invitation[] }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const { workspace } = useCurrentWorkspace();
  const revoke = useRevokeInvitation(workspace.id);

  const confirmRevoke = (invitation: Invitation) =>
    modals.openConfirmModal({
      title: t('members.revokeTitle'),
      children: <Text size="sm">{t('members.revokeConfirm')}</Text>,
      labels: { confirm: t('members.revoke'), cancel: t('app.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        revoke.mutate(invitation.id, {
          onSuccess: () => notifications.show({ color: 'teal', message: t('members.revoked') }),
          onError: (error) => notifications.show({ color: 'red', message: error.message }),
        }),
    });

  return (
    <Table.ScrollContainer minWidth={560} type="native">
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('fields.role')}</Table.Th>
            <Table.Th>{t('fields.email')}</Table.Th>
            <Table.Th>{t('members.created')}</Table.Th>
            <Table.Th>{t('members.expires')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invitations.map((invitation) => (
            <Table.Tr key={invitation.id}>
              <Table.Td>
                <RoleBadge role={invitation.role} />
              </Table.Td>
              <Table.Td>
                {invitation.email ?? (
                  <Text span c="dimmed" size="sm">
                    {t('members.anyone')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {formatDate(invitation.createdAt)}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {formatDate(invitation.expiresAt)}
              </Table.Td>
              <Table.Td>
                <Group justify="flex-end">
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => confirmRevoke(invitation)}
                  >
                    {t('members.revoke')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
