import { Button, Group, NumberInput, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContentPool, Pools } from '../../shared/content.ts';
import { useUpdatePools } from '../api/use-content.ts';
import { fieldErrors, formError } from '../lib/field-errors.ts';
import { FormError } from './query-state.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';

type Count = number | null;

function quotaOf(pools: Pools, pool: ContentPool) {
  return pools.pools.find((report) => report.pool === pool)?.quota;
}

function toCount(value: string | number): Count {
  return typeof value === 'number' ? value : null;
}

/** Weekly quotas of the hit and regular pools and the reserve's stock target. */
export function PoolQuotaForm({ pools }: { pools: Pools }) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const update = useUpdatePools(workspace.id);
  const [hitMin, setHitMin] = useState<Count>(quotaOf(pools, 'hit')?.weeklyMin ?? null);
  const [hitMax, setHitMax] = useState<Count>(quotaOf(pools, 'hit')?.weeklyMax ?? null);
  const [regularMin, setRegularMin] = useState<Count>(quotaOf(pools, 'regular')?.weeklyMin ?? null);
  const [regularMax, setRegularMax] = useState<Count>(quotaOf(pools, 'regular')?.weeklyMax ?? null);
  const [reserveMin, setReserveMin] = useState<Count>(quotaOf(pools, 'reserve')?.minStock ?? null);
  const errorFor = fieldErrors(update.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      {
        hit: { weeklyMin: hitMin, weeklyMax: hitMax },
        regular: { weeklyMin: regularMin, weeklyMax: regularMax },
        reserve: { minStock: reserveMin },
      },
      { onSuccess: () => notifications.show({ color: 'teal', message: t('app.saved') }) },
    );
  };

  const field = (label: string, value: Count, set: (value: Count) => void, error?: string) => (
    <NumberInput
      label={label}
      value={value ?? ''}
      onChange={(next) => set(toCount(next))}
      min={0}
      max={1000}
      allowDecimal={false}
      allowNegative={false}
      error={error}
    />
  );

  return (
    <Paper p="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <div>
            <Title order={4}>{t('content.quotas')}</Title>
            <Text size="xs" c="dimmed">
              {t('content.quotasHint')}
            </Text>
          </div>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            {field(t('content.hitMin'), hitMin, setHitMin, errorFor('hit.weeklyMin'))}
            {field(t('content.hitMax'), hitMax, setHitMax, errorFor('hit.weeklyMax'))}
            {field(
              t('content.regularMin'),
              regularMin,
              setRegularMin,
              errorFor('regular.weeklyMin'),
            )}
            {field(
              t('content.regularMax'),
              regularMax,
              setRegularMax,
              errorFor('regular.weeklyMax'),
            )}
            {field(
              t('content.reserveMin'),
              reserveMin,
              setReserveMin,
              errorFor('reserve.minStock'),
            )}
          </SimpleGrid>
          <FormError message={formError(update.error)} />
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending}>
              {t('app.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
