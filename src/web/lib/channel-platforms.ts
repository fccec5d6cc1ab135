import {
  IconBook,
  IconBrandBilibili,
  IconBrandBluesky,
  IconBrandTiktok,
  IconBrandWechat,
  IconBrandWeibo,
  IconBrandZhihu,
  IconPlayerPlay,
  IconVideo,
  IconWebhook,
  type TablerIcon,
} from '@tabler/icons-react';
import type { Channel } from '../../shared/publishing.ts';

export const CHANNEL_STYLES = [
  'weibo',
  'wechat',
  'douyin',
  'xiaohongshu',
  'bluesky',
  'bilibili',
  'zhihu',
  'kuaishou',
  'wechat_channels',
  'webhook',
] as const;
export type ChannelStyle = (typeof CHANNEL_STYLES)[number];

export type ChannelPlatform = Channel['platform'];
export const CHANNEL_PLATFORMS: readonly ChannelPlatform[] = [
  'sandbox',
  'bluesky',
  'webhook',
  'assisted',
];

interface StyleMeta {
  icon: TablerIcon;
  /** The platform's brand colour: the default for new channels and the preview's accent. */
  color: string;
}

const STYLE_META: Record<ChannelStyle, StyleMeta> = {
  weibo: { icon: IconBrandWeibo, color: '#e6162d' },
  wechat: { icon: IconBrandWechat, color: '#07c160' },
  douyin: { icon: IconBrandTiktok, color: '#161823' },
  xiaohongshu: { icon: IconBook, color: '#ff2442' },
  bluesky: { icon: IconBrandBluesky, color: '#1185fe' },
  bilibili: { icon: IconBrandBilibili, color: '#00a1d6' },
  zhihu: { icon: IconBrandZhihu, color: '#0066ff' },
  kuaishou: { icon: IconPlayerPlay, color: '#ff4906' },
  wechat_channels: { icon: IconVideo, color: '#fa9d3b' },
  webhook: { icon: IconWebhook, color: '#64748b' },
};

export function asChannelStyle(style: string): ChannelStyle {
  return CHANNEL_STYLES.find((candidate) => candidate === style) ?? 'webhook';
}

export function styleMeta(style: string): StyleMeta {
  return STYLE_META[asChannelStyle(style)];
}

/** Preset swatches for the colour picker: the brand colours plus a few neutrals. */
export const COLOR_SWATCHES = [
  ...new Set(Object.values(STYLE_META).map((meta) => meta.color)),
  '#1a7f64',
  '#7c3aed',
  '#d97706',
];
