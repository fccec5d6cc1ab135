import { Group } from '@mantine/core';
import { useMediaAssets } from '../api/use-media.ts';
import { MediaThumb } from './media-thumb.tsx';

/** Small thumbnails of attached media, in their order (deleted files show as a gap). */
export function MediaStrip({
  workspaceId,
  ids,
  size = 56,
}: {
  workspaceId: string;
  ids: readonly string[];
  size?: number;
}) {
  const assets = useMediaAssets(workspaceId, ids);
  if (ids.length === 0) return null;
  const byId = new Map((assets.data ?? []).map((asset) => [asset.id, asset]));
  return (
    <Group gap={6} data-testid="media-strip">
      {ids.map((id) => (
        <MediaThumb key={id} asset={assets.isPending ? undefined : byId.get(id)} size={size} />
      ))}
    </Group>
  );
}
