import { Badge, Box, Checkbox, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../shared/inbox.ts';
import type { Channel } from '../../shared/publishing.ts';
import { ChannelAvatar } from './channel-avatar.tsx';
import { IntentBadge, PriorityBadge, SentimentBadge } from './inbox-labels.tsx';

function timeAgo(iso: string, language: string): string {
  const seconds = Math.round((new Date(iso).getTime() - Date.now()) / 1000);
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto', style: 'narrow' });
  const abs = Math.abs(seconds);
  if (abs < 60) return format.format(seconds, 'second');
  if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return format.format(Math.round(seconds / 3600), 'hour');
  return format.format(Math.round(seconds / 86_400), 'day');
}

/** The conversation list: unread and priority markers, a checkbox per row for bulk actions. */
export function InboxConversationList({
  items,
  channels,
  activeId,
  selected,
  onOpen,
  onToggle,
}: {
  items: readonly Conversation[];
  channels: ReadonlyMap<string, Channel>;
  activeId: string | null;
  selected: ReadonlySet<string>;
  onOpen: (id: string) => void;
  onToggle: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap={0} role="listbox" aria-label={t('inbox.list.label')}>
      {items.map((c) => {
        const channel = channels.get(c.channelId);
        const active = c.id === activeId;
        const name =
          c.contact?.displayName ??
          (c.kind === 'direct' ? t('inbox.kinds.direct') : t('inbox.kinds.thread'));
        return (
          <Group
            key={c.id}
            gap={6}
            wrap="nowrap"
            align="flex-start"
            px={6}
            py={8}
            data-conversation-id={c.id}
            style={{
              borderBottom: '1px solid var(--mantine-color-gray-2)',
              borderLeft: `3px solid ${active ? 'var(--mantine-color-blue-6)' : 'transparent'}`,
              background: active ? 'var(--mantine-color-blue-0)' : undefined,
            }}
          >
            <Checkbox
              size="xs"
              mt={4}
              aria-label={t('inbox.list.select')}
              checked={selected.has(c.id)}
              onChange={() => onToggle(c.id)}
            />
            <UnstyledButton
              role="option"
              aria-selected={active}
              onClick={() => onOpen(c.id)}
              style={{ flex: 1, minWidth: 0 }}
            >
              <Group gap={6} wrap="nowrap" justify="space-between">
                <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                  {channel && <ChannelAvatar channel={channel} size={18} />}
                  <Text size="sm" fw={c.unreadCount > 0 ? 700 : 500} truncate>
                    {name}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {timeAgo(c.lastMessageAt, i18n.language)}
                </Text>
              </Group>
              <Text size="xs" c={c.unreadCount > 0 ? undefined : 'dimmed'} lineClamp={2} mt={2}>
                {c.lastMessagePreview}
              </Text>
              <Group gap={4} mt={4}>
                {c.unreadCount > 0 && (
                  <Badge
                    size="xs"
                    circle={c.unreadCount < 10}
                    color="blue"
                    aria-label={t('inbox.list.unread', { count: c.unreadCount })}
                  >
                    {c.unreadCount}
                  </Badge>
                )}
                <PriorityBadge priority={c.priority} />
                <SentimentBadge sentiment={c.sentiment} />
                <IntentBadge intent={c.intent} />
                {c.status !== 'open' && (
                  <Badge size="xs" variant="light" color="gray">
                    {t(`inbox.statuses.${c.status}`)}
                  </Badge>
                )}
                {c.tags.slice(0, 2).map((tag) => (
                  <Badge key={tag} size="xs" variant="default">
                    {tag}
                  </Badge>
                ))}
              </Group>
            </UnstyledButton>
          </Group>
        );
      })}
      <Box h={8} />
    </Stack>
  );
}
