import {
  Anchor,
  Button,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconArrowLeft, IconDownload } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  feedbackReportToCsv,
  type FeedbackReport,
  type FeedbackReportGroup,
} from '../../shared/feedback.ts';
import { useFeedbackReport } from '../api/use-feedback.ts';
import { FeedbackReportChart } from '../components/feedback-report-chart.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { RequirePermission } from '../components/require-permission.tsx';
import { useCurrentWorkspace } from '../components/workspace-context.ts';
import { useFormatDate } from '../lib/format.ts';

type Preset = 'thisMonth' | 'lastMonth' | 'thisQuarter' | 'last30' | 'custom';

/** Periods start and end at local midnight, the way people read "this month". */
function presetRange(preset: Exclude<Preset, 'custom'>, now = new Date()) {
  const y = now.getFullYear();
  const m = now.getMonth();
  switch (preset) {
    case 'thisMonth':
      return { from: new Date(y, m, 1), to: new Date(y, m + 1, 1) };
    case 'lastMonth':
      return { from: new Date(y, m - 1, 1), to: new Date(y, m, 1) };
    case 'thisQuarter': {
      const start = m - (m % 3);
      return { from: new Date(y, start, 1), to: new Date(y, start + 3, 1) };
    }
    case 'last30': {
      const end = new Date(y, m, now.getDate() + 1);
      return { from: new Date(end.getTime() - 30 * 86_400_000), to: end };
    }
  }
}

function dateInput(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function FeedbackReportPage() {
  return (
    <RequirePermission permission="workspace.read">
      <ReportContent />
    </RequirePermission>
  );
}

function ReportContent() {
  const { t } = useTranslation();
  const { workspace, can } = useCurrentWorkspace();
  const [preset, setPreset] = useState<Preset>('thisMonth');
  const [custom, setCustom] = useState(() => {
    const range = presetRange('thisMonth');
    return {
      from: dateInput(range.from),
      to: dateInput(new Date(range.to.getTime() - 86_400_000)),
    };
  });
  const range = useMemo(() => {
    if (preset !== 'custom') {
      const { from, to } = presetRange(preset);
      return { from: from.toISOString(), to: to.toISOString() };
    }
    const from = new Date(`${custom.from}T00:00`);
    const to = new Date(`${custom.to}T00:00`);
    to.setDate(to.getDate() + 1);
    return { from: from.toISOString(), to: to.toISOString() };
  }, [preset, custom]);
  const report = useFeedbackReport(workspace.id, range);

  return (
    <>
      {can('feedback.manage') && (
        <Anchor
          component={Link}
          to={`/w/${workspace.id}/feedback`}
          size="sm"
          mb="xs"
          display="block"
        >
          <Group gap={4}>
            <IconArrowLeft size={14} />
            {t('feedback.back')}
          </Group>
        </Anchor>
      )}
      <PageHeader
        title={t('feedback.reportPage.title')}
        description={t('feedback.reportPage.subtitle')}
        actions={
          report.data && <DownloadButton report={report.data} workspaceName={workspace.name} />
        }
      />
      <Stack gap="md">
        <Paper p="md">
          <Group align="flex-end" gap="md">
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('feedback.reportPage.period')}
              </Text>
              <SegmentedControl
                value={preset}
                onChange={(value) => setPreset(value as Preset)}
                data={(['thisMonth', 'lastMonth', 'thisQuarter', 'last30', 'custom'] as const).map(
                  (value) => ({ value, label: t(`feedback.reportPage.${value}`) }),
                )}
              />
            </Stack>
            {preset === 'custom' && (
              <>
                <TextInput
                  type="date"
                  label={t('feedback.reportPage.from')}
                  value={custom.from}
                  onChange={(event) => setCustom({ ...custom, from: event.currentTarget.value })}
                />
                <TextInput
                  type="date"
                  label={t('feedback.reportPage.to')}
                  value={custom.to}
                  onChange={(event) => setCustom({ ...custom, to: event.currentTarget.value })}
                />
              </>
            )}
          </Group>
        </Paper>
        {report.isPending ? (
          <LoadingState />
        ) : report.isError ? (
          <ErrorState error={report.error} onRetry={() => void report.refetch()} />
        ) : (
          <ReportBody report={report.data} />
        )}
      </Stack>
    </>
  );
}

function Stat({ label, value, hint }: { label: string; value: string | number; hint?: string }) {
  return (
    <Paper p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

function ReportBody({ report }: { report: FeedbackReport }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const totals = report.totals;
  const hours = (value: number | null) =>
    value === null ? t('app.none') : t('feedback.reportPage.hours', { hours: value });
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
        <Stat
          label={t('feedback.reportPage.received')}
          value={totals.received}
          hint={`${t('feedback.reportPage.people')}: ${totals.people}`}
        />
        <Stat label={t('feedback.reportPage.resolved')} value={totals.resolved} />
        <Stat label={t('feedback.reportPage.adopted')} value={totals.adopted} />
        <Stat label={t('feedback.reportPage.declined')} value={totals.declined} />
        <Stat
          label={t('feedback.reportPage.medianHours')}
          value={hours(totals.medianHoursToResolve)}
          hint={t('feedback.reportPage.followUps', {
            satisfied: totals.followUpsSatisfied,
            confirmed: totals.followUpsConfirmed,
          })}
        />
        <Stat label={t('feedback.reportPage.open')} value={totals.open} />
        <Stat label={t('feedback.reportPage.overdue')} value={totals.openOverdue} />
        <Stat
          label={t('feedback.reportPage.bySource')}
          value={report.bySource.filter((row) => row.received > 0).length}
          hint={report.bySource
            .filter((row) => row.received > 0)
            .map((row) => `${t(`feedback.sources.${row.source}`)} ${row.received}`)
            .join(' · ')}
        />
      </SimpleGrid>
      <Paper p="md">
        <Title order={4} mb="sm">
          {t('feedback.reportPage.byCategory')}
        </Title>
        {report.byCategory.length > 0 && <FeedbackReportChart groups={report.byCategory} />}
        <GroupTable groups={report.byCategory} />
      </Paper>
      <Paper p="md">
        <Title order={4} mb="sm">
          {t('feedback.reportPage.byDepartment')}
        </Title>
        <GroupTable groups={report.byDepartment} />
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper p="md">
          <Title order={4} mb="sm">
            {t('feedback.reportPage.adoptedList')}
          </Title>
          {report.adopted.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('feedback.reportPage.adoptedEmpty')}
            </Text>
          ) : (
            <Stack gap="sm">
              {report.adopted.map((item) => (
                <Stack key={item.ticketId} gap={0}>
                  <Text size="sm" fw={600}>
                    {item.title}
                  </Text>
                  {item.change && <Text size="sm">{item.change}</Text>}
                  <Text size="xs" c="dimmed">
                    {t('feedback.people', { count: item.people })} · {formatDate(item.adoptedAt)}
                  </Text>
                </Stack>
              ))}
            </Stack>
          )}
        </Paper>
        <Paper p="md">
          <Title order={4} mb="sm">
            {t('feedback.reportPage.topClusters')}
          </Title>
          {report.topClusters.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('feedback.reportPage.topEmpty')}
            </Text>
          ) : (
            <Table>
              <Table.Tbody>
                {report.topClusters.map((cluster) => (
                  <Table.Tr key={cluster.clusterId}>
                    <Table.Td>
                      <Text size="sm" lineClamp={2}>
                        {cluster.title}
                      </Text>
                    </Table.Td>
                    <Table.Td w={110}>
                      <Text size="sm" c="dimmed">
                        {t('feedback.people', { count: cluster.people })}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}

function GroupTable({ groups }: { groups: FeedbackReportGroup[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={640} type="native">
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('feedback.reportPage.name')}</Table.Th>
            <Table.Th>{t('feedback.reportPage.received')}</Table.Th>
            <Table.Th>{t('feedback.reportPage.resolved')}</Table.Th>
            <Table.Th>{t('feedback.reportPage.adopted')}</Table.Th>
            <Table.Th>{t('feedback.reportPage.declined')}</Table.Th>
            <Table.Th>{t('feedback.reportPage.medianHours')}</Table.Th>
            <Table.Th>{t('feedback.reportPage.overdue')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groups.map((group) => (
            <Table.Tr key={group.id ?? 'none'}>
              <Table.Td>{group.name ?? t('feedback.reportPage.none')}</Table.Td>
              <Table.Td>{group.received}</Table.Td>
              <Table.Td>{group.resolved}</Table.Td>
              <Table.Td>{group.adopted}</Table.Td>
              <Table.Td>{group.declined}</Table.Td>
              <Table.Td>
                {group.medianHoursToResolve === null
                  ? t('app.none')
                  : t('feedback.reportPage.hours', { hours: group.medianHoursToResolve })}
              </Table.Td>
              <Table.Td c={group.openOverdue > 0 ? 'red' : undefined}>{group.openOverdue}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function DownloadButton({
  report,
  workspaceName,
}: {
  report: FeedbackReport;
  workspaceName: string;
}) {
  const { t } = useTranslation();
  const download = () => {
    const r = 'feedback.reportPage';
    const csv = feedbackReportToCsv(report, {
      section: t(`${r}.section`),
      name: t(`${r}.name`),
      received: t(`${r}.received`),
      resolved: t(`${r}.resolved`),
      adopted: t(`${r}.adopted`),
      declined: t(`${r}.declined`),
      medianHours: t(`${r}.medianHours`),
      openOverdue: t(`${r}.overdue`),
      people: t(`${r}.people`),
      change: t(`${r}.change`),
      date: t(`${r}.date`),
      totals: t(`${r}.totals`),
      categories: t(`${r}.categories`),
      departments: t(`${r}.departments`),
      adoptedSection: t(`${r}.adoptedList`),
      clustersSection: t(`${r}.clustersSection`),
      none: t(`${r}.none`),
    });
    // A byte-order mark so spreadsheet programs open the Chinese text as UTF-8.
    const blob = new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `${workspaceName}-feedback-${report.from.slice(0, 10)}.csv`;
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <Button variant="default" leftSection={<IconDownload size={18} />} onClick={download}>
      {t('feedback.reportPage.download')}
    </Button>
  );
}
