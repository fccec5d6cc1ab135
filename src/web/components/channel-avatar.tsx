import { ThemeIcon } from '@mantine/core';
import type { Channel } from '../../shared/publishing.ts';
import { styleMeta } from '../lib/channel-platforms.ts';

/** The platform's icon on the channel's own colour, the way channels are told apart everywhere. */
export function ChannelAvatar({
  channel,
  size = 36,
}: {
  channel: Pick<Channel, 'style' | 'color'>;
  size?: number;
}) {
  const Icon = styleMeta(channel.style).icon;
  return (
    <ThemeIcon size={size} radius="xl" color={channel.color} autoContrast aria-hidden>
      <Icon size={Math.round(size * 0.58)} stroke={1.7} />
    </ThemeIcon>
  );
}
