import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../shared/publishing.ts';
import { useUpdateChannel } from '../api/use-channels.ts';
import { fieldErrors, formError } from '../lib/field-errors.ts';
import { ChannelSettingsFields, type ChannelSettingsValue } from './channel-settings-fields.tsx';
import { FormError } from './query-state.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';

export function EditChannelModal({
  channel,
  onClose,
}: {
  channel: Channel | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={channel !== null}
      onClose={onClose}
      title={channel ? t('channels.editTitle', { name: channel.name }) : ''}
    >
      {channel && <EditChannelForm key={channel.id} channel={channel} onDone={onClose} />}
    </Modal>
  );
}

function EditChannelForm({ channel, onDone }: { channel: Channel; onDone: () => void }) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const update = useUpdateChannel(workspace.id);
  const [name, setName] = useState(channel.name);
  const [settings, setSettings] = useState<ChannelSettingsValue>({
    color: channel.color,
    timezone: channel.timezone,
    cadence: channel.cadence,
  });
  const errorFor = fieldErrors(update.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      {
        channelId: channel.id,
        body: { name: name.trim(), ...settings },
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('app.saved') });
          onDone();
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
        <ChannelSettingsFields value={settings} onChange={setSettings} errorFor={errorFor} />
        <FormError message={formError(update.error)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('app.cancel')}
          </Button>
          <Button type="submit" loading={update.isPending} disabled={!name.trim()}>
            {t('app.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
