import { BarChart } from 'echarts/charts';
import { LegendComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedbackReportGroup } from '../../shared/feedback.ts';
import { EChart } from './echart.tsx';

use([BarChart, LegendComponent]);

/** Received, resolved and adopted side by side for each category (or department). */
export function FeedbackReportChart({ groups }: { groups: FeedbackReportGroup[] }) {
  const { t } = useTranslation();
  const option = useMemo(() => {
    const names = groups.map((group) => group.name ?? t('feedback.reportPage.none'));
    const series = (
      [
        ['received', '#228be6'],
        ['resolved', '#12b886'],
        ['adopted', '#40c057'],
      ] as const
    ).map(([key, color]) => ({
      name: t(`feedback.reportPage.${key}`),
      type: 'bar',
      itemStyle: { color },
      data: groups.map((group) => group[key]),
    }));
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 40, right: 16, top: 16, bottom: 56 },
      xAxis: {
        type: 'category',
        data: names,
        axisLabel: { interval: 0, width: 90, overflow: 'truncate' },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series,
    };
  }, [groups, t]);
  return <EChart option={option} height={280} label={t('feedback.reportPage.chartLabel')} />;
}
