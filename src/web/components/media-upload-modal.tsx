import {
  ActionIcon,
  Button,
  FileButton,
  Group,
  Modal,
  Paper,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconCheck, IconCopy, IconUpload, IconX } from '@tabler/icons-react';
import { useEffect, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MEDIA_ACCEPT,
  MEDIA_LICENSES,
  MEDIA_SOURCES,
  type MediaLicense,
  type MediaSource,
  type UploadedMedia,
} from '../../shared/media.ts';
import { ApiError } from '../api/client.ts';
import { useUploadMedia } from '../api/use-media.ts';
import { formatBytes } from './media-thumb.tsx';

type UploadStatus = 'waiting' | 'uploading' | 'done' | 'duplicate' | 'failed';

interface UploadItem {
  key: string;
  file: File;
  progress: number;
  status: UploadStatus;
  error: string | null;
}

/** A chosen date as the end of that day where the person is. */
export function endOfLocalDay(date: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  return new Date(`${date}T23:59:59.999`).toISOString();
}

let counter = 0;
function toItems(files: readonly File[]): UploadItem[] {
  return files.map((file) => {
    counter += 1;
    return { key: `${counter}`, file, progress: 0, status: 'waiting', error: null };
  });
}

/**
 * Upload one or more files with the license details that hold for all of them, showing each
 * file's progress. Files can be dropped on the box or chosen with the button.
 */
export function MediaUploadModal({
  workspaceId,
  opened,
  initialFiles,
  onClose,
  onUploaded,
}: {
  workspaceId: string;
  opened: boolean;
  initialFiles?: readonly File[];
  onClose: () => void;
  /** Called once the batch is through, with every asset now in the library (new or existing). */
  onUploaded?: (assets: UploadedMedia[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const upload = useUploadMedia(workspaceId);
  const [items, setItems] = useState<UploadItem[]>([]);
  const [source, setSource] = useState<MediaSource>('own');
  const [license, setLicense] = useState<MediaLicense>('owned');
  const [attribution, setAttribution] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [busy, setBusy] = useState(false);
  const [finished, setFinished] = useState(false);
  const [dragging, setDragging] = useState(false);
  const abort = useRef<AbortController | null>(null);

  useEffect(() => {
    if (!opened) return;
    setItems(toItems(initialFiles ?? []));
    setFinished(false);
  }, [opened, initialFiles]);

  const patch = (key: string, change: Partial<UploadItem>) =>
    setItems((old) => old.map((item) => (item.key === key ? { ...item, ...change } : item)));

  const addFiles = (files: readonly File[]) => {
    setFinished(false);
    setItems((old) => [...old.filter((item) => item.status !== 'done'), ...toItems(files)]);
  };

  const close = () => {
    abort.current?.abort();
    onClose();
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    if (!busy) addFiles([...event.dataTransfer.files]);
  };

  async function start(event: FormEvent) {
    event.preventDefault();
    const waiting = items.filter((item) => item.status === 'waiting' || item.status === 'failed');
    if (waiting.length === 0 || busy) return;
    setBusy(true);
    abort.current = new AbortController();
    const landed: UploadedMedia[] = [];
    const fields = { source, license, attribution, expiresAt: endOfLocalDay(expiresOn) };
    // One at a time: progress stays readable and a slow link is not split between files.
    for (const item of waiting) {
      patch(item.key, { status: 'uploading', progress: 0, error: null });
      try {
        const asset = await upload(
          item.file,
          fields,
          (progress) => patch(item.key, { progress }),
          abort.current.signal,
        );
        landed.push(asset);
        patch(item.key, { status: asset.duplicate ? 'duplicate' : 'done', progress: 1 });
      } catch (error) {
        const message =
          error instanceof ApiError
            ? (Object.values(error.fields)[0] ?? error.message)
            : String(error);
        patch(item.key, { status: 'failed', error: message });
      }
    }
    setBusy(false);
    setFinished(true);
    if (landed.length > 0) onUploaded?.(landed);
  }

  const pending = items.some((item) => item.status === 'waiting' || item.status === 'failed');
  const sourceOptions = MEDIA_SOURCES.map((value) => ({
    value,
    label: t(`media.sources.${value}`),
  }));
  const licenseOptions = MEDIA_LICENSES.map((value) => ({
    value,
    label: t(`media.licenses.${value}`),
  }));

  return (
    <Modal opened={opened} onClose={close} title={t('media.uploadTitle')} size="lg">
      <form onSubmit={(event) => void start(event)} noValidate>
        <Stack gap="md">
          <Paper
            withBorder
            p="lg"
            style={{
              borderStyle: 'dashed',
              borderWidth: 2,
              borderColor: dragging ? 'var(--mantine-color-teal-5)' : undefined,
              background: dragging ? 'var(--mantine-color-teal-0)' : undefined,
            }}
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            data-testid="media-dropzone"
          >
            <Stack align="center" gap="xs" ta="center">
              <IconUpload size={28} aria-hidden />
              <Text fw={600}>{t('media.dropHere')}</Text>
              <Text size="xs" c="dimmed">
                {t('media.accepted')}
              </Text>
              <FileButton onChange={(files) => addFiles(files)} accept={MEDIA_ACCEPT} multiple>
                {(props) => (
                  <Button {...props} variant="light" disabled={busy}>
                    {t('media.chooseFiles')}
                  </Button>
                )}
              </FileButton>
            </Stack>
          </Paper>

          {items.length > 0 && (
            <Stack gap={6} aria-live="polite">
              <Text size="sm" c="dimmed">
                {t('media.filesChosen', { count: items.length })}
              </Text>
              {items.map((item) => (
                <Stack key={item.key} gap={2}>
                  <Group justify="space-between" wrap="nowrap" gap="xs">
                    <Text size="sm" truncate miw={0}>
                      {item.file.name}{' '}
                      <Text span size="xs" c="dimmed">
                        {formatBytes(item.file.size, i18n.language)}
                      </Text>
                    </Text>
                    <Group gap={6} wrap="nowrap">
                      {item.status === 'done' && (
                        <Text size="xs" c="teal.7">
                          <IconCheck size={12} /> {t('media.uploadDone')}
                        </Text>
                      )}
                      {item.status === 'duplicate' && (
                        <Text size="xs" c="blue.7">
                          <IconCopy size={12} /> {t('media.uploadDuplicate')}
                        </Text>
                      )}
                      {item.status === 'failed' && (
                        <Text size="xs" c="red.7">
                          {t('media.uploadFailed')}
                        </Text>
                      )}
                      {(item.status === 'waiting' || item.status === 'failed') && !busy && (
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          size="sm"
                          aria-label={t('media.removeFile', { name: item.file.name })}
                          onClick={() => setItems((old) => old.filter((o) => o.key !== item.key))}
                        >
                          <IconX size={14} />
                        </ActionIcon>
                      )}
                    </Group>
                  </Group>
                  {(item.status === 'uploading' || item.progress > 0) && (
                    <Progress
                      value={Math.round(item.progress * 100)}
                      size="sm"
                      color={item.status === 'failed' ? 'red' : 'teal'}
                      aria-label={item.file.name}
                      animated={item.status === 'uploading'}
                    />
                  )}
                  {item.error && (
                    <Text size="xs" c="red.7" role="alert">
                      {item.error}
                    </Text>
                  )}
                </Stack>
              ))}
            </Stack>
          )}

          <Text size="sm" c="dimmed">
            {t('media.batchHint')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('media.source')}
              data={sourceOptions}
              value={source}
              onChange={(value) => value && setSource(value as MediaSource)}
              allowDeselect={false}
              disabled={busy}
            />
            <Select
              label={t('media.license')}
              data={licenseOptions}
              value={license}
              onChange={(value) => value && setLicense(value as MediaLicense)}
              allowDeselect={false}
              disabled={busy}
            />
            <TextInput
              label={t('media.attribution')}
              description={t('media.attributionHint')}
              value={attribution}
              onChange={(event) => setAttribution(event.currentTarget.value)}
              maxLength={500}
              disabled={busy}
            />
            <TextInput
              type="date"
              label={t('media.expiresAt')}
              description={t('media.expiresAtHint')}
              value={expiresOn}
              onChange={(event) => setExpiresOn(event.currentTarget.value)}
              disabled={busy}
            />
          </SimpleGrid>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {finished && !pending ? t('app.close') : t('app.cancel')}
            </Button>
            <Button
              type="submit"
              leftSection={<IconUpload size={16} />}
              loading={busy}
              disabled={!pending}
            >
              {t('media.startUpload')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
