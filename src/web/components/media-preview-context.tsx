import { Box, SimpleGrid } from '@mantine/core';
import { createContext, useContext } from 'react';
import type { MediaAsset } from '../../shared/media.ts';
import { MediaThumb } from './media-thumb.tsx';

/**
 * The media attached to each channel version, by channel id, as the post editor holds them: the
 * previews of those versions read it here, wherever they sit in the editor.
 */
export const MediaPreviewContext = createContext<Readonly<Record<string, MediaAsset[]>>>({});

/** The attached media a channel's preview should show, in order. */
export function useMediaPreview(channelId: string): MediaAsset[] {
  return useContext(MediaPreviewContext)[channelId] ?? [];
}

/** Attached images laid out the way feeds show them: one wide, or a grid of two columns. */
export function MediaPreviewGrid({ media }: { media: readonly MediaAsset[] }) {
  if (media.length === 0) return null;
  if (media.length === 1) {
    return (
      <Box style={{ maxHeight: 260, overflow: 'hidden', borderRadius: 'var(--mantine-radius-md)' }}>
        <MediaThumb asset={media[0]} radius="md" />
      </Box>
    );
  }
  return (
    <SimpleGrid cols={media.length === 3 ? 3 : 2} spacing={4} data-testid="preview-media">
      {media.slice(0, 9).map((asset) => (
        <MediaThumb key={asset.id} asset={asset} radius="sm" />
      ))}
    </SimpleGrid>
  );
}
