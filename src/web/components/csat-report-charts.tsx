import { BarChart, LineChart } from 'echarts/charts';
import { LegendComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CsatReport } from '../../shared/routing.ts';
import { EChart } from './echart.tsx';

use([BarChart, LineChart, LegendComponent]);

const SCORE_COLORS = ['#e03131', '#f76707', '#fab005', '#82c91e', '#2f9e44'];

/** Answers per score, 1 to 5. */
export function CsatDistributionChart({ report }: { report: CsatReport }) {
  const { t } = useTranslation();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 16, bottom: 32 },
      xAxis: {
        type: 'category',
        data: report.distribution.map((entry) => t('csat.scoreLabel', { score: entry.score })),
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t('csat.answers'),
          type: 'bar',
          data: report.distribution.map((entry, index) => ({
            value: entry.count,
            itemStyle: { color: SCORE_COLORS[index] },
          })),
        },
      ],
    }),
    [report, t],
  );
  return <EChart option={option} height={220} label={t('csat.distributionLabel')} />;
}

/** Average score and surveys answered per day. */
export function CsatTrendChart({ report }: { report: CsatReport }) {
  const { t } = useTranslation();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 40, right: 40, top: 16, bottom: 48 },
      xAxis: { type: 'category', data: report.daily.map((day) => day.date.slice(5)) },
      yAxis: [
        { type: 'value', min: 1, max: 5, name: t('csat.average') },
        { type: 'value', minInterval: 1, name: t('csat.answers') },
      ],
      series: [
        {
          name: t('csat.answers'),
          type: 'bar',
          yAxisIndex: 1,
          itemStyle: { color: '#a5d8ff' },
          data: report.daily.map((day) => day.answered),
        },
        {
          name: t('csat.average'),
          type: 'line',
          connectNulls: true,
          itemStyle: { color: '#1c7ed6' },
          data: report.daily.map((day) =>
            day.average === null ? null : Math.round(day.average * 100) / 100,
          ),
        },
      ],
    }),
    [report, t],
  );
  return <EChart option={option} height={260} label={t('csat.trendLabel')} />;
}
