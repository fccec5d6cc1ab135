import { Anchor, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Channel, Post } from '../../shared/publishing.ts';
import { useFormatDate } from '../lib/format.ts';
import { postLabel } from '../lib/post-status.ts';
import { ChannelDots } from './channel-dots.tsx';
import { PostStatusBadge } from './status-badges.tsx';

export function PostsTable({
  posts,
  channels,
  base,
}: {
  posts: Post[];
  channels: readonly Channel[];
  base: string;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const channelsOf = (post: Post) =>
    post.targets.flatMap((target) => channels.filter((channel) => channel.id === target.channelId));

  return (
    <Table.ScrollContainer minWidth={680} type="native">
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('posts.post')}</Table.Th>
            <Table.Th>{t('posts.channels')}</Table.Th>
            <Table.Th>{t('posts.status')}</Table.Th>
            <Table.Th>{t('posts.scheduledAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {posts.map((post) => (
            <Table.Tr key={post.id}>
              <Table.Td maw={420}>
                <Stack gap={2}>
                  <Anchor component={Link} to={`${base}/posts/${post.id}`} fw={600} lineClamp={1}>
                    {postLabel(post, 60)}
                  </Anchor>
                  {post.title && (
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {postLabel({ title: null, body: post.body }, 100)}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                <ChannelDots channels={channelsOf(post)} />
              </Table.Td>
              <Table.Td>
                <PostStatusBadge status={post.status} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {post.scheduledAt ? (
                  formatDate(post.scheduledAt)
                ) : (
                  <Text span size="sm" c="dimmed">
                    {t('posts.notScheduled')}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
