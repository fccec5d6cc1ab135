import { Avatar, Box, Group, Paper, Stack, Text } from '@mantine/core';
import {
  IconBookmark,
  IconHeart,
  IconMessageCircle,
  IconRepeat,
  IconShare3,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../shared/publishing.ts';
import { asChannelStyle, type ChannelStyle } from '../lib/channel-platforms.ts';
import { splitAtLimit } from '../lib/text-measure.ts';
import { MediaPreviewGrid, useMediaPreview } from './media-preview-context.tsx';
import { MediaThumb } from './media-thumb.tsx';

interface PreviewLook {
  /** Dark video feeds (Douyin, Kuaishou, Channels) show white text on black. */
  dark: boolean;
  /** Platforms that lead with a headline. */
  headline: boolean;
  topic: (topic: string) => string;
  link: string;
  /** Xiaohongshu and video platforms put a cover above the text. */
  cover: boolean;
}

const hash = (topic: string) => `#${topic}`;
const LOOKS: Record<ChannelStyle, PreviewLook> = {
  weibo: { dark: false, headline: false, topic: (t) => `#${t}#`, link: '#eb7350', cover: false },
  wechat: { dark: false, headline: true, topic: hash, link: '#576b95', cover: false },
  douyin: { dark: true, headline: false, topic: hash, link: '#fe2c55', cover: true },
  xiaohongshu: { dark: false, headline: true, topic: hash, link: '#13386c', cover: true },
  bluesky: { dark: false, headline: false, topic: hash, link: '#1185fe', cover: false },
  bilibili: { dark: false, headline: true, topic: hash, link: '#00a1d6', cover: true },
  zhihu: { dark: false, headline: true, topic: hash, link: '#0066ff', cover: false },
  kuaishou: { dark: true, headline: false, topic: hash, link: '#ff4906', cover: true },
  wechat_channels: { dark: true, headline: false, topic: hash, link: '#fa9d3b', cover: true },
  webhook: { dark: false, headline: true, topic: hash, link: '#1a7f64', cover: false },
};

/** Roughly how the post will look on the platform, with anything past the limit struck red. */
export function PostPreview({
  channel,
  title,
  text,
  topics,
}: {
  channel: Channel;
  title: string | null;
  text: string;
  topics: readonly string[];
}) {
  const { t } = useTranslation();
  const look = LOOKS[asChannelStyle(channel.style)];
  const [fits, overflow] = splitAtLimit(
    text,
    channel.limits.maxTextLength,
    channel.limits.countMode,
  );
  // Attached media come from the editor; cover platforms show the first one as the cover.
  const media = useMediaPreview(channel.id);
  const fg = look.dark ? 'white' : undefined;
  const dim = look.dark ? 'gray.5' : 'dimmed';

  return (
    <Paper
      p="sm"
      radius="lg"
      bg={look.dark ? '#161823' : 'white'}
      c={fg}
      aria-label={t('editor.preview')}
      style={{ borderColor: look.dark ? '#161823' : undefined }}
    >
      <Stack gap="xs">
        <Group gap="xs" wrap="nowrap">
          <Avatar size={32} radius="xl" color={channel.color} variant="filled">
            {Array.from(channel.name)[0]}
          </Avatar>
          <Stack gap={0} miw={0}>
            <Text size="sm" fw={650} truncate>
              {channel.name}
            </Text>
            {channel.handle && (
              <Text size="xs" c={dim} truncate>
                @{channel.handle.replace(/^@/, '')}
              </Text>
            )}
          </Stack>
        </Group>
        {look.cover && media[0] && <MediaThumb asset={media[0]} radius="md" />}
        {look.cover && !media[0] && (
          <Box
            h={look.headline ? 120 : 90}
            style={{
              borderRadius: 'var(--mantine-radius-md)',
              background: `linear-gradient(135deg, ${channel.color}33, ${channel.color}99)`,
            }}
            aria-hidden
          />
        )}
        {look.headline && title && (
          <Text fw={700} size="md" lh={1.3}>
            {title}
          </Text>
        )}
        {text.trim() === '' ? (
          <Text size="sm" c={dim} fs="italic">
            {t('editor.previewEmpty')}
          </Text>
        ) : (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {fits}
            {overflow && (
              <Text span inherit bg="red.1" c="red.9" td="line-through">
                {overflow}
              </Text>
            )}
          </Text>
        )}
        {!look.cover && <MediaPreviewGrid media={media} />}
        {topics.length > 0 && (
          <Text size="sm" c={look.link} style={{ overflowWrap: 'anywhere' }}>
            {topics.map(look.topic).join(' ')}
          </Text>
        )}
        <Group gap="lg" c={dim} aria-hidden>
          <IconShare3 size={16} />
          <IconMessageCircle size={16} />
          {look.dark ? <IconBookmark size={16} /> : <IconRepeat size={16} />}
          <IconHeart size={16} />
        </Group>
      </Stack>
    </Paper>
  );
}
