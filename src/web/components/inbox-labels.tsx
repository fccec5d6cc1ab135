import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  INTENTS,
  type InboxIntent,
  type InboxPriority,
  type InboxSentiment,
} from '../../shared/inbox.ts';

export const PRIORITY_COLORS: Record<InboxPriority, string> = {
  low: 'gray',
  normal: 'blue',
  high: 'orange',
  urgent: 'red',
};

export const SENTIMENT_COLORS: Record<InboxSentiment, string> = {
  negative: 'red',
  neutral: 'gray',
  positive: 'teal',
};

export function isKnownIntent(value: string | null): value is InboxIntent {
  return value !== null && (INTENTS as readonly string[]).includes(value);
}

export function PriorityBadge({ priority }: { priority: InboxPriority }) {
  const { t } = useTranslation();
  if (priority === 'normal') return null;
  return (
    <Badge
      size="xs"
      variant={priority === 'urgent' ? 'filled' : 'light'}
      color={PRIORITY_COLORS[priority]}
    >
      {t(`inbox.priorities.${priority}`)}
    </Badge>
  );
}

export function SentimentBadge({ sentiment }: { sentiment: InboxSentiment | null }) {
  const { t } = useTranslation();
  if (!sentiment) return null;
  return (
    <Badge size="xs" variant="dot" color={SENTIMENT_COLORS[sentiment]}>
      {t(`inbox.sentiments.${sentiment}`)}
    </Badge>
  );
}

export function IntentBadge({ intent, tooltip }: { intent: string | null; tooltip?: string }) {
  const { t } = useTranslation();
  if (!intent) return null;
  const label = isKnownIntent(intent) ? t(`inbox.intents.${intent}`) : intent;
  const badge = (
    <Badge size="xs" variant="outline" color="grape">
      {label}
    </Badge>
  );
  return tooltip ? <Tooltip label={tooltip}>{badge}</Tooltip> : badge;
}
