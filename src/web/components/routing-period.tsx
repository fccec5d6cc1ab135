import { SegmentedControl } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportQuery } from '../../shared/routing.ts';

const PERIODS = [7, 30, 90] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The reporting period a lead picks: the last 7, 30 or 90 days up to when the page opened. */
export function useReportPeriod() {
  const [days, setDays] = useState<(typeof PERIODS)[number]>(30);
  const [now] = useState(() => Date.now());
  const query = useMemo<ReportQuery>(
    () => ({ from: new Date(now - days * DAY_MS).toISOString(), to: new Date(now).toISOString() }),
    [days, now],
  );
  return { days, setDays, query };
}

export function RoutingPeriodPicker({
  days,
  onChange,
}: {
  days: number;
  onChange: (days: (typeof PERIODS)[number]) => void;
}) {
  const { t } = useTranslation();
  return (
    <SegmentedControl
      aria-label={t('routing.period')}
      data={PERIODS.map((value) => ({
        value: String(value),
        label: t('routing.lastDays', { count: value }),
      }))}
      value={String(days)}
      onChange={(value) => onChange(Number(value) as (typeof PERIODS)[number])}
    />
  );
}
