import {
  Button,
  Group,
  Modal,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconFlask,
  IconBrandBluesky,
  IconHandClick,
  IconWebhook,
  type TablerIcon,
} from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ASSISTED_STYLES,
  SANDBOX_STYLES,
  type CreateChannelBody,
} from '../../shared/publishing.ts';
import { useCreateChannel } from '../api/use-channels.ts';
import { type ChannelPlatform, styleMeta } from '../lib/channel-platforms.ts';
import { fieldErrors, formError } from '../lib/field-errors.ts';
import { ChannelSettingsFields, type ChannelSettingsValue } from './channel-settings-fields.tsx';
import { FormError } from './query-state.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';

const PLATFORM_CHOICES: { platform: ChannelPlatform; icon: TablerIcon }[] = [
  { platform: 'sandbox', icon: IconFlask },
  { platform: 'bluesky', icon: IconBrandBluesky },
  { platform: 'webhook', icon: IconWebhook },
  { platform: 'assisted', icon: IconHandClick },
];

type SandboxStyle = (typeof SANDBOX_STYLES)[number];
type AssistedStyle = (typeof ASSISTED_STYLES)[number];

interface Draft {
  name: string;
  handle: string;
  sandboxStyle: SandboxStyle;
  assistedStyle: AssistedStyle;
  url: string;
  secret: string;
  appPassword: string;
  service: string;
}

const EMPTY: Draft = {
  name: '',
  handle: '',
  sandboxStyle: 'weibo',
  assistedStyle: 'xiaohongshu',
  url: '',
  secret: '',
  appPassword: '',
  service: '',
};

function defaultColor(platform: ChannelPlatform, draft: Draft): string {
  if (platform === 'sandbox') return styleMeta(draft.sandboxStyle).color;
  if (platform === 'assisted') return styleMeta(draft.assistedStyle).color;
  return styleMeta(platform).color;
}

function buildBody(
  platform: ChannelPlatform,
  draft: Draft,
  settings: ChannelSettingsValue,
): CreateChannelBody {
  const common = {
    name: draft.name.trim(),
    timezone: settings.timezone,
    color: settings.color,
    cadence: settings.cadence,
  };
  const trimmed = (value: string) => value.trim() || undefined;
  switch (platform) {
    case 'sandbox':
      return {
        platform,
        style: draft.sandboxStyle,
        handle: trimmed(draft.handle),
        ...common,
      };
    case 'webhook':
      return { platform, url: draft.url.trim(), secret: draft.secret || undefined, ...common };
    case 'bluesky':
      return {
        platform,
        handle: draft.handle.trim(),
        appPassword: draft.appPassword,
        service: trimmed(draft.service),
        ...common,
      };
    case 'assisted':
      return { platform, style: draft.assistedStyle, handle: draft.handle.trim(), ...common };
  }
}

/** Two steps: how to connect, then that platform's fields and the shared settings. */
export function ConnectChannelModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('channels.connect')} size="lg">
      {opened && <ConnectChannelForm onDone={onClose} />}
    </Modal>
  );
}

function ConnectChannelForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const create = useCreateChannel(workspace.id);
  const [platform, setPlatform] = useState<ChannelPlatform | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [settings, setSettings] = useState<ChannelSettingsValue>({
    color: styleMeta('weibo').color,
    timezone: workspace.timezone,
    cadence: null,
  });
  const [colorTouched, setColorTouched] = useState(false);
  const errorFor = fieldErrors(create.error);

  const update = (patch: Partial<Draft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    if (!colorTouched && platform) {
      setSettings((old) => ({ ...old, color: defaultColor(platform, next) }));
    }
  };

  const choose = (choice: ChannelPlatform) => {
    setPlatform(choice);
    create.reset();
    if (!colorTouched) setSettings((old) => ({ ...old, color: defaultColor(choice, draft) }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!platform) return;
    create.mutate(buildBody(platform, draft, settings), {
      onSuccess: (channel) => {
        notifications.show({
          color: 'teal',
          message: t('channels.connected', { name: channel.name }),
        });
        onDone();
      },
    });
  };

  if (!platform) {
    return (
      <Stack gap="sm">
        <Text size="sm" fw={600} id="connect-platform-label">
          {t('channels.choosePlatform')}
        </Text>
        <SimpleGrid cols={{ base: 1, xs: 2 }} role="group" aria-labelledby="connect-platform-label">
          {PLATFORM_CHOICES.map(({ platform: choice, icon: Icon }) => (
            <UnstyledButton
              key={choice}
              onClick={() => choose(choice)}
              p="md"
              style={{
                border: '1px solid var(--mantine-color-default-border)',
                borderRadius: 'var(--mantine-radius-md)',
              }}
            >
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <Icon size={24} stroke={1.6} style={{ flex: 'none' }} />
                <Stack gap={2}>
                  <Text fw={600}>{t(`channelKinds.${choice}`)}</Text>
                  <Text size="xs" c="dimmed">
                    {t(`channelKinds.${choice}Hint`)}
                  </Text>
                </Stack>
              </Group>
            </UnstyledButton>
          ))}
        </SimpleGrid>
      </Stack>
    );
  }

  const nameValid = draft.name.trim() !== '';
  const ready =
    nameValid &&
    (platform === 'sandbox' ||
      (platform === 'webhook' && draft.url.trim() !== '') ||
      (platform === 'bluesky' && draft.handle.trim() !== '' && draft.appPassword !== '') ||
      (platform === 'assisted' && draft.handle.trim() !== ''));

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t(`channelKinds.${platform}`)} · {t(`channelKinds.${platform}Hint`)}
        </Text>
        {platform === 'sandbox' && (
          <Select
            label={t('channels.style')}
            value={draft.sandboxStyle}
            allowDeselect={false}
            data={SANDBOX_STYLES.map((style) => ({ value: style, label: t(`platforms.${style}`) }))}
            onChange={(value) =>
              update({ sandboxStyle: SANDBOX_STYLES.find((s) => s === value) ?? 'weibo' })
            }
            error={errorFor('style')}
          />
        )}
        {platform === 'assisted' && (
          <Select
            label={t('channels.style')}
            value={draft.assistedStyle}
            allowDeselect={false}
            data={ASSISTED_STYLES.map((style) => ({
              value: style,
              label: t(`platforms.${style}`),
            }))}
            onChange={(value) =>
              update({ assistedStyle: ASSISTED_STYLES.find((s) => s === value) ?? 'xiaohongshu' })
            }
            error={errorFor('style')}
          />
        )}
        <TextInput
          label={t('fields.name')}
          value={draft.name}
          onChange={(event) => update({ name: event.currentTarget.value })}
          error={errorFor('name')}
          maxLength={100}
          required
          data-autofocus
        />
        {platform !== 'webhook' && (
          <TextInput
            label={platform === 'sandbox' ? t('channels.handleOptional') : t('channels.handle')}
            value={draft.handle}
            onChange={(event) => update({ handle: event.currentTarget.value })}
            error={errorFor('handle')}
            placeholder={platform === 'bluesky' ? 'brand.bsky.social' : undefined}
            autoComplete="off"
            required={platform !== 'sandbox'}
          />
        )}
        {platform === 'bluesky' && (
          <>
            <PasswordInput
              label={t('channels.appPassword')}
              description={t('channels.appPasswordHint')}
              value={draft.appPassword}
              onChange={(event) => update({ appPassword: event.currentTarget.value })}
              error={errorFor('appPassword')}
              autoComplete="off"
              required
            />
            <TextInput
              label={t('channels.service')}
              description={t('channels.serviceHint')}
              value={draft.service}
              onChange={(event) => update({ service: event.currentTarget.value })}
              error={errorFor('service')}
              placeholder="https://bsky.social"
              type="url"
            />
          </>
        )}
        {platform === 'webhook' && (
          <>
            <TextInput
              label={t('channels.webhookUrl')}
              value={draft.url}
              onChange={(event) => update({ url: event.currentTarget.value })}
              error={errorFor('url')}
              placeholder="https://example.com/hooks/opsloop"
              type="url"
              required
            />
            <PasswordInput
              label={t('channels.webhookSecret')}
              description={t('channels.webhookSecretHint')}
              value={draft.secret}
              onChange={(event) => update({ secret: event.currentTarget.value })}
              error={errorFor('secret')}
              autoComplete="off"
            />
          </>
        )}
        <ChannelSettingsFields
          value={settings}
          onChange={(next) => {
            if (next.color !== settings.color) setColorTouched(true);
            setSettings(next);
          }}
          errorFor={errorFor}
        />
        <FormError message={formError(create.error)} />
        <Group justify="space-between">
          <Button variant="default" onClick={() => setPlatform(null)}>
            {t('channels.back')}
          </Button>
          <Button type="submit" loading={create.isPending} disabled={!ready}>
            {t('channels.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
