import { Code, Paper, Stack, Table, Text, ThemeIcon, VisuallyHidden } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useRoleTable } from '../api/use-workspaces.ts';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { useCurrentWorkspace } from '../components/workspace-context.ts';

export function RolesPage() {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const table = useRoleTable();

  return (
    <>
      <PageHeader title={t('rolesPage.title')} description={t('rolesPage.subtitle')} />
      <Paper>
        {table.isPending ? (
          <LoadingState />
        ) : table.isError ? (
          <ErrorState error={table.error} onRetry={() => void table.refetch()} />
        ) : (
          <Table.ScrollContainer minWidth={900} type="native">
            <Table striped withColumnBorders stickyHeader>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('rolesPage.permission')}</Table.Th>
                  {table.data.roles.map(({ role }) => (
                    <Table.Th
                      key={role}
                      ta="center"
                      bg={
                        role === workspace.role ? 'var(--mantine-primary-color-light)' : undefined
                      }
                    >
                      {t(`roles.${role}`)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {table.data.permissions.map((permission) => (
                  <Table.Tr key={permission}>
                    <Table.Td>
                      <Stack gap={2}>
                        <Text size="sm">{t(`permissions.${permission}`)}</Text>
                        <Code fz="xs" w="fit-content">
                          {permission}
                        </Code>
                      </Stack>
                    </Table.Td>
                    {table.data.roles.map(({ role, permissions }) => (
                      <Table.Td key={role} ta="center">
                        {permissions.includes(permission) ? (
                          <ThemeIcon variant="light" radius="xl" size={24}>
                            <IconCheck size={16} aria-hidden />
                            <VisuallyHidden>{t('rolesPage.granted')}</VisuallyHidden>
                          </ThemeIcon>
                        ) : (
                          <Text c="dimmed" size="sm">
                            <span aria-hidden>·</span>
                            <VisuallyHidden>{t('rolesPage.notGranted')}</VisuallyHidden>
                          </Text>
                        )}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </>
  );
}
