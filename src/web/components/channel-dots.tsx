import { Box, Group, Tooltip } from '@mantine/core';
import type { Channel } from '../../shared/publishing.ts';

export function ChannelDot({ color, size = 10 }: { color: string; size?: number }) {
  return (
    <Box
      component="span"
      display="inline-block"
      w={size}
      h={size}
      style={{ borderRadius: '50%', background: color, flex: 'none' }}
      aria-hidden
    />
  );
}

/** One coloured dot per channel, named for screen readers and on hover. */
export function ChannelDots({ channels }: { channels: readonly Channel[] }) {
  return (
    <Group gap={6} wrap="wrap" aria-label={channels.map((channel) => channel.name).join(', ')}>
      {channels.map((channel) => (
        <Tooltip key={channel.id} label={channel.name} withArrow>
          <Box component="span" display="inline-flex" tabIndex={0}>
            <ChannelDot color={channel.color} size={12} />
          </Box>
        </Tooltip>
      ))}
    </Group>
  );
}
