import { Button, Center, Paper, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuditLog, type AuditFilters } from '../api/use-audit.ts';
import { AuditFiltersForm } from '../components/audit-filters-form.tsx';
import { AuditTable } from '../components/audit-table.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { RequirePermission } from '../components/require-permission.tsx';
import { useCurrentWorkspace } from '../components/workspace-context.ts';

export function AuditPage() {
  return (
    <RequirePermission permission="audit.read">
      <AuditContent />
    </RequirePermission>
  );
}

function AuditContent() {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const [filters, setFilters] = useState<AuditFilters>({});
  const log = useAuditLog(workspace.id, filters);
  const events = log.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Object.values(filters).some(Boolean);

  return (
    <>
      <PageHeader title={t('audit.title')} />
      <Stack gap="md">
        <AuditFiltersForm onApply={setFilters} />
        <Paper>
          {log.isPending ? (
            <LoadingState />
          ) : log.isError ? (
            <ErrorState error={log.error} onRetry={() => void log.refetch()} />
          ) : events.length === 0 ? (
            <EmptyState message={filtered ? t('audit.empty') : t('audit.emptyAll')} />
          ) : (
            <AuditTable events={events} />
          )}
        </Paper>
        {log.hasNextPage && (
          <Center>
            <Button
              variant="default"
              loading={log.isFetchingNextPage}
              onClick={() => void log.fetchNextPage()}
            >
              {t('app.loadMore')}
            </Button>
          </Center>
        )}
      </Stack>
    </>
  );
}
