import { Drawer, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CannedReply } from '../../shared/routing.ts';
import { useCannedStats } from '../api/use-routing.ts';
import { useFormatDate } from '../lib/format.ts';
import { ErrorState, LoadingState } from './query-state.tsx';
import { percent } from './routing-csv.ts';
import { useRoutingNames } from './routing-names.ts';

/** How a canned reply is used: by whom, in which language, and what followed. */
export function CannedStatsDrawer({
  workspaceId,
  reply,
  onClose,
}: {
  workspaceId: string;
  reply: CannedReply | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const stats = useCannedStats(workspaceId, reply?.id ?? null);
  const names = useRoutingNames(workspaceId);
  const formatDate = useFormatDate();
  return (
    <Drawer
      opened={reply !== null}
      onClose={onClose}
      position="right"
      title={reply ? t('canned.stats.title', { title: reply.title }) : ''}
    >
      {stats.isPending ? (
        <LoadingState />
      ) : stats.isError ? (
        <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />
      ) : (
        <Stack gap="md">
          <Group grow>
            <Figure label={t('canned.stats.used')} value={String(stats.data.usedCount)} />
            <Figure
              label={t('canned.stats.resolutionRate')}
              value={percent(stats.data.resolutionRate)}
            />
          </Group>
          <Text size="xs" c="dimmed">
            {t('canned.stats.resolutionHint', {
              resolved: stats.data.resolvedAfter,
              total: stats.data.inConversations,
            })}
          </Text>
          <Text size="sm">
            {t('canned.stats.lastUsed', {
              date: formatDate(stats.data.lastUsedAt, t('app.never')),
            })}
          </Text>
          <Text size="sm">
            {stats.data.byLanguage
              .map((entry) => `${entry.language === 'zh' ? '中文' : 'English'}: ${entry.count}`)
              .join(' · ') || '—'}
          </Text>
          {stats.data.byUser.length > 0 && (
            <Table fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('canned.stats.who')}</Table.Th>
                  <Table.Th ta="right">{t('canned.stats.times')}</Table.Th>
                  <Table.Th>{t('canned.stats.last')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {stats.data.byUser.map((entry) => (
                  <Table.Tr key={entry.userId ?? 'auto'}>
                    <Table.Td>
                      {entry.userId ? names.person(entry.userId) : t('canned.stats.automatic')}
                    </Table.Td>
                    <Table.Td ta="right">{entry.count}</Table.Td>
                    <Table.Td>{formatDate(entry.lastUsedAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
    </Drawer>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fz={24} fw={700}>
        {value}
      </Text>
    </div>
  );
}
