import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Tabs,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconCopy, IconInfoCircle, IconSend } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  CONTENT_KINDS,
  CONTENT_POOLS,
  CONTENT_STAGES,
  type ContentItem,
  type ContentKind,
  type ContentPool,
  type ContentStage,
} from '../../shared/content.ts';
import {
  useDeleteItem,
  useItemPosts,
  useOriginality,
  useSaveItem,
  useSeries,
  useTopics,
} from '../api/use-content.ts';
import { useChannels } from '../api/use-channels.ts';
import { fieldErrors, formError } from '../lib/field-errors.ts';
import { useFormatDate } from '../lib/format.ts';
import { postLabel } from '../lib/post-status.ts';
import { ChannelDot } from './channel-dots.tsx';
import { ChannelPicker } from './channel-picker.tsx';
import { EmptyState } from './empty-state.tsx';
import { ErrorState, FormError, LoadingState } from './query-state.tsx';
import { PostStatusBadge } from './status-badges.tsx';
import { useCurrentWorkspace } from './workspace-context.ts';

/**
 * `null` when closed; `item: null` is a new item, optionally preset to a pool and series. An
 * existing item opens on its details or, with `tab: 'posts'`, on the posts written from it.
 */
export type ItemEditorTarget = null | {
  item: ContentItem | null;
  pool?: ContentPool;
  seriesId?: string;
  tab?: 'details' | 'posts';
};

export function ContentItemModal({
  target,
  onClose,
}: {
  target: ItemEditorTarget;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      size="lg"
      title={target?.item ? t('content.editItem') : t('content.newItem')}
    >
      {target &&
        (target.item ? (
          <ItemTabs
            key={target.item.id}
            item={target.item}
            initialTab={target.tab ?? 'details'}
            onDone={onClose}
          />
        ) : (
          <ItemForm
            key="new"
            item={null}
            pool={target.pool}
            seriesId={target.seriesId}
            onDone={onClose}
          />
        ))}
    </Modal>
  );
}

function ItemTabs({
  item,
  initialTab,
  onDone,
}: {
  item: ContentItem;
  initialTab: 'details' | 'posts';
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>(initialTab);
  return (
    <Tabs value={tab} onChange={setTab} keepMounted={false}>
      <Tabs.List mb="md">
        <Tabs.Tab value="details">{t('contentPosts.detailsTab')}</Tabs.Tab>
        <Tabs.Tab value="posts" leftSection={<IconSend size={14} />}>
          {t('contentPosts.tab', { count: item.postCount })}
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="details">
        <ItemForm item={item} onDone={onDone} />
      </Tabs.Panel>
      <Tabs.Panel value="posts">
        <ItemPosts item={item} />
      </Tabs.Panel>
    </Tabs>
  );
}

/**
 * The posts written from an item, and the way to write another: the post editor opens with the
 * item's title and body for the chosen channels, and the post stays linked to the item.
 */
function ItemPosts({ item }: { item: ContentItem }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const formatDate = useFormatDate();
  const { workspace } = useCurrentWorkspace();
  const base = `/w/${workspace.id}`;
  const posts = useItemPosts(workspace.id, item.id);
  const channels = useChannels(workspace.id);
  const [channelIds, setChannelIds] = useState<string[]>([]);
  const colorOf = (id: string) => channels.data?.find((channel) => channel.id === id);

  const write = () => {
    const query = new URLSearchParams({ contentItemId: item.id });
    if (channelIds.length) query.set('channels', channelIds.join(','));
    void navigate(`${base}/posts/new?${query.toString()}`);
  };

  return (
    <Stack gap="md">
      {item.stage === 'used' ? (
        <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />}>
          {t('contentPosts.usedReuse', { date: formatDate(item.usedAt) })}
        </Alert>
      ) : (
        <Text size="sm" c="dimmed">
          {t('contentPosts.becomesUsed')}
        </Text>
      )}

      {posts.isPending ? (
        <LoadingState minHeight={60} />
      ) : posts.isError ? (
        <ErrorState error={posts.error} onRetry={() => void posts.refetch()} />
      ) : posts.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('contentPosts.none')}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {posts.data.map((post) => (
            <Paper key={post.postId} withBorder p="xs" component="li">
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Stack gap={2} miw={0}>
                  <Anchor component={Link} to={`${base}/posts/${post.postId}`} size="sm" truncate>
                    {postLabel({ title: post.title, body: post.excerpt }, 60)}
                  </Anchor>
                  <Group gap={6}>
                    {post.channelIds.map((id) => {
                      const channel = colorOf(id);
                      return channel ? (
                        <Badge
                          key={id}
                          size="xs"
                          variant="default"
                          tt="none"
                          leftSection={<ChannelDot color={channel.color} size={8} />}
                        >
                          {channel.name}
                        </Badge>
                      ) : null;
                    })}
                    <Text size="xs" c="dimmed">
                      {post.publishedAt
                        ? t('contentPosts.publishedAt', { date: formatDate(post.publishedAt) })
                        : post.scheduledAt
                          ? t('contentPosts.scheduledAt', { date: formatDate(post.scheduledAt) })
                          : t('contentPosts.createdAt', { date: formatDate(post.createdAt) })}
                    </Text>
                  </Group>
                </Stack>
                <PostStatusBadge status={post.status} />
              </Group>
            </Paper>
          ))}
        </Stack>
      )}

      <Paper withBorder p="sm">
        <Stack gap="sm">
          <Text fw={600} size="sm">
            {item.stage === 'used' ? t('contentPosts.reuseTitle') : t('contentPosts.createTitle')}
          </Text>
          {channels.isPending ? (
            <LoadingState minHeight={40} />
          ) : channels.isError ? (
            <ErrorState error={channels.error} onRetry={() => void channels.refetch()} />
          ) : channels.data.length === 0 ? (
            <EmptyState
              message={t('contentPosts.noChannels')}
              action={
                <Button component={Link} to={`${base}/channels`} variant="light" size="xs">
                  {t('channels.connect')}
                </Button>
              }
            />
          ) : (
            <ChannelPicker channels={channels.data} value={channelIds} onChange={setChannelIds} />
          )}
          <Group justify="flex-end">
            <Button leftSection={<IconSend size={16} />} onClick={write}>
              {t('contentPosts.create')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}

function ItemForm({
  item,
  pool: initialPool,
  seriesId: initialSeries,
  onDone,
}: {
  item: ContentItem | null;
  pool?: ContentPool | undefined;
  seriesId?: string | undefined;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const topics = useTopics(workspace.id);
  const series = useSeries(workspace.id);
  const save = useSaveItem(workspace.id);
  const remove = useDeleteItem(workspace.id);
  const [title, setTitle] = useState(item?.title ?? '');
  const [body, setBody] = useState(item?.body ?? '');
  const [kind, setKind] = useState<ContentKind>(item?.kind ?? 'article');
  const [stage, setStage] = useState<ContentStage>(item?.stage ?? 'idea');
  const [pool, setPool] = useState<ContentPool>(item?.pool ?? initialPool ?? 'regular');
  const [topicId, setTopicId] = useState<string | null>(item?.topicId ?? null);
  const [seriesId, setSeriesId] = useState<string | null>(
    item ? item.seriesId : (initialSeries ?? null),
  );
  const [hot, setHot] = useState(item?.hot ?? false);
  const errorFor = fieldErrors(save.error);

  const [debouncedBody] = useDebouncedValue(body, 600);
  const checkText = debouncedBody.trim().length >= 20 ? debouncedBody : '';
  const originality = useOriginality(workspace.id, checkText, item?.id);

  const pillars = (topics.data ?? []).filter((topic) => topic.parentId === null);
  const topicOptions = pillars.map((pillar) => ({
    group: pillar.name,
    items: [
      { value: pillar.id, label: pillar.name },
      ...(topics.data ?? [])
        .filter((topic) => topic.parentId === pillar.id)
        .map((topic) => ({ value: topic.id, label: `${pillar.name} › ${topic.name}` })),
    ],
  }));
  // An archived series takes no new items: it is offered only to the items already in it.
  const seriesOptions = (series.data ?? [])
    .filter((entry) => entry.archivedAt === null || entry.id === item?.seriesId)
    .map((entry) => ({
      value: entry.id,
      label: entry.archivedAt ? t('contentBoard.archivedSeries', { name: entry.name }) : entry.name,
    }));
  // A new item is never born used; the server refuses it.
  const stages = item ? CONTENT_STAGES : CONTENT_STAGES.filter((value) => value !== 'used');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const common = { title: title.trim(), body, kind, pool, topicId, seriesId, hot };
    const onSuccess = () => {
      notifications.show({ color: 'teal', message: item ? t('app.saved') : t('content.created') });
      onDone();
    };
    if (item) save.mutate({ itemId: item.id, body: { ...common, stage } }, { onSuccess });
    else
      save.mutate(
        { itemId: null, body: { ...common, stage: stage === 'used' ? 'ready' : stage } },
        { onSuccess },
      );
  };

  const matches = checkText && originality.data ? originality.data.matches : [];

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('content.itemTitle')}
          value={title}
          onChange={(event) => setTitle(event.currentTarget.value)}
          error={errorFor('title')}
          maxLength={200}
          required
          data-autofocus
        />
        <Textarea
          label={t('content.body')}
          value={body}
          onChange={(event) => setBody(event.currentTarget.value)}
          error={errorFor('body')}
          autosize
          minRows={5}
          maxRows={14}
          description={
            originality.isFetching && checkText ? (
              <Group gap={6} component="span">
                <Loader size={10} />
                {t('content.originalityChecking')}
              </Group>
            ) : checkText && originality.data && matches.length === 0 ? (
              t('content.originalityOk')
            ) : (
              t('content.originalityHint')
            )
          }
        />
        {matches.length > 0 && (
          <Alert
            color="yellow"
            variant="light"
            icon={<IconCopy size={18} />}
            title={t('content.originalityTitle')}
            role="status"
          >
            <Stack gap={6}>
              {matches.map((match) => (
                <div key={`${match.source}-${match.itemId}`}>
                  <Text size="sm" fw={500}>
                    {t('content.similar', {
                      percent: Math.round(match.similarity * 100),
                      title: match.title,
                    })}
                    {match.source === 'post' && ` (${t('content.similarPost')})`}
                  </Text>
                  {match.sharedSnippet && (
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      “{match.sharedSnippet}”
                    </Text>
                  )}
                </div>
              ))}
            </Stack>
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, xs: 3 }}>
          <Select
            label={t('content.kind')}
            data={CONTENT_KINDS.map((value) => ({ value, label: t(`contentKinds.${value}`) }))}
            value={kind}
            onChange={(value) => value && setKind(value as ContentKind)}
            error={errorFor('kind')}
            allowDeselect={false}
          />
          <Select
            label={t('content.stage')}
            data={stages.map((value) => ({ value, label: t(`contentStages.${value}`) }))}
            value={stage}
            onChange={(value) => value && setStage(value as ContentStage)}
            error={errorFor('stage')}
            allowDeselect={false}
          />
          <Select
            label={t('content.pool')}
            data={CONTENT_POOLS.map((value) => ({ value, label: t(`contentPools.${value}`) }))}
            value={pool}
            onChange={(value) => value && setPool(value as ContentPool)}
            error={errorFor('pool')}
            allowDeselect={false}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <Select
            label={t('content.topic')}
            placeholder={t('content.noTopic')}
            data={topicOptions}
            value={topicId}
            onChange={setTopicId}
            error={errorFor('topicId') ?? (topics.isError ? topics.error.message : undefined)}
            clearable
            searchable
          />
          <Select
            label={t('content.series')}
            placeholder={t('content.noSeries')}
            data={seriesOptions}
            value={seriesId}
            onChange={setSeriesId}
            error={errorFor('seriesId') ?? (series.isError ? series.error.message : undefined)}
            clearable
            searchable
          />
        </SimpleGrid>
        <Switch
          label={t('content.hot')}
          description={t('content.hotHint')}
          checked={hot}
          onChange={(event) => setHot(event.currentTarget.checked)}
          error={errorFor('hot')}
        />
        <FormError message={formError(save.error)} />
        <Group justify="flex-end">
          {item && (
            <Button
              variant="subtle"
              color="red"
              mr="auto"
              loading={remove.isPending}
              onClick={() =>
                modals.openConfirmModal({
                  title: t('content.deleteTitle'),
                  children: (
                    <Text size="sm">{t('content.deleteConfirm', { title: item.title })}</Text>
                  ),
                  labels: { confirm: t('content.delete'), cancel: t('app.cancel') },
                  confirmProps: { color: 'red' },
                  onConfirm: () =>
                    remove.mutate(item.id, {
                      onSuccess: () => {
                        notifications.show({ color: 'teal', message: t('content.deleted') });
                        onDone();
                      },
                      onError: (error) =>
                        notifications.show({ color: 'red', message: error.message }),
                    }),
                })
              }
            >
              {t('content.delete')}
            </Button>
          )}
          <Button variant="default" onClick={onDone}>
            {t('app.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} disabled={!title.trim()}>
            {t('app.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
