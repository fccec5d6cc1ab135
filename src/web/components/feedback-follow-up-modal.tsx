import { Button, Group, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  FOLLOW_UP_OUTCOMES,
  type FeedbackTicket,
  type FollowUpOutcome,
} from '../../shared/feedback.ts';
import { useConfirmFollowUp } from '../api/use-feedback.ts';
import { formError } from '../lib/field-errors.ts';
import { excerpt } from './feedback-tickets-table.tsx';
import { FormError } from './query-state.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';

/** 回访确认: the owner records how the person who raised it answered. */
export function FeedbackFollowUpModal({
  ticket,
  onClose,
}: {
  ticket: FeedbackTicket | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={ticket !== null} onClose={onClose} title={t('feedback.followUp.recordTitle')}>
      {ticket && <FollowUpForm key={ticket.id} ticket={ticket} onDone={onClose} />}
    </Modal>
  );
}

function FollowUpForm({ ticket, onDone }: { ticket: FeedbackTicket; onDone: () => void }) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const confirm = useConfirmFollowUp(workspace.id);
  const [outcome, setOutcome] = useState<FollowUpOutcome>('satisfied');
  const [note, setNote] = useState('');
  const contact = ticket.contact.email ?? ticket.contact.handle;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate(
      { ticketId: ticket.id, body: { outcome, ...(note.trim() ? { note: note.trim() } : {}) } },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('feedback.followUp.recorded') });
          onDone();
        },
      },
    );
  };

  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Text size="sm">{excerpt(ticket.text, 140)}</Text>
        {contact && (
          <Text size="sm" c="dimmed">
            {t('feedback.followUp.contact')}:{' '}
            {ticket.contact.name ? `${ticket.contact.name} · ` : ''}
            {contact}
          </Text>
        )}
        <Radio.Group
          label={t('feedback.followUp.outcome')}
          value={outcome}
          onChange={(value) => setOutcome(value as FollowUpOutcome)}
        >
          <Stack gap={6} mt={6}>
            {FOLLOW_UP_OUTCOMES.map((value) => (
              <Radio key={value} value={value} label={t(`feedback.outcomes.${value}`)} />
            ))}
          </Stack>
        </Radio.Group>
        <Textarea
          label={t('feedback.followUp.note')}
          placeholder={t('feedback.followUp.notePlaceholder')}
          autosize
          minRows={2}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
        <FormError message={formError(confirm.error)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('app.cancel')}
          </Button>
          <Button type="submit" loading={confirm.isPending}>
            {t('feedback.followUp.record')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
