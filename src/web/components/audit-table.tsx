import { ActionIcon, Code, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../shared/api.ts';
import { useFormatDate } from '../lib/format.ts';
import { AuditDiff } from './audit-diff.tsx';

export function AuditTable({ events, compact }: { events: AuditEvent[]; compact?: boolean }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());

  const toggle = (id: string) =>
    setOpen((old) => {
      const next = new Set(old);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Table.ScrollContainer minWidth={compact ? 520 : 680} type="native">
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>
              <VisuallyHidden>{t('audit.details')}</VisuallyHidden>
            </Table.Th>
            <Table.Th>{t('audit.time')}</Table.Th>
            <Table.Th>{t('audit.actor')}</Table.Th>
            <Table.Th>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.target')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => {
            const expanded = open.has(event.id);
            return (
              <Fragment key={event.id}>
                <Table.Tr
                  onClick={() => toggle(event.id)}
                  style={{ cursor: 'pointer' }}
                  data-testid="audit-row"
                >
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-expanded={expanded}
                      aria-label={expanded ? t('audit.hideDetails') : t('audit.showDetails')}
                      onClick={(click) => {
                        click.stopPropagation();
                        toggle(event.id);
                      }}
                    >
                      {expanded ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                    </ActionIcon>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {formatDate(event.createdAt)}
                  </Table.Td>
                  <Table.Td>{event.actor.label}</Table.Td>
                  <Table.Td>
                    <Code>{event.action}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{event.targetType}</Text>
                    {event.targetId && (
                      <Text size="xs" c="dimmed" ff="monospace">
                        {event.targetId}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
                {expanded && (
                  <Table.Tr>
                    <Table.Td colSpan={5} bg="var(--mantine-color-gray-0)">
                      <Stack gap="xs" py="xs">
                        <AuditDiff before={event.before} after={event.after} />
                        {(event.ip || event.requestId) && (
                          <Text size="xs" c="dimmed">
                            {event.ip && `${t('audit.ip')}: ${event.ip}`}
                            {event.ip && event.requestId && ' · '}
                            {event.requestId && `${t('audit.requestId')}: ${event.requestId}`}
                          </Text>
                        )}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
