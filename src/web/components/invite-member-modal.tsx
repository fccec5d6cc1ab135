import { Alert, Button, Group, Modal, NumberInput, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedInvitation } from '../../shared/api.ts';
import type { Role } from '../../shared/permissions.ts';
import { useCreateInvitation } from '../api/use-members.ts';
import { fieldErrors, formError } from '../lib/field-errors.ts';
import { useFormatDate } from '../lib/format.ts';
import { defaultGrantableRole, grantableRoles } from '../lib/roles.ts';
import { CopyField } from './copy-field.tsx';
import { FormError } from './query-state.tsx';
import { RoleSelect } from './role-select.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';

export function InviteMemberModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [created, setCreated] = useState<CreatedInvitation | null>(null);

  const close = () => {
    onClose();
    setCreated(null);
  };

  return (
    <Modal opened={opened} onClose={close} title={t('members.inviteTitle')} size="lg">
      {created ? (
        <InvitationLink created={created} onAgain={() => setCreated(null)} onClose={close} />
      ) : (
        <InviteForm onCreated={setCreated} onCancel={close} />
      )}
    </Modal>
  );
}

function InviteForm({
  onCreated,
  onCancel,
}: {
  onCreated: (created: CreatedInvitation) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const create = useCreateInvitation(workspace.id);
  const [role, setRole] = useState<Role | null>(() => defaultGrantableRole(workspace.role));
  const [email, setEmail] = useState('');
  const [days, setDays] = useState<number | string>(7);
  const errorFor = fieldErrors(create.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!role) return;
    create.mutate(
      {
        role,
        email: email.trim() || undefined,
        expiresInDays: typeof days === 'number' ? days : undefined,
      },
      {
        onSuccess: (created) => {
          notifications.show({ color: 'teal', message: t('members.linkReady') });
          onCreated(created);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <RoleSelect
          label={t('fields.role')}
          roles={grantableRoles(workspace.role)}
          value={role}
          onChange={setRole}
          error={errorFor('role')}
          required
          data-autofocus
          comboboxProps={{ withinPortal: true }}
        />
        <TextInput
          label={t('fields.emailOptional')}
          type="email"
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          error={errorFor('email')}
        />
        <NumberInput
          label={t('fields.expiresInDays')}
          value={days}
          onChange={setDays}
          min={1}
          max={30}
          allowDecimal={false}
          error={errorFor('expiresInDays')}
        />
        <FormError message={formError(create.error)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('app.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending} disabled={!role}>
            {t('members.createLink')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function InvitationLink({
  created,
  onAgain,
  onClose,
}: {
  created: CreatedInvitation;
  onAgain: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  // The server may answer with a path; a full URL is what people paste into chats.
  const url = new URL(created.url, window.location.origin).toString();
  return (
    <Stack gap="md">
      <Alert color="teal" variant="light" title={t('members.linkReady')}>
        {t('members.linkHint', { date: formatDate(created.invitation.expiresAt) })}
      </Alert>
      <CopyField label={t('members.linkReady')} value={url} testId="invite-url" />
      <Group justify="flex-end">
        <Button variant="default" onClick={onAgain}>
          {t('members.inviteAnother')}
        </Button>
        <Button onClick={onClose}>{t('app.close')}</Button>
      </Group>
    </Stack>
  );
}
