import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  Stack,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  IconChartBar,
  IconFileImport,
  IconPlus,
  IconSearch,
  IconSettings,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  FEEDBACK_SOURCES,
  FEEDBACK_STATUSES,
  type FeedbackSource,
  type FeedbackStatus,
  type FeedbackTicket,
  type FeedbackTicketQuery,
} from '../../shared/feedback.ts';
import { useFeedbackSettings, useFeedbackTickets } from '../api/use-feedback.ts';
import { useMembers } from '../api/use-members.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { FeedbackClustersPanel } from '../components/feedback-clusters-panel.tsx';
import { FeedbackFollowUpModal } from '../components/feedback-follow-up-modal.tsx';
import { FeedbackImportModal } from '../components/feedback-import-modal.tsx';
import { FeedbackNewModal } from '../components/feedback-new-modal.tsx';
import {
  FeedbackTicketsTable,
  excerpt,
  useFeedbackNames,
  type FeedbackNames,
} from '../components/feedback-tickets-table.tsx';
import { FollowUpBadge } from '../components/feedback-badges.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { RequirePermission } from '../components/require-permission.tsx';
import { useCurrentWorkspace } from '../components/workspace-context.ts';
import { useFormatDate } from '../lib/format.ts';

const PAGE = 50;

export function FeedbackPage() {
  return (
    <RequirePermission permission="feedback.manage">
      <FeedbackContent />
    </RequirePermission>
  );
}

function FeedbackContent() {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const settings = useFeedbackSettings(workspace.id);
  const members = useMembers(workspace.id);
  const names = useFeedbackNames(settings.data, members.data);
  const tab = params.get('tab') ?? 'tickets';
  const base = `/w/${workspace.id}/feedback`;

  const setTab = (value: string | null) => {
    const next = new URLSearchParams(params);
    if (!value || value === 'tickets') next.delete('tab');
    else next.set('tab', value);
    setParams(next, { replace: true });
  };

  const showCluster = (clusterId: string, title: string) => {
    setParams({ clusterId, clusterTitle: title }, { replace: false });
  };

  return (
    <>
      <PageHeader
        title={t('feedback.title')}
        description={t('feedback.subtitle')}
        actions={
          <>
            <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)}>
              {t('feedback.newTicket')}
            </Button>
            <Button
              variant="default"
              leftSection={<IconFileImport size={18} />}
              onClick={() => setImporting(true)}
            >
              {t('feedback.import')}
            </Button>
            <Button
              variant="default"
              component={Link}
              to={`${base}/report`}
              leftSection={<IconChartBar size={18} />}
            >
              {t('feedback.report')}
            </Button>
            <Button
              variant="default"
              component={Link}
              to={`${base}/settings`}
              leftSection={<IconSettings size={18} />}
            >
              {t('feedback.settings')}
            </Button>
          </>
        }
      />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="tickets">{t('feedback.tabs.tickets')}</Tabs.Tab>
          <Tabs.Tab value="clusters">{t('feedback.tabs.clusters')}</Tabs.Tab>
          <Tabs.Tab value="follow-ups">{t('feedback.tabs.followUps')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="tickets">
          <TicketsTab names={names} base={base} />
        </Tabs.Panel>
        <Tabs.Panel value="clusters">
          <Paper p="md">
            <FeedbackClustersPanel onShow={showCluster} />
          </Paper>
        </Tabs.Panel>
        <Tabs.Panel value="follow-ups">
          <FollowUpsTab base={base} />
        </Tabs.Panel>
      </Tabs>
      <FeedbackNewModal opened={creating} onClose={() => setCreating(false)} />
      <FeedbackImportModal opened={importing} onClose={() => setImporting(false)} />
    </>
  );
}

function TicketsTab({ names, base }: { names: FeedbackNames; base: string }) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const [params, setParams] = useSearchParams();
  const settings = useFeedbackSettings(workspace.id);
  const members = useMembers(workspace.id);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [offset, setOffset] = useState(0);

  const status = params.get('status') as FeedbackTicketQuery['status'] | null;
  const clusterId = params.get('clusterId');
  const filter: Omit<FeedbackTicketQuery, 'cursor'> = {
    status: status ?? undefined,
    source: (params.get('source') as FeedbackSource | null) ?? undefined,
    categoryId: params.get('categoryId') ?? undefined,
    departmentId: params.get('departmentId') ?? undefined,
    ownerId: params.get('ownerId') ?? undefined,
    clusterId: clusterId ?? undefined,
    overdue: params.get('overdue') === 'true' ? true : undefined,
    q: q.length > 0 ? q : undefined,
    sort: (params.get('sort') as FeedbackTicketQuery['sort'] | null) ?? 'newest',
    limit: PAGE,
  };
  const tickets = useFeedbackTickets(workspace.id, filter, offset ? String(offset) : undefined);

  const setFilter = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === 'clusterId') next.delete('clusterTitle');
    setOffset(0);
    setParams(next, { replace: true });
  };
  const filtered =
    [...params.keys()].some((key) => key !== 'tab' && key !== 'sort') || q.length > 0;

  return (
    <Stack gap="md">
      <Paper p="md">
        <Group gap="sm" align="flex-end">
          <TextInput
            label={t('feedback.filters.search')}
            placeholder={t('feedback.filters.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(event) => {
              setSearch(event.currentTarget.value);
              setOffset(0);
            }}
            w={220}
          />
          <Select
            label={t('feedback.filters.status')}
            placeholder={t('feedback.filters.anyStatus')}
            clearable
            data={[
              { value: 'open', label: t('feedback.filters.open') },
              ...FEEDBACK_STATUSES.map((value: FeedbackStatus) => ({
                value,
                label: t(`feedback.statuses.${value}`),
              })),
            ]}
            value={status}
            onChange={(value) => setFilter('status', value)}
            w={200}
          />
          <Select
            label={t('feedback.filters.source')}
            placeholder={t('feedback.filters.anySource')}
            clearable
            data={FEEDBACK_SOURCES.map((value) => ({
              value,
              label: t(`feedback.sources.${value}`),
            }))}
            value={params.get('source')}
            onChange={(value) => setFilter('source', value)}
            w={150}
          />
          <Select
            label={t('feedback.filters.category')}
            placeholder={t('feedback.filters.anyCategory')}
            clearable
            data={
              settings.data?.categories.map((item) => ({ value: item.id, label: item.name })) ?? []
            }
            value={params.get('categoryId')}
            onChange={(value) => setFilter('categoryId', value)}
            w={170}
          />
          <Select
            label={t('feedback.filters.department')}
            placeholder={t('feedback.filters.anyDepartment')}
            clearable
            data={
              settings.data?.departments.map((item) => ({ value: item.id, label: item.name })) ?? []
            }
            value={params.get('departmentId')}
            onChange={(value) => setFilter('departmentId', value)}
            w={170}
          />
          <Select
            label={t('feedback.filters.owner')}
            placeholder={t('feedback.filters.anyOwner')}
            clearable
            searchable
            data={
              members.data?.map((member) => ({ value: member.userId, label: member.name })) ?? []
            }
            value={params.get('ownerId')}
            onChange={(value) => setFilter('ownerId', value)}
            w={170}
          />
          <Select
            label={t('feedback.filters.sort')}
            data={[
              { value: 'newest', label: t('feedback.filters.newest') },
              { value: 'score', label: t('feedback.filters.score') },
              { value: 'deadline', label: t('feedback.filters.deadline') },
            ]}
            value={filter.sort ?? 'newest'}
            onChange={(value) => setFilter('sort', value === 'newest' ? null : value)}
            allowDeselect={false}
            w={160}
          />
          <Checkbox
            label={t('feedback.filters.overdue')}
            checked={filter.overdue === true}
            onChange={(event) => setFilter('overdue', event.currentTarget.checked ? 'true' : null)}
            mb={8}
          />
        </Group>
        {clusterId && (
          <Alert mt="sm" variant="light" color="blue">
            <Group justify="space-between">
              <Text size="sm">
                {t('feedback.filters.cluster', {
                  title: excerpt(params.get('clusterTitle') ?? clusterId, 60),
                })}
              </Text>
              <Anchor
                component="button"
                type="button"
                size="sm"
                onClick={() => setFilter('clusterId', null)}
              >
                {t('feedback.filters.clearCluster')}
              </Anchor>
            </Group>
          </Alert>
        )}
      </Paper>
      <Paper>
        {tickets.isPending ? (
          <LoadingState />
        ) : tickets.isError ? (
          <ErrorState error={tickets.error} onRetry={() => void tickets.refetch()} />
        ) : tickets.data.items.length === 0 ? (
          <EmptyState message={filtered ? t('feedback.emptyFiltered') : t('feedback.empty')} />
        ) : (
          <>
            <FeedbackTicketsTable tickets={tickets.data.items} names={names} base={base} />
            <Group justify="space-between" p="sm">
              <Text size="sm" c="dimmed">
                {t('feedback.pageOf', {
                  from: offset + 1,
                  to: offset + tickets.data.items.length,
                  total: tickets.data.total,
                })}
              </Text>
              <Group gap="xs">
                <Button
                  variant="default"
                  size="xs"
                  disabled={offset === 0}
                  onClick={() => setOffset(Math.max(0, offset - PAGE))}
                >
                  {t('feedback.previous')}
                </Button>
                <Button
                  variant="default"
                  size="xs"
                  disabled={!tickets.data.nextCursor}
                  onClick={() => setOffset(Number(tickets.data.nextCursor ?? offset))}
                >
                  {t('feedback.next')}
                </Button>
              </Group>
            </Group>
          </>
        )}
      </Paper>
    </Stack>
  );
}

function FollowUpsTab({ base }: { base: string }) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const formatDate = useFormatDate();
  const tickets = useFeedbackTickets(workspace.id, { followUp: true, sort: 'newest', limit: 200 });
  const [recording, setRecording] = useState<FeedbackTicket | null>(null);

  if (tickets.isPending) return <LoadingState />;
  if (tickets.isError)
    return <ErrorState error={tickets.error} onRetry={() => void tickets.refetch()} />;
  if (tickets.data.items.length === 0) {
    return (
      <Paper>
        <EmptyState message={t('feedback.followUp.empty')} />
      </Paper>
    );
  }
  return (
    <Stack gap="sm">
      {tickets.data.items.map((ticket) => (
        <Paper key={ticket.id} p="md" withBorder>
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Stack gap={4} miw={0}>
              <Anchor component={Link} to={`${base}/${ticket.id}`} size="sm" lineClamp={2}>
                {excerpt(ticket.text, 120)}
              </Anchor>
              <Group gap="xs">
                <FollowUpBadge state={ticket.followUp.state} />
                <Text size="xs" c="dimmed">
                  {[ticket.contact.name, ticket.contact.email ?? ticket.contact.handle]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
                {ticket.followUp.notifiedAt && (
                  <Text size="xs" c="dimmed">
                    {t('feedback.followUp.notifiedAt', {
                      date: formatDate(ticket.followUp.notifiedAt),
                    })}
                  </Text>
                )}
              </Group>
              {ticket.resolution && (
                <Text size="sm" c="dimmed">
                  {t('feedback.ticket.resolution')}: {ticket.resolution}
                </Text>
              )}
              {ticket.followUp.error && (
                <Text size="xs" c="orange">
                  {t('feedback.followUp.error', { error: ticket.followUp.error })}
                </Text>
              )}
            </Stack>
            <Button size="xs" onClick={() => setRecording(ticket)} style={{ flexShrink: 0 }}>
              {t('feedback.followUp.record')}
            </Button>
          </Group>
        </Paper>
      ))}
      <FeedbackFollowUpModal ticket={recording} onClose={() => setRecording(null)} />
    </Stack>
  );
}
