import { Chip, Group, Input, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../shared/publishing.ts';
import { ChannelDot } from './channel-dots.tsx';

/** Chips in each channel's colour; a group labelled “Channels” for assistive tech and tests. */
export function ChannelPicker({
  channels,
  value,
  onChange,
  error,
  disabled,
}: {
  channels: readonly Channel[];
  value: string[];
  onChange: (value: string[]) => void;
  error?: string | undefined;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const labelId = useId();
  const hintId = useId();
  return (
    <Stack gap={6}>
      <div>
        <Input.Label id={labelId} component="span" display="block">
          {t('editor.channels')}
        </Input.Label>
        <Text size="xs" c="dimmed" id={hintId}>
          {t('editor.channelsHint')}
        </Text>
      </div>
      <Group gap="xs" role="group" aria-labelledby={labelId} aria-describedby={hintId}>
        <Chip.Group multiple value={value} onChange={onChange}>
          {channels.map((channel) => (
            <Chip
              key={channel.id}
              value={channel.id}
              color={channel.color}
              variant="outline"
              disabled={disabled}
            >
              <Group gap={6} wrap="nowrap" component="span">
                {!value.includes(channel.id) && <ChannelDot color={channel.color} />}
                {channel.name}
              </Group>
            </Chip>
          ))}
        </Chip.Group>
      </Group>
      {error && <Input.Error>{error}</Input.Error>}
    </Stack>
  );
}
