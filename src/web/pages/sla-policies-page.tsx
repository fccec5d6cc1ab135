import { ActionIcon, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusinessHours, SlaPolicy } from '../../shared/routing.ts';
import {
  useBusinessHours,
  useDeleteBusinessHours,
  useDeleteSlaPolicy,
  useReorderSlaPolicies,
  useSlaPolicies,
} from '../api/use-routing.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { RequirePermission } from '../components/require-permission.tsx';
import { RoutingTabs } from '../components/routing-tabs.tsx';
import {
  SlaBusinessHoursEditor,
  type HoursEditorTarget,
} from '../components/sla-business-hours-editor.tsx';
import { SlaPolicyModal, type PolicyEditorTarget } from '../components/sla-policy-modal.tsx';
import { useCurrentWorkspace } from '../components/workspace-context.ts';

export function SlaPoliciesPage() {
  return (
    <RequirePermission permission="inbox.read">
      <SlaContent />
    </RequirePermission>
  );
}

/** 90 → "1 h 30 min"; null → "—". */
function useDuration() {
  const { t } = useTranslation();
  return (minutes: number | null): string => {
    if (minutes === null) return '—';
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return [h ? `${h} ${t('sla.policy.h')}` : '', m ? `${m} ${t('sla.policy.min')}` : '']
      .filter(Boolean)
      .join(' ');
  };
}

function SlaContent() {
  const { t } = useTranslation();
  const { workspace, can } = useCurrentWorkspace();
  const canManage = can('inbox.manage');
  const policies = useSlaPolicies(workspace.id);
  const hours = useBusinessHours(workspace.id);
  const [policyEditor, setPolicyEditor] = useState<PolicyEditorTarget>(null);
  const [hoursEditor, setHoursEditor] = useState<HoursEditorTarget>(null);

  return (
    <>
      <PageHeader
        title={t('routing.title')}
        description={t('sla.subtitle')}
        actions={
          canManage && (
            <Button
              leftSection={<IconPlus size={18} />}
              onClick={() => setPolicyEditor({ policy: null })}
            >
              {t('sla.policy.new')}
            </Button>
          )
        }
      />
      <RoutingTabs />
      <Stack gap="lg">
        <Paper p="md" aria-labelledby="policies-title">
          <Title order={4} id="policies-title" mb={4}>
            {t('sla.policies')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('sla.policiesHint')}
          </Text>
          {policies.isPending ? (
            <LoadingState />
          ) : policies.isError ? (
            <ErrorState error={policies.error} onRetry={() => void policies.refetch()} />
          ) : policies.data.length === 0 ? (
            <EmptyState
              message={t('sla.empty')}
              action={
                canManage && (
                  <Button onClick={() => setPolicyEditor({ policy: null })}>
                    {t('sla.policy.new')}
                  </Button>
                )
              }
            />
          ) : (
            <PoliciesTable
              policies={policies.data}
              hours={hours.data ?? []}
              canManage={canManage}
              onEdit={(policy) => setPolicyEditor({ policy })}
            />
          )}
        </Paper>
        <Paper p="md" aria-labelledby="hours-title">
          <Group justify="space-between" mb={4}>
            <Title order={4} id="hours-title">
              {t('sla.hours.title')}
            </Title>
            {canManage && (
              <Button
                size="xs"
                variant="light"
                leftSection={<IconPlus size={14} />}
                onClick={() => setHoursEditor({ hours: null })}
              >
                {t('sla.hours.new')}
              </Button>
            )}
          </Group>
          <Text size="sm" c="dimmed" mb="sm">
            {t('sla.hours.hint', { timezone: workspace.timezone })}
          </Text>
          {hours.isPending ? (
            <LoadingState minHeight={80} />
          ) : hours.isError ? (
            <ErrorState error={hours.error} onRetry={() => void hours.refetch()} />
          ) : hours.data.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('sla.hours.empty')}
            </Text>
          ) : (
            <HoursList
              hours={hours.data}
              canManage={canManage}
              onEdit={(entry) => setHoursEditor({ hours: entry })}
            />
          )}
        </Paper>
      </Stack>
      <SlaPolicyModal
        workspaceId={workspace.id}
        target={policyEditor}
        onClose={() => setPolicyEditor(null)}
      />
      <SlaBusinessHoursEditor
        workspaceId={workspace.id}
        target={hoursEditor}
        onClose={() => setHoursEditor(null)}
      />
    </>
  );
}

function PoliciesTable({
  policies,
  hours,
  canManage,
  onEdit,
}: {
  policies: SlaPolicy[];
  hours: BusinessHours[];
  canManage: boolean;
  onEdit: (policy: SlaPolicy) => void;
}) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const duration = useDuration();
  const reorder = useReorderSlaPolicies(workspace.id);
  const remove = useDeleteSlaPolicy(workspace.id);
  const fail = (error: Error) => notifications.show({ color: 'red', message: error.message });
  const move = (index: number, by: -1 | 1) => {
    const ids = policies.map((policy) => policy.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + by, 0, moved!);
    reorder.mutate(ids, { onError: fail });
  };
  const confirmRemove = (policy: SlaPolicy) =>
    modals.openConfirmModal({
      title: t('sla.policy.remove'),
      children: <Text size="sm">{t('sla.policy.removeConfirm', { name: policy.name })}</Text>,
      labels: { confirm: t('routing.remove'), cancel: t('app.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate(policy.id, { onError: fail }),
    });
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('sla.policy.name')}</Table.Th>
            <Table.Th>{t('sla.policy.appliesTo')}</Table.Th>
            <Table.Th>{t('sla.kinds.first_response')}</Table.Th>
            <Table.Th>{t('sla.kinds.next_response')}</Table.Th>
            <Table.Th>{t('sla.kinds.resolution')}</Table.Th>
            <Table.Th>{t('sla.policy.businessHours')}</Table.Th>
            {canManage && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {policies.map((policy, index) => (
            <Table.Tr key={policy.id} opacity={policy.enabled ? 1 : 0.55}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {policy.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(`sla.escalations.${policy.escalation}`)}
                </Text>
              </Table.Td>
              <Table.Td>
                {policy.priorities ? (
                  <Group gap={4}>
                    {policy.priorities.map((p) => (
                      <Badge key={p} size="xs" variant="light">
                        {t(`routing.priorities.${p}`)}
                      </Badge>
                    ))}
                  </Group>
                ) : (
                  <Text size="sm">{t('routing.any')}</Text>
                )}
              </Table.Td>
              <Table.Td>{duration(policy.firstResponseMinutes)}</Table.Td>
              <Table.Td>{duration(policy.nextResponseMinutes)}</Table.Td>
              <Table.Td>{duration(policy.resolutionMinutes)}</Table.Td>
              <Table.Td>
                {policy.businessHoursId
                  ? (hours.find((h) => h.id === policy.businessHoursId)?.name ?? '—')
                  : t('sla.policy.allHours')}
              </Table.Td>
              {canManage && (
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <ActionIcon
                      variant="subtle"
                      aria-label={t('routing.moveUp')}
                      disabled={index === 0}
                      onClick={() => move(index, -1)}
                    >
                      <IconArrowUp size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      aria-label={t('routing.moveDown')}
                      disabled={index === policies.length - 1}
                      onClick={() => move(index, 1)}
                    >
                      <IconArrowDown size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      aria-label={t('sla.policy.editNamed', { name: policy.name })}
                      onClick={() => onEdit(policy)}
                    >
                      <IconPencil size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('sla.policy.removeNamed', { name: policy.name })}
                      onClick={() => confirmRemove(policy)}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function HoursList({
  hours,
  canManage,
  onEdit,
}: {
  hours: BusinessHours[];
  canManage: boolean;
  onEdit: (hours: BusinessHours) => void;
}) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const remove = useDeleteBusinessHours(workspace.id);
  const summary = (entry: BusinessHours) =>
    ([1, 2, 3, 4, 5, 6, 7] as const)
      .map((day) => {
        const open = entry.intervals.filter((i) => i.day === day);
        return open.length
          ? `${t(`routing.weekdays.${day}`)} ${open.map((i) => `${i.from}–${i.to}`).join(', ')}`
          : null;
      })
      .filter(Boolean)
      .join(' · ');
  return (
    <Stack gap="sm">
      {hours.map((entry) => (
        <Group key={entry.id} justify="space-between" wrap="nowrap" align="flex-start">
          <div>
            <Text size="sm" fw={500}>
              {entry.name}
              {entry.timezone && (
                <Text span size="xs" c="dimmed">
                  {' '}
                  ({entry.timezone})
                </Text>
              )}
            </Text>
            <Text size="xs" c="dimmed">
              {summary(entry)}
            </Text>
            {entry.holidays.length > 0 && (
              <Text size="xs" c="dimmed">
                {t('sla.hours.holidayCount', { count: entry.holidays.length })}
              </Text>
            )}
          </div>
          {canManage && (
            <Group gap={4} wrap="nowrap">
              <ActionIcon
                variant="subtle"
                aria-label={t('sla.hours.editNamed', { name: entry.name })}
                onClick={() => onEdit(entry)}
              >
                <IconPencil size={16} />
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('sla.hours.removeNamed', { name: entry.name })}
                onClick={() =>
                  remove.mutate(entry.id, {
                    onError: (error) =>
                      notifications.show({ color: 'red', message: error.message }),
                  })
                }
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          )}
        </Group>
      ))}
    </Stack>
  );
}
