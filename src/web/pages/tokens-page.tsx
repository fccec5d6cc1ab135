import { Badge, Button, Code, Group, Paper, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ApiToken } from '../../shared/api.ts';
import { useApiTokens, useRevokeApiToken } from '../api/use-tokens.ts';
import { CreateTokenModal } from '../components/create-token-modal.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { RequirePermission } from '../components/require-permission.tsx';
import { RoleBadge } from '../components/role-badge.tsx';
import { useCurrentWorkspace } from '../components/workspace-context.ts';
import { isPast, useFormatDate } from '../lib/format.ts';

export function TokensPage() {
  return (
    <RequirePermission permission="tokens.read">
      <TokensContent />
    </RequirePermission>
  );
}

function TokenStatus({ token }: { token: ApiToken }) {
  const { t } = useTranslation();
  if (token.revokedAt)
    return (
      <Badge color="red" variant="light">
        {t('tokens.revokedState')}
      </Badge>
    );
  if (isPast(token.expiresAt)) {
    return (
      <Badge color="gray" variant="light">
        {t('tokens.expired')}
      </Badge>
    );
  }
  return (
    <Badge color="teal" variant="light">
      {t('tokens.active')}
    </Badge>
  );
}

function TokensContent() {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const { workspace, can } = useCurrentWorkspace();
  const tokens = useApiTokens(workspace.id);
  const revoke = useRevokeApiToken(workspace.id);
  const [createOpen, create] = useDisclosure(false);

  const confirmRevoke = (token: ApiToken) =>
    modals.openConfirmModal({
      title: t('tokens.revokeTitle'),
      children: <Text size="sm">{t('tokens.revokeConfirm', { name: token.name })}</Text>,
      labels: { confirm: t('tokens.revoke'), cancel: t('app.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        revoke.mutate(token.id, {
          onSuccess: () => notifications.show({ color: 'teal', message: t('tokens.revoked') }),
          onError: (error) => notifications.show({ color: 'red', message: error.message }),
        }),
    });

  const createButton = can('tokens.create') && (
    <Button leftSection={<IconPlus size={18} />} onClick={create.open}>
      {t('tokens.create')}
    </Button>
  );

  return (
    <>
      <PageHeader
        title={t('tokens.title')}
        description={t('tokens.subtitle')}
        actions={createButton}
      />
      <Paper>
        {tokens.isPending ? (
          <LoadingState />
        ) : tokens.isError ? (
          <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />
        ) : tokens.data.length === 0 ? (
          <EmptyState message={t('tokens.empty')} />
        ) : (
          <Table.ScrollContainer minWidth={860} type="native">
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('fields.name')}</Table.Th>
                  <Table.Th>{t('tokens.prefix')}</Table.Th>
                  <Table.Th>{t('fields.role')}</Table.Th>
                  <Table.Th>{t('tokens.created')}</Table.Th>
                  <Table.Th>{t('tokens.lastUsed')}</Table.Th>
                  <Table.Th>{t('tokens.expires')}</Table.Th>
                  <Table.Th>{t('tokens.status')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tokens.data.map((token) => (
                  <Table.Tr key={token.id} c={token.revokedAt ? 'dimmed' : undefined}>
                    <Table.Td fw={600}>{token.name}</Table.Td>
                    <Table.Td>
                      <Code>{token.prefix}…</Code>
                    </Table.Td>
                    <Table.Td>
                      <RoleBadge role={token.role} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatDate(token.createdAt)}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatDate(token.lastUsedAt, t('app.never'))}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatDate(token.expiresAt, t('app.never'))}
                    </Table.Td>
                    <Table.Td>
                      <TokenStatus token={token} />
                    </Table.Td>
                    <Table.Td>
                      <Group justify="flex-end">
                        {can('tokens.revoke') && !token.revokedAt && (
                          <Button
                            size="xs"
                            variant="subtle"
                            color="red"
                            onClick={() => confirmRevoke(token)}
                          >
                            {t('tokens.revoke')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {can('tokens.create') && <CreateTokenModal opened={createOpen} onClose={create.close} />}
    </>
  );
}
