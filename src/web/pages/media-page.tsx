import {
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUpload } from '@tabler/icons-react';
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  MEDIA_KINDS,
  MEDIA_LICENSES,
  type MediaAsset,
  type MediaKind,
  type MediaLicense,
} from '../../shared/media.ts';
import { useMediaAssets, useMediaPages, type MediaFilter } from '../api/use-media.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { MediaDetailsModal } from '../components/media-details-modal.tsx';
import { formatBytes, MediaExpiryBadge, MediaThumb } from '../components/media-thumb.tsx';
import { MediaUploadModal } from '../components/media-upload-modal.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { RequirePermission } from '../components/require-permission.tsx';
import { useCurrentWorkspace } from '../components/workspace-context.ts';

export function MediaPage() {
  return (
    <RequirePermission permission="posts.read">
      <MediaLibrary />
    </RequirePermission>
  );
}

type ExpiryFilter = 'expiring' | 'expired';

function MediaLibrary() {
  const { t, i18n } = useTranslation();
  const { workspace, can } = useCurrentWorkspace();
  const canEdit = can('posts.write');
  const [params, setParams] = useSearchParams();
  const kind = (MEDIA_KINDS as readonly string[]).includes(params.get('kind') ?? '')
    ? (params.get('kind') as MediaKind)
    : undefined;
  const license = (MEDIA_LICENSES as readonly string[]).includes(params.get('license') ?? '')
    ? (params.get('license') as MediaLicense)
    : undefined;
  const expiry = ['expiring', 'expired'].includes(params.get('expiry') ?? '')
    ? (params.get('expiry') as ExpiryFilter)
    : undefined;
  const [words, setWords] = useState('');
  const [q] = useDebouncedValue(words.trim(), 300);
  const filter: MediaFilter = {
    ...(kind ? { kind } : {}),
    ...(license ? { license } : {}),
    ...(expiry ? { expiry } : {}),
    ...(q ? { q } : {}),
  };
  const filtered = Object.keys(filter).length > 0;
  const pages = useMediaPages(workspace.id, filter);
  const items = pages.data?.pages.flatMap((page) => page.items) ?? [];

  const openId = params.get('asset');
  const linked = useMediaAssets(workspace.id, openId ? [openId] : []);
  const open = openId
    ? (items.find((asset) => asset.id === openId) ??
      linked.data?.find((asset) => asset.id === openId) ??
      null)
    : null;

  const [uploading, setUploading] = useState(false);
  const [dropped, setDropped] = useState<File[]>([]);

  const setParam = (key: string, value: string | null) =>
    setParams(
      (old) => {
        const next = new URLSearchParams(old);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: key !== 'asset' },
    );

  const startUpload = (files: File[] = []) => {
    setDropped(files);
    setUploading(true);
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    if (!canEdit || event.dataTransfer.files.length === 0) return;
    event.preventDefault();
    startUpload([...event.dataTransfer.files]);
  };

  let content;
  if (pages.isPending) content = <LoadingState />;
  else if (pages.error)
    content = <ErrorState error={pages.error} onRetry={() => void pages.refetch()} />;
  else if (items.length === 0) {
    content = (
      <Paper>
        <EmptyState
          message={filtered ? t('media.emptyFiltered') : t('media.empty')}
          action={
            filtered ? (
              <Button
                variant="light"
                onClick={() => {
                  setWords('');
                  setParams(new URLSearchParams(), { replace: true });
                }}
              >
                {t('media.clearFilters')}
              </Button>
            ) : canEdit ? (
              <Button leftSection={<IconUpload size={16} />} onClick={() => startUpload()}>
                {t('media.upload')}
              </Button>
            ) : undefined
          }
        />
      </Paper>
    );
  } else {
    content = (
      <Stack gap="md">
        <SimpleGrid cols={{ base: 2, xs: 3, sm: 4, lg: 6 }} spacing="md" data-testid="media-grid">
          {items.map((asset) => (
            <AssetCard
              key={asset.id}
              asset={asset}
              locale={i18n.language}
              onOpen={() => setParam('asset', asset.id)}
            />
          ))}
        </SimpleGrid>
        {pages.hasNextPage && (
          <Group justify="center">
            <Button
              variant="default"
              loading={pages.isFetchingNextPage}
              onClick={() => void pages.fetchNextPage()}
            >
              {t('app.loadMore')}
            </Button>
          </Group>
        )}
      </Stack>
    );
  }

  return (
    <div onDragOver={(event) => canEdit && event.preventDefault()} onDrop={onDrop}>
      <PageHeader
        title={t('media.title')}
        description={t('media.subtitle')}
        actions={
          canEdit && (
            <Button leftSection={<IconUpload size={16} />} onClick={() => startUpload()}>
              {t('media.upload')}
            </Button>
          )
        }
      />
      <Paper p="sm" mb="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="media-kind-label">
              {t('media.type')}
            </Text>
            <SegmentedControl
              aria-labelledby="media-kind-label"
              value={kind ?? 'all'}
              onChange={(value) => setParam('kind', value === 'all' ? null : value)}
              data={[
                { value: 'all', label: t('media.allKinds') },
                ...MEDIA_KINDS.map((value) => ({ value, label: t(`media.kinds.${value}`) })),
              ]}
            />
          </Stack>
          <Select
            label={t('media.license')}
            placeholder={t('media.allLicenses')}
            data={MEDIA_LICENSES.map((value) => ({ value, label: t(`media.licenses.${value}`) }))}
            value={license ?? null}
            onChange={(value) => setParam('license', value)}
            clearable
            w={180}
          />
          <Select
            label={t('media.expiryFilter')}
            placeholder={t('media.anyExpiry')}
            data={[
              { value: 'expiring', label: t('media.expiringFilter') },
              { value: 'expired', label: t('media.expiredFilter') },
            ]}
            value={expiry ?? null}
            onChange={(value) => setParam('expiry', value)}
            clearable
            w={220}
          />
          <TextInput
            label={t('media.search')}
            leftSection={<IconSearch size={16} />}
            value={words}
            onChange={(event) => setWords(event.currentTarget.value)}
            style={{ flex: 1, minWidth: 200 }}
          />
        </Group>
      </Paper>
      {content}
      <MediaDetailsModal
        workspaceId={workspace.id}
        asset={open}
        canEdit={canEdit}
        onClose={() => setParam('asset', null)}
      />
      {canEdit && (
        <MediaUploadModal
          workspaceId={workspace.id}
          opened={uploading}
          initialFiles={dropped}
          onClose={() => setUploading(false)}
        />
      )}
    </div>
  );
}

function AssetCard({
  asset,
  locale,
  onOpen,
}: {
  asset: MediaAsset;
  locale: string;
  onOpen: () => void;
}) {
  const { t } = useTranslation();
  return (
    <UnstyledButton
      onClick={onOpen}
      aria-label={t('media.editAsset', { name: asset.fileName })}
      data-testid={`media-card-${asset.id}`}
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
    >
      <Paper p={6} withBorder h="100%">
        <Stack gap={6}>
          <MediaThumb asset={asset} />
          <Text size="sm" fw={500} truncate title={asset.fileName}>
            {asset.fileName}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {formatBytes(asset.bytes, locale)}
            {asset.width && asset.height ? ` · ${asset.width}×${asset.height}` : ''}
          </Text>
          <Group gap={4}>
            <Badge
              size="sm"
              variant="light"
              color={asset.license === 'unknown' ? 'yellow' : 'gray'}
              tt="none"
            >
              {t(`media.licenses.${asset.license}`)}
            </Badge>
            <MediaExpiryBadge asset={asset} />
            {asset.pendingUses > 0 && (
              <Badge size="sm" variant="light" color="blue" tt="none">
                {t('media.inUse', { count: asset.pendingUses })}
              </Badge>
            )}
          </Group>
        </Stack>
      </Paper>
    </UnstyledButton>
  );
}
