import { describe, expect, it } from 'vitest';
import { limitsForStyle } from '../../connectors/index.ts';
import { checkMediaForChannel, type MediaForCheck } from './media-limits.ts';

const MB = 1024 * 1024;
const image = (n: number, bytes = 100_000): MediaForCheck => ({
  kind: 'image',
  fileName: `photo-${n}.jpg`,
  bytes,
});
const bluesky = { platform: 'bluesky', style: 'bluesky' };
const sandboxBluesky = { platform: 'sandbox', style: 'bluesky' };

describe('checkMediaForChannel', () => {
  it('says how many images to remove', () => {
    const five = [1, 2, 3, 4, 5].map((n) => image(n));
    expect(checkMediaForChannel(five, bluesky, limitsForStyle('bluesky'))).toEqual([
      'Bluesky accepts at most 4 images; remove 1',
    ]);
    expect(checkMediaForChannel(five.slice(0, 4), bluesky, limitsForStyle('bluesky'))).toEqual([]);
    const ten = Array.from({ length: 10 }, (_, n) => image(n));
    expect(
      checkMediaForChannel(ten, { platform: 'sandbox', style: 'weibo' }, limitsForStyle('weibo')),
    ).toEqual(['Weibo accepts at most 9 images; remove 1']);
  });

  it('names the file that is too large and the limit', () => {
    expect(
      checkMediaForChannel([image(1, 2.4 * MB), image(2)], bluesky, limitsForStyle('bluesky')),
    ).toEqual([
      'photo-1.jpg is 2.4 MB; Bluesky accepts images up to 1.9 MB: compress or replace it',
    ]);
    expect(
      checkMediaForChannel(
        [image(1, 6 * MB)],
        { platform: 'sandbox', style: 'weibo' },
        limitsForStyle('weibo'),
      ),
    ).toEqual(['photo-1.jpg is 6 MB; Weibo accepts images up to 5 MB: compress or replace it']);
  });

  it('refuses audio everywhere, videos where the driver cannot send them, and mixing', () => {
    const audio: MediaForCheck = { kind: 'audio', fileName: 'jingle.mp3', bytes: 1000 };
    const video: MediaForCheck = { kind: 'video', fileName: 'clip.mp4', bytes: 5 * MB };
    expect(checkMediaForChannel([audio], sandboxBluesky, limitsForStyle('bluesky'))).toEqual([
      'Bluesky does not take audio files; remove jingle.mp3',
    ]);
    expect(checkMediaForChannel([video], bluesky, limitsForStyle('bluesky'))).toEqual([
      'Bluesky channels publish images only; remove clip.mp4',
    ]);
    expect(checkMediaForChannel([video], sandboxBluesky, limitsForStyle('bluesky'))).toEqual([]);
    expect(
      checkMediaForChannel(
        [video, { ...video, fileName: 'b.mp4' }],
        sandboxBluesky,
        limitsForStyle('bluesky'),
      ),
    ).toEqual(['Bluesky accepts at most 1 video; remove 1']);
    expect(
      checkMediaForChannel([video, image(1)], sandboxBluesky, limitsForStyle('bluesky')),
    ).toEqual(['Bluesky takes either images or a video in one post; remove one or the other']);
  });
});
