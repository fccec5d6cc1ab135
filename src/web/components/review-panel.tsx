import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconPencilExclamation } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Post, PublishingSettings } from '../../shared/publishing.ts';
import { usePostAction, type PostAction } from '../api/use-posts.ts';
import { FormError } from './query-state.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';

/** For reviewers of a post in review: approve the current step or ask for changes. */
export function ReviewPanel({
  post,
  settings,
}: {
  post: Post;
  settings: PublishingSettings | undefined;
}) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const action = usePostAction(workspace.id);
  const [comment, setComment] = useState('');
  const steps = settings?.approvalSteps ?? [];
  const step = steps[post.approvalStep];

  const review = (kind: Extract<PostAction, 'approve' | 'request-changes'>) =>
    action.mutate(
      { postId: post.id, action: kind, comment: comment.trim() || undefined },
      {
        onSuccess: () => {
          setComment('');
          notifications.show({
            color: 'teal',
            message: kind === 'approve' ? t('post.approvedToast') : t('post.changesRequested'),
          });
        },
      },
    );

  return (
    <Paper p="md" style={{ borderColor: 'var(--mantine-color-yellow-5)' }}>
      <Stack gap="sm">
        <Title order={5}>{t('post.review')}</Title>
        {step && (
          <Text size="sm" c="dimmed">
            {t('post.step', { step: post.approvalStep + 1, total: steps.length, name: step.name })}
          </Text>
        )}
        <Textarea
          label={t('post.reviewComment')}
          placeholder={t('post.reviewCommentPlaceholder')}
          value={comment}
          onChange={(event) => setComment(event.currentTarget.value)}
          autosize
          minRows={2}
          maxRows={8}
        />
        <FormError message={action.error ? action.error.message : null} />
        <Group gap="sm">
          <Button
            color="teal"
            leftSection={<IconCheck size={18} />}
            loading={action.isPending && action.variables.action === 'approve'}
            disabled={action.isPending}
            onClick={() => review('approve')}
          >
            {t('post.approve')}
          </Button>
          <Button
            variant="light"
            color="orange"
            leftSection={<IconPencilExclamation size={18} />}
            loading={action.isPending && action.variables.action === 'request-changes'}
            disabled={action.isPending}
            onClick={() => review('request-changes')}
          >
            {t('post.requestChanges')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
