import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconCheck, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../shared/api.ts';
import type { FeedbackCategory, FeedbackDepartment } from '../../shared/feedback.ts';
import { useDeleteNamed, useSaveNamed } from '../api/use-feedback.ts';
import { fieldErrors, formError } from '../lib/field-errors.ts';
import { FormError } from './query-state.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';

/** The workspace's categories: add, rename, remove, or start from the suggested ones. */
export function FeedbackCategoriesPanel({ categories }: { categories: FeedbackCategory[] }) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const save = useSaveNamed(workspace.id, 'categories');
  const remove = useDeleteNamed(workspace.id, 'categories');
  const [name, setName] = useState('');

  const add = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ id: null, body: { name } }, { onSuccess: () => setName('') });
  };
  const addSuggested = async () => {
    const existing = new Set(categories.map((item) => item.name));
    for (const suggested of t('feedback.settingsPage.suggestedNames').split('|')) {
      if (!existing.has(suggested)) await save.mutateAsync({ id: null, body: { name: suggested } });
    }
  };

  return (
    <Paper p="md">
      <Stack gap="sm">
        <Title order={4}>{t('feedback.settingsPage.categories')}</Title>
        {categories.length === 0 ? (
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t('feedback.settingsPage.categoriesEmpty')}
            </Text>
            <Button
              size="xs"
              variant="light"
              onClick={() => void addSuggested()}
              loading={save.isPending}
            >
              {t('feedback.settingsPage.suggested')}
            </Button>
          </Group>
        ) : (
          <Stack gap={6}>
            {categories.map((category) => (
              <NameRow
                key={`${category.id}-${category.name}`}
                name={category.name}
                onRename={(next) => save.mutate({ id: category.id, body: { name: next } })}
                onRemove={() =>
                  modals.openConfirmModal({
                    title: t('feedback.settingsPage.remove'),
                    children: (
                      <Text size="sm">
                        {t('feedback.settingsPage.removeConfirm', { name: category.name })}
                      </Text>
                    ),
                    labels: { confirm: t('feedback.settingsPage.remove'), cancel: t('app.cancel') },
                    confirmProps: { color: 'red' },
                    onConfirm: () => remove.mutate(category.id),
                  })
                }
              />
            ))}
          </Stack>
        )}
        <form onSubmit={add}>
          <Group align="flex-start" gap="xs">
            <TextInput
              aria-label={t('feedback.settingsPage.name')}
              placeholder={t('feedback.settingsPage.name')}
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              error={fieldErrors(save.error)('name')}
              style={{ flex: 1 }}
            />
            <Button type="submit" disabled={!name.trim()} loading={save.isPending}>
              {t('feedback.settingsPage.add')}
            </Button>
          </Group>
        </form>
        <FormError message={formError(save.error) ?? formError(remove.error)} />
      </Stack>
    </Paper>
  );
}

function NameRow({
  name,
  onRename,
  onRemove,
}: {
  name: string;
  onRename: (name: string) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState(name);
  const changed = value.trim() !== name && value.trim().length > 0;
  return (
    <Group gap="xs" wrap="nowrap">
      <TextInput
        aria-label={t('feedback.settingsPage.rename')}
        value={value}
        onChange={(event) => setValue(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && changed) onRename(value.trim());
        }}
        style={{ flex: 1 }}
        size="xs"
      />
      {changed && (
        <Tooltip label={t('feedback.settingsPage.rename')}>
          <ActionIcon
            variant="light"
            aria-label={t('feedback.settingsPage.rename')}
            onClick={() => onRename(value.trim())}
          >
            <IconCheck size={16} />
          </ActionIcon>
        </Tooltip>
      )}
      <Tooltip label={t('feedback.settingsPage.remove')}>
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={`${t('feedback.settingsPage.remove')} ${name}`}
          onClick={onRemove}
        >
          <IconTrash size={16} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}

/** Responsible departments (责任部门) with the hours they have and who owns their tickets. */
export function FeedbackDepartmentsPanel({
  departments,
  members,
}: {
  departments: FeedbackDepartment[];
  members: Member[];
}) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const save = useSaveNamed(workspace.id, 'departments');
  const remove = useDeleteNamed(workspace.id, 'departments');
  const [name, setName] = useState('');
  const [slaHours, setSlaHours] = useState<number | string>(48);
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const errorOf = fieldErrors(save.error);
  const memberOptions = members.map((member) => ({ value: member.userId, label: member.name }));

  const add = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      {
        id: null,
        body: {
          name,
          slaHours: typeof slaHours === 'number' ? slaHours : null,
          defaultOwnerId: ownerId,
        },
      },
      { onSuccess: () => setName('') },
    );
  };

  return (
    <Paper p="md">
      <Stack gap="sm">
        <Title order={4}>{t('feedback.settingsPage.departments')}</Title>
        {departments.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('feedback.settingsPage.departmentsEmpty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={520} type="native">
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('feedback.settingsPage.name')}</Table.Th>
                  <Table.Th w={130}>{t('feedback.settingsPage.slaHours')}</Table.Th>
                  <Table.Th w={200}>{t('feedback.settingsPage.defaultOwner')}</Table.Th>
                  <Table.Th w={40} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {departments.map((department) => (
                  <Table.Tr key={department.id}>
                    <Table.Td>{department.name}</Table.Td>
                    <Table.Td>
                      <NumberInput
                        size="xs"
                        min={1}
                        max={2160}
                        aria-label={`${t('feedback.settingsPage.slaHours')} ${department.name}`}
                        placeholder={t('feedback.settingsPage.slaHint')}
                        defaultValue={department.slaHours ?? ''}
                        onBlur={(event) => {
                          const value = event.currentTarget.value.trim();
                          const next = value === '' ? null : Number(value);
                          if (
                            next !== department.slaHours &&
                            (next === null || Number.isInteger(next))
                          ) {
                            save.mutate({ id: department.id, body: { slaHours: next } });
                          }
                        }}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Select
                        size="xs"
                        clearable
                        aria-label={`${t('feedback.settingsPage.defaultOwner')} ${department.name}`}
                        data={memberOptions}
                        value={department.defaultOwnerId}
                        onChange={(value) =>
                          save.mutate({ id: department.id, body: { defaultOwnerId: value } })
                        }
                      />
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`${t('feedback.settingsPage.remove')} ${department.name}`}
                        onClick={() =>
                          modals.openConfirmModal({
                            title: t('feedback.settingsPage.remove'),
                            children: (
                              <Text size="sm">
                                {t('feedback.settingsPage.removeConfirm', {
                                  name: department.name,
                                })}
                              </Text>
                            ),
                            labels: {
                              confirm: t('feedback.settingsPage.remove'),
                              cancel: t('app.cancel'),
                            },
                            confirmProps: { color: 'red' },
                            onConfirm: () => remove.mutate(department.id),
                          })
                        }
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <form onSubmit={add}>
          <Group align="flex-start" gap="xs">
            <TextInput
              label={t('feedback.settingsPage.name')}
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              error={errorOf('name')}
              style={{ flex: 1 }}
            />
            <NumberInput
              label={t('feedback.settingsPage.slaHours')}
              placeholder={t('feedback.settingsPage.slaHint')}
              min={1}
              max={2160}
              value={slaHours}
              onChange={setSlaHours}
              error={errorOf('slaHours')}
              w={140}
            />
            <Select
              label={t('feedback.settingsPage.defaultOwner')}
              clearable
              data={memberOptions}
              value={ownerId}
              onChange={setOwnerId}
              error={errorOf('defaultOwnerId')}
              w={200}
            />
            <Button type="submit" mt={25} disabled={!name.trim()} loading={save.isPending}>
              {t('feedback.settingsPage.add')}
            </Button>
          </Group>
        </form>
        <FormError message={formError(save.error) ?? formError(remove.error)} />
      </Stack>
    </Paper>
  );
}
