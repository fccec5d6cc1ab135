import {
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MODERATION_ACTIONS,
  MODERATION_CATEGORIES,
  MODERATION_SEVERITIES,
  type ModerationAction,
  type ModerationCategory,
  type ModerationList,
  type ModerationSeverity,
} from '../../shared/moderation.ts';
import { useCreateModerationList, useUpdateModerationList } from '../api/use-moderation.ts';
import { fieldErrors, formError } from '../lib/field-errors.ts';
import { FormError } from './query-state.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';

/** `null` when closed; `list: null` creates a list. */
export type ModerationListDialog = null | { list: ModerationList | null };

export function ModerationListModal({
  dialog,
  onClose,
  onSaved,
}: {
  dialog: ModerationListDialog;
  onClose: () => void;
  onSaved: (list: ModerationList) => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={dialog !== null}
      onClose={onClose}
      title={
        dialog?.list
          ? t('moderation.lists.editTitle', { name: dialog.list.name })
          : t('moderation.lists.new')
      }
    >
      {dialog && (
        <ListForm
          key={dialog.list?.id ?? 'new'}
          list={dialog.list}
          onDone={(list) => {
            onSaved(list);
            onClose();
          }}
        />
      )}
    </Modal>
  );
}

function ListForm({
  list,
  onDone,
}: {
  list: ModerationList | null;
  onDone: (list: ModerationList) => void;
}) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const create = useCreateModerationList(workspace.id);
  const update = useUpdateModerationList(workspace.id);
  const mutation = list ? update : create;
  const [name, setName] = useState(list?.name ?? '');
  const [description, setDescription] = useState(list?.description ?? '');
  const [category, setCategory] = useState<ModerationCategory>(list?.category ?? 'spam');
  const [severity, setSeverity] = useState<ModerationSeverity>(list?.severity ?? 'medium');
  const [action, setAction] = useState<ModerationAction>(list?.action ?? 'flag');
  const [enabled, setEnabled] = useState(list?.enabled ?? true);
  const errorFor = fieldErrors(mutation.error);
  const exceptions = category === 'allow';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { name: name.trim(), description, category, severity, action, enabled };
    const onSuccess = (saved: ModerationList) => {
      notifications.show({ color: 'teal', message: t('moderation.lists.saved') });
      onDone(saved);
    };
    if (list) update.mutate({ listId: list.id, body }, { onSuccess });
    else create.mutate(body, { onSuccess });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('moderation.lists.name')}
          placeholder={t('moderation.lists.namePlaceholder')}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errorFor('name')}
          maxLength={100}
          required
          data-autofocus
        />
        <Select
          label={t('moderation.lists.category')}
          description={exceptions ? t('moderation.lists.allowHint') : undefined}
          data={MODERATION_CATEGORIES.map((value) => ({
            value,
            label: t(`moderation.categories.${value}`),
          }))}
          value={category}
          onChange={(value) => value && setCategory(value as ModerationCategory)}
          error={errorFor('category')}
          allowDeselect={false}
        />
        {!exceptions && (
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <Select
              label={t('moderation.lists.severity')}
              data={MODERATION_SEVERITIES.map((value) => ({
                value,
                label: t(`moderation.severities.${value}`),
              }))}
              value={severity}
              onChange={(value) => value && setSeverity(value as ModerationSeverity)}
              error={errorFor('severity')}
              allowDeselect={false}
            />
            <Select
              label={t('moderation.lists.action')}
              description={t('moderation.lists.actionHint')}
              data={MODERATION_ACTIONS.map((value) => ({
                value,
                label: t(`moderation.actions.${value}`),
              }))}
              value={action}
              onChange={(value) => value && setAction(value as ModerationAction)}
              error={errorFor('action')}
              allowDeselect={false}
            />
          </SimpleGrid>
        )}
        <Textarea
          label={t('moderation.lists.description')}
          value={description}
          onChange={(event) => setDescription(event.currentTarget.value)}
          error={errorFor('description')}
          autosize
          minRows={2}
          maxRows={6}
          maxLength={2000}
        />
        <Switch
          label={t('moderation.lists.enabledLabel')}
          checked={enabled}
          onChange={(event) => setEnabled(event.currentTarget.checked)}
        />
        <FormError message={formError(mutation.error)} />
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending}>
            {t('app.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
