import { Alert, Badge, Box, Group, Paper, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { EventInput } from '@fullcalendar/react';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useChannels } from '../api/use-channels.ts';
import { usePostsInRange, usePublishingSettings, useSchedulePost } from '../api/use-posts.ts';
import { CadenceGapList } from '../components/cadence-gap-list.tsx';
import { ChannelDot } from '../components/channel-dots.tsx';
import { NewPostButton } from '../components/new-post-button.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { PostFilters, type PostFilterValue } from '../components/post-filters.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { RequirePermission } from '../components/require-permission.tsx';
import { useCurrentWorkspace } from '../components/workspace-context.ts';
import { findCadenceGaps } from '../lib/cadence-gaps.ts';
import { useFormatDate } from '../lib/format.ts';
import { canBeScheduled, postLabel } from '../lib/post-status.ts';

// FullCalendar is the biggest library in the app: it loads with this page only.
const PublishingCalendar = lazy(async () => ({
  default: (await import('../components/publishing-calendar.tsx')).PublishingCalendar,
}));

export function CalendarPage() {
  return (
    <RequirePermission permission="posts.read">
      <CalendarContent />
    </RequirePermission>
  );
}

function CalendarContent() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const formatDate = useFormatDate();
  const { workspace, can } = useCurrentWorkspace();
  const base = `/w/${workspace.id}`;
  const channels = useChannels(workspace.id);
  const settings = usePublishingSettings(workspace.id);
  const schedule = useSchedulePost(workspace.id);
  const [range, setRange] = useState<{ start: Date; end: Date } | null>(null);
  const [filter, setFilter] = useState<PostFilterValue>({ status: null, channelId: null });
  const [showGaps, setShowGaps] = useState(false);
  const timeWindow = useMemo(
    () => (range ? { from: range.start.toISOString(), to: range.end.toISOString() } : null),
    [range],
  );
  const posts = usePostsInRange(workspace.id, timeWindow);
  const loaded = posts.data?.items;
  const total = posts.data?.total ?? 0;

  const approvalRequired = (settings.data?.approvalSteps.length ?? 0) > 0;
  const canMove = can('posts.publish');
  const channelList = useMemo(() => channels.data ?? [], [channels.data]);
  const visibleChannels = filter.channelId
    ? channelList.filter((channel) => channel.id === filter.channelId)
    : channelList;

  const gaps = useMemo(
    () =>
      showGaps && range && loaded
        ? findCadenceGaps(
            channelList.filter((c) => !filter.channelId || c.id === filter.channelId),
            loaded,
            range,
          )
        : [],
    [showGaps, range, loaded, channelList, filter.channelId],
  );

  const events = useMemo<EventInput[]>(() => {
    const colorOf = (id: string) => channelList.find((channel) => channel.id === id)?.color;
    const postEvents = (loaded ?? [])
      .filter((post) => post.scheduledAt)
      .filter((post) => !filter.status || post.status === filter.status)
      .filter(
        (post) =>
          !filter.channelId || post.targets.some((target) => target.channelId === filter.channelId),
      )
      .map((post): EventInput => {
        const ids = post.targets.map((target) => target.channelId);
        const ordered = filter.channelId
          ? [filter.channelId, ...ids.filter((id) => id !== filter.channelId)]
          : ids;
        const dots = ordered.flatMap((id) => colorOf(id) ?? []);
        return {
          id: post.id,
          title: postLabel(post, 40),
          start: post.scheduledAt ?? undefined,
          color: dots[0] ?? '#64748b',
          editable: canMove && canBeScheduled(post.status, approvalRequired),
          extendedProps: { postId: post.id, dots },
        };
      });
    // One soft highlight per short day: stacking a layer per channel turns the grid muddy, and
    // the list under the calendar names the channels.
    const shortDays = new Map<string, Date>();
    for (const gap of gaps) {
      for (let day = gap.start; day < gap.end;) {
        shortDays.set(day.toDateString(), day);
        day = new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1);
      }
    }
    const gapEvents = [...shortDays.values()].map((day): EventInput => ({
      id: `gap-${day.toDateString()}`,
      start: day,
      allDay: true,
      display: 'background',
      color: '#ff8787',
    }));
    return [...postEvents, ...gapEvents];
  }, [loaded, filter, channelList, canMove, approvalRequired, gaps]);

  // FullCalendar reports the range again on every re-render; only a real change refetches.
  const onRangeChange = useCallback(
    (next: { start: Date; end: Date }) =>
      setRange((old) =>
        old &&
        old.start.getTime() === next.start.getTime() &&
        old.end.getTime() === next.end.getTime()
          ? old
          : next,
      ),
    [],
  );

  const move = (postId: string, start: Date, revert: () => void) =>
    schedule.mutate(
      { postId, scheduledAt: start.toISOString() },
      {
        onSuccess: () =>
          notifications.show({
            color: 'teal',
            message: t('calendar.moved', { date: formatDate(start.toISOString()) }),
          }),
        onError: (error) => {
          revert();
          notifications.show({
            color: 'red',
            title: t('calendar.cannotMove'),
            message: error.message,
          });
        },
      },
    );

  return (
    <>
      <PageHeader
        title={t('calendar.title')}
        description={t('calendar.subtitle')}
        actions={<NewPostButton />}
      />
      <Stack gap="md">
        <Group justify="space-between" align="flex-end" gap="sm">
          <PostFilters value={filter} onChange={setFilter} channels={channelList} />
          <Switch
            label={t('calendar.showGaps')}
            checked={showGaps}
            onChange={(event) => setShowGaps(event.currentTarget.checked)}
          />
        </Group>
        {visibleChannels.length > 0 && (
          <Group gap={6} aria-label={t('calendar.legend')}>
            {visibleChannels.map((channel) => (
              <Badge
                key={channel.id}
                variant="default"
                leftSection={<ChannelDot color={channel.color} />}
                tt="none"
              >
                {channel.name}
              </Badge>
            ))}
          </Group>
        )}
        {posts.isError && <ErrorState error={posts.error} onRetry={() => void posts.refetch()} />}
        {loaded && loaded.length < total ? (
          <Alert color="yellow" variant="light" role="status" data-testid="calendar-capped">
            {t('calendarLimits.capped', { shown: loaded.length, total })}
          </Alert>
        ) : (
          loaded && (
            <Text size="xs" c="dimmed" role="status" data-testid="calendar-count">
              {t('calendarLimits.count', { count: total })}
            </Text>
          )
        )}
        <Paper p={{ base: 'xs', sm: 'md' }}>
          <Box
            data-testid="calendar"
            pos="relative"
            style={{ '--fc-classic-primary': 'var(--mantine-color-teal-7)' }}
            aria-busy={posts.isFetching}
          >
            <Suspense fallback={<LoadingState minHeight={480} />}>
              <PublishingCalendar
                events={events}
                editable={canMove}
                onRangeChange={onRangeChange}
                onMove={move}
                onOpen={(postId) => void navigate(`${base}/posts/${postId}`)}
              />
            </Suspense>
          </Box>
        </Paper>
        {showGaps && <CadenceGapList gaps={gaps} channels={visibleChannels} />}
      </Stack>
    </>
  );
}
