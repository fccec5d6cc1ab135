import { Button, Group, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCreateWorkspace } from '../api/use-workspaces.ts';
import { fieldErrors, formError } from '../lib/field-errors.ts';
import { browserTimezone } from '../lib/timezones.ts';
import { FormError } from './query-state.tsx';
import { TimezoneSelect } from './timezone-select.tsx';

/** Creates a workspace and switches to it. */
export function CreateWorkspaceForm({ onCancel }: { onCancel?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateWorkspace();
  const [name, setName] = useState('');
  const [timezone, setTimezone] = useState(browserTimezone);
  const errorFor = fieldErrors(create.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), timezone },
      {
        onSuccess: (workspace) => {
          notifications.show({
            color: 'teal',
            message: t('createWorkspace.created', { name: workspace.name }),
          });
          onCancel?.();
          void navigate(`/w/${workspace.id}`);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('fields.workspaceName')}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errorFor('name')}
          required
          data-autofocus
          autoFocus
          maxLength={100}
        />
        <TimezoneSelect value={timezone} onChange={setTimezone} error={errorFor('timezone')} />
        <FormError message={formError(create.error)} />
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('app.cancel')}
            </Button>
          )}
          <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
            {t('createWorkspace.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
