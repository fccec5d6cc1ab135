import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PostTarget } from '../../shared/publishing.ts';
import { useMarkPublished } from '../api/use-posts.ts';
import { fieldErrors, formError } from '../lib/field-errors.ts';
import { FormError } from './query-state.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';

/** Records the link of a version published by hand, or found after an unconfirmed attempt. */
export function MarkPublishedModal({
  postId,
  target,
  channelName,
  onClose,
}: {
  postId: string;
  target: PostTarget | null;
  channelName: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={target !== null} onClose={onClose} title={t('post.markPublishedTitle')}>
      {target && (
        <MarkPublishedForm
          postId={postId}
          target={target}
          channelName={channelName}
          onDone={onClose}
        />
      )}
    </Modal>
  );
}

function MarkPublishedForm({
  postId,
  target,
  channelName,
  onDone,
}: {
  postId: string;
  target: PostTarget;
  channelName: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const mark = useMarkPublished(workspace.id);
  const [url, setUrl] = useState('');
  const errorFor = fieldErrors(mark.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    mark.mutate(
      { postId, targetId: target.id, url: url.trim() },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('post.markedPublished') });
          onDone();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">{t('post.markPublishedHint', { name: channelName })}</Text>
        <TextInput
          label={t('post.publishedUrl')}
          type="url"
          placeholder="https://"
          value={url}
          onChange={(event) => setUrl(event.currentTarget.value)}
          error={errorFor('url')}
          required
          data-autofocus
        />
        <FormError message={formError(mark.error)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('app.cancel')}
          </Button>
          <Button type="submit" loading={mark.isPending} disabled={!url.trim()}>
            {t('post.markPublished').replace('…', '')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
