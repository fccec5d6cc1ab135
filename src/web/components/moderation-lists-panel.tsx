import {
  ActionIcon,
  Badge,
  Button,
  Grid,
  Group,
  Menu,
  Paper,
  Stack,
  Switch,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconDots, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModerationList } from '../../shared/moderation.ts';
import {
  useDeleteModerationList,
  useModerationLists,
  useUpdateModerationList,
} from '../api/use-moderation.ts';
import { EmptyState } from './empty-state.tsx';
import { CategoryBadge, SeverityBadge } from './moderation-highlight.tsx';
import { ModerationListModal, type ModerationListDialog } from './moderation-list-modal.tsx';
import { ModerationWordsPanel } from './moderation-words-panel.tsx';
import { ErrorState, LoadingState } from './query-state.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';

/** The workspace's word lists on the left, the chosen list's words on the right. */
export function ModerationListsPanel({
  selectedId,
  onSelect,
}: {
  selectedId: string | null;
  onSelect: (listId: string | null) => void;
}) {
  const { t } = useTranslation();
  const { workspace, can } = useCurrentWorkspace();
  const canEdit = can('moderation.manage');
  const lists = useModerationLists(workspace.id);
  const update = useUpdateModerationList(workspace.id);
  const remove = useDeleteModerationList(workspace.id);
  const [dialog, setDialog] = useState<ModerationListDialog>(null);
  const selected = (lists.data ?? []).find((list) => list.id === selectedId) ?? null;

  const confirmDelete = (list: ModerationList) =>
    modals.openConfirmModal({
      title: t('moderation.lists.delete'),
      children: (
        <Text size="sm">
          {t('moderation.lists.deleteConfirm', { name: list.name, count: list.wordCount })}
        </Text>
      ),
      labels: { confirm: t('moderation.lists.delete'), cancel: t('app.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(list.id, {
          onSuccess: () => {
            notifications.show({ color: 'teal', message: t('moderation.lists.deleted') });
            if (list.id === selectedId) onSelect(null);
          },
        }),
    });

  const newList = canEdit && (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog({ list: null })}>
      {t('moderation.lists.new')}
    </Button>
  );

  if (lists.isPending) return <LoadingState />;
  if (lists.isError) return <ErrorState error={lists.error} onRetry={() => void lists.refetch()} />;

  return (
    <>
      {lists.data.length === 0 ? (
        <Paper>
          <EmptyState message={t('moderation.lists.empty')} action={newList} />
        </Paper>
      ) : (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Paper p="md">
              <Group justify="space-between" mb="sm">
                <Title order={4}>{t('moderation.lists.title')}</Title>
                {newList}
              </Group>
              <Stack gap={4} role="list">
                {lists.data.map((list) => (
                  <Group
                    key={list.id}
                    role="listitem"
                    justify="space-between"
                    wrap="nowrap"
                    gap="xs"
                    p={6}
                    style={{
                      borderRadius: 'var(--mantine-radius-sm)',
                      background:
                        list.id === selectedId ? 'var(--mantine-color-blue-light)' : undefined,
                    }}
                  >
                    <UnstyledButton
                      onClick={() => onSelect(list.id)}
                      aria-current={list.id === selectedId ? 'true' : undefined}
                      style={{ flex: 1, minWidth: 0 }}
                    >
                      <Text fw={600} size="sm" truncate>
                        {list.name}
                      </Text>
                      <Group gap={4} mt={2}>
                        <CategoryBadge category={list.category} />
                        {list.category !== 'allow' && <SeverityBadge severity={list.severity} />}
                        {list.category !== 'allow' && (
                          <Badge size="sm" variant="default">
                            {t(`moderation.actions.${list.action}`)}
                          </Badge>
                        )}
                        <Text size="xs" c="dimmed">
                          {t('moderation.lists.wordCount', { count: list.wordCount })}
                        </Text>
                      </Group>
                    </UnstyledButton>
                    <Switch
                      size="sm"
                      checked={list.enabled}
                      disabled={!canEdit || update.isPending}
                      aria-label={t('moderation.lists.enabledFor', { name: list.name })}
                      onChange={(event) =>
                        update.mutate({
                          listId: list.id,
                          body: { enabled: event.currentTarget.checked },
                        })
                      }
                    />
                    {canEdit && (
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            aria-label={t('moderation.lists.actionsFor', { name: list.name })}
                          >
                            <IconDots size={16} />
                          </ActionIcon>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item onClick={() => setDialog({ list })}>
                            {t('moderation.lists.edit')}
                          </Menu.Item>
                          <Menu.Item color="red" onClick={() => confirmDelete(list)}>
                            {t('moderation.lists.delete')}
                          </Menu.Item>
                        </Menu.Dropdown>
                      </Menu>
                    )}
                  </Group>
                ))}
              </Stack>
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            {selected ? (
              <ModerationWordsPanel key={selected.id} list={selected} canEdit={canEdit} />
            ) : (
              <Paper>
                <EmptyState message={t('moderation.lists.select')} />
              </Paper>
            )}
          </Grid.Col>
        </Grid>
      )}
      <ModerationListModal
        dialog={dialog}
        onClose={() => setDialog(null)}
        onSaved={(list) => onSelect(list.id)}
      />
    </>
  );
}
