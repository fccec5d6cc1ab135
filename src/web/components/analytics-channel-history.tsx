import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useBackfills, useRequestBackfill } from '../api/use-analytics.ts';
import { useChannels } from '../api/use-channels.ts';
import { useFormatDate } from '../lib/format.ts';
import { useCurrentWorkspace } from './workspace-context.ts';

const COLORS = { queued: 'yellow', running: 'yellow', completed: 'teal', failed: 'red' } as const;

/** Each channel's history backfill: what it found, and a way to fetch it again. */
export function ChannelHistory() {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const { workspace, can } = useCurrentWorkspace();
  const channels = useChannels(workspace.id);
  const backfills = useBackfills(workspace.id);
  const request = useRequestBackfill(workspace.id);
  const byChannel = new Map((backfills.data ?? []).map((b) => [b.channelId, b]));
  const list = (channels.data ?? []).filter((c) => !c.assisted && c.platform !== 'webhook');
  if (list.length === 0) return null;
  return (
    <Paper p="md" withBorder aria-labelledby="channel-history-title">
      <Title order={4} id="channel-history-title">
        {t('analytics.history.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('analytics.history.hint')}
      </Text>
      <Stack gap="xs">
        {list.map((channel) => {
          const backfill = byChannel.get(channel.id);
          return (
            <Group key={channel.id} justify="space-between" wrap="nowrap" gap="sm">
              <Stack gap={0}>
                <Group gap="xs">
                  <Text size="sm" fw={500}>
                    {channel.name}
                  </Text>
                  {backfill && (
                    <Badge size="xs" variant="light" color={COLORS[backfill.status]}>
                      {t(`analytics.history.statuses.${backfill.status}`)}
                    </Badge>
                  )}
                </Group>
                <Text size="xs" c="dimmed">
                  {backfill?.status === 'completed'
                    ? t('analytics.history.found', {
                        posts: backfill.postsFound,
                        created: backfill.postsCreated,
                        snapshots: backfill.snapshots,
                        days: backfill.followerDays,
                        when: formatDate(backfill.finishedAt),
                      })
                    : backfill?.error
                      ? backfill.error
                      : !backfill
                        ? t('analytics.history.never')
                        : null}
                </Text>
              </Stack>
              {can('analytics.import') && (
                <Button
                  size="xs"
                  variant="default"
                  loading={request.isPending && request.variables === channel.id}
                  disabled={backfill?.status === 'queued' || backfill?.status === 'running'}
                  onClick={() =>
                    request.mutate(channel.id, {
                      onError: (error) =>
                        notifications.show({ color: 'red', message: error.message }),
                    })
                  }
                >
                  {t('analytics.history.fetch')}
                </Button>
              )}
            </Group>
          );
        })}
      </Stack>
    </Paper>
  );
}
