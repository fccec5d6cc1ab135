import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconClockHour4 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SlaTimer } from '../../shared/routing.ts';
import { useSlaTimers } from '../api/use-routing.ts';
import { useFormatDate } from '../lib/format.ts';

const COLOR: Record<SlaTimer['status'], string> = {
  running: 'blue',
  met: 'teal',
  breached: 'red',
  canceled: 'gray',
};

/** The conversation's SLA timers (first response, next response, resolution) as badges. */
export function InboxSlaTimers({
  workspaceId,
  conversationId,
}: {
  workspaceId: string;
  conversationId: string;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const timers = useSlaTimers(workspaceId, conversationId);
  const shown = (timers.data ?? []).filter((timer) => timer.status !== 'canceled');
  if (shown.length === 0) return null;
  return (
    <Group gap={6} aria-label={t('inbox.sla.title')}>
      <IconClockHour4 size={14} />
      {shown.map((timer) => {
        const state =
          timer.status === 'met'
            ? t('inbox.sla.met')
            : timer.status === 'breached'
              ? t('inbox.sla.breached', { when: formatDate(timer.breachedAt ?? timer.dueAt) })
              : t('inbox.sla.dueIn', { when: formatDate(timer.dueAt) });
        return (
          <Tooltip key={timer.id} label={formatDate(timer.dueAt)}>
            <Badge size="sm" variant="light" color={COLOR[timer.status]}>
              <Text span size="xs" fw={600}>
                {t(`sla.kinds.${timer.kind}`)}
              </Text>{' '}
              · {state}
            </Badge>
          </Tooltip>
        );
      })}
    </Group>
  );
}
