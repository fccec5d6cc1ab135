import { Alert, Button, Group, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublishingSettings } from '../../shared/publishing.ts';
import { usePublishingSettings, useUpdatePublishingSettings } from '../api/use-posts.ts';
import { ApprovalStepsEditor } from '../components/approval-steps-editor.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, FormError, LoadingState } from '../components/query-state.tsx';
import { RequirePermission } from '../components/require-permission.tsx';
import { useCurrentWorkspace } from '../components/workspace-context.ts';
import { fieldErrors, formError } from '../lib/field-errors.ts';

const MAX_STEPS = 5;

export function ApprovalsPage() {
  return (
    <RequirePermission permission="posts.read">
      <ApprovalsLoader />
    </RequirePermission>
  );
}

function ApprovalsLoader() {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const settings = usePublishingSettings(workspace.id);
  return (
    <>
      <PageHeader title={t('approvals.title')} description={t('approvals.subtitle')} />
      {settings.isPending ? (
        <LoadingState />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <ApprovalsForm settings={settings.data} />
      )}
    </>
  );
}

function ApprovalsForm({ settings }: { settings: PublishingSettings }) {
  const { t } = useTranslation();
  const { workspace, can } = useCurrentWorkspace();
  const editable = can('publishing.settings');
  const update = useUpdatePublishingSettings(workspace.id);
  const [steps, setSteps] = useState(settings.approvalSteps);
  const [allowSelfApproval, setAllowSelfApproval] = useState(settings.allowSelfApproval);
  const errorFor = fieldErrors(update.error);
  const dirty =
    JSON.stringify(steps) !== JSON.stringify(settings.approvalSteps) ||
    allowSelfApproval !== settings.allowSelfApproval;
  const valid = steps.every((step) => step.name.trim() !== '' && step.roles.length > 0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      {
        approvalSteps: steps.map((step) => ({ ...step, name: step.name.trim() })),
        allowSelfApproval,
      },
      { onSuccess: () => notifications.show({ color: 'teal', message: t('app.saved') }) },
    );
  };

  return (
    <Paper p={{ base: 'md', sm: 'lg' }} maw={760}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {!editable && <Alert color="yellow">{t('approvals.readOnly')}</Alert>}
          <Group justify="space-between">
            <Title order={4}>{t('approvals.steps')}</Title>
            {editable && (
              <Button
                variant="light"
                size="xs"
                leftSection={<IconPlus size={16} />}
                disabled={steps.length >= MAX_STEPS}
                onClick={() => setSteps([...steps, { name: '', roles: ['manager'] }])}
              >
                {t('approvals.addStep')}
              </Button>
            )}
          </Group>
          <ApprovalStepsEditor
            steps={steps}
            onChange={setSteps}
            errorFor={errorFor}
            disabled={!editable}
          />
          {steps.length >= MAX_STEPS && (
            <Text size="xs" c="dimmed">
              {t('approvals.maxSteps')}
            </Text>
          )}
          <Switch
            label={t('approvals.allowSelfApproval')}
            description={t('approvals.allowSelfApprovalHint')}
            checked={allowSelfApproval}
            onChange={(event) => setAllowSelfApproval(event.currentTarget.checked)}
            disabled={!editable}
          />
          <FormError message={formError(update.error)} />
          {editable && (
            <Group justify="flex-end">
              <Button type="submit" loading={update.isPending} disabled={!dirty || !valid}>
                {t('app.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
