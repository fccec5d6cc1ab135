import {
  Alert,
  Box,
  Button,
  Checkbox,
  Group,
  Paper,
  ScrollArea,
  Select,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconKeyboard, IconRefresh } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { roleHasPermission } from '../../shared/permissions.ts';
import type { Channel } from '../../shared/publishing.ts';
import { useChannels } from '../api/use-channels.ts';
import {
  useBulkUpdate,
  useContact,
  useConversation,
  useConversations,
  useInboxSummary,
  useMarkRead,
  useRefreshCollection,
  useUpdateConversation,
  type ConversationFilter,
} from '../api/use-inbox.ts';
import { useMembers } from '../api/use-members.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { InboxContactPanel } from '../components/inbox-contact-panel.tsx';
import { InboxConversationList } from '../components/inbox-conversation-list.tsx';
import { InboxFilters } from '../components/inbox-filters.tsx';
import { InboxShortcuts } from '../components/inbox-shortcuts.tsx';
import { InboxThread, type ComposerMode } from '../components/inbox-thread.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { RequirePermission } from '../components/require-permission.tsx';
import { SampleWorkspaceButton } from '../components/sample-workspace-button.tsx';
import { useCurrentWorkspace } from '../components/workspace-context.ts';
import { useFormatDate } from '../lib/format.ts';

export function InboxPage() {
  return (
    <RequirePermission permission="inbox.read">
      <Inbox />
    </RequirePermission>
  );
}

/** Keys typed into a field belong to the field, not to the inbox's shortcuts. */
function typingInField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target.tagName === 'INPUT' ||
    target.tagName === 'TEXTAREA' ||
    target.tagName === 'SELECT'
  );
}

function Inbox() {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const { workspace, can } = useCurrentWorkspace();
  const workspaceId = workspace.id;
  const canReply = can('inbox.reply');
  const [params, setParams] = useSearchParams();
  const activeId = params.get('conversation');
  const [filter, setFilter] = useState<ConversationFilter>({ status: 'open' });
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const effective = useMemo(() => (q ? { ...filter, q } : filter), [filter, q]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [mode, setMode] = useState<ComposerMode>('reply');
  const [help, setHelp] = useState(false);
  const [bulkTag, setBulkTag] = useState('');
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const assignRef = useRef<HTMLInputElement>(null);

  const channels = useChannels(workspaceId, can('channels.read'));
  const members = useMembers(workspaceId, can('members.read'));
  const summary = useInboxSummary(workspaceId);
  const list = useConversations(workspaceId, effective);
  const detail = useConversation(workspaceId, activeId);
  const contactId = detail.data?.conversation.contact?.id ?? null;
  const contact = useContact(workspaceId, contactId);
  const refresh = useRefreshCollection(workspaceId);
  const bulk = useBulkUpdate(workspaceId);
  const update = useUpdateConversation(workspaceId);
  const { mutate: markRead } = useMarkRead(workspaceId);

  const channelMap = useMemo(
    () => new Map((channels.data ?? []).map((c): [string, Channel] => [c.id, c])),
    [channels.data],
  );
  const memberOptions = useMemo(
    () =>
      (members.data ?? [])
        .filter((m) => roleHasPermission(m.role, 'inbox.read'))
        .map((m) => ({ value: m.userId, label: m.name })),
    [members.data],
  );
  const items = useMemo(() => list.data?.items ?? [], [list.data]);

  const open = useCallback(
    (id: string) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set('conversation', id);
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const unread = detail.data?.conversation.unreadCount ?? 0;
  useEffect(() => {
    if (activeId && unread > 0) markRead(activeId);
  }, [activeId, unread, markRead]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typingInField(event.target)) return;
      // The address is ahead of the render when keys come fast: read the open one from it.
      const current = new URLSearchParams(window.location.search).get('conversation');
      const index = items.findIndex((c) => c.id === current);
      switch (event.key) {
        case 'j': {
          const next = items[Math.min(items.length - 1, index + 1)];
          if (next) open(next.id);
          break;
        }
        case 'k': {
          const previous = items[Math.max(0, index - 1)];
          if (previous) open(previous.id);
          break;
        }
        case 'r':
        case 'n':
          if (!activeId || !canReply) return;
          setMode(event.key === 'r' ? 'reply' : 'note');
          composerRef.current?.focus();
          break;
        case 'a':
          if (!activeId || !canReply) return;
          assignRef.current?.focus();
          assignRef.current?.click();
          break;
        case 'e': {
          const current = detail.data?.conversation;
          if (!current || !canReply) return;
          update.mutate({
            id: current.id,
            body: { status: current.status === 'resolved' ? 'open' : 'resolved' },
          });
          break;
        }
        case '?':
          setHelp(true);
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items, activeId, open, canReply, detail.data, update]);

  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const runBulk = (body: Omit<Parameters<typeof bulk.mutate>[0], 'conversationIds'>) =>
    bulk.mutate(
      { conversationIds: [...selected], ...body },
      {
        onSuccess: (result) => {
          notifications.show({
            color: 'teal',
            message: t('inbox.bulk.done', { count: result.updated }),
          });
          setSelected(new Set());
          setBulkTag('');
        },
      },
    );

  const noChannels = channels.data !== undefined && channels.data.length === 0;
  const neverCollected =
    summary.data !== undefined &&
    summary.data.channels.every((c) => c.lastCollectedAt === null) &&
    items.length === 0;
  const problems = (summary.data?.channels ?? []).filter((c) => c.lastError);
  const lastCollected = (summary.data?.channels ?? [])
    .map((c) => c.lastCollectedAt)
    .filter((x): x is string => x !== null)
    .sort()
    .at(-1);
  const counts = summary.data?.counts;

  return (
    <Stack gap="sm">
      <PageHeader
        title={t('inbox.title')}
        description={t('inbox.description')}
        actions={
          <>
            <Tooltip label={t('inbox.shortcutsHint')}>
              <Button
                variant="subtle"
                size="xs"
                leftSection={<IconKeyboard size={16} />}
                onClick={() => setHelp(true)}
              >
                ?
              </Button>
            </Tooltip>
            <Button
              variant="default"
              leftSection={<IconRefresh size={16} />}
              loading={refresh.isPending}
              disabled={noChannels}
              onClick={() =>
                refresh.mutate(undefined, {
                  onSuccess: () => notifications.show({ message: t('inbox.refreshQueued') }),
                })
              }
            >
              {t('inbox.refresh')}
            </Button>
          </>
        }
      />
      {counts && (
        <Group gap="md">
          <Text size="sm">{t('inbox.counts.open', { count: counts.open })}</Text>
          <Text size="sm">{t('inbox.counts.mine', { count: counts.mine })}</Text>
          <Text size="sm">{t('inbox.counts.unassigned', { count: counts.unassigned })}</Text>
          <Text size="sm">{t('inbox.counts.unread', { count: counts.unread })}</Text>
          {lastCollected && (
            <Text size="xs" c="dimmed">
              {t('inbox.collectedAt', { time: formatDate(lastCollected) })}
            </Text>
          )}
        </Group>
      )}
      {problems.map((p) => (
        <Alert key={p.channelId} color="orange" p="xs">
          <Text size="sm">
            {t('inbox.channelProblem', {
              channel: channelMap.get(p.channelId)?.name ?? p.channelId,
              error: p.lastError,
              action: p.errorAction ?? '',
            })}
          </Text>
        </Alert>
      ))}

      {noChannels ? (
        <Paper withBorder p="lg">
          <EmptyState
            message={t('inbox.empty.noChannels')}
            action={
              <Group>
                {can('channels.manage') && (
                  <Button component={Link} to={`/w/${workspaceId}/channels`}>
                    {t('inbox.empty.connect')}
                  </Button>
                )}
                <SampleWorkspaceButton />
              </Group>
            }
          />
        </Paper>
      ) : (
        <Box
          style={{
            display: 'grid',
            gridTemplateColumns: 'minmax(260px, 340px) minmax(0, 1fr) minmax(220px, 300px)',
            gap: 'var(--mantine-spacing-sm)',
            height: 'calc(100dvh - 230px)',
            minHeight: 480,
          }}
        >
          <Paper withBorder style={{ display: 'flex', flexDirection: 'column', minHeight: 0 }}>
            <Box p="xs" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
              <InboxFilters
                value={filter}
                onChange={(next) => {
                  setFilter(next);
                  setSelected(new Set());
                }}
                channels={channels.data ?? []}
                search={search}
                onSearch={setSearch}
              />
            </Box>
            {canReply && items.length > 0 && (
              <Stack
                gap={4}
                px="xs"
                py={6}
                style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
              >
                <Checkbox
                  size="xs"
                  label={
                    selected.size > 0
                      ? t('inbox.bulk.selected', { count: selected.size })
                      : t('inbox.list.selectAll')
                  }
                  checked={selected.size > 0 && selected.size === items.length}
                  indeterminate={selected.size > 0 && selected.size < items.length}
                  onChange={() =>
                    setSelected(
                      selected.size === items.length ? new Set() : new Set(items.map((c) => c.id)),
                    )
                  }
                />
                {selected.size > 0 && (
                  <Group gap={4} wrap="wrap">
                    <Select
                      size="xs"
                      w={130}
                      placeholder={t('inbox.bulk.assign')}
                      aria-label={t('inbox.bulk.assign')}
                      data={[{ value: 'none', label: t('inbox.actions.nobody') }, ...memberOptions]}
                      value={null}
                      onChange={(v) => v && runBulk({ assigneeId: v === 'none' ? null : v })}
                    />
                    <Button
                      size="compact-xs"
                      leftSection={<IconCheck size={12} />}
                      onClick={() => runBulk({ status: 'resolved' })}
                    >
                      {t('inbox.bulk.resolve')}
                    </Button>
                    <Button
                      size="compact-xs"
                      variant="default"
                      onClick={() => runBulk({ status: 'open' })}
                    >
                      {t('inbox.bulk.reopen')}
                    </Button>
                    <Group gap={2} wrap="nowrap">
                      <TextInput
                        size="xs"
                        w={90}
                        placeholder={t('inbox.bulk.tagPlaceholder')}
                        aria-label={t('inbox.bulk.tag')}
                        value={bulkTag}
                        onChange={(e) => setBulkTag(e.currentTarget.value)}
                      />
                      <Button
                        size="compact-xs"
                        variant="default"
                        disabled={bulkTag.trim() === ''}
                        onClick={() => runBulk({ addTags: [bulkTag.trim()] })}
                      >
                        {t('inbox.bulk.tag')}
                      </Button>
                    </Group>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() => setSelected(new Set())}
                    >
                      {t('inbox.bulk.clear')}
                    </Button>
                  </Group>
                )}
              </Stack>
            )}
            <ScrollArea style={{ flex: 1 }} type="auto">
              {list.isPending ? (
                <LoadingState />
              ) : list.isError ? (
                <Box p="sm">
                  <ErrorState error={list.error} onRetry={() => void list.refetch()} />
                </Box>
              ) : items.length === 0 ? (
                <EmptyState
                  message={
                    neverCollected
                      ? t('inbox.empty.notCollected')
                      : Object.keys(effective).length > 1 || q
                        ? t('inbox.list.none')
                        : t('inbox.empty.quiet')
                  }
                />
              ) : (
                <InboxConversationList
                  items={items}
                  channels={channelMap}
                  activeId={activeId}
                  selected={selected}
                  onOpen={open}
                  onToggle={toggle}
                />
              )}
            </ScrollArea>
          </Paper>

          <Paper withBorder style={{ minHeight: 0, overflow: 'hidden' }}>
            {!activeId ? (
              <EmptyState message={t('inbox.empty.pick')} />
            ) : detail.isPending ? (
              <LoadingState />
            ) : detail.isError ? (
              <Box p="sm">
                <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />
              </Box>
            ) : (
              <InboxThread
                workspaceId={workspaceId}
                detail={detail.data}
                channel={channelMap.get(detail.data.conversation.channelId)}
                members={memberOptions}
                teams={summary.data?.teams ?? []}
                canReply={canReply}
                mode={mode}
                onMode={setMode}
                composerRef={composerRef}
                assignRef={assignRef}
              />
            )}
          </Paper>

          <Paper withBorder style={{ minHeight: 0 }}>
            <ScrollArea h="100%" type="auto">
              {activeId && detail.data && (
                <InboxContactPanel
                  workspaceId={workspaceId}
                  contact={contactId ? (contact.data ?? detail.data.contact) : null}
                  channels={channelMap}
                  canEdit={canReply}
                  canMerge={can('inbox.manage')}
                  onOpenConversation={open}
                />
              )}
            </ScrollArea>
          </Paper>
        </Box>
      )}
      <InboxShortcuts opened={help} onClose={() => setHelp(false)} />
    </Stack>
  );
}
