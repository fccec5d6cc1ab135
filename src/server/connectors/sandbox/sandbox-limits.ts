import type { ContentLimits, PublishRequest } from '../connector.ts';
import { limitsForStyle } from '../platform-limits.ts';
import { characterCount, PLATFORM_STYLES, type PlatformStyle } from './sandbox-model.ts';

/**
 * Content limits per platform style: the published limits of the platform each style stands for
 * (one table for OpsLoop's editor and the simulation). Douyin is a video platform, but the
 * sandbox also accepts text-only posts so demos and tests need no video files.
 */
export const SANDBOX_LIMITS = Object.fromEntries(
  PLATFORM_STYLES.map((style) => [style, limitsForStyle(style)]),
) as Record<PlatformStyle, ContentLimits>;

const MB = 1024 * 1024;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function graphemeCount(text: string): number {
  return [...segmenter.segment(text)].length;
}

export function countText(limits: ContentLimits, text: string): number {
  return limits.countMode === 'graphemes' ? graphemeCount(text) : characterCount(text);
}

/** Why the platform would refuse a request, and what to cut; null when it would accept it. */
export interface LimitViolation {
  message: string;
  action: string;
}

/** Checks a publish request against the limits, first problem first. */
export function checkLimits(limits: ContentLimits, request: PublishRequest): LimitViolation | null {
  const images = request.media.filter((m) => m.kind === 'image');
  const videos = request.media.filter((m) => m.kind === 'video');
  if (request.text.trim() === '' && request.media.length === 0) {
    return { message: 'The post is empty.', action: 'Write some text or attach media.' };
  }
  const length = countText(limits, request.text);
  if (limits.maxTextLength !== null && length > limits.maxTextLength) {
    const unit = limits.countMode;
    return {
      message: `The text has ${length} ${unit}; the limit is ${limits.maxTextLength}.`,
      action: `Cut ${length - limits.maxTextLength} ${unit} from the text.`,
    };
  }
  const bytes = Buffer.byteLength(request.text, 'utf8');
  if (limits.maxTextBytes !== null && bytes > limits.maxTextBytes) {
    return {
      message: `The text is ${bytes} bytes; the limit is ${limits.maxTextBytes}.`,
      action: `Shorten the text by ${bytes - limits.maxTextBytes} bytes (emoji and Chinese characters take several each).`,
    };
  }
  if (request.title !== undefined && limits.maxTitleLength !== null) {
    const titleLength = characterCount(request.title);
    if (titleLength > limits.maxTitleLength) {
      return {
        message: `The title has ${titleLength} characters; the limit is ${limits.maxTitleLength}.`,
        action: `Cut ${titleLength - limits.maxTitleLength} characters from the title.`,
      };
    }
  }
  if (images.length > limits.maxImages) {
    return {
      message: `${images.length} images attached; the limit is ${limits.maxImages}.`,
      action: `Remove ${images.length - limits.maxImages} images.`,
    };
  }
  if (videos.length > limits.maxVideos) {
    return {
      message: `${videos.length} videos attached; the limit is ${limits.maxVideos}.`,
      action: `Remove ${videos.length - limits.maxVideos} videos.`,
    };
  }
  if (videos.length > 0 && images.length > 0) {
    return {
      message: 'Images and a video cannot be mixed in one post.',
      action: 'Keep either the images or the video.',
    };
  }
  for (const media of request.media) {
    const max = media.kind === 'image' ? limits.maxImageBytes : limits.maxVideoBytes;
    if (max !== null && media.bytes > max) {
      return {
        message: `A ${media.kind} is ${(media.bytes / MB).toFixed(1)} MB; the limit is ${(max / MB).toFixed(0)} MB.`,
        action: `Compress or replace the ${media.kind} to under ${(max / MB).toFixed(0)} MB.`,
      };
    }
  }
  return null;
}
