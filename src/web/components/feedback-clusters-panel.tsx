import { Anchor, Badge, Button, Checkbox, Group, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFeedbackClusters, useMergeClusters } from '../api/use-feedback.ts';
import { formError } from '../lib/field-errors.ts';
import { EmptyState } from './empty-state.tsx';
import { ErrorState, FormError, LoadingState } from './query-state.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';

/**
 * Clusters of near-duplicates, those most people raised first. Clusters that are really one
 * issue in different words can be ticked and merged by hand.
 */
export function FeedbackClustersPanel({
  onShow,
}: {
  onShow: (clusterId: string, title: string) => void;
}) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const clusters = useFeedbackClusters(workspace.id);
  const merge = useMergeClusters(workspace.id);
  const [selected, setSelected] = useState<string[]>([]);
  const [target, setTarget] = useState<string | null>(null);

  if (clusters.isPending) return <LoadingState />;
  if (clusters.isError)
    return <ErrorState error={clusters.error} onRetry={() => void clusters.refetch()} />;
  if (clusters.data.length === 0) return <EmptyState message={t('feedback.cluster.empty')} />;

  const chosen = clusters.data.filter((cluster) => selected.includes(cluster.id));
  const toggle = (id: string, on: boolean) =>
    setSelected((current) => (on ? [...current, id] : current.filter((item) => item !== id)));
  const doMerge = () => {
    const into = target ?? chosen[0]?.id;
    if (!into) return;
    merge.mutate(
      { clusterId: into, clusterIds: selected.filter((id) => id !== into) },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('feedback.cluster.merged') });
          setSelected([]);
          setTarget(null);
        },
      },
    );
  };

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('feedback.cluster.mergeHint')}
      </Text>
      {selected.length >= 2 && (
        <Group align="flex-end">
          <Select
            label={t('feedback.cluster.mergeTarget')}
            data={chosen.map((cluster) => ({ value: cluster.id, label: cluster.title }))}
            value={target ?? chosen[0]?.id ?? null}
            onChange={setTarget}
            allowDeselect={false}
            w={360}
          />
          <Button onClick={doMerge} loading={merge.isPending}>
            {t('feedback.cluster.mergeSelected')}
          </Button>
        </Group>
      )}
      <FormError message={formError(merge.error)} />
      <Table.ScrollContainer minWidth={640} type="native">
        <Table verticalSpacing="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40} />
              <Table.Th>{t('feedback.columns.feedback')}</Table.Th>
              <Table.Th>{t('feedback.cluster.tickets')}</Table.Th>
              <Table.Th>{t('feedback.cluster.people')}</Table.Th>
              <Table.Th>{t('feedback.cluster.impact')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {clusters.data.map((cluster) => (
              <Table.Tr key={cluster.id}>
                <Table.Td>
                  <Checkbox
                    aria-label={t('feedback.cluster.select', { title: cluster.title })}
                    checked={selected.includes(cluster.id)}
                    onChange={(event) => toggle(cluster.id, event.currentTarget.checked)}
                  />
                </Table.Td>
                <Table.Td maw={480}>
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    ta="left"
                    onClick={() => onShow(cluster.id, cluster.title)}
                  >
                    {cluster.title}
                  </Anchor>
                  {cluster.vip && (
                    <Badge ml="xs" size="xs" color="grape" variant="light">
                      VIP
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{cluster.tickets}</Table.Td>
                <Table.Td>{cluster.people}</Table.Td>
                <Table.Td>{cluster.impact}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
