import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Menu,
  Modal,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconDots, IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TOPIC_TIERS, type Topic, type TopicTier } from '../../shared/content.ts';
import { useCreateTopic, useDeleteTopic, useTopics, useUpdateTopic } from '../api/use-content.ts';
import { fieldErrors, formError } from '../lib/field-errors.ts';
import { EmptyState } from './empty-state.tsx';
import { ErrorState, FormError, LoadingState } from './query-state.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';

const TIER_COLORS: Record<TopicTier, string> = {
  novice: 'teal',
  advanced: 'blue',
  expert: 'grape',
};

export function TierBadge({ tier }: { tier: TopicTier }) {
  const { t } = useTranslation();
  return (
    <Badge size="xs" variant="light" color={TIER_COLORS[tier]}>
      {t(`topicTiers.${tier}`)}
    </Badge>
  );
}

type TopicDialog =
  null | { mode: 'create'; parentId: string | null } | { mode: 'rename'; topic: Topic };

export function TopicsPanel({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const topics = useTopics(workspace.id);
  const remove = useDeleteTopic(workspace.id);
  const [dialog, setDialog] = useState<TopicDialog>(null);

  const confirmDelete = (topic: Topic) =>
    modals.openConfirmModal({
      title: t('content.deleteTopicTitle'),
      children: <Text size="sm">{t('content.deleteTopicConfirm', { name: topic.name })}</Text>,
      labels: { confirm: t('content.delete'), cancel: t('app.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(topic.id, {
          onSuccess: () =>
            notifications.show({ color: 'teal', message: t('content.topicDeleted') }),
          // 409 while a pillar still has sub-topics: the server explains what to do.
          onError: (error) =>
            notifications.show({ color: 'red', message: error.message, autoClose: 10_000 }),
        }),
    });

  const actions = (topic: Topic) =>
    canEdit && (
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={t('content.actionsFor', { name: topic.name })}
          >
            <IconDots size={16} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          {topic.parentId === null && (
            <Menu.Item onClick={() => setDialog({ mode: 'create', parentId: topic.id })}>
              {t('content.addSubtopic')}
            </Menu.Item>
          )}
          <Menu.Item onClick={() => setDialog({ mode: 'rename', topic })}>
            {t('content.rename')}
          </Menu.Item>
          <Menu.Item color="red" onClick={() => confirmDelete(topic)}>
            {t('content.delete')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    );

  const pillars = (topics.data ?? []).filter((topic) => topic.parentId === null);

  return (
    <Paper p="md">
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={4}>{t('content.topics')}</Title>
        {canEdit && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() => setDialog({ mode: 'create', parentId: null })}
          >
            {t('content.addPillar')}
          </Button>
        )}
      </Group>
      {topics.isPending ? (
        <LoadingState minHeight={80} />
      ) : topics.isError ? (
        <ErrorState error={topics.error} onRetry={() => void topics.refetch()} />
      ) : pillars.length === 0 ? (
        <EmptyState message={t('content.topicsEmpty')} />
      ) : (
        <Stack gap="sm">
          {pillars.map((pillar) => (
            <div key={pillar.id}>
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Group gap={6} wrap="nowrap" miw={0}>
                  <Text fw={600} size="sm" truncate>
                    {pillar.name}
                  </Text>
                  <TierBadge tier={pillar.tier} />
                </Group>
                {actions(pillar)}
              </Group>
              <Stack gap={2} pl="md" mt={2}>
                {topics.data
                  .filter((topic) => topic.parentId === pillar.id)
                  .map((topic) => (
                    <Group key={topic.id} justify="space-between" wrap="nowrap" gap="xs">
                      <Group gap={6} wrap="nowrap" miw={0}>
                        <Text size="sm" truncate>
                          {topic.name}
                        </Text>
                        <TierBadge tier={topic.tier} />
                      </Group>
                      {actions(topic)}
                    </Group>
                  ))}
              </Stack>
            </div>
          ))}
        </Stack>
      )}
      <Modal
        opened={dialog !== null}
        onClose={() => setDialog(null)}
        title={
          dialog?.mode === 'rename'
            ? t('content.renameTitle', { name: dialog.topic.name })
            : dialog?.parentId
              ? t('content.addSubtopic')
              : t('content.addPillar')
        }
      >
        {dialog && (
          <TopicForm
            key={dialog.mode === 'rename' ? dialog.topic.id : `new-${dialog.parentId ?? ''}`}
            dialog={dialog}
            pillars={pillars}
            onDone={() => setDialog(null)}
          />
        )}
      </Modal>
    </Paper>
  );
}

function TopicForm({
  dialog,
  pillars,
  onDone,
}: {
  dialog: Exclude<TopicDialog, null>;
  pillars: Topic[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const create = useCreateTopic(workspace.id);
  const update = useUpdateTopic(workspace.id);
  const editing = dialog.mode === 'rename' ? dialog.topic : null;
  const [name, setName] = useState(editing?.name ?? '');
  const [tier, setTier] = useState<TopicTier>(editing?.tier ?? 'novice');
  const [parentId, setParentId] = useState<string | null>(
    editing ? editing.parentId : dialog.mode === 'create' ? dialog.parentId : null,
  );
  const mutation = editing ? update : create;
  const errorFor = fieldErrors(mutation.error);
  const onSuccess = () => {
    notifications.show({ color: 'teal', message: t('content.topicSaved') });
    onDone();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (editing)
      update.mutate({ topicId: editing.id, body: { name: name.trim(), tier } }, { onSuccess });
    else create.mutate({ name: name.trim(), tier, parentId }, { onSuccess });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('content.topicName')}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errorFor('name')}
          maxLength={100}
          required
          data-autofocus
        />
        <Select
          label={t('content.tier')}
          data={TOPIC_TIERS.map((value) => ({ value, label: t(`topicTiers.${value}`) }))}
          value={tier}
          onChange={(value) => value && setTier(value as TopicTier)}
          error={errorFor('tier')}
          allowDeselect={false}
        />
        {!editing && (
          <Select
            label={t('content.parent')}
            placeholder={t('content.noParent')}
            data={pillars.map((pillar) => ({ value: pillar.id, label: pillar.name }))}
            value={parentId}
            onChange={setParentId}
            error={errorFor('parentId')}
            clearable
          />
        )}
        <FormError message={formError(mutation.error)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('app.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending} disabled={!name.trim()}>
            {editing ? t('app.save') : t('content.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
