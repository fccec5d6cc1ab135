import { Anchor, Badge, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Member } from '../../shared/api.ts';
import type { FeedbackSettings, FeedbackTicket } from '../../shared/feedback.ts';
import { useFormatDate } from '../lib/format.ts';
import { FeedbackSourceBadge, FeedbackStatusBadge, FollowUpBadge } from './feedback-badges.tsx';
import { FeedbackScoreBadge } from './feedback-score.tsx';

/** Names of the workspace's categories, departments and members, by id. */
export interface FeedbackNames {
  category: (id: string | null) => string | null;
  department: (id: string | null) => string | null;
  member: (id: string | null) => string | null;
}

export function excerpt(text: string, length = 90): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > length ? `${line.slice(0, length - 1)}…` : line;
}

export function FeedbackTicketsTable({
  tickets,
  names,
  base,
  showFollowUp,
}: {
  tickets: FeedbackTicket[];
  names: FeedbackNames;
  base: string;
  showFollowUp?: boolean;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <Table.ScrollContainer minWidth={860} type="native">
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('feedback.columns.feedback')}</Table.Th>
            <Table.Th w={150}>{t('feedback.columns.status')}</Table.Th>
            <Table.Th>{t('feedback.columns.score')}</Table.Th>
            <Table.Th>{t('feedback.columns.assignment')}</Table.Th>
            <Table.Th>{t('feedback.columns.deadline')}</Table.Th>
            <Table.Th>{t('feedback.columns.received')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tickets.map((ticket) => {
            const category = names.category(ticket.categoryId);
            return (
              <Table.Tr key={ticket.id}>
                <Table.Td maw={420}>
                  <Stack gap={4}>
                    <Anchor component={Link} to={`${base}/${ticket.id}`} size="sm" lineClamp={2}>
                      {excerpt(ticket.text)}
                    </Anchor>
                    <Group gap={6}>
                      <FeedbackSourceBadge source={ticket.source} />
                      {category && (
                        <Badge variant="outline" size="sm" tt="none">
                          {category}
                        </Badge>
                      )}
                      {ticket.cluster.tickets > 1 && (
                        <Text size="xs" c="dimmed">
                          {t('feedback.similar', { count: ticket.cluster.tickets - 1 })} ·{' '}
                          {t('feedback.people', { count: ticket.cluster.people })}
                        </Text>
                      )}
                    </Group>
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Stack gap={4} align="flex-start">
                    <FeedbackStatusBadge status={ticket.status} />
                    {(showFollowUp || ticket.followUp.state !== 'none') && (
                      <FollowUpBadge state={ticket.followUp.state} />
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <FeedbackScoreBadge ticket={ticket} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{names.department(ticket.departmentId) ?? t('app.none')}</Text>
                  <Text size="xs" c="dimmed">
                    {names.member(ticket.ownerId) ?? t('feedback.unassigned')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {ticket.deadline ? (
                    <Text
                      size="sm"
                      c={ticket.overdue ? 'red' : undefined}
                      fw={ticket.overdue ? 600 : undefined}
                    >
                      {formatDate(ticket.deadline)}
                      {ticket.overdue && ` · ${t('feedback.overdue')}`}
                    </Text>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('feedback.noDeadline')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDate(ticket.createdAt)}</Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Looks up the names the tables show, from the settings and the member list. */
export function useFeedbackNames(
  settings: FeedbackSettings | undefined,
  members: Member[] | undefined,
): FeedbackNames {
  const categories = new Map(settings?.categories.map((item) => [item.id, item.name]));
  const departments = new Map(settings?.departments.map((item) => [item.id, item.name]));
  const people = new Map(members?.map((member) => [member.userId, member.name]));
  return {
    category: (id) => (id ? (categories.get(id) ?? null) : null),
    department: (id) => (id ? (departments.get(id) ?? null) : null),
    member: (id) => (id ? (people.get(id) ?? null) : null),
  };
}
