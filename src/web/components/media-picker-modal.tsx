import {
  Badge,
  Box,
  Button,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { IconCheck, IconUpload } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UploadedMedia } from '../../shared/media.ts';
import { useMediaPages } from '../api/use-media.ts';
import { EmptyState } from './empty-state.tsx';
import { MediaExpiryBadge, MediaThumb } from './media-thumb.tsx';
import { MediaUploadModal } from './media-upload-modal.tsx';
import { ErrorState, LoadingState } from './query-state.tsx';

/**
 * Picks images or videos from the library for one channel version, in the order they are
 * clicked; files uploaded from here are picked as they land.
 */
export function MediaPickerModal({
  workspaceId,
  channelName,
  opened,
  attached,
  onClose,
  onAdd,
}: {
  workspaceId: string;
  channelName: string;
  opened: boolean;
  /** Already attached: shown as such and not added twice. */
  attached: readonly string[];
  onClose: () => void;
  onAdd: (assetIds: string[]) => void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'image' | 'video'>('image');
  const [picked, setPicked] = useState<string[]>([]);
  const [uploading, setUploading] = useState(false);
  const pages = useMediaPages(workspaceId, { kind });
  const items = pages.data?.pages.flatMap((page) => page.items) ?? [];

  useEffect(() => {
    if (opened) setPicked([]);
  }, [opened]);

  const toggle = (id: string) =>
    setPicked((old) => (old.includes(id) ? old.filter((x) => x !== id) : [...old, id]));

  const onUploaded = (assets: UploadedMedia[]) => {
    const usable = assets.filter((a) => a.kind !== 'audio' && !attached.includes(a.id));
    setPicked((old) => [...old, ...usable.map((a) => a.id).filter((id) => !old.includes(id))]);
    if (usable[0]) setKind(usable[0].kind === 'video' ? 'video' : 'image');
  };

  const add = () => {
    onAdd(picked);
    onClose();
  };

  let grid;
  if (pages.isPending) grid = <LoadingState />;
  else if (pages.error)
    grid = <ErrorState error={pages.error} onRetry={() => void pages.refetch()} />;
  else if (items.length === 0) grid = <EmptyState message={t('media.pickerEmpty')} />;
  else {
    grid = (
      <SimpleGrid cols={{ base: 3, sm: 4 }} spacing="sm">
        {items.map((asset) => {
          const order = picked.indexOf(asset.id);
          const already = attached.includes(asset.id);
          return (
            <UnstyledButton
              key={asset.id}
              onClick={() => !already && toggle(asset.id)}
              disabled={already}
              role="checkbox"
              aria-checked={already || order >= 0}
              aria-label={t('media.select', { name: asset.fileName })}
              data-testid={`pick-${asset.id}`}
              style={{ borderRadius: 'var(--mantine-radius-md)', opacity: already ? 0.5 : 1 }}
            >
              <Paper
                p={4}
                withBorder
                style={{
                  borderColor: order >= 0 ? 'var(--mantine-color-teal-6)' : undefined,
                  borderWidth: order >= 0 ? 2 : undefined,
                }}
              >
                <Box pos="relative">
                  <MediaThumb asset={asset} />
                  {(order >= 0 || already) && (
                    <Badge
                      pos="absolute"
                      top={4}
                      right={4}
                      color="teal"
                      variant="filled"
                      circle={!already}
                    >
                      {already ? <IconCheck size={12} /> : order + 1}
                    </Badge>
                  )}
                </Box>
                <Text size="xs" truncate mt={4} title={asset.fileName}>
                  {asset.fileName}
                </Text>
                <MediaExpiryBadge asset={asset} />
              </Paper>
            </UnstyledButton>
          );
        })}
      </SimpleGrid>
    );
  }

  return (
    <>
      <Modal
        opened={opened && !uploading}
        onClose={onClose}
        title={t('media.pickerTitle', { channel: channelName })}
        size="xl"
      >
        <Stack gap="md">
          <Group justify="space-between">
            <SegmentedControl
              value={kind}
              onChange={(value) => setKind(value as 'image' | 'video')}
              data={[
                { value: 'image', label: t('media.kinds.image') },
                { value: 'video', label: t('media.kinds.video') },
              ]}
            />
            <Button
              variant="light"
              leftSection={<IconUpload size={16} />}
              onClick={() => setUploading(true)}
            >
              {t('media.uploadNew')}
            </Button>
          </Group>
          {grid}
          {pages.hasNextPage && (
            <Group justify="center">
              <Button
                variant="default"
                size="xs"
                loading={pages.isFetchingNextPage}
                onClick={() => void pages.fetchNextPage()}
              >
                {t('app.loadMore')}
              </Button>
            </Group>
          )}
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t('media.pickerSelected', { count: picked.length })}
            </Text>
            <Group gap="sm">
              <Button variant="default" onClick={onClose}>
                {t('app.cancel')}
              </Button>
              <Button onClick={add} disabled={picked.length === 0} data-testid="picker-add">
                {t('media.pickerAdd')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </Modal>
      <MediaUploadModal
        workspaceId={workspaceId}
        opened={uploading}
        onClose={() => setUploading(false)}
        onUploaded={onUploaded}
      />
    </>
  );
}
