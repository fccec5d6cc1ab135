import { Badge, Drawer, Group, List, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../shared/publishing.ts';
import { useBestTimes } from '../api/use-channels.ts';
import { formatSlot, hourLabel } from '../lib/time-labels.ts';
import { EmptyState } from './empty-state.tsx';
import { ErrorState, LoadingState } from './query-state.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';

// ECharts is large: load it only when someone opens a heatmap.
const BestTimesHeatmap = lazy(async () => ({
  default: (await import('./best-times-heatmap.tsx')).BestTimesHeatmap,
}));

export function BestTimesDrawer({
  channel,
  onClose,
}: {
  channel: Channel | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Drawer
      opened={channel !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={channel ? t('bestTimes.title', { name: channel.name }) : ''}
    >
      {channel && <BestTimesContent channel={channel} />}
    </Drawer>
  );
}

function BestTimesContent({ channel }: { channel: Channel }) {
  const { t, i18n } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const bestTimes = useBestTimes(workspace.id, channel.id);

  if (bestTimes.isPending) return <LoadingState />;
  if (bestTimes.isError) {
    return <ErrorState error={bestTimes.error} onRetry={() => void bestTimes.refetch()} />;
  }
  const data = bestTimes.data;
  const hasData = data.grid.some((row) => row.some((value) => value !== null));

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('bestTimes.basis', { count: data.sampleSize, timezone: data.timezone })}
      </Text>
      {hasData ? (
        <Suspense fallback={<LoadingState minHeight={300} />}>
          <BestTimesHeatmap bestTimes={data} />
        </Suspense>
      ) : (
        <EmptyState message={t('bestTimes.noData')} />
      )}
      {data.bestHour !== null && (
        <Badge variant="light" size="lg" w="fit-content" tt="none">
          {t('bestTimes.bestHour', { hour: hourLabel(data.bestHour) })}
        </Badge>
      )}
      <Title order={5}>{t('bestTimes.suggestions')}</Title>
      {data.suggestions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('bestTimes.noSuggestions')}
        </Text>
      ) : (
        <List spacing="xs" listStyleType="none" p={0}>
          {data.suggestions.map((slot) => (
            <List.Item key={slot.at}>
              <Group gap="sm" justify="space-between" wrap="nowrap">
                <Text size="sm">{formatSlot(slot.at, i18n.language)}</Text>
                <Badge variant="outline" color="teal" tt="none">
                  {t('bestTimes.score', { score: slot.score.toFixed(2) })}
                </Badge>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
