import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { EChartsCoreOption } from 'echarts/core';
import type { BestTimes } from '../../shared/publishing.ts';
import { hourLabel, weekdayNames } from '../lib/time-labels.ts';
import { EChart } from './echart.tsx';

/** Hour × weekday grid of how posts do against the channel's median (1 = median). */
export function BestTimesHeatmap({ bestTimes }: { bestTimes: BestTimes }) {
  const { t, i18n } = useTranslation();
  const option = useMemo<EChartsCoreOption>(() => {
    const days = weekdayNames(i18n.language);
    // Colour on a log scale, so 2× and ½× sit equally far from the median; the tooltip keeps
    // the real ratio in the fourth column.
    const data: [number, number, number | '-', number | null][] = [];
    bestTimes.grid.forEach((row, weekday) =>
      row.forEach((value, hour) => {
        data.push([hour, weekday, value && value > 0 ? Math.log2(value) : '-', value]);
      }),
    );
    return {
      animation: false,
      grid: { left: 48, right: 8, top: 8, bottom: 64 },
      tooltip: {
        formatter: (params: { value: [number, number, number | '-', number | null] }) => {
          const [hour, weekday, , value] = params.value;
          const when = `${days[weekday] ?? ''} ${hourLabel(hour)}`;
          return value === null
            ? `${when}<br/>${t('bestTimes.noPosts')}`
            : `${when}<br/>${t('bestTimes.score', { score: value.toFixed(2) })}`;
        },
      },
      xAxis: {
        type: 'category',
        name: t('bestTimes.hour'),
        data: Array.from({ length: 24 }, (_, hour) => String(hour)),
        splitArea: { show: true },
        axisLabel: { interval: 2 },
      },
      yAxis: {
        type: 'category',
        data: days,
        inverse: true,
        splitArea: { show: true },
      },
      visualMap: {
        min: -2,
        max: 2,
        dimension: 2,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 160,
        text: ['4×', '¼×'],
        inRange: { color: ['#f08c8c', '#fde2e1', '#f8fafc', '#99e2c8', '#0f766e'] },
      },
      series: [
        {
          type: 'heatmap',
          data,
          emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } },
          itemStyle: { borderColor: '#fff', borderWidth: 1 },
        },
      ],
    };
  }, [bestTimes, i18n.language, t]);

  return <EChart option={option} height={300} label={t('bestTimes.heatmap')} />;
}
