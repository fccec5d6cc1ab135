import {
  ActionIcon,
  Badge,
  Button,
  Grid,
  Group,
  NavLink,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconChartBar, IconPencil, IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CannedReply } from '../../shared/routing.ts';
import {
  useCannedCategories,
  useCannedReplies,
  useDeleteCannedCategory,
  useDeleteCannedReply,
  useSaveCannedCategory,
} from '../api/use-routing.ts';
import { CannedReplyModal, type CannedEditorTarget } from '../components/canned-reply-modal.tsx';
import { CannedReplyPicker } from '../components/canned-reply-picker.tsx';
import { CannedStatsDrawer } from '../components/canned-stats-drawer.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { RequirePermission } from '../components/require-permission.tsx';
import { percent } from '../components/routing-csv.ts';
import { useRoutingNames } from '../components/routing-names.ts';
import { RoutingTabs } from '../components/routing-tabs.tsx';
import { useCurrentWorkspace } from '../components/workspace-context.ts';
import { useFormatDate } from '../lib/format.ts';

export function CannedRepliesPage() {
  return (
    <RequirePermission permission="inbox.read">
      <CannedContent />
    </RequirePermission>
  );
}

function CannedContent() {
  const { t } = useTranslation();
  const { workspace, can } = useCurrentWorkspace();
  const canManage = can('inbox.manage');
  const [categoryId, setCategoryId] = useState<string | undefined>(undefined);
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q, 250);
  const replies = useCannedReplies(workspace.id, { categoryId, q: debouncedQ || undefined });
  const [editor, setEditor] = useState<CannedEditorTarget>(null);
  const [statsFor, setStatsFor] = useState<CannedReply | null>(null);

  return (
    <>
      <PageHeader
        title={t('canned.pageTitle')}
        description={t('canned.subtitle')}
        actions={
          canManage && (
            <Button
              leftSection={<IconPlus size={18} />}
              onClick={() => setEditor({ reply: null, categoryId: categoryId ?? null })}
            >
              {t('canned.new')}
            </Button>
          )
        }
      />
      <RoutingTabs />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Categories selected={categoryId} onSelect={setCategoryId} canManage={canManage} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          <Stack gap="lg">
            <Paper p="md">
              <TextInput
                aria-label={t('canned.search')}
                placeholder={t('canned.searchPlaceholder')}
                leftSection={<IconSearch size={16} />}
                value={q}
                onChange={(event) => setQ(event.currentTarget.value)}
                mb="sm"
              />
              {replies.isPending ? (
                <LoadingState />
              ) : replies.isError ? (
                <ErrorState error={replies.error} onRetry={() => void replies.refetch()} />
              ) : replies.data.length === 0 ? (
                <EmptyState
                  message={q || categoryId ? t('canned.noMatch') : t('canned.empty')}
                  action={
                    canManage &&
                    !q && (
                      <Button
                        onClick={() => setEditor({ reply: null, categoryId: categoryId ?? null })}
                      >
                        {t('canned.new')}
                      </Button>
                    )
                  }
                />
              ) : (
                <RepliesTable
                  replies={replies.data}
                  canManage={canManage}
                  onEdit={(reply) => setEditor({ reply })}
                  onStats={setStatsFor}
                />
              )}
            </Paper>
            <TryPicker />
          </Stack>
        </Grid.Col>
      </Grid>
      <CannedReplyModal
        workspaceId={workspace.id}
        target={editor}
        onClose={() => setEditor(null)}
      />
      <CannedStatsDrawer
        workspaceId={workspace.id}
        reply={statsFor}
        onClose={() => setStatsFor(null)}
      />
    </>
  );
}

function Categories({
  selected,
  onSelect,
  canManage,
}: {
  selected: string | undefined;
  onSelect: (categoryId: string | undefined) => void;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const categories = useCannedCategories(workspace.id);
  const save = useSaveCannedCategory(workspace.id);
  const remove = useDeleteCannedCategory(workspace.id);
  const [name, setName] = useState('');
  const fail = (error: Error) => notifications.show({ color: 'red', message: error.message });
  return (
    <Paper p="sm">
      <Title order={5} mb="xs" px={4}>
        {t('canned.categories')}
      </Title>
      <NavLink
        label={t('canned.allReplies')}
        active={selected === undefined}
        onClick={() => onSelect(undefined)}
      />
      {(categories.data ?? []).map((category) => (
        <NavLink
          key={category.id}
          label={category.name}
          active={selected === category.id}
          onClick={() => onSelect(category.id)}
          rightSection={
            <Group gap={2} wrap="nowrap">
              <Badge size="xs" variant="light" color="gray">
                {category.replyCount}
              </Badge>
              {canManage && (
                <ActionIcon
                  component="span"
                  size="sm"
                  variant="subtle"
                  color="red"
                  aria-label={t('canned.removeCategory', { name: category.name })}
                  onClick={(event) => {
                    event.stopPropagation();
                    modals.openConfirmModal({
                      title: t('canned.removeCategory', { name: category.name }),
                      children: <Text size="sm">{t('canned.removeCategoryConfirm')}</Text>,
                      labels: { confirm: t('routing.remove'), cancel: t('app.cancel') },
                      confirmProps: { color: 'red' },
                      onConfirm: () => {
                        if (selected === category.id) onSelect(undefined);
                        remove.mutate(category.id, { onError: fail });
                      },
                    });
                  }}
                >
                  <IconTrash size={12} />
                </ActionIcon>
              )}
            </Group>
          }
        />
      ))}
      {canManage && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (!name.trim()) return;
            save.mutate(
              { categoryId: null, name: name.trim() },
              { onSuccess: () => setName(''), onError: fail },
            );
          }}
        >
          <TextInput
            mt="sm"
            size="xs"
            aria-label={t('canned.newCategory')}
            placeholder={t('canned.newCategory')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            rightSection={
              <ActionIcon
                type="submit"
                size="sm"
                variant="subtle"
                aria-label={t('canned.addCategory')}
              >
                <IconPlus size={14} />
              </ActionIcon>
            }
          />
        </form>
      )}
    </Paper>
  );
}

function RepliesTable({
  replies,
  canManage,
  onEdit,
  onStats,
}: {
  replies: CannedReply[];
  canManage: boolean;
  onEdit: (reply: CannedReply) => void;
  onStats: (reply: CannedReply) => void;
}) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const remove = useDeleteCannedReply(workspace.id);
  const names = useRoutingNames(workspace.id);
  const formatDate = useFormatDate();
  const confirmRemove = (reply: CannedReply) =>
    modals.openConfirmModal({
      title: t('canned.remove'),
      children: <Text size="sm">{t('canned.removeConfirm', { title: reply.title })}</Text>,
      labels: { confirm: t('routing.remove'), cancel: t('app.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(reply.id, {
          onError: (error) => notifications.show({ color: 'red', message: error.message }),
        }),
    });
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('canned.title')}</Table.Th>
            <Table.Th>{t('canned.languages')}</Table.Th>
            <Table.Th>{t('canned.stats.used')}</Table.Th>
            <Table.Th>{t('canned.stats.resolutionRate')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {replies.map((reply) => (
            <Table.Tr key={reply.id}>
              <Table.Td maw={360}>
                <Group gap={6}>
                  <Text size="sm" fw={500}>
                    {reply.title}
                  </Text>
                  {reply.shortcut && (
                    <Badge size="xs" variant="outline" tt="none">
                      /{reply.shortcut}
                    </Badge>
                  )}
                </Group>
                <Text size="xs" c="dimmed" lineClamp={1}>
                  {reply.variants.zh ?? reply.variants.en}
                </Text>
                {reply.agentVariables.length > 0 && (
                  <Text size="xs" c="blue">
                    {t('canned.needs', {
                      variables: reply.agentVariables.map((v) => `{${v}}`).join(' '),
                    })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {reply.variants.zh && (
                    <Badge size="xs" variant="light">
                      中文
                    </Badge>
                  )}
                  {reply.variants.en && (
                    <Badge size="xs" variant="light">
                      EN
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{reply.usage.usedCount}</Text>
                <Text size="xs" c="dimmed">
                  {reply.usage.lastUsedAt
                    ? t('canned.lastUsedBy', {
                        date: formatDate(reply.usage.lastUsedAt),
                        name: reply.usage.lastUsedBy
                          ? names.person(reply.usage.lastUsedBy)
                          : t('canned.stats.automatic'),
                      })
                    : t('app.never')}
                </Text>
              </Table.Td>
              <Table.Td>{percent(reply.usage.resolutionRate)}</Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  <ActionIcon
                    variant="subtle"
                    aria-label={t('canned.stats.open', { title: reply.title })}
                    onClick={() => onStats(reply)}
                  >
                    <IconChartBar size={16} />
                  </ActionIcon>
                  {canManage && (
                    <>
                      <ActionIcon
                        variant="subtle"
                        aria-label={t('canned.editNamed', { title: reply.title })}
                        onClick={() => onEdit(reply)}
                      >
                        <IconPencil size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('canned.removeNamed', { title: reply.title })}
                        onClick={() => confirmRemove(reply)}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The picker as agents see it in the composer, on a customer message typed here. */
function TryPicker() {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const [message, setMessage] = useState('');
  const [debounced] = useDebouncedValue(message, 400);
  const [inserted, setInserted] = useState('');
  return (
    <Paper p="md" aria-labelledby="try-picker-title">
      <Title order={4} id="try-picker-title" mb={4}>
        {t('canned.try.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('canned.try.hint')}
      </Text>
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="sm">
            <Textarea
              label={t('canned.try.message')}
              placeholder={t('canned.try.messagePlaceholder')}
              value={message}
              onChange={(event) => setMessage(event.currentTarget.value)}
              autosize
              minRows={2}
            />
            <Textarea
              label={t('canned.try.composer')}
              value={inserted}
              onChange={(event) => setInserted(event.currentTarget.value)}
              autosize
              minRows={3}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <CannedReplyPicker
            workspaceId={workspace.id}
            messageText={debounced}
            countUse={false}
            onInsert={(text) => setInserted((old) => (old ? `${old}\n${text}` : text))}
          />
        </Grid.Col>
      </Grid>
    </Paper>
  );
}
