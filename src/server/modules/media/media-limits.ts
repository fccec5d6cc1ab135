import type { MediaKind } from '../../../shared/media.ts';
import type { ContentLimits } from '../../connectors/index.ts';

/** Platform names as people know them, for messages about a channel's rules. */
const PLATFORM_NAMES: Record<string, string> = {
  weibo: 'Weibo',
  wechat: 'WeChat',
  douyin: 'Douyin',
  xiaohongshu: 'Xiaohongshu',
  bluesky: 'Bluesky',
  bilibili: 'Bilibili',
  zhihu: 'Zhihu',
  kuaishou: 'Kuaishou',
  wechat_channels: 'WeChat Channels',
  webhook: 'The webhook',
};

/** Drivers that cannot send a kind of file even where the platform itself could take it. */
const DRIVER_CANNOT: Record<string, readonly MediaKind[]> = {
  bluesky: ['video'],
};

export interface MediaForCheck {
  kind: MediaKind;
  fileName: string;
  bytes: number;
}

const MB = 1024 * 1024;

function megabytes(bytes: number): string {
  const value = bytes / MB;
  return `${value >= 10 || Number.isInteger(value) ? value.toFixed(0) : value.toFixed(1)} MB`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * What is wrong with a channel version's media for its platform, as sentences that say what to
 * remove or replace ("Bluesky accepts at most 4 images; remove 1"). Empty when it fits.
 */
export function checkMediaForChannel(
  media: readonly MediaForCheck[],
  channel: { platform: string; style: string },
  limits: ContentLimits,
): string[] {
  const name = PLATFORM_NAMES[channel.style] ?? channel.style;
  const problems: string[] = [];
  const cannot = DRIVER_CANNOT[channel.platform] ?? [];
  for (const item of media) {
    if (item.kind === 'audio') {
      problems.push(`${name} does not take audio files; remove ${item.fileName}`);
    } else if (cannot.includes(item.kind)) {
      problems.push(`${name} channels publish images only; remove ${item.fileName}`);
    }
  }
  const images = media.filter((m) => m.kind === 'image');
  const videos = media.filter((m) => m.kind === 'video' && !cannot.includes('video'));
  if (images.length > limits.maxImages) {
    problems.push(
      limits.maxImages === 0
        ? `${name} does not take images; remove ${plural(images.length, 'image')}`
        : `${name} accepts at most ${plural(limits.maxImages, 'image')}; remove ${images.length - limits.maxImages}`,
    );
  }
  if (videos.length > limits.maxVideos) {
    problems.push(
      limits.maxVideos === 0
        ? `${name} does not take videos; remove ${plural(videos.length, 'video')}`
        : `${name} accepts at most ${plural(limits.maxVideos, 'video')}; remove ${videos.length - limits.maxVideos}`,
    );
  }
  if (images.length > 0 && videos.length > 0) {
    problems.push(`${name} takes either images or a video in one post; remove one or the other`);
  }
  for (const item of [...images, ...videos]) {
    const max = item.kind === 'image' ? limits.maxImageBytes : limits.maxVideoBytes;
    if (max !== null && item.bytes > max) {
      problems.push(
        `${item.fileName} is ${megabytes(item.bytes)}; ${name} accepts ${item.kind}s up to ${megabytes(max)}: compress or replace it`,
      );
    }
  }
  return problems;
}
