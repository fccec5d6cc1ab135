import { z } from 'zod';
import { IdSchema } from './api.ts';

/**
 * API shapes of channels, posts, approvals and notifications (the publishing loop).
 * Request bodies are strict: unknown fields are rejected.
 */

const isoDate = z.iso.datetime();
const name = z.string().trim().min(1).max(100);

export const SANDBOX_STYLES = ['weibo', 'wechat', 'douyin', 'xiaohongshu', 'bluesky'] as const;
export const ASSISTED_STYLES = [
  'xiaohongshu',
  'bilibili',
  'zhihu',
  'kuaishou',
  'wechat_channels',
] as const;
export const CHANNEL_STATUSES = ['connected', 'needs_reauth', 'throttled', 'failing'] as const;

const color = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1a7f64')
  .optional();
const cadence = z
  .strictObject({
    period: z.enum(['day', 'week']),
    count: z.number().int().min(1).max(50),
  })
  .nullable()
  .optional();

const channelCommon = {
  name,
  timezone: z.string().max(64).optional(),
  color,
  cadence,
};

export const CreateChannelBodySchema = z.discriminatedUnion('platform', [
  z.strictObject({
    platform: z.literal('sandbox'),
    style: z.enum(SANDBOX_STYLES),
    handle: z.string().trim().min(1).max(60).optional(),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31)
      .optional(),
    ...channelCommon,
  }),
  z.strictObject({
    platform: z.literal('webhook'),
    url: z.url({ protocol: /^https?$/ }).max(2000),
    secret: z.string().min(16).max(200).optional(),
    ...channelCommon,
  }),
  z.strictObject({
    platform: z.literal('bluesky'),
    handle: z.string().trim().min(3).max(253),
    appPassword: z.string().min(4).max(200),
    service: z.url({ protocol: /^https?$/ }).optional(),
    ...channelCommon,
  }),
  z.strictObject({
    platform: z.literal('assisted'),
    style: z.enum(ASSISTED_STYLES),
    handle: z.string().trim().min(1).max(100),
    ...channelCommon,
  }),
]);
export type CreateChannelBody = z.input<typeof CreateChannelBodySchema>;

export const UpdateChannelBodySchema = z.strictObject({
  ...channelCommon,
  name: name.optional(),
});
export type UpdateChannelBody = z.input<typeof UpdateChannelBodySchema>;

export const ContentLimitsSchema = z.object({
  countMode: z.enum(['graphemes', 'characters']),
  maxTextLength: z.number().nullable(),
  maxTextBytes: z.number().nullable(),
  maxTitleLength: z.number().nullable(),
  maxImages: z.number(),
  maxImageBytes: z.number().nullable(),
  maxVideos: z.number(),
  maxVideoBytes: z.number().nullable(),
});
export type ContentLimitsDto = z.infer<typeof ContentLimitsSchema>;

export const ChannelSchema = z.object({
  id: z.string(),
  platform: z.enum(['sandbox', 'webhook', 'bluesky', 'assisted']),
  style: z.string(),
  name: z.string(),
  handle: z.string(),
  timezone: z.string(),
  color: z.string(),
  status: z.enum(CHANNEL_STATUSES),
  statusDetail: z.string().nullable(),
  cadence: z.object({ period: z.enum(['day', 'week']), count: z.number() }).nullable(),
  limits: ContentLimitsSchema,
  /** Assisted channels have no API: a person publishes at the slot and records the URL. */
  assisted: z.boolean(),
  hasCredentials: z.boolean(),
  lastCheckedAt: isoDate.nullable(),
  createdAt: isoDate,
});
export type Channel = z.infer<typeof ChannelSchema>;
/** A new channel; a webhook's signing secret is shown here once so the receiver can verify. */
export const CreatedChannelSchema = ChannelSchema.extend({ webhookSecret: z.string().optional() });
export type CreatedChannel = z.infer<typeof CreatedChannelSchema>;
export const ChannelListSchema = z.object({ items: z.array(ChannelSchema) });
export const ChannelParamsSchema = z.strictObject({ workspaceId: IdSchema, channelId: IdSchema });

// ── posts ─────────────────────────────────────────────────────────────────────
export const POST_STATUSES = [
  'draft',
  'in_review',
  'changes_requested',
  'approved',
  'scheduled',
  'publishing',
  'published',
  'failed',
  'unconfirmed',
  'canceled',
] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

export const TARGET_STATUSES = [
  'pending',
  'scheduled',
  'publishing',
  'published',
  'failed',
  'unconfirmed',
  'canceled',
] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

const text = z.string().max(100_000);
const topics = z.array(z.string().trim().min(1).max(40)).max(10);

export const TargetInputSchema = z.strictObject({
  channelId: IdSchema,
  /** The channel's own wording; the post body is used when absent. */
  text: text.optional(),
  title: z.string().max(200).nullable().optional(),
  /** Media library assets shown with this version, in order; absent keeps what it has. */
  mediaIds: z.array(IdSchema).max(50).optional(),
});

export const CreatePostBodySchema = z.strictObject({
  title: z.string().max(200).nullable().optional(),
  body: text,
  topics: topics.optional(),
  targets: z.array(TargetInputSchema).min(1).max(50),
  /** The content item this post is written from; the item moves to `used` once it goes out. */
  contentItemId: IdSchema.optional(),
});
export type CreatePostBody = z.input<typeof CreatePostBodySchema>;

export const UpdatePostBodySchema = z.strictObject({
  title: z.string().max(200).nullable().optional(),
  body: text.optional(),
  topics: topics.optional(),
  targets: z.array(TargetInputSchema).min(1).max(50).optional(),
});
export type UpdatePostBody = z.input<typeof UpdatePostBodySchema>;

export const SchedulePostBodySchema = z.strictObject({ scheduledAt: isoDate });
export const ReviewBodySchema = z.strictObject({ comment: z.string().max(5000).optional() });
export const CommentBodySchema = z.strictObject({ body: z.string().trim().min(1).max(5000) });
export const MarkPublishedBodySchema = z.strictObject({ url: z.url().max(2000) });

export const PostTargetSchema = z.object({
  id: z.string(),
  channelId: z.string(),
  title: z.string().nullable(),
  text: z.string(),
  status: z.enum(TARGET_STATUSES),
  scheduledAt: isoDate.nullable(),
  externalId: z.string().nullable(),
  url: z.string().nullable(),
  publishedAt: isoDate.nullable(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  errorAction: z.string().nullable(),
  /** Media library assets sent with this version, in order. */
  mediaIds: z.array(z.string()),
  /** The latest numbers collected from the platform, when it reports any. */
  metrics: z
    .object({
      observedAt: isoDate,
      impressions: z.number().nullable(),
      likes: z.number(),
      comments: z.number(),
      shares: z.number(),
      saves: z.number().nullable(),
      clicks: z.number().nullable(),
    })
    .nullable(),
});
export type PostTarget = z.infer<typeof PostTargetSchema>;

export const PostReviewSchema = z.object({
  id: z.string(),
  userId: z.string(),
  kind: z.enum(['comment', 'approve', 'request_changes', 'submit']),
  step: z.number().nullable(),
  body: z.string().nullable(),
  createdAt: isoDate,
});
export type PostReview = z.infer<typeof PostReviewSchema>;

export const PostSchema = z.object({
  id: z.string(),
  title: z.string().nullable(),
  body: z.string(),
  topics: z.array(z.string()),
  status: z.enum(POST_STATUSES),
  approvalStep: z.number(),
  scheduledAt: isoDate.nullable(),
  createdBy: z.string(),
  createdAt: isoDate,
  updatedAt: isoDate,
  targets: z.array(PostTargetSchema),
  reviews: z.array(PostReviewSchema),
});
export type Post = z.infer<typeof PostSchema>;

export const PostQuerySchema = z.strictObject({
  from: isoDate.optional(),
  to: isoDate.optional(),
  status: z.enum(POST_STATUSES).optional(),
  channelId: IdSchema.optional(),
  cursor: IdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export const PostPageSchema = z.object({
  items: z.array(PostSchema),
  nextCursor: z.string().nullable(),
});
export type PostPage = z.infer<typeof PostPageSchema>;
export const PostCountsQuerySchema = PostQuerySchema.omit({ cursor: true, limit: true });
export const PostCountsSchema = z.object({
  /** Posts matching the filter, whatever their status. */
  total: z.number(),
  byStatus: z.record(z.enum(POST_STATUSES), z.number()),
});
export type PostCounts = z.infer<typeof PostCountsSchema>;
export const PostParamsSchema = z.strictObject({ workspaceId: IdSchema, postId: IdSchema });
export const TargetParamsSchema = z.strictObject({
  workspaceId: IdSchema,
  postId: IdSchema,
  targetId: IdSchema,
});

// ── approval workflow ─────────────────────────────────────────────────────────
export const ApprovalStepSchema = z.strictObject({
  name: z.string().trim().min(1).max(60),
  /** Roles that may approve this step (besides owners and admins). */
  roles: z.array(z.enum(['owner', 'admin', 'manager', 'editor', 'analyst'])).min(1),
});
export const PublishingSettingsSchema = z.object({
  approvalSteps: z.array(ApprovalStepSchema),
  allowSelfApproval: z.boolean(),
});
export type PublishingSettings = z.infer<typeof PublishingSettingsSchema>;
export const UpdatePublishingSettingsBodySchema = z.strictObject({
  approvalSteps: z.array(ApprovalStepSchema).max(5).optional(),
  allowSelfApproval: z.boolean().optional(),
});

// ── notifications ─────────────────────────────────────────────────────────────
export const NotificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  readAt: isoDate.nullable(),
  createdAt: isoDate,
});
export type Notification = z.infer<typeof NotificationSchema>;
export const NotificationListSchema = z.object({
  items: z.array(NotificationSchema),
  unread: z.number(),
});
export const NotificationParamsSchema = z.strictObject({
  workspaceId: IdSchema,
  notificationId: IdSchema,
});

// ── best times ────────────────────────────────────────────────────────────────
export const BestTimesSchema = z.object({
  channelId: z.string(),
  timezone: z.string(),
  /** Published posts the estimate rests on. */
  sampleSize: z.number(),
  /**
   * [weekday 0=Monday..6][hour 0..23] in the channel's time zone: how a post published then
   * performs against the channel's median (1 = median), smoothed; null where nothing was posted.
   */
  grid: z.array(z.array(z.number().nullable())),
  bestHour: z.number().nullable(),
  /** The next good slots, best first, as instants. */
  suggestions: z.array(
    z.object({ at: isoDate, weekday: z.number(), hour: z.number(), score: z.number() }),
  ),
});
export type BestTimes = z.infer<typeof BestTimesSchema>;
