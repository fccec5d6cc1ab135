import { Group, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { POST_STATUSES, type Channel, type PostStatus } from '../../shared/publishing.ts';

export interface PostFilterValue {
  status: PostStatus | null;
  channelId: string | null;
}

/** Status and channel selects, shared by the posts list and the calendar. */
export function PostFilters({
  value,
  onChange,
  channels,
}: {
  value: PostFilterValue;
  onChange: (value: PostFilterValue) => void;
  channels: readonly Channel[];
}) {
  const { t } = useTranslation();
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <Select
        label={t('posts.status')}
        placeholder={t('posts.allStatuses')}
        value={value.status}
        onChange={(status) =>
          onChange({ ...value, status: POST_STATUSES.find((s) => s === status) ?? null })
        }
        data={POST_STATUSES.map((status) => ({ value: status, label: t(`postStatus.${status}`) }))}
        clearable
        w={{ base: '100%', xs: 200 }}
      />
      <Select
        label={t('posts.channel')}
        placeholder={t('posts.allChannels')}
        value={value.channelId}
        onChange={(channelId) => onChange({ ...value, channelId })}
        data={channels.map((channel) => ({ value: channel.id, label: channel.name }))}
        clearable
        searchable
        w={{ base: '100%', xs: 220 }}
      />
    </Group>
  );
}
