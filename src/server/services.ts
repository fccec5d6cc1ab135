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
import { createFeedbackService, type FeedbackService } from './modules/feedback/index.ts';
import { createInboxService, type InboxService } from './modules/inbox/index.ts';
import { createModerationService, type ModerationService } from './modules/moderation/index.ts';
import {
  createMediaJobs,
  createMediaService,
  type MediaJobs,
  type MediaService,
} from './modules/media/index.ts';
import {
  createChannelService,
  createPostService,
  createPublishJobs,
  type ChannelService,
  type PostService,
  type PublishJobs,
} from './modules/publishing/index.ts';
import { createRouting, type RoutingService } from './modules/routing/index.ts';
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
import { baseExamples, trainClassifier } from './text/classifier/index.ts';

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
  media: MediaService;
  mediaJobs: MediaJobs;
  inbox: InboxService;
  routing: RoutingService;
  moderation: ModerationService;
  feedback: FeedbackService;
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
  const late: { channels?: ChannelService; publishing?: PublishJobs; inbox?: InboxService } = {};
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
    audit,
    jobs,
    // Posts are built below; the analytics service calls this only after start-up.
    importPosts: (workspaceId, createdBy, items) =>
      posts.importPublished(workspaceId, createdBy, items),
  });
  const metricsJobs = createMetricsJobs({ db, clock, jobs, analytics });
  const media = createMediaService({ db, clock, audit, notifications, config: deps.config });
  const content = createContentService({ db, clock, audit });
  const posts = createPostService({
    db,
    clock,
    audit,
    notifications,
    jobs,
    publishJobs: () => late.publishing!,
    metricsOf: (workspaceId, targetIds) => analytics.latestMetrics(workspaceId, targetIds),
    // A post written from a content item is linked to it, and using it moves the item to `used`.
    linkContentItem: (trx, link) => content.linkPost(trx, link),
    afterPostPublished: (post) => content.markUsedByPost(post),
    media,
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
    media,
    afterPublished: ({ workspaceId, channelId, publishedAt }) =>
      metricsJobs.scheduleFollowUps(workspaceId, channelId, Math.max(publishedAt, clock.now())),
  });
  late.publishing = publishing;
  // Routing and the inbox need each other: the inbox reports new messages to routing, routing
  // reads and changes conversations through its port, connected once both exist.
  const routing = createRouting({
    db,
    clock,
    logger: deps.logger,
    audit,
    notifications,
    jobs,
    secretKey: deps.secretKey,
    publicUrl: deps.config.publicUrl ?? `http://${deps.config.host}:${deps.config.port}`,
  });
  const moderation = createModerationService({ db, clock, audit });
  // Feedback tells the people who raised a ticket what became of it through the inbox.
  const feedback = createFeedbackService({
    db,
    clock,
    audit,
    notifications,
    jobs,
    notifyRaiser: (workspaceId, { messageId, text }) =>
      late.inbox!.replyToMessage(workspaceId, messageId, {
        text,
        idempotencyKey: `feedback:${messageId}`,
      }),
  });
  // Every collected message is read by the workspace's classifier (shipped examples plus its
  // agents' corrections) and screened by moderation.
  const inbox = createInboxService({
    db,
    clock,
    logger: deps.logger,
    audit,
    notifications,
    jobs,
    connectors,
    channels,
    trainClassifier: (corrections) =>
      trainClassifier(baseExamples(), {
        corrections: corrections.flatMap((c) =>
          c.sentiment && c.intent
            ? [{ text: c.text, sentiment: c.sentiment, intent: c.intent }]
            : [],
        ),
      }),
    screen: (workspaceId, input) => moderation.screen(workspaceId, input),
    screenMany: (workspaceId, inputs) => moderation.screenMany(workspaceId, inputs),
    onMessagesIngested: (workspaceId, conversationIds) =>
      routing.onMessagesIngested(workspaceId, conversationIds),
    onConversationsUpdated: (workspaceId, conversationIds) =>
      routing.onConversationsUpdated(workspaceId, conversationIds),
    teams: { list: (workspaceId) => routing.teams.listTeamNames(workspaceId) },
    createFeedback: (workspaceId, actor, input) =>
      feedback.createFromMessage(workspaceId, actor, input),
  });
  late.inbox = inbox;
  routing.connectInbox({
    listInboundMessages: (workspaceId, ids, since) =>
      inbox.listInboundMessages(workspaceId, ids, since),
    getConversations: (workspaceId, ids) => inbox.getConversationFacts(workspaceId, ids),
    countOpenAssigned: (workspaceId, userIds) => inbox.countOpenAssigned(workspaceId, userIds),
    updateConversation: (workspaceId, id, changes) =>
      inbox.applyRoutingChanges(workspaceId, id, changes),
    hideMessage: (workspaceId, messageId) => inbox.hideForRouting(workspaceId, messageId),
    sendReply: (workspaceId, id, reply) => inbox.sendReplyAs(workspaceId, id, reply),
  });
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
    media,
    mediaJobs: createMediaJobs({ clock, jobs, media }),
    content,
    inbox,
    routing,
    // onDecision can hand review decisions to the inbox once it hides messages on platforms.
    moderation,
    // The inbox can pass notifyRaiser so raisers of message tickets hear back on their channel.
    feedback,
    sample: createSampleService({ db, clock, workspaces, channels, posts, analytics, inbox }),
  };
}
