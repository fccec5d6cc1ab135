import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportIssue, MetricImport } from '../../shared/analytics.ts';
import { useImportIssues, useUndoImport } from '../api/use-analytics.ts';
import { ErrorState, LoadingState } from './query-state.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';

export const IMPORT_STATUS_COLORS: Record<MetricImport['status'], string> = {
  uploading: 'gray',
  uploaded: 'blue',
  queued: 'yellow',
  running: 'yellow',
  completed: 'teal',
  failed: 'red',
  undone: 'gray',
};

export function ImportStatusBadge({ status }: { status: MetricImport['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={IMPORT_STATUS_COLORS[status]}>
      {t(`analytics.imports.statuses.${status}`)}
    </Badge>
  );
}

/** Opens the undo confirmation for an import and runs it. */
export function useConfirmUndo() {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const undo = useUndoImport(workspace.id);
  return (imp: MetricImport) =>
    modals.openConfirmModal({
      title: t('analytics.imports.undoConfirmTitle'),
      children: <Text size="sm">{t('analytics.imports.undoConfirm', { file: imp.fileName })}</Text>,
      labels: { confirm: t('analytics.imports.undo'), cancel: t('app.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        undo.mutate(imp.id, {
          onSuccess: () =>
            notifications.show({ color: 'teal', message: t('analytics.imports.undone') }),
          onError: (error) =>
            notifications.show({ color: 'red', message: error.message, autoClose: 10_000 }),
        }),
    });
}

/** Progress of a running import; then what it did, every bad row, and undo. */
export function ImportReport({ imp }: { imp: MetricImport }) {
  const { t } = useTranslation();
  const { can } = useCurrentWorkspace();
  const confirmUndo = useConfirmUndo();
  const active = imp.status === 'queued' || imp.status === 'running';
  const percent = imp.rowsTotal > 0 ? (imp.rowsDone / imp.rowsTotal) * 100 : active ? 0 : 100;
  return (
    <Stack gap="md">
      <Group gap="sm" justify="space-between" wrap="wrap">
        <Group gap="sm">
          <Text fw={600}>{imp.fileName}</Text>
          <ImportStatusBadge status={imp.status} />
        </Group>
        {can('analytics.import') && (imp.status === 'completed' || imp.status === 'failed') && (
          <Button
            color="red"
            variant="light"
            leftSection={<IconArrowBackUp size={18} />}
            onClick={() => confirmUndo(imp)}
          >
            {t('analytics.imports.undo')}
          </Button>
        )}
      </Group>
      <Stack gap={4}>
        <Progress
          value={percent}
          animated={active}
          aria-label={t('analytics.imports.progressLabel')}
          role="progressbar"
          aria-valuenow={imp.rowsDone}
          aria-valuemax={imp.rowsTotal}
        />
        <Text size="sm" c="dimmed" data-testid="import-progress">
          {t('analytics.imports.progress', { done: imp.rowsDone, total: imp.rowsTotal })}
        </Text>
      </Stack>
      {imp.status === 'failed' && imp.error && (
        <Alert color="red">{t('analytics.imports.error', { message: imp.error })}</Alert>
      )}
      {imp.status === 'undone' && <Alert color="gray">{t('analytics.imports.undoneNote')}</Alert>}
      {!active && (
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
          <Stat label={t('analytics.imports.summary.imported')} value={imp.rowsImported} />
          <Stat label={t('analytics.imports.summary.failed')} value={imp.rowsFailed} danger />
          <Stat label={t('analytics.imports.summary.skipped')} value={imp.rowsSkipped} />
          <Stat label={t('analytics.imports.summary.matched')} value={imp.postsMatched} />
          <Stat label={t('analytics.imports.summary.created')} value={imp.postsCreated} />
        </SimpleGrid>
      )}
      {!active && imp.status !== 'uploaded' && <IssuesTable imp={imp} />}
    </Stack>
  );
}

function Stat({ label, value, danger }: { label: string; value: number; danger?: boolean }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fz="xl" fw={700} c={danger && value > 0 ? 'red' : undefined}>
        {value}
      </Text>
    </Paper>
  );
}

function IssuesTable({ imp }: { imp: MetricImport }) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return (
    <Paper withBorder p="sm" aria-labelledby="import-issues-title">
      <Title order={5} id="import-issues-title" mb="xs">
        {t('analytics.imports.issuesTitle')}
      </Title>
      {imp.rowsFailed === 0 ? (
        <Text size="sm" c="dimmed">
          {t('analytics.imports.issuesNone')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing={4} fz="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={80}>{t('analytics.imports.line')}</Table.Th>
                <Table.Th>{t('analytics.imports.issueColumn')}</Table.Th>
                <Table.Th>{t('analytics.imports.issueValue')}</Table.Th>
                <Table.Th>{t('analytics.imports.issueReason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cursors.map((cursor, i) => (
                <IssuePage
                  key={cursor ?? 'first'}
                  workspaceId={workspace.id}
                  importId={imp.id}
                  cursor={cursor}
                  onMore={
                    i === cursors.length - 1 ? (next) => setCursors([...cursors, next]) : null
                  }
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

function IssuePage({
  workspaceId,
  importId,
  cursor,
  onMore,
}: {
  workspaceId: string;
  importId: string;
  cursor: string | null;
  onMore: ((next: string) => void) | null;
}) {
  const { t } = useTranslation();
  const page = useImportIssues(workspaceId, importId, cursor);
  if (page.isPending) {
    return (
      <Table.Tr>
        <Table.Td colSpan={4}>
          <LoadingState minHeight={40} />
        </Table.Td>
      </Table.Tr>
    );
  }
  if (page.isError) {
    return (
      <Table.Tr>
        <Table.Td colSpan={4}>
          <ErrorState error={page.error} onRetry={() => void page.refetch()} />
        </Table.Td>
      </Table.Tr>
    );
  }
  return (
    <>
      {page.data.items.map((issue: ImportIssue) => (
        <Table.Tr key={issue.line} data-issue-line={issue.line}>
          <Table.Td>{issue.line}</Table.Td>
          <Table.Td>
            {issue.field
              ? t(`analytics.imports.fields.${issue.field as 'title'}`, {
                  defaultValue: issue.field,
                })
              : '—'}
          </Table.Td>
          <Table.Td>{issue.value ?? '—'}</Table.Td>
          <Table.Td>{issue.reason}</Table.Td>
        </Table.Tr>
      ))}
      {onMore && page.data.nextCursor && (
        <Table.Tr>
          <Table.Td colSpan={4}>
            <Button size="xs" variant="subtle" onClick={() => onMore(page.data.nextCursor!)}>
              {t('app.loadMore')}
            </Button>
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}
