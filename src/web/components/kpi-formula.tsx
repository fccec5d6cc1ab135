import { Code } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RAW_KEYS, type RawKey } from '../../shared/kpis.ts';

const RAW = new Set<string>(RAW_KEYS);

/**
 * A KPI's formula with each raw count in the reader's words: "(likes + comments + …) ÷
 * impressions" reads "(点赞 + 评论 + …) ÷ 曝光" in Chinese.
 */
export function KpiFormula({ formula }: { formula: string }) {
  const { t } = useTranslation();
  const text = formula.replace(/[a-z_]+/g, (word) =>
    RAW.has(word)
      ? t(`analytics.raw.${word as RawKey}`)
      : word === 'by' || word === 'source'
        ? t(`analytics.formulaWords.${word}`)
        : word,
  );
  return (
    <Code fz="xs" style={{ whiteSpace: 'normal' }}>
      {text}
    </Code>
  );
}
