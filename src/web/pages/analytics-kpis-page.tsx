import {
  Alert,
  Button,
  Group,
  Paper,
  Progress,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconFileImport, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { KpiReport } from '../../shared/analytics.ts';
import { KPI_CATALOGUE, KPI_CATEGORIES, type KpiCategory } from '../../shared/kpis.ts';
import { useKpis } from '../api/use-analytics.ts';
import { useChannels } from '../api/use-channels.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { KpiCard } from '../components/kpi-card.tsx';
import { KpiFormula } from '../components/kpi-formula.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { RequirePermission } from '../components/require-permission.tsx';
import { useCurrentWorkspace } from '../components/workspace-context.ts';

type PeriodChoice = '7' | '30' | '90' | 'custom';

/** Today's date (YYYY-MM-DD) in a time zone. */
function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function AnalyticsKpisPage() {
  return (
    <RequirePermission permission="posts.read">
      <KpisContent />
    </RequirePermission>
  );
}

function KpisContent() {
  const { t } = useTranslation();
  const { workspace, can } = useCurrentWorkspace();
  const channels = useChannels(workspace.id);
  const today = todayIn(workspace.timezone);
  const [period, setPeriod] = useState<PeriodChoice>('30');
  const [custom, setCustom] = useState({ from: addDays(today, -6), to: today });
  const [channelId, setChannelId] = useState<string | null>(null);

  const range =
    period === 'custom' ? custom : { from: addDays(today, -(Number(period) - 1)), to: today };
  const validRange = /^\d{4}-\d{2}-\d{2}$/.test(range.from) && /^\d{4}-\d{2}-\d{2}$/.test(range.to);
  const report = useKpis(workspace.id, {
    from: validRange ? range.from : undefined,
    to: validRange ? range.to : undefined,
    channelId: channelId ?? undefined,
  });

  return (
    <>
      <PageHeader
        title={t('analytics.kpisPage.title')}
        description={t('analytics.kpisPage.subtitle')}
        actions={
          can('analytics.import') && (
            <Button
              component={Link}
              to={`/w/${workspace.id}/analytics/imports`}
              variant="light"
              leftSection={<IconFileImport size={18} />}
            >
              {t('analytics.kpisPage.goImport')}
            </Button>
          )
        }
      />
      <Stack gap="lg">
        <Paper p="md" withBorder>
          <Group align="flex-end" gap="md" wrap="wrap">
            <Stack gap={4}>
              <Text size="sm" fw={500} id="kpi-period-label">
                {t('analytics.kpisPage.period')}
              </Text>
              <SegmentedControl
                aria-labelledby="kpi-period-label"
                value={period}
                onChange={(value) => setPeriod(value as PeriodChoice)}
                data={[
                  { value: '7', label: t('analytics.kpisPage.last7') },
                  { value: '30', label: t('analytics.kpisPage.last30') },
                  { value: '90', label: t('analytics.kpisPage.last90') },
                  { value: 'custom', label: t('analytics.kpisPage.custom') },
                ]}
              />
            </Stack>
            {period === 'custom' && (
              <>
                <TextInput
                  type="date"
                  label={t('analytics.kpisPage.from')}
                  value={custom.from}
                  max={custom.to}
                  onChange={(e) => setCustom({ ...custom, from: e.currentTarget.value })}
                />
                <TextInput
                  type="date"
                  label={t('analytics.kpisPage.to')}
                  value={custom.to}
                  min={custom.from}
                  onChange={(e) => setCustom({ ...custom, to: e.currentTarget.value })}
                />
              </>
            )}
            <Select
              label={t('analytics.kpisPage.channel')}
              placeholder={t('analytics.kpisPage.allChannels')}
              clearable
              value={channelId}
              onChange={setChannelId}
              data={(channels.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
              w={260}
            />
          </Group>
        </Paper>

        {report.isPending ? (
          <LoadingState />
        ) : report.isError ? (
          <ErrorState error={report.error} onRetry={() => void report.refetch()} />
        ) : (
          <KpiSections report={report.data} canImport={can('analytics.import')} />
        )}

        <Catalogue />
      </Stack>
    </>
  );
}

function KpiSections({ report, canImport }: { report: KpiReport; canImport: boolean }) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const { current, previous } = report;
  const empty = Object.values(current.values).every((v) => v === null);
  return (
    <Stack gap="lg">
      <Text size="sm" c="dimmed">
        {t('analytics.kpisPage.periodLine', {
          from: current.from,
          to: current.to,
          previousFrom: previous.from,
          previousTo: previous.to,
          timezone: report.timezone,
        })}
      </Text>
      {report.mixedCurrencies.length > 0 && (
        <Alert color="orange" icon={<IconInfoCircle size={18} />}>
          {t('analytics.kpisPage.mixedCurrencies', { list: report.mixedCurrencies.join(', ') })}
        </Alert>
      )}
      {empty && (
        <Paper withBorder>
          <EmptyState
            message={t('analytics.kpisPage.empty')}
            action={
              canImport && (
                <Button component={Link} to={`/w/${workspace.id}/analytics/imports`}>
                  {t('analytics.kpisPage.goImport')}
                </Button>
              )
            }
          />
        </Paper>
      )}
      {KPI_CATEGORIES.map((category) => (
        <CategorySection key={category} category={category} report={report} />
      ))}
    </Stack>
  );
}

function CategorySection({ category, report }: { category: KpiCategory; report: KpiReport }) {
  const { t } = useTranslation();
  const kpis = KPI_CATALOGUE.filter((k) => k.category === category);
  return (
    <section aria-labelledby={`kpi-${category}`}>
      <Title order={4} id={`kpi-${category}`} mb="sm">
        {t(`analytics.categories.${category}`)}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
        {kpis.map((kpi) => (
          <KpiCard
            key={kpi.id}
            kpi={kpi}
            value={report.current.values[kpi.id]}
            previous={report.previous.values[kpi.id]}
            currency={report.currency}
          />
        ))}
      </SimpleGrid>
      {category === 'audience' && <Acquisition report={report} />}
      {category === 'service' && !report.inbox && (
        <Text size="xs" c="dimmed" mt="xs">
          {t('analytics.kpisPage.inboxMissing')}
        </Text>
      )}
    </section>
  );
}

function Acquisition({ report }: { report: KpiReport }) {
  const { t, i18n } = useTranslation();
  const rows = report.current.acquisition;
  return (
    <Paper p="md" withBorder mt="md">
      <Text size="sm" fw={500} mb="xs">
        {t('analytics.kpi.acquisition_by_source')}
      </Text>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('analytics.kpisPage.breakdownEmpty')}
        </Text>
      ) : (
        <Stack gap={6}>
          {rows.map((row) => (
            <Group key={row.source} gap="sm" wrap="nowrap">
              <Text size="sm" w={110}>
                {t(`analytics.followSources.${row.source}`)}
              </Text>
              <Progress value={row.share * 100} style={{ flex: 1 }} aria-label={row.source} />
              <Text size="sm" w={140} ta="right">
                {new Intl.NumberFormat(i18n.language).format(row.follows)} ·{' '}
                {new Intl.NumberFormat(i18n.language, {
                  style: 'percent',
                  maximumFractionDigits: 1,
                }).format(row.share)}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

/** Every KPI with its formula, unit, aggregation and source: the definitions in one table. */
function Catalogue() {
  const { t } = useTranslation();
  return (
    <Paper p="md" withBorder aria-labelledby="kpi-catalogue">
      <Title order={4} id="kpi-catalogue">
        {t('analytics.kpisPage.catalogue')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('analytics.kpisPage.catalogueHint')}
      </Text>
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="xs" fz="sm" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('analytics.kpisPage.kpi')}</Table.Th>
              <Table.Th>{t('analytics.kpisPage.formula')}</Table.Th>
              <Table.Th>{t('analytics.kpisPage.unit')}</Table.Th>
              <Table.Th>{t('analytics.kpisPage.aggregation')}</Table.Th>
              <Table.Th>{t('analytics.kpisPage.source')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {KPI_CATALOGUE.map((kpi) => (
              <Table.Tr key={kpi.id}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {t(kpi.labelKey)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t(kpi.descriptionKey)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <KpiFormula formula={kpi.formula} />
                </Table.Td>
                <Table.Td>{t(`analytics.units.${kpi.unit}`)}</Table.Td>
                <Table.Td>{t(`analytics.aggregation.${kpi.aggregation}`)}</Table.Td>
                <Table.Td>{t(`analytics.sources.${kpi.source}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
