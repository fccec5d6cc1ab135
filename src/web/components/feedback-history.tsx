import { Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type {
  FeedbackEvent,
  FeedbackSource,
  FeedbackStatus,
  FollowUpOutcome,
} from '../../shared/feedback.ts';
import { useFeedbackHistory } from '../api/use-feedback.ts';
import { useFormatDate } from '../lib/format.ts';
import { ErrorState, LoadingState } from './query-state.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';

/** A ticket's history, oldest first: how it came in and everything done to it since. */
export function FeedbackHistory({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const formatDate = useFormatDate();
  const history = useFeedbackHistory(workspace.id, ticketId);
  if (history.isPending) return <LoadingState minHeight={60} />;
  if (history.isError)
    return <ErrorState error={history.error} onRetry={() => void history.refetch()} />;

  const describe = (event: FeedbackEvent): string => {
    const detail = event.detail;
    const statusName = (value: unknown) =>
      typeof value === 'string' ? t(`feedback.statuses.${value as FeedbackStatus}`) : '';
    switch (event.kind) {
      case 'created':
        return t('feedback.history.created', {
          source: t(`feedback.sources.${detail.source as FeedbackSource}`),
        });
      case 'status':
        return `${t('feedback.history.status', { from: statusName(detail.from), to: statusName(detail.to) })}${detail.withTicket ? ` ${t('feedback.history.withCluster')}` : ''}`;
      case 'updated': {
        const labels: Record<string, string> = {
          category_id: t('feedback.ticket.category'),
          department_id: t('feedback.ticket.department'),
          owner_id: t('feedback.ticket.owner'),
          deadline: t('feedback.ticket.deadline'),
          urgency: t('feedback.score.urgency'),
          cost: t('feedback.score.cost'),
          impact_override: t('feedback.score.impact'),
          raiser_followers: t('feedback.ticket.followers'),
          raiser_vip: t('feedback.ticket.vip'),
          public_title: t('feedback.ticket.publicTitle'),
          on_board: t('feedback.statusModal.onBoard'),
        };
        const fields = Array.isArray(detail.fields) ? (detail.fields as string[]) : [];
        return t('feedback.history.updated', {
          fields: fields.map((field) => labels[field] ?? field).join(', '),
        });
      }
      case 'merged':
        return t('feedback.history.merged');
      case 'split':
        return t('feedback.history.split');
      case 'raiser_notified':
        return t('feedback.history.raiser_notified');
      case 'raiser_not_notified':
        return t('feedback.history.raiser_not_notified', { reason: String(detail.reason ?? '') });
      case 'follow_up':
        return t('feedback.history.follow_up', {
          outcome: t(`feedback.outcomes.${detail.outcome as FollowUpOutcome}`),
        });
      default:
        return event.kind;
    }
  };

  return (
    <Timeline bulletSize={14} lineWidth={2}>
      {history.data.map((event) => (
        <Timeline.Item key={event.id} title={<Text size="sm">{describe(event)}</Text>}>
          {typeof event.detail.note === 'string' && (
            <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
              {event.detail.note}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {event.actor.label} · {formatDate(event.createdAt)}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
