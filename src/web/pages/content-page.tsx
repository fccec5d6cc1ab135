import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  ScrollArea,
  SimpleGrid,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { IconAlertTriangle, IconFlame, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CONTENT_POOLS,
  type ContentItem,
  type ContentPool,
  type ContentStage,
  type PoolReport,
  type Topic,
} from '../../shared/content.ts';
import { useContentItems, usePools, useTopics } from '../api/use-content.ts';
import { ContentItemModal, type ItemEditorTarget } from '../components/content-item-modal.tsx';
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
  const pools = usePools(workspace.id);
  const items = useContentItems(workspace.id, { limit: 200 });
  const hot = useContentItems(workspace.id, { hot: true, sort: 'deadline', limit: 50 });
  const topics = useTopics(workspace.id);
  const [editor, setEditor] = useState<ItemEditorTarget>(null);
  const formatDate = useFormatDate();

  const topicName = topicNamer(topics.data ?? []);
  const open = canEdit ? (item: ContentItem) => setEditor({ item }) : undefined;
  const warnings = pools.data?.pools.flatMap((report) => report.warnings) ?? [];

  return (
    <>
      <PageHeader
        title={t('content.title')}
        description={t('content.subtitle')}
        actions={
          canEdit && (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setEditor({ item: null })}>
              {t('content.newItem')}
            </Button>
          )
        }
      />
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
                      onOpen={open}
                      width={240}
                      showPool
                    />
                  ))}
              </Group>
            </ScrollArea>
          )}
        </Paper>

        {pools.isError && <ErrorState error={pools.error} onRetry={() => void pools.refetch()} />}
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

        {items.isPending ? (
          <LoadingState />
        ) : items.isError ? (
          <ErrorState error={items.error} onRetry={() => void items.refetch()} />
        ) : items.data.items.length === 0 ? (
          <Paper>
            <EmptyState
              message={t('content.libraryEmpty')}
              action={
                canEdit && (
                  <Button onClick={() => setEditor({ item: null })}>{t('content.newItem')}</Button>
                )
              }
            />
          </Paper>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
            {CONTENT_POOLS.map((pool) => (
              <PoolColumn
                key={pool}
                pool={pool}
                report={pools.data?.pools.find((entry) => entry.pool === pool)}
                items={items.data.items.filter((item) => item.pool === pool)}
                topicName={topicName}
                onOpen={open}
                onAdd={canEdit ? () => setEditor({ item: null, pool }) : undefined}
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
      <ContentItemModal target={editor} onClose={() => setEditor(null)} />
    </>
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
  report,
  items,
  topicName,
  onOpen,
  onAdd,
}: {
  pool: ContentPool;
  report: PoolReport | undefined;
  items: ContentItem[];
  topicName: (topicId: string | null) => string | null;
  onOpen?: (item: ContentItem) => void;
  onAdd?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Paper p="sm" withBorder aria-label={t(`contentPools.${pool}`)} component="section">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Group gap="xs">
            <Badge color={POOL_COLORS[pool]} variant="filled">
              {t(`contentPools.${pool}`)}
            </Badge>
            <Text size="sm" c="dimmed">
              {items.length}
            </Text>
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
        {items.length === 0 ? (
          <Text size="sm" c="dimmed" ta="center" py="md">
            {t('content.boardEmpty')}
          </Text>
        ) : (
          items.map((item) => (
            <ItemCard
              key={item.id}
              item={item}
              topicName={topicName(item.topicId)}
              onOpen={onOpen}
            />
          ))
        )}
      </Stack>
    </Paper>
  );
}

function ItemCard({
  item,
  topicName,
  onOpen,
  width,
  showPool = false,
}: {
  item: ContentItem;
  topicName: string | null;
  onOpen?: (item: ContentItem) => void;
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
      </Group>
      {topicName && (
        <Text size="xs" c="dimmed" truncate>
          {topicName}
        </Text>
      )}
    </Stack>
  );
  return (
    <Paper withBorder p="xs" w={width} miw={width} style={{ flexShrink: 0 }}>
      {onOpen ? (
        <UnstyledButton w="100%" onClick={() => onOpen(item)}>
          {content}
        </UnstyledButton>
      ) : (
        content
      )}
    </Paper>
  );
}
