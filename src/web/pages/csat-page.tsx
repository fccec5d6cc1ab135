import { Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CsatReport } from '../../shared/routing.ts';
import { useCsatReport, useCsatSettings, useCsatSurveys } from '../api/use-routing.ts';
import { CsatDistributionChart, CsatTrendChart } from '../components/csat-report-charts.tsx';
import { CsatSettingsForm } from '../components/csat-settings-form.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { RequirePermission } from '../components/require-permission.tsx';
import { downloadCsv, percent } from '../components/routing-csv.ts';
import { useRoutingNames } from '../components/routing-names.ts';
import { RoutingPeriodPicker, useReportPeriod } from '../components/routing-period.tsx';
import { RoutingTabs } from '../components/routing-tabs.tsx';
import { useCurrentWorkspace } from '../components/workspace-context.ts';
import { useFormatDate } from '../lib/format.ts';

export function CsatPage() {
  return (
    <RequirePermission permission="inbox.read">
      <CsatContent />
    </RequirePermission>
  );
}

function average(value: number | null): string {
  return value === null ? '—' : value.toFixed(2);
}

function CsatContent() {
  const { t } = useTranslation();
  const { workspace, can } = useCurrentWorkspace();
  const period = useReportPeriod();
  const report = useCsatReport(workspace.id, period.query);
  const settings = useCsatSettings(workspace.id);
  const names = useRoutingNames(workspace.id);

  const exportCsv = (data: CsatReport) => {
    type Group = CsatReport['totals'];
    const row = (group: string, name: string, g: Group) => [
      group,
      name,
      g.sent,
      g.answered,
      g.responseRate === null ? '' : Math.round(g.responseRate * 1000) / 1000,
      g.average === null ? '' : Math.round(g.average * 100) / 100,
      g.satisfied === null ? '' : Math.round(g.satisfied * 1000) / 1000,
    ];
    downloadCsv(`csat-${data.from.slice(0, 10)}-${data.to.slice(0, 10)}.csv`, [
      [
        t('sla.report.group'),
        t('sla.report.name'),
        t('csat.sent'),
        t('csat.answered'),
        t('csat.responseRate'),
        t('csat.average'),
        t('csat.satisfied'),
      ],
      row(t('sla.report.all'), '', data.totals),
      ...data.byTeam.map((g) => row(t('sla.report.team'), names.team(g.teamId, g.name), g)),
      ...data.byAgent.map((g) => row(t('sla.report.agent'), names.person(g.userId), g)),
      ...data.daily.map((d) => [
        t('csat.day'),
        d.date,
        d.sent,
        d.answered,
        '',
        d.average === null ? '' : Math.round(d.average * 100) / 100,
        '',
      ]),
    ]);
  };

  return (
    <>
      <PageHeader
        title={t('routing.title')}
        description={t('csat.subtitle')}
        actions={
          <Group>
            <RoutingPeriodPicker days={period.days} onChange={period.setDays} />
            <Button
              variant="default"
              leftSection={<IconDownload size={16} />}
              disabled={!report.data}
              onClick={() => report.data && exportCsv(report.data)}
            >
              {t('routing.csv')}
            </Button>
          </Group>
        }
      />
      <RoutingTabs />
      <Stack gap="lg">
        {report.isPending ? (
          <LoadingState />
        ) : report.isError ? (
          <ErrorState error={report.error} onRetry={() => void report.refetch()} />
        ) : report.data.totals.sent === 0 ? (
          <Paper>
            <EmptyState
              message={settings.data?.enabled ? t('csat.emptyEnabled') : t('csat.emptyDisabled')}
            />
          </Paper>
        ) : (
          <>
            <SimpleGrid cols={{ base: 2, md: 4 }}>
              <Stat label={t('csat.average')} value={average(report.data.totals.average)} />
              <Stat label={t('csat.satisfied')} value={percent(report.data.totals.satisfied)} />
              <Stat
                label={t('csat.responseRate')}
                value={percent(report.data.totals.responseRate)}
              />
              <Stat
                label={t('csat.answeredOfSent')}
                value={`${report.data.totals.answered} / ${report.data.totals.sent}`}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, lg: 2 }}>
              <Paper p="md">
                <Title order={5} mb="xs">
                  {t('csat.trend')}
                </Title>
                <CsatTrendChart report={report.data} />
              </Paper>
              <Paper p="md">
                <Title order={5} mb="xs">
                  {t('csat.distribution')}
                </Title>
                <CsatDistributionChart report={report.data} />
              </Paper>
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, lg: 2 }}>
              <GroupTable
                title={t('csat.byTeam')}
                rows={report.data.byTeam.map((g) => ({
                  ...g,
                  key: g.teamId ?? 'none',
                  name: names.team(g.teamId, g.name),
                }))}
              />
              <GroupTable
                title={t('csat.byAgent')}
                rows={report.data.byAgent.map((g) => ({
                  ...g,
                  key: g.userId ?? 'none',
                  name: names.person(g.userId),
                }))}
              />
            </SimpleGrid>
            <RecentComments />
          </>
        )}
        {settings.isPending ? (
          <LoadingState minHeight={80} />
        ) : settings.isError ? (
          <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
        ) : (
          <CsatSettingsForm
            key={settings.dataUpdatedAt}
            workspaceId={workspace.id}
            settings={settings.data}
            canManage={can('inbox.manage')}
          />
        )}
      </Stack>
    </>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Paper p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={28} fw={700}>
        {value}
      </Text>
    </Paper>
  );
}

function GroupTable({
  title,
  rows,
}: {
  title: string;
  rows: Array<{ key: string; name: string } & CsatReport['totals']>;
}) {
  const { t } = useTranslation();
  return (
    <Paper p="md">
      <Title order={5} mb="xs">
        {title}
      </Title>
      <Table fz="sm" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('sla.report.name')}</Table.Th>
            <Table.Th ta="right">{t('csat.average')}</Table.Th>
            <Table.Th ta="right">{t('csat.satisfied')}</Table.Th>
            <Table.Th ta="right">{t('csat.responseRate')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Td>{row.name}</Table.Td>
              <Table.Td ta="right">{average(row.average)}</Table.Td>
              <Table.Td ta="right">{percent(row.satisfied)}</Table.Td>
              <Table.Td ta="right">
                {percent(row.responseRate)} ({row.answered}/{row.sent})
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function RecentComments() {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const surveys = useCsatSurveys(workspace.id);
  const names = useRoutingNames(workspace.id);
  const formatDate = useFormatDate();
  const withComments = (surveys.data ?? []).filter((survey) => survey.comment);
  return (
    <Paper p="md">
      <Title order={5} mb="xs">
        {t('csat.comments')}
      </Title>
      {withComments.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('csat.noComments')}
        </Text>
      ) : (
        <Stack gap="sm">
          {withComments.map((survey) => (
            <div key={survey.id}>
              <Group gap="xs">
                <Badge color={survey.score !== null && survey.score >= 4 ? 'teal' : 'orange'}>
                  {survey.score} ★
                </Badge>
                <Text size="xs" c="dimmed">
                  {names.person(survey.assigneeId)} · {formatDate(survey.respondedAt)}
                </Text>
              </Group>
              <Text size="sm" mt={2}>
                {survey.comment}
              </Text>
            </div>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
