import { Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SlaReport } from '../../shared/routing.ts';
import { useSlaReport } from '../api/use-routing.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { RequirePermission } from '../components/require-permission.tsx';
import { downloadCsv, percent } from '../components/routing-csv.ts';
import { useRoutingNames } from '../components/routing-names.ts';
import { RoutingPeriodPicker, useReportPeriod } from '../components/routing-period.tsx';
import { RoutingTabs } from '../components/routing-tabs.tsx';
import { SlaReportChart } from '../components/sla-report-chart.tsx';
import { useCurrentWorkspace } from '../components/workspace-context.ts';

export function SlaReportPage() {
  return (
    <RequirePermission permission="inbox.read">
      <ReportContent />
    </RequirePermission>
  );
}

function ReportContent() {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const period = useReportPeriod();
  const report = useSlaReport(workspace.id, period.query);
  const names = useRoutingNames(workspace.id);

  const exportCsv = (data: SlaReport) => {
    const header = [
      t('sla.report.group'),
      t('sla.report.name'),
      t('sla.report.met'),
      t('sla.report.breached'),
      t('sla.report.overdue'),
      t('sla.report.total'),
      t('sla.report.metRate'),
    ];
    const row = (group: string, name: string, counts: SlaReport['totals']) => [
      group,
      name,
      counts.met,
      counts.breached,
      counts.overdue,
      counts.total,
      counts.metRate === null ? '' : Math.round(counts.metRate * 1000) / 1000,
    ];
    downloadCsv(`sla-${data.from.slice(0, 10)}-${data.to.slice(0, 10)}.csv`, [
      header,
      row(t('sla.report.all'), '', data.totals),
      ...data.byKind.map((k) => row(t('sla.report.kind'), t(`sla.kinds.${k.kind}`), k)),
      ...data.byTeam.map((k) => row(t('sla.report.team'), names.team(k.teamId, k.name), k)),
      ...data.byAgent.map((k) => row(t('sla.report.agent'), names.person(k.userId), k)),
    ]);
  };

  return (
    <>
      <PageHeader
        title={t('routing.title')}
        description={t('sla.report.subtitle')}
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
      {report.isPending ? (
        <LoadingState />
      ) : report.isError ? (
        <ErrorState error={report.error} onRetry={() => void report.refetch()} />
      ) : report.data.totals.total === 0 ? (
        <Paper>
          <EmptyState message={t('sla.report.empty')} />
        </Paper>
      ) : (
        <Stack gap="lg">
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <Stat label={t('sla.report.metRate')} value={percent(report.data.totals.metRate)} />
            <Stat label={t('sla.report.met')} value={String(report.data.totals.met)} />
            <Stat label={t('sla.report.breached')} value={String(report.data.totals.breached)} />
            <Stat label={t('sla.report.overdue')} value={String(report.data.totals.overdue)} />
          </SimpleGrid>
          <Paper p="md">
            <Title order={4} mb="sm">
              {t('sla.report.byDay')}
            </Title>
            <SlaReportChart report={report.data} />
            <Text size="xs" c="dimmed" mt={4}>
              {t('sla.report.basis', { timezone: report.data.timezone })}
            </Text>
          </Paper>
          <SimpleGrid cols={{ base: 1, lg: 3 }}>
            <CountsTable
              title={t('sla.report.byKind')}
              rows={report.data.byKind.map((k) => ({
                ...k,
                key: k.kind,
                name: t(`sla.kinds.${k.kind}`),
              }))}
            />
            <CountsTable
              title={t('sla.report.byTeam')}
              rows={report.data.byTeam.map((k) => ({
                ...k,
                key: k.teamId ?? 'none',
                name: names.team(k.teamId, k.name),
              }))}
            />
            <CountsTable
              title={t('sla.report.byAgent')}
              rows={report.data.byAgent.map((k) => ({
                ...k,
                key: k.userId ?? 'none',
                name: names.person(k.userId),
              }))}
            />
          </SimpleGrid>
        </Stack>
      )}
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

function CountsTable({
  title,
  rows,
}: {
  title: string;
  rows: Array<{ key: string; name: string } & SlaReport['totals']>;
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
            <Table.Th ta="right">{t('sla.report.met')}</Table.Th>
            <Table.Th ta="right">{t('sla.report.breached')}</Table.Th>
            <Table.Th ta="right">{t('sla.report.metRate')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Td>{row.name}</Table.Td>
              <Table.Td ta="right">{row.met}</Table.Td>
              <Table.Td ta="right">{row.breached + row.overdue}</Table.Td>
              <Table.Td ta="right">{percent(row.metRate)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
