import {
  Badge,
  Button,
  Center,
  Code,
  Group,
  Paper,
  ScrollArea,
  SegmentedControl,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Job } from '../../shared/api.ts';
import { useJobs, useRetryJob, type JobStatus } from '../api/use-jobs.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { RequirePermission } from '../components/require-permission.tsx';
import { useCurrentWorkspace } from '../components/workspace-context.ts';
import { useFormatDate } from '../lib/format.ts';

const STATUS_COLORS: Record<JobStatus, string> = {
  queued: 'gray',
  running: 'blue',
  succeeded: 'teal',
  dead: 'red',
};

type Filter = JobStatus | 'all';
const FILTERS: readonly Filter[] = ['all', 'queued', 'running', 'succeeded', 'dead'];

export function JobsPage() {
  return (
    <RequirePermission permission="jobs.read">
      <JobsContent />
    </RequirePermission>
  );
}

function JobsContent() {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const { workspace, can } = useCurrentWorkspace();
  const [filter, setFilter] = useState<Filter>('all');
  const jobs = useJobs(workspace.id, filter === 'all' ? undefined : filter);
  const retry = useRetryJob(workspace.id);
  const items = jobs.data?.pages.flatMap((page) => page.items) ?? [];

  const retryJob = (job: Job) =>
    retry.mutate(job.id, {
      onSuccess: () => notifications.show({ color: 'teal', message: t('jobs.retried') }),
      onError: (error) => notifications.show({ color: 'red', message: error.message }),
    });

  return (
    <>
      <PageHeader title={t('jobs.title')} description={t('jobs.subtitle')} />
      <Stack gap="md">
        <ScrollArea type="never">
          <SegmentedControl
            aria-label={t('jobs.statusFilter')}
            value={filter}
            onChange={(value) => setFilter(FILTERS.find((f) => f === value) ?? 'all')}
            data={FILTERS.map((value) => ({ value, label: t(`jobs.${value}`) }))}
          />
        </ScrollArea>
        <Paper>
          {jobs.isPending ? (
            <LoadingState />
          ) : jobs.isError ? (
            <ErrorState error={jobs.error} onRetry={() => void jobs.refetch()} />
          ) : items.length === 0 ? (
            <EmptyState message={t('jobs.empty')} />
          ) : (
            <Table.ScrollContainer minWidth={820} type="native">
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('jobs.name')}</Table.Th>
                    <Table.Th>{t('jobs.statusFilter')}</Table.Th>
                    <Table.Th>{t('jobs.attempts')}</Table.Th>
                    <Table.Th>{t('jobs.runAt')}</Table.Th>
                    <Table.Th>{t('jobs.finished')}</Table.Th>
                    <Table.Th>{t('jobs.lastError')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((job) => (
                    <Table.Tr key={job.id}>
                      <Table.Td>
                        <Code>{job.name}</Code>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={STATUS_COLORS[job.status]}>
                          {t(`jobs.${job.status}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        {job.attempts} / {job.maxAttempts}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(job.runAt)}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {formatDate(job.finishedAt)}
                      </Table.Td>
                      <Table.Td maw={280}>
                        {job.lastError ? (
                          <Text size="xs" c="red.8" lineClamp={3} title={job.lastError}>
                            {job.lastError}
                          </Text>
                        ) : (
                          '—'
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Group justify="flex-end">
                          {job.status === 'dead' && can('jobs.retry') && (
                            <Button
                              size="xs"
                              variant="light"
                              loading={retry.isPending && retry.variables === job.id}
                              onClick={() => retryJob(job)}
                            >
                              {t('jobs.retry')}
                            </Button>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>
        {jobs.hasNextPage && (
          <Center>
            <Button
              variant="default"
              loading={jobs.isFetchingNextPage}
              onClick={() => void jobs.fetchNextPage()}
            >
              {t('app.loadMore')}
            </Button>
          </Center>
        )}
      </Stack>
    </>
  );
}
