import { BarChart } from 'echarts/charts';
import { LegendComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlaReport } from '../../shared/routing.ts';
import { EChart } from './echart.tsx';

use([BarChart, LegendComponent]);

/** Met and missed SLA targets per day, stacked. */
export function SlaReportChart({ report }: { report: SlaReport }) {
  const { t } = useTranslation();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 40, right: 16, top: 16, bottom: 48 },
      xAxis: { type: 'category', data: report.daily.map((day) => day.date.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t('sla.report.met'),
          type: 'bar',
          stack: 'sla',
          itemStyle: { color: '#2f9e44' },
          data: report.daily.map((day) => day.met),
        },
        {
          name: t('sla.report.breached'),
          type: 'bar',
          stack: 'sla',
          itemStyle: { color: '#e03131' },
          data: report.daily.map((day) => day.breached),
        },
      ],
    }),
    [report, t],
  );
  return <EChart option={option} height={260} label={t('sla.report.chartLabel')} />;
}
