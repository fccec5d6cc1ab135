import {
  Anchor,
  Badge,
  Button,
  Divider,
  Group,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../shared/inbox.ts';
import type { Channel } from '../../shared/publishing.ts';
import { useContactSearch, useMergeContact, useUpdateContact } from '../api/use-inbox.ts';
import { useFormatDate } from '../lib/format.ts';
import { ChannelAvatar } from './channel-avatar.tsx';
import { FormError } from './query-state.tsx';

/** The right pane: who wrote, on which accounts, what the team knows of them, and their history. */
export function InboxContactPanel({
  workspaceId,
  contact,
  channels,
  canEdit,
  canMerge,
  onOpenConversation,
}: {
  workspaceId: string;
  contact: Contact | null;
  channels: ReadonlyMap<string, Channel>;
  canEdit: boolean;
  canMerge: boolean;
  onOpenConversation: (id: string) => void;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const update = useUpdateContact(workspaceId);
  const merge = useMergeContact(workspaceId);
  const [tags, setTags] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [other, setOther] = useState<string | null>(null);
  const found = useContactSearch(workspaceId, debounced);

  useEffect(() => {
    setTags(contact?.tags ?? []);
    setNote(contact?.note ?? '');
    setOther(null);
    setSearch('');
  }, [contact?.id, contact?.tags, contact?.note]);

  if (!contact) {
    return (
      <Stack p="sm">
        <Title order={5}>{t('inbox.contact.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('inbox.contact.none')}
        </Text>
      </Stack>
    );
  }

  return (
    <Stack p="sm" gap="sm">
      <Stack gap={2}>
        <Text size="xs" c="dimmed">
          {t('inbox.contact.title')}
        </Text>
        <Title order={5}>{contact.displayName}</Title>
        <Text size="xs" c="dimmed">
          {t('inbox.contact.messages', { count: contact.messageCount })} ·{' '}
          {t('inbox.contact.firstSeen', { time: formatDate(contact.firstSeenAt) })}
        </Text>
      </Stack>
      <Stack gap={4}>
        <Text size="xs" fw={600}>
          {t('inbox.contact.handles')}
        </Text>
        {contact.handles.map((h) => {
          const channel = channels.get(h.channelId);
          return (
            <Group key={`${h.channelId}:${h.externalId}`} gap={6} wrap="nowrap">
              {channel && <ChannelAvatar channel={channel} size={18} />}
              <Text size="sm" truncate>
                @{h.handle}
              </Text>
              {h.followers !== null && (
                <Text size="xs" c="dimmed">
                  {t('inbox.contact.followers', { count: h.followers })}
                </Text>
              )}
            </Group>
          );
        })}
      </Stack>
      <TagsInput
        size="xs"
        label={t('inbox.contact.tags')}
        value={tags}
        onChange={setTags}
        disabled={!canEdit}
      />
      <Textarea
        size="xs"
        label={t('inbox.contact.note')}
        placeholder={t('inbox.contact.notePlaceholder')}
        autosize
        minRows={2}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        disabled={!canEdit}
      />
      {canEdit && (
        <Button
          size="compact-sm"
          variant="light"
          loading={update.isPending}
          onClick={() =>
            update.mutate(
              { id: contact.id, body: { tags, note } },
              { onSuccess: () => notifications.show({ message: t('inbox.contact.saved') }) },
            )
          }
        >
          {t('inbox.contact.save')}
        </Button>
      )}
      <FormError message={update.error?.message ?? merge.error?.message ?? null} />
      <Divider />
      <Stack gap={4}>
        <Text size="xs" fw={600}>
          {t('inbox.contact.history')}
        </Text>
        {contact.conversations.map((c) => (
          <Anchor
            key={c.id}
            component="button"
            size="xs"
            ta="left"
            onClick={() => onOpenConversation(c.id)}
          >
            <Group gap={4} wrap="nowrap">
              <Badge size="xs" variant="light" color={c.status === 'open' ? 'blue' : 'gray'}>
                {t(`inbox.statuses.${c.status}`)}
              </Badge>
              <Text size="xs" truncate>
                {c.lastMessagePreview}
              </Text>
            </Group>
          </Anchor>
        ))}
      </Stack>
      {canMerge && (
        <>
          <Divider />
          <Stack gap={4}>
            <Text size="xs" fw={600}>
              {t('inbox.contact.merge')}
            </Text>
            <Select
              size="xs"
              searchable
              placeholder={t('inbox.contact.mergeSearch')}
              aria-label={t('inbox.contact.mergeSearch')}
              searchValue={search}
              onSearchChange={setSearch}
              data={(found.data ?? [])
                .filter((c) => c.id !== contact.id)
                .map((c) => ({
                  value: c.id,
                  label: c.handle ? `${c.displayName} (@${c.handle})` : c.displayName,
                }))}
              value={other}
              onChange={setOther}
              filter={({ options }) => options}
            />
            <Button
              size="compact-sm"
              variant="default"
              disabled={!other}
              loading={merge.isPending}
              onClick={() =>
                other &&
                merge.mutate(
                  { id: contact.id, otherContactId: other },
                  { onSuccess: () => notifications.show({ message: t('inbox.contact.merged') }) },
                )
              }
            >
              {t('inbox.contact.mergeConfirm')}
            </Button>
          </Stack>
        </>
      )}
    </Stack>
  );
}
