import { Alert, Button, Group, Modal, NumberInput, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedApiToken } from '../../shared/api.ts';
import type { Role } from '../../shared/permissions.ts';
import { useCreateApiToken } from '../api/use-tokens.ts';
import { fieldErrors, formError } from '../lib/field-errors.ts';
import { defaultGrantableRole, grantableRoles } from '../lib/roles.ts';
import { CopyField } from './copy-field.tsx';
import { FormError } from './query-state.tsx';
import { RoleSelect } from './role-select.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';

export function CreateTokenModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);

  const close = () => {
    onClose();
    setCreated(null);
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={created ? t('tokens.secretTitle') : t('tokens.create')}
      size="lg"
      // Closing by accident would lose the only copy of the secret.
      closeOnClickOutside={!created}
    >
      {created ? (
        <Stack gap="md">
          <Alert color="yellow" icon={<IconAlertTriangle size={18} />}>
            {t('tokens.secretWarning')}
          </Alert>
          <CopyField label={t('tokens.secretLabel')} value={created.secret} testId="token-secret" />
          <Group justify="flex-end">
            <Button onClick={close}>{t('app.close')}</Button>
          </Group>
        </Stack>
      ) : (
        <CreateTokenForm onCreated={setCreated} onCancel={close} />
      )}
    </Modal>
  );
}

function CreateTokenForm({
  onCreated,
  onCancel,
}: {
  onCreated: (created: CreatedApiToken) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const create = useCreateApiToken(workspace.id);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role | null>(() => defaultGrantableRole(workspace.role));
  const [days, setDays] = useState<number | string>(90);
  const errorFor = fieldErrors(create.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!role) return;
    create.mutate(
      {
        name: name.trim(),
        role,
        expiresInDays: typeof days === 'number' ? days : undefined,
      },
      {
        onSuccess: (created) => {
          notifications.show({ color: 'teal', message: t('tokens.secretTitle') });
          onCreated(created);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('fields.name')}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errorFor('name')}
          maxLength={100}
          required
          data-autofocus
        />
        <RoleSelect
          label={t('fields.role')}
          roles={grantableRoles(workspace.role)}
          value={role}
          onChange={setRole}
          error={errorFor('role')}
          required
          comboboxProps={{ withinPortal: true }}
        />
        <NumberInput
          label={t('fields.expiresInDaysOptional')}
          description={t('tokens.noExpiry')}
          value={days}
          onChange={setDays}
          min={1}
          max={3650}
          allowDecimal={false}
          error={errorFor('expiresInDays')}
        />
        <FormError message={formError(create.error)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('app.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending} disabled={!name.trim() || !role}>
            {t('tokens.createSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
