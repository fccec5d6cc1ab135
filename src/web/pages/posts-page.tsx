import { Button, Center, Paper, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { POST_STATUSES } from '../../shared/publishing.ts';
import { useChannels } from '../api/use-channels.ts';
import { usePosts } from '../api/use-posts.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { NewPostButton } from '../components/new-post-button.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { PostFilters, type PostFilterValue } from '../components/post-filters.tsx';
import { PostsTable } from '../components/posts-table.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { RequirePermission } from '../components/require-permission.tsx';
import { useCurrentWorkspace } from '../components/workspace-context.ts';

export function PostsPage() {
  return (
    <RequirePermission permission="posts.read">
      <PostsContent />
    </RequirePermission>
  );
}

function PostsContent() {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const base = `/w/${workspace.id}`;
  const [searchParams] = useSearchParams();
  const [filter, setFilter] = useState<PostFilterValue>(() => ({
    status: POST_STATUSES.find((status) => status === searchParams.get('status')) ?? null,
    channelId: searchParams.get('channelId'),
  }));
  const channels = useChannels(workspace.id);
  const posts = usePosts(workspace.id, {
    status: filter.status ?? undefined,
    channelId: filter.channelId ?? undefined,
  });
  const items = posts.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = filter.status !== null || filter.channelId !== null;

  return (
    <>
      <PageHeader
        title={t('posts.title')}
        description={t('posts.subtitle')}
        actions={<NewPostButton />}
      />
      <Stack gap="md">
        <PostFilters value={filter} onChange={setFilter} channels={channels.data ?? []} />
        <Paper>
          {posts.isPending ? (
            <LoadingState />
          ) : posts.isError ? (
            <ErrorState error={posts.error} onRetry={() => void posts.refetch()} />
          ) : items.length === 0 ? (
            <EmptyState
              message={filtered ? t('posts.emptyFiltered') : t('posts.empty')}
              action={!filtered && <NewPostButton />}
            />
          ) : (
            <PostsTable posts={items} channels={channels.data ?? []} base={base} />
          )}
        </Paper>
        {posts.hasNextPage && (
          <Center>
            <Button
              variant="default"
              loading={posts.isFetchingNextPage}
              onClick={() => void posts.fetchNextPage()}
            >
              {t('app.loadMore')}
            </Button>
          </Center>
        )}
      </Stack>
    </>
  );
}
