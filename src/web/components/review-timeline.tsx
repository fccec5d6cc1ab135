import { Button, Group, Stack, Text, Textarea, Timeline } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconCheck,
  IconMessage,
  IconPencilExclamation,
  IconSend,
  type TablerIcon,
} from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PostReview } from '../../shared/publishing.ts';
import { useMembers } from '../api/use-members.ts';
import { useCommentOnPost } from '../api/use-posts.ts';
import { fieldErrors, formError } from '../lib/field-errors.ts';
import { useFormatDate } from '../lib/format.ts';
import { FormError } from './query-state.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';

const KIND_LOOK: Record<PostReview['kind'], { icon: TablerIcon; color: string }> = {
  submit: { icon: IconSend, color: 'blue' },
  approve: { icon: IconCheck, color: 'teal' },
  request_changes: { icon: IconPencilExclamation, color: 'orange' },
  comment: { icon: IconMessage, color: 'gray' },
};

/** Submissions, approvals, change requests and comments, oldest first, with a comment box. */
export function ReviewTimeline({ postId, reviews }: { postId: string; reviews: PostReview[] }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const { workspace, user, can } = useCurrentWorkspace();
  const members = useMembers(workspace.id, can('members.read'));
  const nameOf = (userId: string) =>
    userId === user.id
      ? user.name
      : (members.data?.find((member) => member.userId === userId)?.name ?? t('post.someone'));

  return (
    <Stack gap="md">
      {reviews.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('post.noHistory')}
        </Text>
      ) : (
        <Timeline bulletSize={26} lineWidth={2}>
          {reviews.map((review) => {
            const look = KIND_LOOK[review.kind];
            return (
              <Timeline.Item
                key={review.id}
                color={look.color}
                bullet={<look.icon size={14} />}
                title={
                  <Text size="sm">
                    <Text span fw={600} inherit>
                      {nameOf(review.userId)}
                    </Text>{' '}
                    {t(`post.kind_${review.kind}`)}
                    {review.step !== null && review.kind !== 'comment'
                      ? ` (${t('post.stepName', { step: review.step + 1 })})`
                      : ''}
                  </Text>
                }
              >
                {review.body && (
                  <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                    {review.body}
                  </Text>
                )}
                <Text size="xs" c="dimmed" mt={4}>
                  {formatDate(review.createdAt)}
                </Text>
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
      <CommentForm postId={postId} />
    </Stack>
  );
}

function CommentForm({ postId }: { postId: string }) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const comment = useCommentOnPost(workspace.id);
  const [body, setBody] = useState('');
  const errorFor = fieldErrors(comment.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    comment.mutate(
      { postId, body: body.trim() },
      {
        onSuccess: () => {
          setBody('');
          notifications.show({ color: 'teal', message: t('post.commented') });
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Textarea
          label={t('post.comment')}
          placeholder={t('post.commentPlaceholder')}
          value={body}
          onChange={(event) => setBody(event.currentTarget.value)}
          error={errorFor('body')}
          autosize
          minRows={2}
          maxRows={8}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              if (body.trim()) event.currentTarget.form?.requestSubmit();
            }
          }}
        />
        <FormError message={formError(comment.error)} />
        <Group justify="flex-end">
          <Button type="submit" variant="light" loading={comment.isPending} disabled={!body.trim()}>
            {t('post.addComment')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
