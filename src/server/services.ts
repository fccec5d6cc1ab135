import type { Config } from './config.ts';
import {
  createConnectorFactory,
  createSandboxAccount,
  type ConnectorFactory,
  type PlatformStyle,
} from './connectors/index.ts';
import type { Db } from './db/database.ts';
import { createJobQueue, type JobQueue } from './jobs/index.ts';
import {
  createAnalyticsService,
  createMetricsJobs,
  type AnalyticsService,
} from './modules/analytics/index.ts';
import { createContentService, type ContentService } from './modules/content/index.ts';
import {
  createChannelService,
  createPostService,
  createPublishJobs,
  type ChannelService,
  type PostService,
  type PublishJobs,
} from './modules/publishing/index.ts';
import { createSampleService, type SampleService } from './modules/sample/index.ts';
import { createAuditService, type AuditService } from './platform/audit/audit.service.ts';
import { createAuthService, type AuthService } from './platform/auth/auth.service.ts';
import type { Clock } from './platform/clock.ts';
import type { Logger } from './platform/logger.ts';
import {
  createNotificationService,
  type NotificationService,
} from './platform/notifications/notifications.service.ts';
import { createTokenService, type TokenService } from './platform/tokens/tokens.service.ts';
import {
  createWorkspaceService,
  type WorkspaceService,
} from './platform/workspaces/workspaces.service.ts';

/** Everything a route or job may use, built once per process from config and the database. */
export interface Services {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  secretKey: Buffer;
  audit: AuditService;
  auth: AuthService;
  workspaces: WorkspaceService;
  tokens: TokenService;
  jobs: JobQueue;
  notifications: NotificationService;
  connectors: ConnectorFactory;
  channels: ChannelService;
  posts: PostService;
  publishing: PublishJobs;
  analytics: AnalyticsService;
  content: ContentService;
  metricsJobs: ReturnType<typeof createMetricsJobs>;
  sample: SampleService;
}

export interface ServiceDeps {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  secretKey: Buffer;
  /** Replaces the platform drivers (tests fake the outside world with it). */
  connectors?: ConnectorFactory;
}

export function createServices(deps: ServiceDeps): Services {
  const { db, clock } = deps;
  const audit = createAuditService({ db, clock });
  const workspaces = createWorkspaceService({ db, clock, audit });
  const jobs = createJobQueue(db, clock);
  const notifications = createNotificationService({ db, clock });
  // Some services need each other (drivers save sessions through channels, posts enqueue
  // deliveries that update posts): these references are filled in once both exist.
  const late: { channels?: ChannelService; publishing?: PublishJobs } = {};
  const connectors =
    deps.connectors ??
    createConnectorFactory({
      db,
      clock,
      saveSession: (connection, session) =>
        late.channels!.saveSession(connection.workspaceId, connection.channelId, session),
    });
  const channels = createChannelService({
    db,
    clock,
    audit,
    secretKey: deps.secretKey,
    connectors,
    createSandboxAccount: async (input) => {
      const account = await createSandboxAccount(db, clock, {
        workspaceId: input.workspaceId,
        platformStyle: input.style as PlatformStyle,
        handle: input.handle,
        seed: input.seed,
        timeZone: input.timezone,
      });
      return { accountId: account.id, handle: account.handle };
    },
  });
  late.channels = channels;
  const analytics = createAnalyticsService({
    db,
    clock,
    connectors,
    requireChannel: (workspaceId, channelId) => channels.requireChannel(workspaceId, channelId),
    connection: (row) => channels.connection(row),
  });
  const metricsJobs = createMetricsJobs({ db, clock, jobs, analytics });
  const posts = createPostService({
    db,
    clock,
    audit,
    notifications,
    jobs,
    publishJobs: () => late.publishing!,
    metricsOf: (workspaceId, targetIds) => analytics.latestMetrics(workspaceId, targetIds),
  });
  const publishing = createPublishJobs({
    db,
    clock,
    jobs,
    audit,
    notifications,
    connectors,
    channels,
    posts,
    afterPublished: ({ workspaceId, channelId, publishedAt }) =>
      metricsJobs.scheduleFollowUps(workspaceId, channelId, Math.max(publishedAt, clock.now())),
  });
  late.publishing = publishing;
  return {
    ...deps,
    audit,
    workspaces,
    auth: createAuthService({ db, clock, audit, workspaces }),
    tokens: createTokenService({ db, clock, audit }),
    jobs,
    notifications,
    connectors,
    channels,
    posts,
    publishing,
    analytics,
    metricsJobs,
    content: createContentService({ db, clock, audit }),
    sample: createSampleService({ db, clock, workspaces, channels, posts, analytics }),
  };
}
