import { ActionIcon, Button, Group, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconCopy, IconPhotoPlus, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MediaAsset } from '../../shared/media.ts';
import type { Channel } from '../../shared/publishing.ts';
import { ChannelAvatar } from './channel-avatar.tsx';
import { MediaPickerModal } from './media-picker-modal.tsx';
import { formatBytes, MediaExpiryBadge, MediaThumb } from './media-thumb.tsx';

/** What each channel takes, in a line: "Up to 4 images, 2 MB each". */
function LimitHint({ channel }: { channel: Channel }) {
  const { t, i18n } = useTranslation();
  const { maxImages, maxImageBytes } = channel.limits;
  if (maxImages === 0) return <>{t('media.noImages')}</>;
  return (
    <>
      {maxImageBytes
        ? t('media.limitImagesSize', {
            count: maxImages,
            size: formatBytes(maxImageBytes, i18n.language),
          })
        : t('media.limitImages', { count: maxImages })}
    </>
  );
}

/**
 * The post editor's media: for each chosen channel, its attached files in order, with buttons to
 * reorder and remove them, to add more from the library (or upload), and to copy one channel's
 * choice to all.
 */
export function MediaAttachments({
  workspaceId,
  channels,
  media,
  assets,
  errors,
  disabled,
  onChange,
}: {
  workspaceId: string;
  channels: readonly Channel[];
  media: Readonly<Record<string, readonly string[]>>;
  assets: ReadonlyMap<string, MediaAsset>;
  /** Server messages for `targets.<i>.media`, by channel id. */
  errors: Readonly<Record<string, string>>;
  disabled: boolean;
  onChange: (channelId: string, ids: string[]) => void;
}) {
  const { t } = useTranslation();
  const [pickerFor, setPickerFor] = useState<Channel | null>(null);

  const move = (channelId: string, index: number, by: -1 | 1) => {
    const ids = [...(media[channelId] ?? [])];
    const other = index + by;
    if (other < 0 || other >= ids.length) return;
    [ids[index], ids[other]] = [ids[other]!, ids[index]!];
    onChange(channelId, ids);
  };

  const copyToAll = (from: string) => {
    for (const channel of channels) {
      if (channel.id !== from) onChange(channel.id, [...(media[from] ?? [])]);
    }
  };

  return (
    <Stack gap="sm" data-testid="media-attachments">
      <Stack gap={2}>
        <Title order={4}>{t('media.attachTitle')}</Title>
        <Text size="sm" c="dimmed">
          {t('media.attachHint')}
        </Text>
      </Stack>
      <Paper p={{ base: 'sm', sm: 'md' }}>
        <Stack gap="md">
          {channels.map((channel) => {
            const ids = media[channel.id] ?? [];
            const error = errors[channel.id];
            return (
              <Stack key={channel.id} gap={6} data-testid={`media-row-${channel.id}`}>
                <Group justify="space-between" gap="xs">
                  <Group gap="xs" wrap="nowrap" miw={0}>
                    <ChannelAvatar channel={channel} size={24} />
                    <Text fw={600} size="sm" truncate>
                      {channel.name}
                    </Text>
                    <Text size="xs" c="dimmed" visibleFrom="sm">
                      <LimitHint channel={channel} />
                    </Text>
                  </Group>
                  <Group gap="xs">
                    {ids.length > 0 && channels.length > 1 && (
                      <Button
                        size="xs"
                        variant="subtle"
                        leftSection={<IconCopy size={14} />}
                        onClick={() => copyToAll(channel.id)}
                        disabled={disabled}
                      >
                        {t('media.copyToAll')}
                      </Button>
                    )}
                    <Button
                      size="xs"
                      variant="light"
                      leftSection={<IconPhotoPlus size={14} />}
                      onClick={() => setPickerFor(channel)}
                      disabled={disabled}
                    >
                      {t('media.addMedia')}
                    </Button>
                  </Group>
                </Group>
                {ids.length === 0 ? (
                  <Text size="xs" c="dimmed">
                    {t('media.noMedia')}
                  </Text>
                ) : (
                  <Group gap="sm" align="flex-start">
                    {ids.map((id, index) => {
                      const asset = assets.get(id);
                      const name = asset?.fileName ?? t('media.missing');
                      return (
                        <Stack key={id} gap={2} w={96}>
                          <MediaThumb asset={asset} size={96} />
                          <Text size="xs" truncate title={name}>
                            {name}
                          </Text>
                          {asset && <MediaExpiryBadge asset={asset} />}
                          <Group gap={2} justify="center">
                            <Tooltip label={t('media.moveEarlier', { name })}>
                              <ActionIcon
                                size="sm"
                                variant="subtle"
                                color="gray"
                                aria-label={t('media.moveEarlier', { name })}
                                disabled={disabled || index === 0}
                                onClick={() => move(channel.id, index, -1)}
                              >
                                <IconArrowLeft size={14} />
                              </ActionIcon>
                            </Tooltip>
                            <Tooltip label={t('media.moveLater', { name })}>
                              <ActionIcon
                                size="sm"
                                variant="subtle"
                                color="gray"
                                aria-label={t('media.moveLater', { name })}
                                disabled={disabled || index === ids.length - 1}
                                onClick={() => move(channel.id, index, 1)}
                              >
                                <IconArrowRight size={14} />
                              </ActionIcon>
                            </Tooltip>
                            <Tooltip label={t('media.removeFrom', { name })}>
                              <ActionIcon
                                size="sm"
                                variant="subtle"
                                color="red"
                                aria-label={t('media.removeFrom', { name })}
                                disabled={disabled}
                                onClick={() =>
                                  onChange(
                                    channel.id,
                                    ids.filter((other) => other !== id),
                                  )
                                }
                              >
                                <IconX size={14} />
                              </ActionIcon>
                            </Tooltip>
                          </Group>
                        </Stack>
                      );
                    })}
                  </Group>
                )}
                {error && (
                  <Text size="sm" c="red.7" role="alert" data-testid={`media-error-${channel.id}`}>
                    {error}
                  </Text>
                )}
              </Stack>
            );
          })}
        </Stack>
      </Paper>
      <MediaPickerModal
        workspaceId={workspaceId}
        channelName={pickerFor?.name ?? ''}
        opened={pickerFor !== null}
        attached={pickerFor ? (media[pickerFor.id] ?? []) : []}
        onClose={() => setPickerFor(null)}
        onAdd={(added) => {
          if (!pickerFor) return;
          onChange(pickerFor.id, [...(media[pickerFor.id] ?? []), ...added]);
        }}
      />
    </Stack>
  );
}
