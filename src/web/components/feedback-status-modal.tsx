import {
  Button,
  Checkbox,
  Group,
  Modal,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  OUTCOME_STATUSES,
  type FeedbackStatus,
  type FeedbackTicket,
} from '../../shared/feedback.ts';
import { useChangeFeedbackStatus } from '../api/use-feedback.ts';
import { fieldErrors, formError } from '../lib/field-errors.ts';
import { FormError } from './query-state.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';

/** Moving a ticket to an outcome asks what changed (or why not); other moves are one click. */
export function FeedbackStatusModal({
  ticket,
  status,
  onClose,
}: {
  ticket: FeedbackTicket;
  status: FeedbackStatus | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={status !== null}
      onClose={onClose}
      title={
        status ? t('feedback.statusModal.title', { status: t(`feedback.statuses.${status}`) }) : ''
      }
      size="lg"
    >
      {status && <StatusForm key={status} ticket={ticket} status={status} onDone={onClose} />}
    </Modal>
  );
}

function StatusForm({
  ticket,
  status,
  onDone,
}: {
  ticket: FeedbackTicket;
  status: FeedbackStatus;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const change = useChangeFeedbackStatus(workspace.id);
  const outcome = OUTCOME_STATUSES.includes(status);
  const [note, setNote] = useState(outcome ? (ticket.resolution ?? '') : '');
  const [publicTitle, setPublicTitle] = useState(ticket.publicTitle ?? ticket.cluster.title);
  const [onBoard, setOnBoard] = useState(true);
  const [applyToCluster, setApplyToCluster] = useState(ticket.cluster.tickets > 1);
  const errorOf = fieldErrors(change.error);
  const label = t(`feedback.statuses.${status}`);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate(
      {
        ticketId: ticket.id,
        body: {
          status,
          ...(note.trim() ? { note: note.trim() } : {}),
          ...(status === 'adopted'
            ? { publicTitle: publicTitle.trim() || undefined, onBoard }
            : {}),
          applyToCluster,
        },
      },
      {
        onSuccess: (result) => {
          notifications.show({
            color: 'teal',
            message:
              result.changed > 1
                ? t('feedback.statusModal.movedMany', { count: result.changed, status: label })
                : t('feedback.statusModal.moved', { status: label }),
          });
          onDone();
        },
      },
    );
  };

  const noteLabel =
    status === 'adopted'
      ? t('feedback.statusModal.noteAdopted')
      : status === 'declined'
        ? t('feedback.statusModal.noteDeclined')
        : t('feedback.statusModal.noteResolved');

  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        {outcome && (
          <Textarea
            label={noteLabel}
            autosize
            minRows={3}
            required
            data-autofocus
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            error={errorOf('note')}
          />
        )}
        {status === 'adopted' && (
          <>
            <TextInput
              label={t('feedback.ticket.publicTitle')}
              value={publicTitle}
              onChange={(event) => setPublicTitle(event.currentTarget.value)}
              error={errorOf('publicTitle')}
            />
            <Switch
              label={t('feedback.statusModal.onBoard')}
              checked={onBoard}
              onChange={(event) => setOnBoard(event.currentTarget.checked)}
            />
          </>
        )}
        {(status === 'resolved' || status === 'adopted') && (
          <Text size="xs" c="dimmed">
            {t('feedback.statusModal.tellRaisers')}
          </Text>
        )}
        {ticket.cluster.tickets > 1 && (
          <Checkbox
            label={t('feedback.statusModal.applyToCluster', { count: ticket.cluster.tickets })}
            checked={applyToCluster}
            onChange={(event) => setApplyToCluster(event.currentTarget.checked)}
          />
        )}
        <FormError message={formError(change.error) ?? errorOf('status') ?? null} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('app.cancel')}
          </Button>
          <Button type="submit" loading={change.isPending}>
            {label}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
