import { Anchor, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PostStatus } from '../../shared/publishing.ts';
import { usePostCount } from '../api/use-posts.ts';
import { POST_STATUS_COLORS } from '../lib/post-status.ts';
import { useCurrentWorkspace } from './workspace-context.ts';

const COUNTED = ['scheduled', 'failed', 'unconfirmed'] as const satisfies readonly PostStatus[];

function StatusCount({ status }: { status: (typeof COUNTED)[number] }) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const count = usePostCount(workspace.id, status);
  const value = count.data ? `${count.data.count}${count.data.more ? '+' : ''}` : '…';
  const alarming = status !== 'scheduled' && (count.data?.count ?? 0) > 0;
  return (
    <Stack gap={2}>
      <Text fz={26} fw={700} lh={1.1} c={alarming ? `${POST_STATUS_COLORS[status]}.7` : undefined}>
        {count.isError ? '—' : value}
      </Text>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {t(`overview.${status}`)}
      </Text>
    </Stack>
  );
}

/** Scheduled, failed and unconfirmed posts at a glance, with the way to the calendar. */
export function PublishingSummary() {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  return (
    <Paper p="md">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('overview.publishing')}</Title>
        <Anchor component={Link} to={`/w/${workspace.id}/calendar`} size="sm">
          {t('overview.openCalendar')}
        </Anchor>
      </Group>
      <SimpleGrid cols={3}>
        {COUNTED.map((status) => (
          <Anchor
            key={status}
            component={Link}
            to={`/w/${workspace.id}/posts?status=${status}`}
            underline="never"
            c="inherit"
          >
            <StatusCount status={status} />
          </Anchor>
        ))}
      </SimpleGrid>
    </Paper>
  );
}
