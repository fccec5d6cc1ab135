import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconExternalLink, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Channel, PostTarget } from '../../shared/publishing.ts';
import { useFormatDate } from '../lib/format.ts';
import { ChannelAvatar } from './channel-avatar.tsx';
import { MediaStrip } from './media-strip.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';
import { TargetStatusBadge } from './status-badges.tsx';

const METRICS = ['impressions', 'likes', 'comments', 'shares', 'saves', 'clicks'] as const;

function Metrics({ metrics }: { metrics: NonNullable<PostTarget['metrics']> }) {
  const { t, i18n } = useTranslation();
  const formatDate = useFormatDate();
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed">
        {t('post.metrics')} · {t('post.observedAt', { date: formatDate(metrics.observedAt) })}
      </Text>
      <SimpleGrid cols={{ base: 3, sm: 6 }} spacing="xs">
        {METRICS.filter((key) => metrics[key] !== null).map((key) => (
          <Stack key={key} gap={0}>
            <Text fw={700}>{number.format(metrics[key] ?? 0)}</Text>
            <Text size="xs" c="dimmed">
              {t(`post.${key}`)}
            </Text>
          </Stack>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

/** One channel's version of a post: where it stands, what went wrong, what to do next. */
export function PostTargetCard({
  target,
  channel,
  canPublish,
  retrying,
  onRetry,
  onMarkPublished,
}: {
  target: PostTarget;
  channel: Channel | undefined;
  canPublish: boolean;
  retrying: boolean;
  onRetry: () => void;
  onMarkPublished: () => void;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const { workspace } = useCurrentWorkspace();
  const troubled = target.status === 'failed' || target.status === 'unconfirmed';
  const assistedDue = channel?.assisted && target.status === 'scheduled';
  const canMark = canPublish && (troubled || assistedDue);

  return (
    <Paper
      p="md"
      style={{ borderLeft: `4px solid ${channel?.color ?? 'var(--mantine-color-gray-4)'}` }}
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="sm" wrap="nowrap" miw={0}>
            {channel && <ChannelAvatar channel={channel} size={30} />}
            <Stack gap={0} miw={0}>
              <Text fw={600} truncate>
                {channel?.name ?? t('post.unknownChannel')}
              </Text>
              <Text size="xs" c="dimmed">
                {target.publishedAt
                  ? t('post.publishedAt', { date: formatDate(target.publishedAt) })
                  : target.scheduledAt
                    ? t('post.scheduledFor', { date: formatDate(target.scheduledAt) })
                    : t('post.notScheduled')}
                {target.attempts > 0 && ` · ${t('post.attempts', { count: target.attempts })}`}
              </Text>
            </Stack>
          </Group>
          <TargetStatusBadge status={target.status} />
        </Group>

        {target.title && channel?.limits.maxTitleLength != null && (
          <Text fw={600} size="sm">
            {target.title}
          </Text>
        )}
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} lineClamp={6}>
          {target.text}
        </Text>
        <MediaStrip workspaceId={workspace.id} ids={target.mediaIds} />

        {target.url && (
          <Anchor href={target.url} target="_blank" rel="noreferrer" size="sm">
            <Group gap={4} component="span">
              {t('post.openPublished')} <IconExternalLink size={14} />
            </Group>
          </Anchor>
        )}

        {troubled && (target.lastError || target.errorAction) && (
          <Alert
            color={target.status === 'failed' ? 'red' : 'grape'}
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            title={t(`targetStatus.${target.status}`)}
          >
            <Stack gap={4}>
              {target.lastError && <Text size="sm">{target.lastError}</Text>}
              {target.errorAction && (
                <Text size="sm">
                  <Text span fw={600} inherit>
                    {t('post.whatToDo')}:{' '}
                  </Text>
                  {target.errorAction}
                </Text>
              )}
            </Stack>
          </Alert>
        )}
        {assistedDue && (
          <Text size="xs" c="dimmed">
            {t('post.assistedHint')}
          </Text>
        )}

        {target.metrics && <Metrics metrics={target.metrics} />}

        {canPublish && (target.status === 'failed' || canMark) && (
          <Group gap="xs">
            {target.status === 'failed' && (
              <Button
                size="xs"
                variant="light"
                leftSection={<IconRefresh size={16} />}
                loading={retrying}
                onClick={onRetry}
              >
                {t('post.retry')}
              </Button>
            )}
            {canMark && (
              <Button size="xs" variant="default" onClick={onMarkPublished}>
                {t('post.markPublished')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
