import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconExternalLink, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MEDIA_LICENSES,
  MEDIA_SOURCES,
  type MediaAsset,
  type MediaLicense,
  type MediaSource,
} from '../../shared/media.ts';
import { ApiError } from '../api/client.ts';
import { useDeleteMedia, useUpdateMedia } from '../api/use-media.ts';
import { fieldErrors, formError } from '../lib/field-errors.ts';
import { useFormatDate } from '../lib/format.ts';
import { endOfLocalDay } from './media-upload-modal.tsx';
import { FormError } from './query-state.tsx';
import { formatBytes, MediaExpiryBadge, MediaThumb } from './media-thumb.tsx';

/** `YYYY-MM-DD` of an instant where the person is, for a date input. */
function localDate(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** One asset: a large preview, its file facts and the form for its license terms. */
export function MediaDetailsModal({
  workspaceId,
  asset,
  canEdit,
  onClose,
}: {
  workspaceId: string;
  asset: MediaAsset | null;
  canEdit: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={asset !== null} onClose={onClose} title={t('media.details')} size="xl">
      {asset && (
        <DetailsForm
          key={asset.id}
          workspaceId={workspaceId}
          asset={asset}
          canEdit={canEdit}
          onDone={onClose}
        />
      )}
    </Modal>
  );
}

function DetailsForm({
  workspaceId,
  asset,
  canEdit,
  onDone,
}: {
  workspaceId: string;
  asset: MediaAsset;
  canEdit: boolean;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const formatDate = useFormatDate();
  const update = useUpdateMedia(workspaceId);
  const remove = useDeleteMedia(workspaceId);
  const [fileName, setFileName] = useState(asset.fileName);
  const [altText, setAltText] = useState(asset.altText);
  const [source, setSource] = useState<MediaSource>(asset.source);
  const [license, setLicense] = useState<MediaLicense>(asset.license);
  const [attribution, setAttribution] = useState(asset.attribution);
  const [expiresOn, setExpiresOn] = useState(localDate(asset.expiresAt));
  const errorOf = fieldErrors(update.error);

  const save = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      {
        assetId: asset.id,
        body: {
          fileName,
          altText,
          source,
          license,
          attribution,
          expiresAt: expiresOn ? (endOfLocalDay(expiresOn) ?? expiresOn) : null,
        },
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('media.saved') });
          onDone();
        },
      },
    );
  };

  const confirmDelete = () =>
    modals.openConfirmModal({
      title: t('media.deleteTitle'),
      children: <Text size="sm">{t('media.deleteConfirm', { name: asset.fileName })}</Text>,
      labels: { confirm: t('media.delete'), cancel: t('app.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(asset.id, {
          onSuccess: () => {
            notifications.show({ color: 'teal', message: t('media.deleted') });
            onDone();
          },
          onError: (error) =>
            notifications.show({
              color: 'red',
              message: error instanceof ApiError ? error.message : String(error),
              autoClose: 8000,
            }),
        }),
    });

  const sizeLine =
    asset.width && asset.height
      ? t('media.sizeAndPixels', {
          size: formatBytes(asset.bytes, i18n.language),
          width: asset.width,
          height: asset.height,
        })
      : formatBytes(asset.bytes, i18n.language);

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      <Stack gap="xs">
        {asset.kind === 'video' ? (
          <video
            src={asset.url}
            controls
            preload="metadata"
            style={{ width: '100%', borderRadius: 'var(--mantine-radius-md)' }}
          />
        ) : asset.kind === 'audio' ? (
          <Stack gap="xs">
            <MediaThumb asset={asset} size={120} />
            <audio src={asset.url} controls preload="none" style={{ width: '100%' }} />
          </Stack>
        ) : (
          <MediaThumb asset={asset} fit="contain" radius="md" />
        )}
        <Group gap="xs">
          <Badge variant="light" color="gray" tt="none">
            {t(`media.kinds.${asset.kind}`)}
          </Badge>
          <MediaExpiryBadge asset={asset} always />
          {asset.pendingUses > 0 && (
            <Badge variant="light" color="blue" tt="none">
              {t('media.inUse', { count: asset.pendingUses })}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {asset.mimeType} · {sizeLine}
        </Text>
        <Text size="sm" c="dimmed">
          {t('media.uploadedAt', { date: formatDate(asset.createdAt) })}
        </Text>
        <Anchor href={asset.url} target="_blank" rel="noreferrer" size="sm">
          <Group gap={4} component="span">
            {t('media.openFile')} <IconExternalLink size={14} />
          </Group>
        </Anchor>
      </Stack>

      <form onSubmit={save} noValidate>
        <Stack gap="sm">
          {!canEdit && (
            <Text size="sm" c="dimmed">
              {t('media.readOnly')}
            </Text>
          )}
          <TextInput
            label={t('media.fileName')}
            value={fileName}
            onChange={(event) => setFileName(event.currentTarget.value)}
            error={errorOf('fileName')}
            maxLength={200}
            disabled={!canEdit}
            data-autofocus
          />
          <Textarea
            label={t('media.altText')}
            description={t('media.altTextHint')}
            value={altText}
            onChange={(event) => setAltText(event.currentTarget.value)}
            error={errorOf('altText')}
            maxLength={2000}
            autosize
            minRows={2}
            maxRows={5}
            disabled={!canEdit}
          />
          <SimpleGrid cols={2}>
            <Select
              label={t('media.source')}
              data={MEDIA_SOURCES.map((value) => ({ value, label: t(`media.sources.${value}`) }))}
              value={source}
              onChange={(value) => value && setSource(value as MediaSource)}
              allowDeselect={false}
              error={errorOf('source')}
              disabled={!canEdit}
            />
            <Select
              label={t('media.license')}
              data={MEDIA_LICENSES.map((value) => ({
                value,
                label: t(`media.licenses.${value}`),
              }))}
              value={license}
              onChange={(value) => value && setLicense(value as MediaLicense)}
              allowDeselect={false}
              error={errorOf('license')}
              disabled={!canEdit}
            />
          </SimpleGrid>
          <TextInput
            label={t('media.attribution')}
            description={t('media.attributionHint')}
            value={attribution}
            onChange={(event) => setAttribution(event.currentTarget.value)}
            error={errorOf('attribution')}
            maxLength={500}
            disabled={!canEdit}
          />
          <TextInput
            type="date"
            label={t('media.expiresAt')}
            description={t('media.expiresAtHint')}
            value={expiresOn}
            onChange={(event) => setExpiresOn(event.currentTarget.value)}
            error={errorOf('expiresAt')}
            disabled={!canEdit}
          />
          <FormError message={formError(update.error)} />
          {canEdit && (
            <Group justify="space-between" mt="xs">
              <Button
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={16} />}
                onClick={confirmDelete}
                loading={remove.isPending}
              >
                {t('media.delete')}
              </Button>
              <Button type="submit" loading={update.isPending}>
                {t('app.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </SimpleGrid>
  );
}
