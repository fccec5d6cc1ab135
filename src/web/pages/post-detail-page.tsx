import { Alert, Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconCalendarEvent, IconCheck, IconEdit, IconSend, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Post, PostTarget } from '../../shared/publishing.ts';
import { useChannels } from '../api/use-channels.ts';
import {
  usePost,
  usePostAction,
  usePublishingSettings,
  useRetryTarget,
  type PostAction,
} from '../api/use-posts.ts';
import { MarkPublishedModal } from '../components/mark-published-modal.tsx';
import { PostTargetCard } from '../components/post-target-card.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { RequirePermission } from '../components/require-permission.tsx';
import { ReviewPanel } from '../components/review-panel.tsx';
import { ReviewTimeline } from '../components/review-timeline.tsx';
import { ScheduleModal } from '../components/schedule-modal.tsx';
import { PostStatusBadge } from '../components/status-badges.tsx';
import { useCurrentWorkspace } from '../components/workspace-context.ts';
import { useFormatDate } from '../lib/format.ts';
import { canBeCanceled, canBeScheduled, isEditable, postLabel } from '../lib/post-status.ts';

export function PostDetailPage() {
  return (
    <RequirePermission permission="posts.read">
      <PostDetailLoader />
    </RequirePermission>
  );
}

function PostDetailLoader() {
  const { postId = '' } = useParams();
  const { workspace } = useCurrentWorkspace();
  const post = usePost(workspace.id, postId);
  if (post.isPending) return <LoadingState />;
  if (post.isError) return <ErrorState error={post.error} onRetry={() => void post.refetch()} />;
  return <PostDetail post={post.data} />;
}

function PostDetail({ post }: { post: Post }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const { workspace, can } = useCurrentWorkspace();
  const base = `/w/${workspace.id}`;
  const channels = useChannels(workspace.id);
  const settings = usePublishingSettings(workspace.id);
  const action = usePostAction(workspace.id);
  const retry = useRetryTarget(workspace.id);
  const [scheduleOpen, scheduleModal] = useDisclosure(false);
  const [marking, setMarking] = useState<PostTarget | null>(null);

  const approvalRequired = (settings.data?.approvalSteps.length ?? 0) > 0;
  const channelOf = (id: string) => channels.data?.find((channel) => channel.id === id);
  const canPublish = can('posts.publish');

  const act = (kind: PostAction, message: string) =>
    action.mutate(
      { postId: post.id, action: kind },
      {
        onSuccess: () => notifications.show({ color: 'teal', message }),
        onError: (error) => notifications.show({ color: 'red', message: error.message }),
      },
    );

  const cancel = () =>
    modals.openConfirmModal({
      title: t('post.cancelTitle'),
      children: <Text size="sm">{t('post.cancelConfirm')}</Text>,
      labels: { confirm: t('post.cancel'), cancel: t('post.keep') },
      confirmProps: { color: 'red' },
      onConfirm: () => act('cancel', t('post.canceled')),
    });

  const publishNow = () =>
    modals.openConfirmModal({
      title: t('editor.publishNowTitle'),
      children: <Text size="sm">{t('editor.publishNowConfirm')}</Text>,
      labels: { confirm: t('editor.publishNow'), cancel: t('app.cancel') },
      onConfirm: () => act('publish-now', t('editor.publishing')),
    });

  const retryTarget = (target: PostTarget) =>
    retry.mutate(
      { postId: post.id, targetId: target.id },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: t('post.retried') }),
        onError: (error) => notifications.show({ color: 'red', message: error.message }),
      },
    );

  const busy = action.isPending ? action.variables.action : null;
  const submittable = can('posts.write') && ['draft', 'changes_requested'].includes(post.status);
  const schedulable = canPublish && canBeScheduled(post.status, approvalRequired);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={6} miw={0} style={{ flex: '1 1 320px' }}>
          <Title order={2} style={{ overflowWrap: 'anywhere' }}>
            {postLabel(post, 120)}
          </Title>
          <Group gap="sm">
            <PostStatusBadge status={post.status} />
            <Text size="sm" c="dimmed">
              {post.scheduledAt
                ? t('post.scheduledFor', { date: formatDate(post.scheduledAt) })
                : t('post.notScheduled')}
            </Text>
            <Text size="sm" c="dimmed">
              · {t('post.createdAt', { date: formatDate(post.createdAt) })}
            </Text>
          </Group>
          {post.topics.length > 0 && (
            <Text size="sm" c="teal.8">
              {post.topics.map((topic) => `#${topic}`).join(' ')}
            </Text>
          )}
        </Stack>
        <Group gap="xs">
          {can('posts.write') && isEditable(post.status) && (
            <Button
              component={Link}
              to={`${base}/posts/${post.id}/edit`}
              variant="default"
              leftSection={<IconEdit size={18} />}
            >
              {t('post.edit')}
            </Button>
          )}
          {submittable && (
            <Button
              variant="light"
              leftSection={<IconCheck size={18} />}
              loading={busy === 'submit'}
              onClick={() =>
                act('submit', approvalRequired ? t('post.submitted') : t('post.approvedToast'))
              }
            >
              {approvalRequired ? t('post.submit') : t('post.approve')}
            </Button>
          )}
          {schedulable && (
            <Button leftSection={<IconCalendarEvent size={18} />} onClick={scheduleModal.open}>
              {post.status === 'scheduled' ? t('post.reschedule') : t('editor.schedule')}
            </Button>
          )}
          {schedulable && (
            <Button
              variant="outline"
              leftSection={<IconSend size={18} />}
              loading={busy === 'publish-now'}
              onClick={publishNow}
            >
              {t('editor.publishNow')}
            </Button>
          )}
          {canPublish && canBeCanceled(post.status) && (
            <Button
              variant="subtle"
              color="red"
              leftSection={<IconX size={18} />}
              loading={busy === 'cancel'}
              onClick={cancel}
            >
              {t('post.cancel')}
            </Button>
          )}
        </Group>
      </Group>

      {post.status === 'changes_requested' && (
        <Alert color="orange" variant="light">
          {t('postStatus.changes_requested')}
        </Alert>
      )}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="sm">
            <Title order={4}>{t('post.versions')}</Title>
            {post.targets.map((target) => (
              <PostTargetCard
                key={target.id}
                target={target}
                channel={channelOf(target.channelId)}
                canPublish={canPublish}
                retrying={retry.isPending && retry.variables.targetId === target.id}
                onRetry={() => retryTarget(target)}
                onMarkPublished={() => setMarking(target)}
              />
            ))}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            {post.status === 'in_review' && can('posts.approve') && (
              <ReviewPanel post={post} settings={settings.data} />
            )}
            <Paper p="md">
              <Title order={5} mb="sm">
                {t('post.history')}
              </Title>
              <ReviewTimeline postId={post.id} reviews={post.reviews} />
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>

      {schedulable && (
        <ScheduleModal post={post} opened={scheduleOpen} onClose={scheduleModal.close} />
      )}
      <MarkPublishedModal
        postId={post.id}
        target={marking}
        channelName={marking ? (channelOf(marking.channelId)?.name ?? '') : ''}
        onClose={() => setMarking(null)}
      />
    </Stack>
  );
}
