import {
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Switch,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateFeedback, useFeedbackSettings } from '../api/use-feedback.ts';
import { fieldErrors, formError } from '../lib/field-errors.ts';
import { FormError } from './query-state.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';

/** Feedback received outside OpsLoop (a call, a meeting, an e-mail), typed in by hand. */
export function FeedbackNewModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('feedback.create.title')} size="lg">
      {opened && <NewFeedbackForm onDone={onClose} />}
    </Modal>
  );
}

function NewFeedbackForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const settings = useFeedbackSettings(workspace.id);
  const create = useCreateFeedback(workspace.id);
  const [text, setText] = useState('');
  const [contactName, setContactName] = useState('');
  const [contactEmail, setContactEmail] = useState('');
  const [contactHandle, setContactHandle] = useState('');
  const [followers, setFollowers] = useState<number | string>('');
  const [vip, setVip] = useState(false);
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const errorOf = fieldErrors(create.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        text,
        contactName: contactName.trim() || null,
        contactEmail: contactEmail.trim() || null,
        contactHandle: contactHandle.trim() || null,
        followers: typeof followers === 'number' ? followers : null,
        vip,
        categoryId,
        departmentId,
      },
      {
        onSuccess: (ticket) => {
          notifications.show({
            color: 'teal',
            message:
              ticket.cluster.tickets > 1
                ? t('feedback.create.joined', { count: ticket.cluster.tickets - 1 })
                : t('feedback.create.created'),
          });
          onDone();
        },
      },
    );
  };

  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Textarea
          label={t('feedback.create.text')}
          placeholder={t('feedback.create.textPlaceholder')}
          autosize
          minRows={4}
          required
          data-autofocus
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          error={errorOf('text')}
        />
        <Group grow align="flex-start">
          <TextInput
            label={t('feedback.create.contactName')}
            value={contactName}
            onChange={(event) => setContactName(event.currentTarget.value)}
            error={errorOf('contactName')}
          />
          <TextInput
            label={t('feedback.create.contactEmail')}
            type="email"
            value={contactEmail}
            onChange={(event) => setContactEmail(event.currentTarget.value)}
            error={errorOf('contactEmail')}
          />
          <TextInput
            label={t('feedback.create.contactHandle')}
            value={contactHandle}
            onChange={(event) => setContactHandle(event.currentTarget.value)}
            error={errorOf('contactHandle')}
          />
        </Group>
        <Group grow align="flex-end">
          <NumberInput
            label={t('feedback.create.followers')}
            min={0}
            thousandSeparator=","
            value={followers}
            onChange={setFollowers}
            error={errorOf('followers')}
          />
          <Switch
            label={t('feedback.create.vip')}
            checked={vip}
            onChange={(event) => setVip(event.currentTarget.checked)}
            mb={8}
          />
        </Group>
        <Group grow align="flex-start">
          <Select
            label={t('feedback.ticket.category')}
            placeholder={t('feedback.ticket.noCategory')}
            clearable
            data={
              settings.data?.categories.map((item) => ({ value: item.id, label: item.name })) ?? []
            }
            value={categoryId}
            onChange={setCategoryId}
            error={errorOf('categoryId')}
          />
          <Select
            label={t('feedback.ticket.department')}
            placeholder={t('feedback.ticket.noDepartment')}
            clearable
            data={
              settings.data?.departments.map((item) => ({ value: item.id, label: item.name })) ?? []
            }
            value={departmentId}
            onChange={setDepartmentId}
            error={errorOf('departmentId')}
          />
        </Group>
        <FormError message={formError(create.error)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('app.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('feedback.newTicket')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
