import { Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LimitMeasure, VariantMeasures } from '../lib/text-measure.ts';

function Meter({
  measure,
  label,
  overMessage,
}: {
  measure: LimitMeasure;
  label: string;
  overMessage: string;
}) {
  const over = measure.over > 0;
  const ratio = Math.min(100, (measure.used / Math.max(1, measure.max)) * 100);
  return (
    <Stack gap={2}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="xs" c={over ? 'red.7' : 'dimmed'} fw={over ? 600 : undefined}>
          {over ? overMessage : ''}
        </Text>
        <Text size="xs" c={over ? 'red.7' : 'dimmed'} fw={over ? 700 : 500} ff="monospace">
          {label}
        </Text>
      </Group>
      <Progress
        value={ratio}
        size="xs"
        color={over ? 'red' : ratio > 90 ? 'yellow' : 'teal'}
        aria-hidden
      />
    </Stack>
  );
}

/** Live counts against each of the platform's limits; says exactly how much to cut. */
export function LimitCounter({ measures }: { measures: VariantMeasures }) {
  const { t } = useTranslation();
  return (
    <Stack gap={6} aria-live="polite">
      {measures.text && (
        <Meter
          measure={measures.text}
          label={t('editor.counter', { used: measures.text.used, max: measures.text.max })}
          overMessage={t('editor.overText', { over: measures.text.over })}
        />
      )}
      {measures.bytes && (
        <Meter
          measure={measures.bytes}
          label={t('editor.counterBytes', { used: measures.bytes.used, max: measures.bytes.max })}
          overMessage={t('editor.overBytes', { over: measures.bytes.over })}
        />
      )}
      {measures.title && (
        <Meter
          measure={measures.title}
          label={t('editor.counterTitle', { used: measures.title.used, max: measures.title.max })}
          overMessage={t('editor.overTitle', { over: measures.title.over })}
        />
      )}
    </Stack>
  );
}
