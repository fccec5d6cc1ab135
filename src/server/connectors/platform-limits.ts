import type { ContentLimits } from './connector.ts';

const MB = 1024 * 1024;

/**
 * Published content limits per platform (reference/platforms.md and the platforms' own
 * documentation). Drivers that can read live limits from the platform override these.
 */
export const PLATFORM_LIMITS: Record<string, ContentLimits> = {
  weibo: limits({ maxTextLength: 140, maxImages: 9, maxImageBytes: 5 * MB }),
  wechat: limits({
    maxTextLength: 20_000,
    maxTitleLength: 32,
    maxImages: 20,
    maxImageBytes: 10 * MB,
  }),
  douyin: limits({ maxTextLength: 1000, maxImages: 35, maxVideos: 1, maxVideoBytes: 4096 * MB }),
  xiaohongshu: limits({
    maxTextLength: 1000,
    maxTitleLength: 20,
    maxImages: 18,
    maxImageBytes: 20 * MB,
  }),
  bluesky: limits({
    countMode: 'graphemes',
    maxTextLength: 300,
    maxTextBytes: 3000,
    maxImages: 4,
    maxImageBytes: 2_000_000, // app.bsky.embed.images: 2,000,000 bytes, not 2 MiB
    maxVideoBytes: 300 * MB,
  }),
  bilibili: limits({
    maxTextLength: 2000,
    maxTitleLength: 80,
    maxImages: 9,
    maxVideoBytes: 8192 * MB,
  }),
  zhihu: limits({ maxTextLength: 100_000, maxTitleLength: 100, maxImages: 50 }),
  kuaishou: limits({ maxTextLength: 500, maxImages: 31, maxVideoBytes: 4096 * MB }),
  wechat_channels: limits({ maxTextLength: 1000, maxImages: 9, maxVideoBytes: 1024 * MB }),
  webhook: limits({ maxTextLength: 100_000, maxImages: 20 }),
};

function limits(overrides: Partial<ContentLimits>): ContentLimits {
  return {
    countMode: 'characters',
    maxTextLength: null,
    maxTextBytes: null,
    maxTitleLength: null,
    maxImages: 0,
    maxImageBytes: null,
    maxVideos: 1,
    maxVideoBytes: null,
    ...overrides,
  };
}

export function limitsForStyle(style: string): ContentLimits {
  const found = PLATFORM_LIMITS[style];
  if (!found) throw new Error(`No content limits known for platform style "${style}"`);
  return found;
}
