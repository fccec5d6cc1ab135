import { Badge, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowDownRight, IconArrowUpRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { kpiChange, type KpiDefinition } from '../../shared/kpis.ts';
import { KpiFormula } from './kpi-formula.tsx';

/** Formats a KPI value by its unit in the interface language. */
export function useFormatKpi() {
  const { i18n, t } = useTranslation();
  const lang = i18n.language;
  return (unit: KpiDefinition['unit'], value: number | null, currency: string | null): string => {
    if (value === null) return t('analytics.kpisPage.noData');
    switch (unit) {
      case 'count':
        return new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(value);
      case 'percent':
        return new Intl.NumberFormat(lang, {
          style: 'percent',
          maximumFractionDigits: Math.abs(value) < 0.1 ? 2 : 1,
        }).format(value);
      case 'money': {
        if (!currency) return new Intl.NumberFormat(lang).format(value / 100);
        const format = new Intl.NumberFormat(lang, { style: 'currency', currency });
        const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
        return format.format(value / 10 ** digits);
      }
      case 'duration': {
        const minutes = value / 60_000;
        if (minutes < 1) return t('analytics.units.seconds', { count: Math.round(value / 1000) });
        if (minutes < 120) return t('analytics.units.minutes', { count: Math.round(minutes) });
        return t('analytics.units.hours', { count: Math.round((minutes / 60) * 10) / 10 });
      }
    }
  };
}

export function KpiCard({
  kpi,
  value,
  previous,
  currency,
}: {
  kpi: KpiDefinition;
  value: number | null;
  previous: number | null;
  currency: string | null;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormatKpi();
  const change = kpiChange(value, previous);
  const good = change === null || change === 0 ? null : change > 0 === kpi.higherIsBetter;
  return (
    <Paper p="md" withBorder data-kpi={kpi.id} aria-label={t(kpi.labelKey)}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Tooltip label={t(kpi.descriptionKey)} multiline w={260} withArrow>
            <Text size="sm" c="dimmed" fw={500}>
              {t(kpi.labelKey)}
            </Text>
          </Tooltip>
          {change !== null && (
            <Badge
              variant="light"
              color={good ? 'teal' : 'red'}
              leftSection={
                change > 0 ? <IconArrowUpRight size={12} /> : <IconArrowDownRight size={12} />
              }
              aria-label={t('analytics.kpisPage.vsPrevious')}
            >
              {new Intl.NumberFormat(i18n.language, {
                style: 'percent',
                maximumFractionDigits: 1,
                signDisplay: 'exceptZero',
              }).format(change)}
            </Badge>
          )}
        </Group>
        <Text fz={26} fw={700} lh={1.1} c={value === null ? 'dimmed' : undefined} data-kpi-value>
          {format(kpi.unit, value, currency)}
        </Text>
        <Text size="xs" c="dimmed">
          {t('analytics.kpisPage.previousValue', { value: format(kpi.unit, previous, currency) })}
        </Text>
        <KpiFormula formula={kpi.formula} />
      </Stack>
    </Paper>
  );
}
