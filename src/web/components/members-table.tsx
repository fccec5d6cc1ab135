import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../shared/api.ts';
import { canGrantRole, type Role } from '../../shared/permissions.ts';
import { useRemoveMember, useUpdateMember } from '../api/use-members.ts';
import { useFormatDate } from '../lib/format.ts';
import { grantableRoles } from '../lib/roles.ts';
import { RoleBadge } from './role-badge.tsx';
import { RoleSelect } from './role-select.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';

export function MembersTable({ members }: { members: Member[] }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const { workspace, user, can } = useCurrentWorkspace();
  const update = useUpdateMember(workspace.id);
  const remove = useRemoveMember(workspace.id);
  const roles = grantableRoles(workspace.role);

  // Nobody may act on a member above their own rank, nor change their own role here.
  const manageable = (member: Member) =>
    member.userId !== user.id && canGrantRole(workspace.role, member.role);

  const changeRole = (member: Member, role: Role) => {
    if (role === member.role) return;
    update.mutate(
      { userId: member.userId, body: { role } },
      {
        onSuccess: () =>
          notifications.show({
            color: 'teal',
            message: t('members.roleChanged', { name: member.name, role: t(`roles.${role}`) }),
          }),
        onError: (error) => notifications.show({ color: 'red', message: error.message }),
      },
    );
  };

  const confirmRemove = (member: Member) =>
    modals.openConfirmModal({
      title: t('members.removeTitle'),
      children: (
        <Text size="sm">
          {t('members.removeConfirm', { name: member.name, email: member.email })}
        </Text>
      ),
      labels: { confirm: t('members.remove'), cancel: t('app.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(member.userId, {
          onSuccess: () =>
            notifications.show({
              color: 'teal',
              message: t('members.removed', { name: member.name }),
            }),
          onError: (error) => notifications.show({ color: 'red', message: error.message }),
        }),
    });

  return (
    <Table.ScrollContainer minWidth={560} type="native">
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('members.member')}</Table.Th>
            <Table.Th>{t('fields.role')}</Table.Th>
            <Table.Th>{t('members.joined')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.map((member) => {
            const editable = manageable(member);
            return (
              <Table.Tr key={member.userId}>
                <Table.Td>
                  <Stack gap={0}>
                    <Text fw={600} size="sm">
                      {member.name}
                      {member.userId === user.id && (
                        <Text span c="dimmed" size="sm">
                          {' '}
                          ({t('members.you')})
                        </Text>
                      )}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {member.email}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td miw={170}>
                  {can('members.update') && editable ? (
                    <RoleSelect
                      aria-label={t('members.changeRoleFor', { name: member.name })}
                      roles={roles}
                      value={member.role}
                      onChange={(role) => changeRole(member, role)}
                      disabled={update.isPending}
                      size="xs"
                      w={160}
                    />
                  ) : (
                    <RoleBadge role={member.role} />
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(member.joinedAt)}</Table.Td>
                <Table.Td>
                  <Group justify="flex-end">
                    {can('members.remove') && editable && (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => confirmRemove(member)}
                      >
                        {t('members.remove')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
