import { Button, Group, Select, Stack, Switch, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  CONVERSATION_STATUSES,
  INBOX_PRIORITIES,
  INTENTS,
  SENTIMENTS,
  type ConversationStatus,
  type InboxIntent,
  type InboxPriority,
  type InboxSentiment,
} from '../../shared/inbox.ts';
import type { Channel } from '../../shared/publishing.ts';
import type { ConversationFilter } from '../api/use-inbox.ts';

/** The filter bar of the inbox: channel, status, assignee, intent, sentiment, priority, words. */
export function InboxFilters({
  value,
  onChange,
  channels,
  search,
  onSearch,
}: {
  value: ConversationFilter;
  onChange: (next: ConversationFilter) => void;
  channels: readonly Channel[];
  search: string;
  onSearch: (text: string) => void;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<ConversationFilter>) => {
    const next = { ...value, ...patch };
    for (const key of Object.keys(next) as (keyof ConversationFilter)[]) {
      if (next[key] === undefined || next[key] === null) delete next[key];
    }
    onChange(next);
  };
  const any = { value: '', label: t('inbox.filters.any') };
  const active = Object.keys(value).length > 0 || search !== '';
  return (
    <Stack gap={6} aria-label={t('inbox.filters.label')} role="group">
      <TextInput
        size="xs"
        leftSection={<IconSearch size={14} />}
        placeholder={t('inbox.filters.search')}
        aria-label={t('inbox.filters.search')}
        value={search}
        onChange={(e) => onSearch(e.currentTarget.value)}
      />
      <Group gap={6} grow>
        <Select
          size="xs"
          label={t('inbox.filters.status')}
          data={[
            any,
            ...CONVERSATION_STATUSES.map((s) => ({ value: s, label: t(`inbox.statuses.${s}`) })),
          ]}
          value={value.status ?? ''}
          onChange={(v) => set({ status: (v || undefined) as ConversationStatus | undefined })}
          allowDeselect={false}
        />
        <Select
          size="xs"
          label={t('inbox.filters.channel')}
          data={[any, ...channels.map((c) => ({ value: c.id, label: c.name }))]}
          value={value.channelId ?? ''}
          onChange={(v) => set({ channelId: v || undefined })}
          allowDeselect={false}
        />
      </Group>
      <Group gap={6} grow>
        <Select
          size="xs"
          label={t('inbox.filters.assignee')}
          data={[
            { value: '', label: t('inbox.filters.everyone') },
            { value: 'me', label: t('inbox.filters.me') },
            { value: 'none', label: t('inbox.filters.unassigned') },
          ]}
          value={value.assigneeId ?? ''}
          onChange={(v) => set({ assigneeId: v || undefined })}
          allowDeselect={false}
        />
        <Select
          size="xs"
          label={t('inbox.filters.priority')}
          data={[
            any,
            ...INBOX_PRIORITIES.map((p) => ({ value: p, label: t(`inbox.priorities.${p}`) })),
          ]}
          value={value.priority ?? ''}
          onChange={(v) => set({ priority: (v || undefined) as InboxPriority | undefined })}
          allowDeselect={false}
        />
      </Group>
      <Group gap={6} grow>
        <Select
          size="xs"
          label={t('inbox.filters.intent')}
          data={[any, ...INTENTS.map((i) => ({ value: i, label: t(`inbox.intents.${i}`) }))]}
          value={value.intent ?? ''}
          onChange={(v) => set({ intent: (v || undefined) as InboxIntent | undefined })}
          allowDeselect={false}
        />
        <Select
          size="xs"
          label={t('inbox.filters.sentiment')}
          data={[any, ...SENTIMENTS.map((s) => ({ value: s, label: t(`inbox.sentiments.${s}`) }))]}
          value={value.sentiment ?? ''}
          onChange={(v) => set({ sentiment: (v || undefined) as InboxSentiment | undefined })}
          allowDeselect={false}
        />
      </Group>
      <Group justify="space-between">
        <Switch
          size="xs"
          label={t('inbox.filters.unread')}
          checked={value.unread === true}
          onChange={(e) => set({ unread: e.currentTarget.checked ? true : undefined })}
        />
        {active && (
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={() => {
              onSearch('');
              onChange({});
            }}
          >
            {t('inbox.filters.clear')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
