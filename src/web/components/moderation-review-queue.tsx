import {
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowUpRight, IconEyeOff, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewDecision, ReviewItem, ReviewStatus } from '../../shared/moderation.ts';
import { useDecideReview, useReviews } from '../api/use-moderation.ts';
import { useFormatDate } from '../lib/format.ts';
import { EmptyState } from './empty-state.tsx';
import {
  ActionBadge,
  CategoryBadge,
  HighlightedText,
  SeverityBadge,
} from './moderation-highlight.tsx';
import { ErrorState, LoadingState } from './query-state.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';

type QueueView = 'pending' | 'escalated' | 'all';

const STATUS_COLORS: Record<ReviewStatus, string> = {
  open: 'blue',
  escalated: 'red',
  dismissed: 'gray',
  hidden: 'dark',
};

/** Messages the lists caught, oldest first, with the decisions a reviewer can take. */
export function ModerationReviewQueue({ onShowLists }: { onShowLists: () => void }) {
  const { t } = useTranslation();
  const { workspace, can } = useCurrentWorkspace();
  const [view, setView] = useState<QueueView>('pending');
  const reviews = useReviews(workspace.id, view);
  const items = reviews.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="md">
      <SegmentedControl
        value={view}
        onChange={(value) => setView(value as QueueView)}
        data={[
          { value: 'pending', label: t('moderation.queue.pending') },
          { value: 'escalated', label: t('moderation.queue.escalated') },
          { value: 'all', label: t('moderation.queue.all') },
        ]}
        w="fit-content"
        aria-label={t('moderation.queue.filter')}
      />
      {reviews.isPending ? (
        <LoadingState />
      ) : reviews.isError ? (
        <ErrorState error={reviews.error} onRetry={() => void reviews.refetch()} />
      ) : items.length === 0 ? (
        <Paper>
          <EmptyState
            message={
              view === 'all' ? t('moderation.queue.emptyHistory') : t('moderation.queue.empty')
            }
            action={
              view !== 'all' && (
                <Button variant="light" onClick={onShowLists}>
                  {t('moderation.queue.toLists')}
                </Button>
              )
            }
          />
        </Paper>
      ) : (
        <Stack gap="sm">
          {items.map((item) => (
            <ReviewCard key={item.id} item={item} canDecide={can('moderation.manage')} />
          ))}
          {reviews.hasNextPage && (
            <Button
              variant="default"
              onClick={() => void reviews.fetchNextPage()}
              loading={reviews.isFetchingNextPage}
              w="fit-content"
            >
              {t('app.loadMore')}
            </Button>
          )}
        </Stack>
      )}
    </Stack>
  );
}

function ReviewCard({ item, canDecide }: { item: ReviewItem; canDecide: boolean }) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const decide = useDecideReview(workspace.id);
  const formatDate = useFormatDate();
  const [note, setNote] = useState('');
  const pending = item.status === 'open' || item.status === 'escalated';
  const lists = [...new Map(item.matches.map((m) => [m.listId, m])).values()];

  const take = (decision: ReviewDecision) =>
    decide.mutate(
      { reviewId: item.id, body: { decision, ...(note.trim() ? { note: note.trim() } : {}) } },
      {
        onSuccess: () =>
          notifications.show({ color: 'teal', message: t(`moderation.queue.done.${decision}`) }),
        onError: (error) =>
          notifications.show({ color: 'red', message: error.message, autoClose: 10_000 }),
      },
    );

  return (
    <Paper p="md" withBorder component="article" aria-label={t('moderation.queue.item')}>
      <Group justify="space-between" gap="xs" mb="xs">
        <Group gap={6}>
          <Badge size="sm" variant="light" color={STATUS_COLORS[item.status]}>
            {t(`moderation.statuses.${item.status}`)}
          </Badge>
          <ActionBadge action={item.action} />
          <SeverityBadge severity={item.severity} />
        </Group>
        <Text size="xs" c="dimmed">
          {t('moderation.queue.caught', { date: formatDate(item.createdAt) })}
        </Text>
      </Group>
      <HighlightedText text={item.text} matches={item.matches} />
      <Group gap={6} mt="xs">
        <Text size="xs" c="dimmed">
          {t('moderation.queue.caughtBy')}
        </Text>
        {lists.map((match) => (
          <Group key={match.listId} gap={4}>
            <Text size="xs">{match.listName}</Text>
            <CategoryBadge category={match.category} />
          </Group>
        ))}
      </Group>
      <Text size="xs" c="dimmed" mt={4}>
        {item.subject.channelId
          ? t('moderation.queue.subjectOnChannel', {
              id: item.subject.id,
              channel: item.subject.channelId,
            })
          : t('moderation.queue.subject', { id: item.subject.id })}
      </Text>
      {item.decidedBy && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('moderation.queue.decided', {
            name: item.decidedBy.label,
            date: formatDate(item.decidedAt),
          })}
          {item.note ? ` — ${item.note}` : ''}
        </Text>
      )}
      {canDecide && pending && (
        <Group mt="sm" gap="xs" align="flex-end">
          <TextInput
            size="xs"
            label={t('moderation.queue.note')}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            maxLength={2000}
            style={{ flex: 1, minWidth: 180 }}
          />
          <Button
            size="xs"
            variant="default"
            leftSection={<IconX size={14} />}
            onClick={() => take('dismiss')}
            loading={decide.isPending && decide.variables.body.decision === 'dismiss'}
          >
            {t('moderation.queue.dismiss')}
          </Button>
          <Button
            size="xs"
            color="dark"
            leftSection={<IconEyeOff size={14} />}
            onClick={() => take('hide')}
            loading={decide.isPending && decide.variables.body.decision === 'hide'}
          >
            {t('moderation.queue.hide')}
          </Button>
          {item.status === 'open' && (
            <Button
              size="xs"
              color="red"
              variant="light"
              leftSection={<IconArrowUpRight size={14} />}
              onClick={() => take('escalate')}
              loading={decide.isPending && decide.variables.body.decision === 'escalate'}
            >
              {t('moderation.queue.escalate')}
            </Button>
          )}
        </Group>
      )}
    </Paper>
  );
}
