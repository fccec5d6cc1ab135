import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Menu,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconDots, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Series } from '../../shared/content.ts';
import { useDeleteSeries, useSeries, useTopics, useUpdateSeries } from '../api/use-content.ts';
import { useFormatDate } from '../lib/format.ts';
import { EmptyState } from './empty-state.tsx';
import { ErrorState, LoadingState } from './query-state.tsx';
import { SeriesFormModal, type SeriesDialog } from './series-form-modal.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';

/**
 * The workspace's series (系列化): each with its cadence and how this period is going, its item
 * counts, and the way to its items on the board. Archived series are listed apart.
 */
export function SeriesPanel({
  canEdit,
  onShowItems,
}: {
  canEdit: boolean;
  onShowItems: (seriesId: string) => void;
}) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const series = useSeries(workspace.id);
  const topics = useTopics(workspace.id);
  const [dialog, setDialog] = useState<SeriesDialog>(null);

  const topicName = (topicId: string | null) =>
    topicId ? (topics.data ?? []).find((topic) => topic.id === topicId)?.name : undefined;
  const active = (series.data ?? []).filter((entry) => entry.archivedAt === null);
  const archived = (series.data ?? []).filter((entry) => entry.archivedAt !== null);

  return (
    <Stack gap="md">
      <Group justify="space-between" gap="xs">
        <div>
          <Title order={4}>{t('series.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('series.subtitle')}
          </Text>
        </div>
        {canEdit && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog({ series: null })}>
            {t('series.new')}
          </Button>
        )}
      </Group>
      {series.isPending ? (
        <LoadingState minHeight={120} />
      ) : series.isError ? (
        <ErrorState error={series.error} onRetry={() => void series.refetch()} />
      ) : active.length === 0 && archived.length === 0 ? (
        <Paper>
          <EmptyState
            message={t('series.empty')}
            action={
              canEdit && (
                <Button onClick={() => setDialog({ series: null })}>{t('series.new')}</Button>
              )
            }
          />
        </Paper>
      ) : (
        <>
          {active.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('series.allArchived')}
            </Text>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
              {active.map((entry) => (
                <SeriesCard
                  key={entry.id}
                  series={entry}
                  topicName={topicName(entry.topicId)}
                  canEdit={canEdit}
                  onEdit={() => setDialog({ series: entry })}
                  onShowItems={() => onShowItems(entry.id)}
                />
              ))}
            </SimpleGrid>
          )}
          {archived.length > 0 && (
            <Stack gap="xs">
              <Title order={5} c="dimmed">
                {t('series.archived', { count: archived.length })}
              </Title>
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
                {archived.map((entry) => (
                  <SeriesCard
                    key={entry.id}
                    series={entry}
                    topicName={topicName(entry.topicId)}
                    canEdit={canEdit}
                    onEdit={() => setDialog({ series: entry })}
                    onShowItems={() => onShowItems(entry.id)}
                  />
                ))}
              </SimpleGrid>
            </Stack>
          )}
        </>
      )}
      <SeriesFormModal dialog={dialog} onClose={() => setDialog(null)} />
    </Stack>
  );
}

function SeriesCard({
  series,
  topicName,
  canEdit,
  onEdit,
  onShowItems,
}: {
  series: Series;
  topicName: string | undefined;
  canEdit: boolean;
  onEdit: () => void;
  onShowItems: () => void;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const { workspace } = useCurrentWorkspace();
  const update = useUpdateSeries(workspace.id);
  const remove = useDeleteSeries(workspace.id);
  const archived = series.archivedAt !== null;
  const cadence = series.cadence;
  const behind = !archived && cadence !== null && (series.usedThisPeriod ?? 0) < cadence.count;

  const setArchived = (value: boolean) =>
    update.mutate(
      { seriesId: series.id, body: { archived: value } },
      {
        onSuccess: () =>
          notifications.show({
            color: 'teal',
            message: value ? t('series.archivedDone') : t('series.restoredDone'),
          }),
        onError: (error) => notifications.show({ color: 'red', message: error.message }),
      },
    );

  const confirmDelete = () =>
    modals.openConfirmModal({
      title: t('series.deleteTitle'),
      children: (
        <Text size="sm">
          {t('series.deleteConfirm', { name: series.name, count: series.itemCount })}
        </Text>
      ),
      labels: { confirm: t('content.delete'), cancel: t('app.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(series.id, {
          onSuccess: () => notifications.show({ color: 'teal', message: t('series.deleted') }),
          onError: (error) => notifications.show({ color: 'red', message: error.message }),
        }),
    });

  return (
    <Paper
      withBorder
      p="sm"
      component="article"
      aria-label={series.name}
      style={archived ? { opacity: 0.75 } : undefined}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          <Stack gap={2} miw={0}>
            <Text fw={600} truncate>
              {series.name}
            </Text>
            {topicName && (
              <Text size="xs" c="dimmed" truncate>
                {topicName}
              </Text>
            )}
          </Stack>
          {canEdit && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={t('content.actionsFor', { name: series.name })}
                >
                  <IconDots size={16} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={onEdit}>{t('series.edit')}</Menu.Item>
                <Menu.Item onClick={() => setArchived(!archived)}>
                  {archived ? t('series.restore') : t('series.archive')}
                </Menu.Item>
                <Menu.Item color="red" onClick={confirmDelete}>
                  {t('content.delete')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
        {series.description && (
          <Text size="sm" lineClamp={2}>
            {series.description}
          </Text>
        )}
        <Group gap={6}>
          {archived && (
            <Badge size="sm" color="gray" variant="light">
              {t('series.archivedBadge')}
            </Badge>
          )}
          {cadence ? (
            <Badge size="sm" variant="light" color={behind ? 'orange' : 'teal'} tt="none">
              {t(`series.progress.${cadence.period}`, {
                used: series.usedThisPeriod ?? 0,
                count: cadence.count,
              })}
            </Badge>
          ) : (
            <Badge size="sm" variant="outline" color="gray" tt="none">
              {t('series.noCadence')}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {t('series.counts', { items: series.itemCount, used: series.usedCount })}
          {series.lastUsedAt &&
            ` · ${t('series.lastUsed', { date: formatDate(series.lastUsedAt) })}`}
        </Text>
        <Group gap="xs">
          <Button size="compact-sm" variant="light" onClick={onShowItems}>
            {t('series.showItems', { count: series.itemCount })}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
