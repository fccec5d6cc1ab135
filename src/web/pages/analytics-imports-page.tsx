import { Button, FileInput, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { IconChartBar, IconUpload, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { analyticsKey, useImport, useImports, useUploadImport } from '../api/use-analytics.ts';
import { ChannelHistory } from '../components/analytics-channel-history.tsx';
import { ImportList } from '../components/analytics-import-list.tsx';
import { ImportReport } from '../components/analytics-import-report.tsx';
import { ImportWizard } from '../components/analytics-import-wizard.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, FormError, LoadingState } from '../components/query-state.tsx';
import { RequirePermission } from '../components/require-permission.tsx';
import { useCurrentWorkspace } from '../components/workspace-context.ts';

export function AnalyticsImportsPage() {
  return (
    <RequirePermission permission="posts.read">
      <ImportsContent />
    </RequirePermission>
  );
}

function ImportsContent() {
  const { t } = useTranslation();
  const { workspace, can } = useCurrentWorkspace();
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('import');
  const imports = useImports(workspace.id);
  const open = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('import', id);
    else next.delete('import');
    setParams(next);
  };

  return (
    <>
      <PageHeader
        title={t('analytics.imports.title')}
        description={t('analytics.imports.subtitle')}
        actions={
          <Button
            component={Link}
            to={`/w/${workspace.id}/analytics/kpis`}
            variant="light"
            leftSection={<IconChartBar size={18} />}
          >
            {t('analytics.imports.toKpis')}
          </Button>
        }
      />
      <Stack gap="lg">
        {can('analytics.import') && <UploadPanel onUploaded={(id) => open(id)} />}
        {selectedId && <SelectedImport importId={selectedId} onClose={() => open(null)} />}
        <Paper p="md" withBorder aria-labelledby="past-imports-title">
          <Title order={4} id="past-imports-title" mb="sm">
            {t('analytics.imports.pastImports')}
          </Title>
          {imports.isPending ? (
            <LoadingState minHeight={80} />
          ) : imports.isError ? (
            <ErrorState error={imports.error} onRetry={() => void imports.refetch()} />
          ) : imports.data.length === 0 ? (
            <EmptyState message={t('analytics.imports.none')} />
          ) : (
            <ImportList imports={imports.data} onOpen={(id) => open(id)} />
          )}
        </Paper>
        <ChannelHistory />
      </Stack>
    </>
  );
}

function UploadPanel({ onUploaded }: { onUploaded: (importId: string) => void }) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const upload = useUploadImport(workspace.id);
  const [file, setFile] = useState<File | null>(null);
  const [share, setShare] = useState(0);
  return (
    <Paper p="md" withBorder aria-labelledby="upload-title">
      <Title order={4} id="upload-title">
        {t('analytics.imports.upload')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('analytics.imports.uploadHint')}
      </Text>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!file) return;
          setShare(0);
          upload.mutate(
            { file, onProgress: setShare },
            {
              onSuccess: (imp) => {
                setFile(null);
                onUploaded(imp.id);
              },
            },
          );
        }}
      >
        <Group align="flex-end" gap="sm" wrap="wrap">
          <FileInput
            label={t('analytics.imports.chooseFile')}
            placeholder={t('analytics.imports.chooseFilePlaceholder')}
            accept=".csv,.tsv,.txt,.xlsx"
            value={file}
            onChange={setFile}
            clearable
            w={360}
            leftSection={<IconUpload size={16} />}
          />
          <Button type="submit" disabled={!file} loading={upload.isPending}>
            {t('analytics.imports.uploadButton')}
          </Button>
        </Group>
      </form>
      {upload.isPending && (
        <Progress value={share * 100} mt="sm" aria-label={t('analytics.imports.uploading')} />
      )}
      <FormError message={upload.error ? upload.error.message : null} />
    </Paper>
  );
}

function SelectedImport({ importId, onClose }: { importId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const imp = useImport(workspace.id, importId);
  const queryClient = useQueryClient();
  const status = imp.data?.status;
  // When a run ends, the list and the KPIs change with it.
  useEffect(() => {
    if (status === 'completed' || status === 'failed' || status === 'undone') {
      void queryClient.invalidateQueries({ queryKey: analyticsKey(workspace.id) });
    }
  }, [status, queryClient, workspace.id]);
  return (
    <Paper p="md" withBorder aria-labelledby="selected-import-title">
      <Group justify="space-between" mb="sm">
        <Title order={4} id="selected-import-title">
          {imp.data?.status === 'uploaded'
            ? t('analytics.imports.mapTitle')
            : t('analytics.imports.reportTitle')}
        </Title>
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconX size={14} />}
          onClick={onClose}
          aria-label={t('app.close')}
        >
          {t('app.close')}
        </Button>
      </Group>
      {imp.isPending ? (
        <LoadingState minHeight={80} />
      ) : imp.isError ? (
        <ErrorState error={imp.error} onRetry={() => void imp.refetch()} />
      ) : imp.data.status === 'uploaded' ? (
        <ImportWizard
          key={`${imp.data.id}-${imp.data.headerRow}-${imp.data.sheet}`}
          imp={imp.data}
          onStarted={() => void imp.refetch()}
        />
      ) : (
        <ImportReport imp={imp.data} />
      )}
    </Paper>
  );
}
