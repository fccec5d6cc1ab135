import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  Menu,
  MultiSelect,
  Paper,
  ScrollArea,
  SegmentedControl,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAlertTriangle,
  IconArrowBackUp,
  IconBulb,
  IconCheck,
  IconDots,
  IconEyeOff,
  IconLock,
  IconMessageBolt,
  IconRefresh,
  IconSend,
  IconTag,
} from '@tabler/icons-react';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  INBOX_PRIORITIES,
  INTENTS,
  SENTIMENTS,
  type ConversationDetail,
  type InboxMessage,
  type InboxPriority,
} from '../../shared/inbox.ts';
import type { Channel } from '../../shared/publishing.ts';
import {
  useAddNote,
  useCorrectLabels,
  useFeedbackFromMessage,
  useHeartbeat,
  useMessageAction,
  useSendReply,
  useUpdateConversation,
} from '../api/use-inbox.ts';
import { useFormatDate } from '../lib/format.ts';
import { CannedReplyPicker } from './canned-reply-picker.tsx';
import { ChannelAvatar } from './channel-avatar.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';
import { IntentBadge, PriorityBadge, SentimentBadge } from './inbox-labels.tsx';
import { InboxSlaTimers } from './inbox-sla-timers.tsx';
import { FormError } from './query-state.tsx';

export type ComposerMode = 'reply' | 'note';

export interface MemberOption {
  value: string;
  label: string;
}

/** How often an open conversation tells the others someone is on it. */
const HEARTBEAT_MS = 8_000;

/** The middle pane: the post a thread is about, its messages and the composer. */
export function InboxThread({
  workspaceId,
  detail,
  channel,
  members,
  teams,
  canReply,
  mode,
  onMode,
  composerRef,
  assignRef,
}: {
  workspaceId: string;
  detail: ConversationDetail;
  channel: Channel | undefined;
  members: readonly MemberOption[];
  teams: readonly { id: string; name: string }[];
  canReply: boolean;
  mode: ComposerMode;
  onMode: (mode: ComposerMode) => void;
  composerRef: RefObject<HTMLTextAreaElement | null>;
  assignRef: RefObject<HTMLInputElement | null>;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const conversation = detail.conversation;
  const update = useUpdateConversation(workspaceId);
  const heartbeat = useHeartbeat(workspaceId);
  const [text, setText] = useState('');
  const [mentions, setMentions] = useState<string[]>([]);
  const [replyTo, setReplyTo] = useState<InboxMessage | null>(null);
  const [cannedOpen, setCannedOpen] = useState(false);
  const lastInbound = detail.messages.findLast((m) => m.direction === 'in');
  const sendReply = useSendReply(workspaceId);
  const addNote = useAddNote(workspaceId);
  const messageAction = useMessageAction(workspaceId);
  const correct = useCorrectLabels(workspaceId);
  const keepFeedback = useFeedbackFromMessage(workspaceId);
  const canKeepFeedback = useCurrentWorkspace().can('feedback.manage');
  const navigate = useNavigate();
  const bottom = useRef<HTMLDivElement>(null);
  const typing = mode === 'reply' && text.trim() !== '';
  const { mutate: beat } = heartbeat;

  useEffect(() => {
    setText('');
    setMentions([]);
    setReplyTo(null);
    setCannedOpen(false);
  }, [conversation.id]);

  useEffect(() => {
    bottom.current?.scrollIntoView({ block: 'end' });
  }, [conversation.id, detail.messages.length]);

  useEffect(() => {
    beat({ id: conversation.id, typing });
    const timer = window.setInterval(() => beat({ id: conversation.id, typing }), HEARTBEAT_MS);
    return () => window.clearInterval(timer);
  }, [beat, conversation.id, typing]);

  const submit = () => {
    const body = text.trim();
    if (!body) return;
    if (mode === 'reply') {
      sendReply.mutate(
        {
          id: conversation.id,
          body: { text: body, ...(replyTo ? { replyToId: replyTo.id } : {}) },
        },
        {
          onSuccess: () => {
            setText('');
            setReplyTo(null);
            notifications.show({ color: 'teal', message: t('inbox.composer.queued') });
          },
        },
      );
    } else {
      addNote.mutate(
        { id: conversation.id, body: { text: body, mentions } },
        {
          onSuccess: () => {
            setText('');
            setMentions([]);
          },
        },
      );
    }
  };

  const setStatus = (status: 'open' | 'pending' | 'resolved') =>
    update.mutate({ id: conversation.id, body: { status } });
  const memberName = new Map(members.map((m) => [m.value, m.label]));
  const others = detail.presence;
  const busy = others.some((p) => p.typing);
  const pending = detail.messages.filter((m) => m.status === 'queued' || m.status === 'sending');
  const title =
    conversation.kind === 'direct'
      ? t('inbox.thread.direct', { name: conversation.contact?.displayName ?? '' })
      : (conversation.contact?.displayName ?? t('inbox.kinds.thread'));
  const post = conversation.post;
  const error = sendReply.error ?? addNote.error ?? update.error ?? messageAction.error;

  return (
    <Stack gap={0} h="100%" style={{ minHeight: 0 }}>
      <Stack gap={6} p="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Group justify="space-between" wrap="nowrap">
          <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
            {channel && <ChannelAvatar channel={channel} size={24} />}
            <Text fw={600} truncate>
              {title}
            </Text>
            <Badge
              size="sm"
              variant="light"
              color={conversation.status === 'open' ? 'blue' : 'gray'}
            >
              {t(`inbox.statuses.${conversation.status}`)}
            </Badge>
            <PriorityBadge priority={conversation.priority} />
          </Group>
          {canReply && (
            <Group gap={6} wrap="nowrap">
              {conversation.status !== 'resolved' ? (
                <Button
                  size="compact-sm"
                  leftSection={<IconCheck size={14} />}
                  onClick={() => setStatus('resolved')}
                >
                  {t('inbox.actions.resolve')}
                </Button>
              ) : (
                <Button size="compact-sm" variant="default" onClick={() => setStatus('open')}>
                  {t('inbox.actions.reopen')}
                </Button>
              )}
              {conversation.status === 'open' && (
                <Button size="compact-sm" variant="default" onClick={() => setStatus('pending')}>
                  {t('inbox.actions.pending')}
                </Button>
              )}
            </Group>
          )}
        </Group>
        {canReply && (
          <Group gap={6} grow>
            <Select
              ref={assignRef}
              size="xs"
              label={t('inbox.actions.assignee')}
              data={[{ value: '', label: t('inbox.actions.nobody') }, ...members]}
              value={conversation.assigneeId ?? ''}
              onChange={(v) =>
                update.mutate({ id: conversation.id, body: { assigneeId: v || null } })
              }
              searchable
              allowDeselect={false}
            />
            {teams.length > 0 && (
              <Select
                size="xs"
                label={t('inbox.actions.team')}
                data={[
                  { value: '', label: t('inbox.actions.nobody') },
                  ...teams.map((team) => ({ value: team.id, label: team.name })),
                ]}
                value={conversation.teamId ?? ''}
                onChange={(v) =>
                  update.mutate({ id: conversation.id, body: { teamId: v || null } })
                }
                allowDeselect={false}
              />
            )}
            <Select
              size="xs"
              label={t('inbox.actions.priority')}
              data={INBOX_PRIORITIES.map((p) => ({ value: p, label: t(`inbox.priorities.${p}`) }))}
              value={conversation.priority}
              onChange={(v) =>
                v && update.mutate({ id: conversation.id, body: { priority: v as InboxPriority } })
              }
              allowDeselect={false}
            />
            <TagsInput
              size="xs"
              label={t('inbox.actions.tags')}
              placeholder={t('inbox.actions.addTag')}
              value={conversation.tags}
              onChange={(tags) => update.mutate({ id: conversation.id, body: { tags } })}
              leftSection={<IconTag size={12} />}
            />
          </Group>
        )}
        {post && (
          <Paper withBorder p={6} radius="sm" bg="gray.0">
            <Group justify="space-between" wrap="nowrap" gap={6}>
              <Box style={{ minWidth: 0 }}>
                <Text size="xs" c="dimmed">
                  {t('inbox.thread.about')}
                </Text>
                <Text size="sm" lineClamp={2}>
                  {post.title ?? post.excerpt ?? post.externalId}
                </Text>
              </Box>
              <Group gap={6} wrap="nowrap">
                {post.postId && (
                  <Anchor component={Link} to={`/w/${workspaceId}/posts/${post.postId}`} size="xs">
                    {t('inbox.thread.openPost')}
                  </Anchor>
                )}
                {post.url && (
                  <Anchor href={post.url} target="_blank" rel="noreferrer" size="xs">
                    {t('inbox.thread.onPlatform')}
                  </Anchor>
                )}
              </Group>
            </Group>
          </Paper>
        )}
        {others.length > 0 && (
          <Alert
            color={busy ? 'orange' : 'blue'}
            variant="light"
            p={6}
            icon={<IconAlertTriangle size={16} />}
            role="status"
          >
            <Stack gap={0}>
              {busy && (
                <Text size="xs" fw={600}>
                  {t('inbox.thread.busyWarning')}
                </Text>
              )}
              {others.map((p) => (
                <Text key={p.userId} size="xs">
                  {p.typing
                    ? t('inbox.thread.typing', { name: p.name })
                    : t('inbox.thread.viewing', { name: p.name })}
                </Text>
              ))}
            </Stack>
          </Alert>
        )}
        <InboxSlaTimers workspaceId={workspaceId} conversationId={conversation.id} />
      </Stack>

      <ScrollArea style={{ flex: 1 }} type="auto" p="sm">
        <Stack gap="sm" pr="sm">
          {detail.messages.map((m) => (
            <MessageBubble
              key={m.id}
              message={m}
              memberName={memberName}
              canAct={canReply}
              canHide={detail.channel.canHide}
              onReplyTo={() => {
                setReplyTo(m);
                onMode('reply');
                composerRef.current?.focus();
              }}
              onAction={(action) => messageAction.mutate({ id: m.id, action })}
              onCorrect={(body) => correct.mutate({ id: m.id, body })}
              onFeedback={
                canKeepFeedback
                  ? () =>
                      keepFeedback.mutate(m.id, {
                        onSuccess: ({ ticketId }) =>
                          void navigate(`/w/${workspaceId}/feedback/${ticketId}`),
                        onError: (error) =>
                          notifications.show({ color: 'red', message: error.message }),
                      })
                  : undefined
              }
              formatDate={formatDate}
            />
          ))}
          <div ref={bottom} />
        </Stack>
      </ScrollArea>

      {canReply && (
        <Stack gap={6} p="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
          <Group justify="space-between">
            <SegmentedControl
              size="xs"
              value={mode}
              onChange={(v) => onMode(v as ComposerMode)}
              data={[
                { value: 'reply', label: t('inbox.composer.reply') },
                { value: 'note', label: t('inbox.composer.note') },
              ]}
            />
            <Text size="xs" c="dimmed">
              {t('inbox.composer.hint')}
            </Text>
          </Group>
          {mode === 'reply' && !detail.channel.canReply && (
            <Alert color="yellow" p={6} title={t('inbox.composer.unavailable')}>
              <Text size="xs">{detail.channel.replyUnavailable}</Text>
            </Alert>
          )}
          {mode === 'reply' && replyTo && (
            <Group gap={6}>
              <Text size="xs" c="dimmed">
                {t('inbox.thread.replyingTo', { name: replyTo.author?.name ?? '' })}
              </Text>
              <Anchor size="xs" component="button" onClick={() => setReplyTo(null)}>
                {t('inbox.thread.cancelReplyTo')}
              </Anchor>
            </Group>
          )}
          {mode === 'reply' &&
            (busy || pending.some((p) => p.userId !== null)) &&
            others.length > 0 && (
              <Text size="xs" c="orange.8">
                {t('inbox.thread.busyWarning')}
              </Text>
            )}
          <Textarea
            ref={composerRef}
            aria-label={mode === 'reply' ? t('inbox.composer.reply') : t('inbox.composer.note')}
            placeholder={
              mode === 'reply'
                ? t('inbox.composer.replyPlaceholder')
                : t('inbox.composer.notePlaceholder')
            }
            autosize
            minRows={2}
            maxRows={8}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                submit();
              } else if (e.key === 'Escape') {
                // Back to the inbox's shortcuts.
                e.currentTarget.blur();
              }
            }}
            styles={
              mode === 'note'
                ? { input: { background: 'var(--mantine-color-yellow-0)' } }
                : undefined
            }
          />
          {mode === 'note' && (
            <MultiSelect
              size="xs"
              label={t('inbox.composer.mention')}
              data={[...members]}
              value={mentions}
              onChange={setMentions}
              searchable
            />
          )}
          {mode === 'reply' && (cannedOpen || text.startsWith('/')) && (
            <CannedReplyPicker
              workspaceId={workspaceId}
              messageText={lastInbound?.text}
              messageIntent={lastInbound?.intent}
              messageLanguage={lastInbound?.language}
              conversationId={conversation.id}
              query={text.startsWith('/') ? text.slice(1) : undefined}
              onInsert={(inserted) => {
                setText(inserted);
                setCannedOpen(false);
                composerRef.current?.focus();
              }}
            />
          )}
          <FormError message={error ? error.message : null} />
          <Group justify="flex-end">
            {mode === 'reply' && (
              <Tooltip label={t('inbox.composer.cannedHint')}>
                <Button
                  size="sm"
                  variant={cannedOpen ? 'light' : 'subtle'}
                  leftSection={<IconMessageBolt size={16} />}
                  onClick={() => setCannedOpen((open) => !open)}
                  aria-pressed={cannedOpen}
                >
                  {t('inbox.composer.cannedReplies')}
                </Button>
              </Tooltip>
            )}
            <Button
              size="sm"
              leftSection={mode === 'reply' ? <IconSend size={16} /> : <IconLock size={16} />}
              color={mode === 'note' ? 'yellow' : undefined}
              loading={sendReply.isPending || addNote.isPending}
              disabled={text.trim() === '' || (mode === 'reply' && !detail.channel.canReply)}
              onClick={submit}
            >
              {mode === 'reply' ? t('inbox.composer.send') : t('inbox.composer.addNote')}
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}

function MessageBubble({
  message: m,
  memberName,
  canAct,
  canHide,
  onReplyTo,
  onAction,
  onCorrect,
  onFeedback,
  formatDate,
}: {
  message: InboxMessage;
  memberName: ReadonlyMap<string, string>;
  canAct: boolean;
  canHide: boolean;
  onReplyTo: () => void;
  onAction: (action: 'retry' | 'confirm' | 'hide') => void;
  onCorrect: (body: {
    sentiment?: (typeof SENTIMENTS)[number];
    intent?: (typeof INTENTS)[number];
  }) => void;
  /** Keeps the message as a feedback ticket; absent without the permission. */
  onFeedback: (() => void) | undefined;
  formatDate: (iso: string | null) => string;
}) {
  const { t } = useTranslation();
  const inbound = m.direction === 'in';
  const note = m.direction === 'note';
  const author = inbound ? (m.author?.name ?? '') : (m.userName ?? 'OpsLoop');
  const problem = m.status === 'failed' || m.status === 'unconfirmed';
  return (
    <Group justify={inbound ? 'flex-start' : 'flex-end'} wrap="nowrap" data-message-id={m.id}>
      <Paper
        p="xs"
        radius="md"
        maw="80%"
        withBorder
        bg={note ? 'yellow.0' : inbound ? 'white' : 'blue.0'}
        style={m.hiddenAt ? { opacity: 0.6 } : undefined}
      >
        <Group gap={6} justify="space-between" wrap="nowrap">
          <Group gap={6} wrap="nowrap">
            <Text size="xs" fw={600}>
              {author}
            </Text>
            {inbound && m.author && (
              <Text size="xs" c="dimmed">
                @{m.author.handle}
              </Text>
            )}
            <Badge size="xs" variant="light" color={note ? 'yellow' : 'gray'}>
              {note ? t('inbox.thread.internal') : t(`inbox.kinds.${m.kind}`)}
            </Badge>
          </Group>
          <Group gap={4} wrap="nowrap">
            <Text size="xs" c="dimmed">
              {formatDate(m.createdAt)}
            </Text>
            {inbound && canAct && (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <ActionIcon size="xs" variant="subtle" aria-label={t('inbox.thread.correct')}>
                    <IconDots size={14} />
                  </ActionIcon>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item leftSection={<IconArrowBackUp size={14} />} onClick={onReplyTo}>
                    {t('inbox.thread.replyTo')}
                  </Menu.Item>
                  {m.kind !== 'direct_message' && (
                    <Menu.Item
                      leftSection={<IconEyeOff size={14} />}
                      disabled={!canHide || m.hiddenAt !== null}
                      onClick={() => onAction('hide')}
                    >
                      {canHide ? t('inbox.thread.hide') : t('inbox.thread.hideUnavailable')}
                    </Menu.Item>
                  )}
                  {onFeedback && (
                    <Menu.Item leftSection={<IconBulb size={14} />} onClick={onFeedback}>
                      {t('inbox.thread.keepAsFeedback')}
                    </Menu.Item>
                  )}
                  <Menu.Label>{t('inbox.thread.correct')}</Menu.Label>
                  {SENTIMENTS.map((s) => (
                    <Menu.Item key={s} onClick={() => onCorrect({ sentiment: s })}>
                      {t(`inbox.sentiments.${s}`)}
                    </Menu.Item>
                  ))}
                  <Menu.Divider />
                  {INTENTS.map((i) => (
                    <Menu.Item key={i} onClick={() => onCorrect({ intent: i })}>
                      {t(`inbox.intents.${i}`)}
                    </Menu.Item>
                  ))}
                </Menu.Dropdown>
              </Menu>
            )}
          </Group>
        </Group>
        <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {m.text}
        </Text>
        {inbound && (
          <Group gap={4} mt={6}>
            <SentimentBadge sentiment={m.sentiment} />
            <IntentBadge
              intent={m.intent}
              tooltip={
                m.sentimentScore !== null && m.intentConfidence !== null
                  ? t('inbox.thread.score', {
                      score: m.sentimentScore.toFixed(2),
                      confidence: m.intentConfidence.toFixed(2),
                    })
                  : undefined
              }
            />
            <PriorityBadge priority={m.priority} />
            {m.language && (
              <Badge size="xs" variant="default">
                {m.language}
              </Badge>
            )}
            {m.corrected && (
              <Badge size="xs" variant="light" color="teal">
                {t('inbox.thread.corrected')}
              </Badge>
            )}
            {m.moderation && m.moderation.action !== 'none' && (
              <Badge size="xs" color="red" variant="light">
                {t(`inbox.moderation.${m.moderation.action}`)}
              </Badge>
            )}
            {m.hiddenAt && (
              <Badge size="xs" color="dark" variant="light">
                {t('inbox.thread.hidden')}
              </Badge>
            )}
          </Group>
        )}
        {note && m.mentions.length > 0 && (
          <Text size="xs" c="dimmed" mt={4}>
            {t('inbox.thread.mentioned', {
              names: m.mentions.map((id) => memberName.get(id) ?? id).join(', '),
            })}
          </Text>
        )}
        {m.direction === 'out' && (
          <Stack gap={4} mt={6} align="flex-end">
            <Badge
              size="xs"
              color={m.status === 'sent' ? 'teal' : problem ? 'red' : 'gray'}
              variant="light"
            >
              {t(
                `inbox.delivery.${m.status as 'queued' | 'sending' | 'sent' | 'failed' | 'unconfirmed'}`,
              )}
            </Badge>
            {problem && (
              <>
                {m.lastError && (
                  <Text size="xs" c="red.8" ta="right">
                    {m.lastError}
                  </Text>
                )}
                {m.errorAction && (
                  <Text size="xs" c="dimmed" ta="right">
                    {m.errorAction}
                  </Text>
                )}
                {canAct && (
                  <Group gap={6}>
                    <Tooltip label={t('inbox.thread.retry')}>
                      <Button
                        size="compact-xs"
                        variant="default"
                        leftSection={<IconRefresh size={12} />}
                        onClick={() => onAction('retry')}
                      >
                        {t('inbox.thread.retry')}
                      </Button>
                    </Tooltip>
                    {m.status === 'unconfirmed' && (
                      <Button size="compact-xs" variant="light" onClick={() => onAction('confirm')}>
                        {t('inbox.thread.confirm')}
                      </Button>
                    )}
                  </Group>
                )}
              </>
            )}
          </Stack>
        )}
      </Paper>
    </Group>
  );
}
