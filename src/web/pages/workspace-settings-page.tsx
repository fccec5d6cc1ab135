import { Alert, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUpdateWorkspace } from '../api/use-workspaces.ts';
import { PageHeader } from '../components/page-header.tsx';
import { FormError } from '../components/query-state.tsx';
import { TimezoneSelect } from '../components/timezone-select.tsx';
import { useCurrentWorkspace } from '../components/workspace-context.ts';
import { fieldErrors, formError } from '../lib/field-errors.ts';

export function WorkspaceSettingsPage() {
  const { t } = useTranslation();
  const { workspace, can } = useCurrentWorkspace();
  const editable = can('workspace.update');
  const update = useUpdateWorkspace(workspace.id);
  const [name, setName] = useState(workspace.name);
  const [timezone, setTimezone] = useState(workspace.timezone);
  const errorFor = fieldErrors(update.error);
  const dirty = name.trim() !== workspace.name || timezone !== workspace.timezone;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      {
        name: name.trim() !== workspace.name ? name.trim() : undefined,
        timezone: timezone !== workspace.timezone ? timezone : undefined,
      },
      { onSuccess: () => notifications.show({ color: 'teal', message: t('app.saved') }) },
    );
  };

  return (
    <>
      <PageHeader title={t('settings.title')} />
      <Paper p={{ base: 'md', sm: 'lg' }} maw={640}>
        <Title order={4} mb="md">
          {t('settings.general')}
        </Title>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {!editable && <Alert color="yellow">{t('settings.readOnly')}</Alert>}
            <TextInput
              label={t('fields.workspaceName')}
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              error={errorFor('name')}
              disabled={!editable}
              maxLength={100}
              required
              autoFocus
            />
            <TimezoneSelect
              value={timezone}
              onChange={setTimezone}
              error={errorFor('timezone')}
              disabled={!editable}
            />
            <FormError message={formError(update.error)} />
            {editable && (
              <Group justify="flex-end">
                <Button type="submit" loading={update.isPending} disabled={!dirty || !name.trim()}>
                  {t('app.save')}
                </Button>
              </Group>
            )}
          </Stack>
        </form>
      </Paper>
      {can('posts.read') && (
        <Paper p={{ base: 'md', sm: 'lg' }} maw={640} mt="lg">
          <Group justify="space-between" gap="sm">
            <Stack gap={2}>
              <Title order={4}>{t('settings.approvalsLink')}</Title>
              <Text size="sm" c="dimmed">
                {t('settings.approvalsLinkHint')}
              </Text>
            </Stack>
            <Button component={Link} to={`/w/${workspace.id}/settings/approvals`} variant="light">
              {t('nav.approvals')}
            </Button>
          </Group>
        </Paper>
      )}
    </>
  );
}
