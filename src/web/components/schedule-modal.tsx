import { Button, Group, Modal, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Post } from '../../shared/publishing.ts';
import { useSchedulePost } from '../api/use-posts.ts';
import { fromLocalInputValue, toLocalInputValue } from '../lib/datetime-local.ts';
import { fieldErrors, formError } from '../lib/field-errors.ts';
import { useFormatDate } from '../lib/format.ts';
import { FormError } from './query-state.tsx';
import { ScheduleField } from './schedule-field.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';

/** Puts an approved post on a slot, or moves a scheduled one. */
export function ScheduleModal({
  post,
  opened,
  onClose,
}: {
  post: Post;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('editor.schedule')}>
      {opened && <ScheduleForm post={post} onDone={onClose} />}
    </Modal>
  );
}

function ScheduleForm({ post, onDone }: { post: Post; onDone: () => void }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const { workspace } = useCurrentWorkspace();
  const schedule = useSchedulePost(workspace.id);
  const [value, setValue] = useState(() => toLocalInputValue(post.scheduledAt));
  const [missing, setMissing] = useState(false);
  const errorFor = fieldErrors(schedule.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const at = fromLocalInputValue(value);
    if (!at) {
      setMissing(true);
      return;
    }
    schedule.mutate(
      { postId: post.id, scheduledAt: at },
      {
        onSuccess: () => {
          notifications.show({
            color: 'teal',
            message: t('editor.scheduled', { date: formatDate(at) }),
          });
          onDone();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <ScheduleField
          value={value}
          onChange={(next) => {
            setValue(next);
            setMissing(false);
          }}
          channelIds={post.targets.map((target) => target.channelId)}
          error={missing ? t('editor.pickTime') : errorFor('scheduledAt')}
        />
        <FormError message={formError(schedule.error)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('app.cancel')}
          </Button>
          <Button type="submit" loading={schedule.isPending}>
            {t('editor.schedule')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
