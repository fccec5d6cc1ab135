import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconFlame, IconPlus, IconSearch, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  CONTENT_POOLS,
  type ContentItem,
  type ContentPool,
  type ContentStage,
  type PoolReport,
  type Series,
  type Topic,
} from '../../shared/content.ts';
import {
  useContentItemPages,
  useContentItems,
  usePools,
  useSeries,
  useTopics,
} from '../api/use-content.ts';
import { ContentItemModal, type ItemEditorTarget } from '../components/content-item-modal.tsx';
import { topicOptions } from '../components/series-form-modal.tsx';
import { SeriesPanel } from '../components/series-panel.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { HotCountdown } from '../components/hot-countdown.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { PoolQuotaForm } from '../components/pool-quota-form.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { RequirePermission } from '../components/require-permission.tsx';
import { TopicsPanel } from '../components/topics-panel.tsx';
import { useCurrentWorkspace } from '../components/workspace-context.ts';
import { useFormatDate } from '../lib/format.ts';

const STAGE_COLORS: Record<ContentStage, string> = {
  idea: 'gray',
  draft: 'blue',
  ready: 'teal',
  used: 'dark',
};

const POOL_COLORS: Record<ContentPool, string> = {
  hit: 'red',
  regular: 'blue',
  reserve: 'gray',
};

/** Items a board column loads at a time. */
const COLUMN_PAGE = 20;

/** What narrows the board: a series, a topic (a pillar includes its sub-topics), words. */
interface BoardFilter {
  seriesId?: string;
  topicId?: string;
  q?: string;
}

/** Opens the item editor; `posts` opens it on the item's posts. */
type OpenItem = (item: ContentItem, tab?: 'details' | 'posts') => void;

export function ContentPage() {
  return (
    <RequirePermission permission="posts.read">
      <ContentContent />
    </RequirePermission>
  );
}

function ContentContent() {
  const { t } = useTranslation();
  const { workspace, can } = useCurrentWorkspace();
  const canEdit = can('posts.write');
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'series' ? 'series' : 'board';
  const seriesId = params.get('series') ?? undefined;
  const topicId = params.get('topic') ?? undefined;
  const [words, setWords] = useState('');
  const [q] = useDebouncedValue(words.trim(), 400);
  const filter: BoardFilter = {
    ...(seriesId ? { seriesId } : {}),
    ...(topicId ? { topicId } : {}),
    ...(q ? { q } : {}),
  };
  const filtered = Object.keys(filter).length > 0;

  const pools = usePools(workspace.id);
  const library = useContentItems(workspace.id, { limit: 1 });
  const hot = useContentItems(workspace.id, { hot: true, sort: 'deadline', limit: 50 });
  const topics = useTopics(workspace.id);
  const series = useSeries(workspace.id);
  const [editor, setEditor] = useState<ItemEditorTarget>(null);
  const formatDate = useFormatDate();

  const topicName = topicNamer(topics.data ?? []);
  const seriesName = (id: string | null) =>
    id ? ((series.data ?? []).find((entry) => entry.id === id)?.name ?? null) : null;
  const open: OpenItem | undefined = canEdit
    ? (item, tab = 'details') => setEditor({ item, tab })
    : undefined;
  const warnings = pools.data?.pools.flatMap((report) => report.warnings) ?? [];

  const setParam = (key: string, value: string | null) =>
    setParams(
      (old) => {
        const next = new URLSearchParams(old);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const showSeriesItems = (id: string) =>
    setParams(
      (old) => {
        const next = new URLSearchParams(old);
        next.delete('view');
        next.set('series', id);
        return next;
      },
      { replace: false },
    );
  // A new item joins the series the board shows, unless that series is archived.
  const presetSeries = (series.data ?? []).find(
    (entry) => entry.id === seriesId && entry.archivedAt === null,
  )?.id;
  const newItem = (pool?: ContentPool) =>
    setEditor({
      item: null,
      ...(pool ? { pool } : {}),
      ...(presetSeries ? { seriesId: presetSeries } : {}),
    });

  return (
    <>
      <PageHeader
        title={t('content.title')}
        description={t('content.subtitle')}
        actions={
          canEdit && (
            <Button leftSection={<IconPlus size={18} />} onClick={() => newItem()}>
              {t('content.newItem')}
            </Button>
          )
        }
      />
      <Tabs
        value={view}
        onChange={(value) => setParam('view', value === 'series' ? 'series' : null)}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="board">{t('contentBoard.tab')}</Tabs.Tab>
          <Tabs.Tab value="series">
            {t('series.tab')}
            {series.data && series.data.length > 0 && (
              <Badge size="xs" variant="light" color="gray" ml={6}>
                {series.data.filter((entry) => entry.archivedAt === null).length}
              </Badge>
            )}
          </Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="series">
          <SeriesPanel canEdit={canEdit} onShowItems={showSeriesItems} />
        </Tabs.Panel>

        <Tabs.Panel value="board">
          <Stack gap="lg">
            {!canEdit && <Alert color="gray">{t('content.readOnly')}</Alert>}

            <Paper p="md" aria-labelledby="hot-topics-title">
              <Group gap="xs" mb="sm">
                <IconFlame size={18} color="var(--mantine-color-red-6)" />
                <Title order={4} id="hot-topics-title">
                  {t('content.hotTopics')}
                </Title>
              </Group>
              {hot.isPending ? (
                <LoadingState minHeight={60} />
              ) : hot.isError ? (
                <ErrorState error={hot.error} onRetry={() => void hot.refetch()} />
              ) : hot.data.items.filter((item) => item.stage !== 'used').length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('content.hotEmpty')}
                </Text>
              ) : (
                <ScrollArea type="auto" offsetScrollbars>
                  <Group gap="sm" wrap="nowrap" align="stretch">
                    {hot.data.items
                      .filter((item) => item.stage !== 'used')
                      .map((item) => (
                        <ItemCard
                          key={item.id}
                          item={item}
                          topicName={topicName(item.topicId)}
                          seriesName={seriesName(item.seriesId)}
                          onOpen={open}
                          width={240}
                          showPool
                        />
                      ))}
                  </Group>
                </ScrollArea>
              )}
            </Paper>

            {pools.isError && (
              <ErrorState error={pools.error} onRetry={() => void pools.refetch()} />
            )}
            {warnings.map((warning) => (
              <Alert
                key={warning}
                color="orange"
                variant="light"
                icon={<IconAlertTriangle size={18} />}
                role="status"
              >
                {warning}
              </Alert>
            ))}
            {pools.data && (
              <Text size="xs" c="dimmed">
                {t('content.week', {
                  start: formatDate(pools.data.weekStart),
                  timezone: pools.data.timezone,
                })}
              </Text>
            )}

            <BoardFilters
              series={series.data ?? []}
              topics={topics.data ?? []}
              seriesId={seriesId ?? null}
              topicId={topicId ?? null}
              words={words}
              onSeries={(value) => setParam('series', value)}
              onTopic={(value) => setParam('topic', value)}
              onWords={setWords}
              onClear={() => {
                setWords('');
                setParams(
                  (old) => {
                    const next = new URLSearchParams(old);
                    next.delete('series');
                    next.delete('topic');
                    return next;
                  },
                  { replace: true },
                );
              }}
              filtered={filtered || words.trim() !== ''}
            />

            {library.isPending ? (
              <LoadingState />
            ) : library.isError ? (
              <ErrorState error={library.error} onRetry={() => void library.refetch()} />
            ) : library.data.total === 0 ? (
              <Paper>
                <EmptyState
                  message={t('content.libraryEmpty')}
                  action={
                    canEdit && <Button onClick={() => newItem()}>{t('content.newItem')}</Button>
                  }
                />
              </Paper>
            ) : (
              <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
                {CONTENT_POOLS.map((pool) => (
                  <PoolColumn
                    key={pool}
                    pool={pool}
                    filter={filter}
                    filtered={filtered}
                    report={pools.data?.pools.find((entry) => entry.pool === pool)}
                    topicName={topicName}
                    seriesName={seriesName}
                    onOpen={open}
                    onAdd={canEdit ? () => newItem(pool) : undefined}
                  />
                ))}
              </SimpleGrid>
            )}

            <SimpleGrid cols={{ base: 1, md: canEdit ? 2 : 1 }} spacing="md">
              <TopicsPanel canEdit={canEdit} />
              {canEdit &&
                (pools.data ? (
                  <PoolQuotaForm key={pools.dataUpdatedAt} pools={pools.data} />
                ) : pools.isPending ? (
                  <LoadingState />
                ) : null)}
            </SimpleGrid>
          </Stack>
        </Tabs.Panel>
      </Tabs>
      <ContentItemModal target={editor} onClose={() => setEditor(null)} />
    </>
  );
}

function BoardFilters({
  series,
  topics,
  seriesId,
  topicId,
  words,
  onSeries,
  onTopic,
  onWords,
  onClear,
  filtered,
}: {
  series: readonly Series[];
  topics: readonly Topic[];
  seriesId: string | null;
  topicId: string | null;
  words: string;
  onSeries: (value: string | null) => void;
  onTopic: (value: string | null) => void;
  onWords: (value: string) => void;
  onClear: () => void;
  filtered: boolean;
}) {
  const { t } = useTranslation();
  const active = series.filter((entry) => entry.archivedAt === null);
  const archived = series.filter((entry) => entry.archivedAt !== null);
  const seriesData = [
    { group: t('series.active'), items: active.map((e) => ({ value: e.id, label: e.name })) },
    ...(archived.length
      ? [
          {
            group: t('series.archivedGroup'),
            items: archived.map((e) => ({ value: e.id, label: e.name })),
          },
        ]
      : []),
  ];
  return (
    <Group gap="sm" align="flex-end" role="search" aria-label={t('contentBoard.filters')}>
      <Select
        label={t('content.series')}
        placeholder={t('contentBoard.allSeries')}
        data={seriesData}
        value={seriesId}
        onChange={onSeries}
        clearable
        searchable
        w={220}
      />
      <Select
        label={t('content.topic')}
        placeholder={t('contentBoard.allTopics')}
        data={topicOptions(topics)}
        value={topicId}
        onChange={onTopic}
        clearable
        searchable
        w={220}
      />
      <TextInput
        label={t('contentBoard.search')}
        placeholder={t('contentBoard.searchPlaceholder')}
        leftSection={<IconSearch size={16} />}
        value={words}
        onChange={(event) => onWords(event.currentTarget.value)}
        w={240}
      />
      {filtered && (
        <Button variant="subtle" onClick={onClear}>
          {t('contentBoard.clear')}
        </Button>
      )}
    </Group>
  );
}

function topicNamer(topics: readonly Topic[]) {
  const byId = new Map(topics.map((topic) => [topic.id, topic]));
  return (topicId: string | null): string | null => {
    const topic = topicId ? byId.get(topicId) : undefined;
    if (!topic) return null;
    const parent = topic.parentId ? byId.get(topic.parentId) : undefined;
    return parent ? `${parent.name} › ${topic.name}` : topic.name;
  };
}

function QuotaLine({ report }: { report: PoolReport }) {
  const { t } = useTranslation();
  const { weeklyMin: min, weeklyMax: max, minStock } = report.quota;
  const target =
    min !== null && max !== null
      ? t('content.quotaRange', { min, max })
      : min !== null
        ? t('content.quotaMin', { min })
        : max !== null
          ? t('content.quotaMax', { max })
          : t('content.noQuota');
  const short = min !== null && report.usedThisWeek < min;
  const over = max !== null && report.usedThisWeek > max;
  return (
    <Stack gap={0}>
      <Text size="sm" c={short || over ? 'orange.8' : undefined} fw={500}>
        {t('content.used', { count: report.usedThisWeek })} · {target}
      </Text>
      <Text size="xs" c={minStock !== null && report.readyStock < minStock ? 'orange.8' : 'dimmed'}>
        {t('content.stock', { stock: report.stock, ready: report.readyStock })}
        {minStock !== null && ` · ${t('content.stockTarget', { min: minStock })}`}
      </Text>
    </Stack>
  );
}

function PoolColumn({
  pool,
  filter,
  filtered,
  report,
  topicName,
  seriesName,
  onOpen,
  onAdd,
}: {
  pool: ContentPool;
  filter: BoardFilter;
  filtered: boolean;
  report: PoolReport | undefined;
  topicName: (topicId: string | null) => string | null;
  seriesName: (seriesId: string | null) => string | null;
  onOpen?: OpenItem | undefined;
  onAdd?: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const { workspace } = useCurrentWorkspace();
  const pages = useContentItemPages(workspace.id, { ...filter, pool, limit: COLUMN_PAGE });
  const items = pages.data?.pages.flatMap((page) => page.items) ?? [];
  const total = pages.data?.pages[0]?.total ?? 0;
  return (
    <Paper p="sm" withBorder aria-label={t(`contentPools.${pool}`)} component="section">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Group gap="xs">
            <Badge color={POOL_COLORS[pool]} variant="filled">
              {t(`contentPools.${pool}`)}
            </Badge>
            {pages.data && (
              <Text size="sm" c="dimmed" data-testid={`pool-count-${pool}`}>
                {items.length < total
                  ? t('contentBoard.shown', { shown: items.length, total })
                  : total}
              </Text>
            )}
          </Group>
          {onAdd && (
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={onAdd}
              leftSection={<IconPlus size={12} />}
            >
              {t('content.newItem')}
            </Button>
          )}
        </Group>
        {report && <QuotaLine report={report} />}
        {pages.isPending ? (
          <LoadingState minHeight={80} />
        ) : pages.isError ? (
          <ErrorState error={pages.error} onRetry={() => void pages.refetch()} />
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed" ta="center" py="md">
            {filtered ? t('contentBoard.noMatch') : t('content.boardEmpty')}
          </Text>
        ) : (
          <>
            {items.map((item) => (
              <ItemCard
                key={item.id}
                item={item}
                topicName={topicName(item.topicId)}
                seriesName={seriesName(item.seriesId)}
                onOpen={onOpen}
              />
            ))}
            {pages.hasNextPage && (
              <Button
                variant="light"
                color="gray"
                onClick={() => void pages.fetchNextPage()}
                loading={pages.isFetchingNextPage}
              >
                {t('contentBoard.loadMore', {
                  count: Math.min(COLUMN_PAGE, total - items.length),
                  left: total - items.length,
                })}
              </Button>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}

function ItemCard({
  item,
  topicName,
  seriesName,
  onOpen,
  width,
  showPool = false,
}: {
  item: ContentItem;
  topicName: string | null;
  seriesName: string | null;
  onOpen?: OpenItem | undefined;
  width?: number;
  showPool?: boolean;
}) {
  const { t } = useTranslation();
  const content = (
    <Stack gap={6}>
      <Text size="sm" fw={500} lineClamp={2}>
        {item.title}
      </Text>
      <Group gap={6}>
        <Badge size="sm" variant="light" color={STAGE_COLORS[item.stage]}>
          {t(`contentStages.${item.stage}`)}
        </Badge>
        {showPool && (
          <Badge size="sm" variant="outline" color={POOL_COLORS[item.pool]}>
            {t(`contentPools.${item.pool}`)}
          </Badge>
        )}
        {item.hot && item.stage !== 'used' && <HotCountdown deadline={item.hotDeadline} />}
        {item.postCount > 0 && (
          <Badge size="sm" variant="default" leftSection={<IconSend size={10} />} tt="none">
            {t('contentPosts.count', { count: item.postCount })}
          </Badge>
        )}
      </Group>
      {(topicName || seriesName) && (
        <Text size="xs" c="dimmed" truncate>
          {[seriesName, topicName].filter(Boolean).join(' · ')}
        </Text>
      )}
    </Stack>
  );
  return (
    <Paper withBorder p="xs" w={width} miw={width} style={{ flexShrink: 0 }}>
      {onOpen ? (
        <Group gap={4} wrap="nowrap" align="flex-start">
          <UnstyledButton style={{ flex: 1, minWidth: 0 }} onClick={() => onOpen(item)}>
            {content}
          </UnstyledButton>
          <Tooltip label={t('contentPosts.createFor', { title: item.title })} withinPortal>
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              aria-label={t('contentPosts.createFor', { title: item.title })}
              onClick={() => onOpen(item, 'posts')}
            >
              <IconSend size={14} />
            </ActionIcon>
          </Tooltip>
        </Group>
      ) : (
        content
      )}
    </Paper>
  );
}
