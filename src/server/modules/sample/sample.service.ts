import type { Workspace } from '../../../shared/api.ts';
import type { Channel, CreateChannelBody } from '../../../shared/publishing.ts';
import {
  createConnectorFactory,
  generateSandboxHistory,
  type ConnectorFactory,
} from '../../connectors/index.ts';
import type { Db } from '../../db/database.ts';
import type { MetricSnapshotRow } from '../../db/schema.ts';
import type { Actor, WorkspaceScope } from '../../http/route.ts';
import type { Clock } from '../../platform/clock.ts';
import type { WorkspaceService } from '../../platform/workspaces/workspaces.service.ts';
import { snapshotFromMetrics, type AnalyticsService } from '../analytics/index.ts';
import type { InboxService } from '../inbox/index.ts';
import type { ChannelService, PostService } from '../publishing/index.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const HISTORY_DAYS = 90;
/** Daily collections look at posts this young, like the live collector. */
const COLLECT_WINDOW_DAYS = 30;

/**
 * The sample brand: five channels modelled on the platforms its team runs. Fixed seeds make
 * every sample workspace the same brand with the same audience, so a demo is reproducible.
 */
const SAMPLE_CHANNELS: (CreateChannelBody & { platform: 'sandbox'; postsPerDay: number })[] = [
  {
    platform: 'sandbox',
    style: 'weibo',
    seed: 1101,
    name: '微博 · 山谷咖啡',
    cadence: { period: 'day', count: 2 },
    postsPerDay: 3,
  },
  {
    platform: 'sandbox',
    style: 'wechat',
    seed: 1102,
    name: '公众号 · 山谷咖啡',
    cadence: { period: 'week', count: 3 },
    postsPerDay: 2,
  },
  {
    platform: 'sandbox',
    style: 'douyin',
    seed: 1103,
    name: '抖音 · 山谷咖啡',
    cadence: { period: 'day', count: 1 },
    postsPerDay: 2,
  },
  {
    platform: 'sandbox',
    style: 'xiaohongshu',
    seed: 1104,
    name: '小红书 · 山谷咖啡',
    cadence: { period: 'week', count: 4 },
    postsPerDay: 2,
  },
  {
    platform: 'sandbox',
    style: 'bluesky',
    seed: 1105,
    name: 'Bluesky · Valley Coffee',
    timezone: 'America/Los_Angeles',
    cadence: { period: 'day', count: 1 },
    postsPerDay: 2,
  },
];

const UPCOMING: {
  title: string;
  body: string;
  topics: string[];
  inDays: number;
  hour: number;
  state: 'draft' | 'scheduled';
}[] = [
  {
    title: '秋季限定：桂花拿铁',
    body: '秋天的第一杯桂花拿铁来啦 🍂 限时两周，门店和小程序同步上新！#秋季限定#',
    topics: ['新品'],
    inDays: 1,
    hour: 12,
    state: 'scheduled',
  },
  {
    title: '手冲入门：水温与研磨',
    body: '新手手冲最常见的三个问题：水温、研磨度、注水节奏。今天一次讲清楚 ☕ #咖啡教程#',
    topics: ['教程'],
    inDays: 2,
    hour: 20,
    state: 'scheduled',
  },
  {
    title: '周末福利',
    body: '评论区留下你最爱的一款豆子，抽 3 位送挂耳礼盒 🎁 #福利#',
    topics: ['福利'],
    inDays: 4,
    hour: 19,
    state: 'draft',
  },
];

export interface SampleServiceDeps {
  db: Db;
  clock: Clock;
  workspaces: WorkspaceService;
  channels: ChannelService;
  posts: PostService;
  analytics: AnalyticsService;
  /** Collects each channel's messages once, so the sample inbox is full from the start. */
  inbox?: Pick<InboxService, 'collectChannel'>;
}

/**
 * Builds the sample workspace: a coffee brand with five channels on the sandbox network and 90
 * days of history (posts, daily metric snapshots, comments arriving), plus a few upcoming posts.
 */
export function createSampleService(deps: SampleServiceDeps) {
  const { db, clock } = deps;

  async function backfillSnapshots(
    scope: WorkspaceScope,
    channel: Channel,
    targets: { id: string; externalId: string; publishedAt: number }[],
    days: number,
  ): Promise<void> {
    const row = await deps.channels.requireChannel(scope.workspaceId, channel.id);
    const connection = deps.channels.connection(row);
    const now = clock.now();
    const rows: MetricSnapshotRow[] = [];
    // One collection per past day, as if OpsLoop had been collecting all along.
    for (let day = days - 1; day >= 0; day--) {
      const at = now - day * DAY_MS;
      const visible = targets.filter(
        (t) => t.publishedAt <= at && t.publishedAt > at - COLLECT_WINDOW_DAYS * DAY_MS,
      );
      if (visible.length === 0) continue;
      const past: ConnectorFactory = createConnectorFactory({ db, clock: { now: () => at } });
      const metrics = await past(connection).fetchMetrics(visible.map((t) => t.externalId));
      const byExternal = new Map(visible.map((t) => [t.externalId, t.id]));
      for (const m of metrics) {
        const targetId = byExternal.get(m.externalId);
        if (!targetId) continue;
        rows.push(
          snapshotFromMetrics(scope.workspaceId, channel.id, targetId, { ...m, observedAt: at }),
        );
      }
    }
    // And today's numbers for every post, old ones included, so each post shows its total.
    const latest = await createConnectorFactory({ db, clock })(connection).fetchMetrics(
      targets.map((t) => t.externalId),
    );
    const byExternal = new Map(targets.map((t) => [t.externalId, t.id]));
    for (const m of latest) {
      const targetId = byExternal.get(m.externalId);
      if (!targetId) continue;
      rows.push(snapshotFromMetrics(scope.workspaceId, channel.id, targetId, m));
    }
    await deps.analytics.recordSnapshots(rows);
  }

  return {
    async createSampleWorkspace(
      userId: string,
      actor: Actor,
      options: { days?: number } = {},
    ): Promise<Workspace> {
      const days = options.days ?? HISTORY_DAYS;
      const workspace = await db.kysely
        .transaction()
        .execute((trx) =>
          deps.workspaces.createWorkspace(
            trx,
            userId,
            { name: '山谷咖啡 Valley Coffee (sample)', timezone: 'Asia/Shanghai' },
            actor,
          ),
        );
      const scope: WorkspaceScope = { workspaceId: workspace.id, role: 'owner', channelIds: null };
      const channels: Channel[] = [];
      for (const spec of SAMPLE_CHANNELS) {
        const { postsPerDay, ...body } = spec;
        const channel = await deps.channels.create(scope, body, actor);
        channels.push(channel);
        const row = await deps.channels.requireChannel(workspace.id, channel.id);
        const history = await generateSandboxHistory(
          db,
          clock,
          { workspaceId: workspace.id, accountId: row.external_account_id! },
          { days, postsPerDay },
        );
        const targetIds = await deps.posts.importPublished(
          workspace.id,
          userId,
          history.map((post) => ({
            channelId: channel.id,
            title: post.title,
            text: post.text,
            topics: post.topics,
            externalId: post.externalId,
            url: post.url,
            publishedAt: post.publishedAt,
            idempotencyKey: post.idempotencyKey,
          })),
        );
        await backfillSnapshots(
          scope,
          channel,
          history.map((post, i) => ({
            id: targetIds[i]!,
            externalId: post.externalId,
            publishedAt: post.publishedAt,
          })),
          days,
        );
      }

      const now = clock.now();
      for (const item of UPCOMING) {
        const post = await deps.posts.create(
          scope,
          {
            title: item.title,
            body: item.body,
            topics: item.topics,
            targets: channels
              .filter((c) => c.style !== 'bluesky')
              .slice(0, 3)
              .map((c) => ({ channelId: c.id })),
          },
          actor,
        );
        if (item.state === 'scheduled') {
          const day = now + item.inDays * DAY_MS;
          const slot = day - (day % DAY_MS) + (item.hour - 8) * 3_600_000; // hour in Asia/Shanghai
          await deps.posts.schedule(scope, post.id, new Date(slot).toISOString(), actor);
        }
      }
      for (const channel of channels) {
        await deps.inbox?.collectChannel(workspace.id, channel.id);
      }
      return workspace;
    },
  };
}

export type SampleService = ReturnType<typeof createSampleService>;
