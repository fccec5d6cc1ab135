import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FeedbackSource, FeedbackStatus, FollowUpState } from '../../shared/feedback.ts';

export const FEEDBACK_STATUS_COLORS: Record<FeedbackStatus, string> = {
  new: 'blue',
  triaged: 'cyan',
  in_progress: 'violet',
  resolved: 'teal',
  adopted: 'green',
  declined: 'gray',
  closed: 'dark',
};

const FOLLOW_UP_COLORS: Record<FollowUpState, string> = {
  none: 'gray',
  to_notify: 'blue',
  notified: 'cyan',
  pending: 'orange',
  confirmed: 'teal',
};

export function FeedbackStatusBadge({ status }: { status: FeedbackStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={FEEDBACK_STATUS_COLORS[status]} miw="fit-content">
      {t(`feedback.statuses.${status}`)}
    </Badge>
  );
}

export function FeedbackSourceBadge({ source }: { source: FeedbackSource }) {
  const { t } = useTranslation();
  return (
    <Badge variant="default" miw="fit-content" tt="none">
      {t(`feedback.sources.${source}`)}
    </Badge>
  );
}

export function FollowUpBadge({ state }: { state: FollowUpState }) {
  const { t } = useTranslation();
  return (
    <Badge variant="dot" color={FOLLOW_UP_COLORS[state]} miw="fit-content" tt="none">
      {t(`feedback.followUpStates.${state}`)}
    </Badge>
  );
}
