import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoutingRule } from '../../shared/routing.ts';
import {
  useDeleteRule,
  useReorderRules,
  useRoutingRules,
  useRoutingRuns,
  useSaveRule,
} from '../api/use-routing.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { RequirePermission } from '../components/require-permission.tsx';
import { RoutingDryRun } from '../components/routing-dry-run.tsx';
import { RoutingRuleEditor, type RuleEditorTarget } from '../components/routing-rule-editor.tsx';
import { RoutingTabs } from '../components/routing-tabs.tsx';
import { useCurrentWorkspace } from '../components/workspace-context.ts';
import { useFormatDate } from '../lib/format.ts';

export function RoutingRulesPage() {
  return (
    <RequirePermission permission="inbox.read">
      <RulesContent />
    </RequirePermission>
  );
}

function RulesContent() {
  const { t } = useTranslation();
  const { workspace, can } = useCurrentWorkspace();
  const canManage = can('inbox.manage');
  const rules = useRoutingRules(workspace.id);
  const [editor, setEditor] = useState<RuleEditorTarget>(null);

  return (
    <>
      <PageHeader
        title={t('routing.title')}
        description={t('routing.subtitle')}
        actions={
          canManage && (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setEditor({ rule: null })}>
              {t('routing.newRule')}
            </Button>
          )
        }
      />
      <RoutingTabs />
      <Stack gap="lg">
        <Paper p="md">
          <Text size="sm" c="dimmed" mb="sm">
            {t('routing.orderHint')}
          </Text>
          {rules.isPending ? (
            <LoadingState />
          ) : rules.isError ? (
            <ErrorState error={rules.error} onRetry={() => void rules.refetch()} />
          ) : rules.data.length === 0 ? (
            <EmptyState
              message={t('routing.empty')}
              action={
                canManage && (
                  <Button onClick={() => setEditor({ rule: null })}>{t('routing.newRule')}</Button>
                )
              }
            />
          ) : (
            <RulesTable
              rules={rules.data}
              canManage={canManage}
              onEdit={(rule) => setEditor({ rule })}
            />
          )}
        </Paper>
        <RoutingDryRun />
        <RecentRuns />
      </Stack>
      <RoutingRuleEditor target={editor} onClose={() => setEditor(null)} />
    </>
  );
}

function RulesTable({
  rules,
  canManage,
  onEdit,
}: {
  rules: RoutingRule[];
  canManage: boolean;
  onEdit: (rule: RoutingRule) => void;
}) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const formatDate = useFormatDate();
  const save = useSaveRule(workspace.id);
  const reorder = useReorderRules(workspace.id);
  const remove = useDeleteRule(workspace.id);
  const fail = (error: Error) => notifications.show({ color: 'red', message: error.message });

  const move = (index: number, by: -1 | 1) => {
    const ids = rules.map((rule) => rule.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + by, 0, moved!);
    reorder.mutate(ids, { onError: fail });
  };

  const confirmRemove = (rule: RoutingRule) =>
    modals.openConfirmModal({
      title: t('routing.removeRule'),
      children: <Text size="sm">{t('routing.removeRuleConfirm', { name: rule.name })}</Text>,
      labels: { confirm: t('routing.remove'), cancel: t('app.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate(rule.id, { onError: fail }),
    });

  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={50}>#</Table.Th>
            <Table.Th>{t('routing.rule')}</Table.Th>
            <Table.Th>{t('routing.fired')}</Table.Th>
            <Table.Th>{t('routing.enabled')}</Table.Th>
            {canManage && <Table.Th w={150} />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rules.map((rule, index) => (
            <Table.Tr key={rule.id} opacity={rule.enabled ? 1 : 0.55}>
              <Table.Td>{rule.position}</Table.Td>
              <Table.Td>
                <Group gap={6}>
                  <Text size="sm" fw={500}>
                    {rule.name}
                  </Text>
                  {rule.stopProcessing && (
                    <Badge size="xs" color="orange" variant="light">
                      {t('routing.stops')}
                    </Badge>
                  )}
                </Group>
                <Text size="xs" c="dimmed">
                  {rule.actions.map((action) => t(`routing.actions.${action.type}`)).join(' · ')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{rule.firedCount}</Text>
                <Text size="xs" c="dimmed">
                  {rule.lastFiredAt ? formatDate(rule.lastFiredAt) : t('app.never')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Switch
                  aria-label={t('routing.enableRule', { name: rule.name })}
                  checked={rule.enabled}
                  disabled={!canManage}
                  onChange={(event) =>
                    save.mutate(
                      { ruleId: rule.id, body: { enabled: event.currentTarget.checked } },
                      { onError: fail },
                    )
                  }
                />
              </Table.Td>
              {canManage && (
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Tooltip label={t('routing.moveUp')}>
                      <ActionIcon
                        variant="subtle"
                        aria-label={t('routing.moveUp')}
                        disabled={index === 0 || reorder.isPending}
                        onClick={() => move(index, -1)}
                      >
                        <IconArrowUp size={16} />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={t('routing.moveDown')}>
                      <ActionIcon
                        variant="subtle"
                        aria-label={t('routing.moveDown')}
                        disabled={index === rules.length - 1 || reorder.isPending}
                        onClick={() => move(index, 1)}
                      >
                        <IconArrowDown size={16} />
                      </ActionIcon>
                    </Tooltip>
                    <ActionIcon
                      variant="subtle"
                      aria-label={t('routing.editRuleNamed', { name: rule.name })}
                      onClick={() => onEdit(rule)}
                    >
                      <IconPencil size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('routing.removeRuleNamed', { name: rule.name })}
                      onClick={() => confirmRemove(rule)}
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

function RecentRuns() {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const runs = useRoutingRuns(workspace.id);
  const rules = useRoutingRules(workspace.id);
  const formatDate = useFormatDate();
  const ruleName = (id: string) =>
    rules.data?.find((rule) => rule.id === id)?.name ?? t('routing.removedRule');
  return (
    <Paper p="md" aria-labelledby="runs-title">
      <Title order={4} id="runs-title" mb="sm">
        {t('routing.recentRuns')}
      </Title>
      {runs.isPending ? (
        <LoadingState minHeight={80} />
      ) : runs.isError ? (
        <ErrorState error={runs.error} onRetry={() => void runs.refetch()} />
      ) : runs.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('routing.noRuns')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('routing.when')}</Table.Th>
                <Table.Th>{t('routing.firedRules')}</Table.Th>
                <Table.Th>{t('routing.tier')}</Table.Th>
                <Table.Th>{t('routing.outcome')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {runs.data.map((run) => (
                <Table.Tr key={run.messageId}>
                  <Table.Td>{formatDate(run.createdAt)}</Table.Td>
                  <Table.Td>
                    {run.firedRuleIds.length ? run.firedRuleIds.map(ruleName).join(', ') : '—'}
                  </Table.Td>
                  <Table.Td>{run.plan?.tier ? t(`routing.tiers.${run.plan.tier}`) : '—'}</Table.Td>
                  <Table.Td>
                    <Text size="xs">{run.outcomes.join('; ')}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
