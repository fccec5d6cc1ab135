import { z } from 'zod';
import { IdSchema } from './api.ts';
import { POST_STATUSES } from './publishing.ts';

/**
 * API shapes of the content library: topics (主题矩阵), series (系列化), content items in three
 * pools (爆款/常规/储备) with weekly quotas, the hot-topic fast lane (热点) and the originality
 * check (原创). Request bodies are strict: unknown fields are rejected.
 */

const isoDate = z.iso.datetime();
const name = z.string().trim().min(1).max(100);
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1a7f64');

/** Audience tiers of 用户需求分层: newcomers, practitioners, experts. */
export const TOPIC_TIERS = ['novice', 'advanced', 'expert'] as const;
export type TopicTier = (typeof TOPIC_TIERS)[number];
export const CONTENT_KINDS = ['article', 'text', 'image', 'video', 'live', 'audio'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];
/** Stages in order; an item reaches `used` only from `ready`. */
export const CONTENT_STAGES = ['idea', 'draft', 'ready', 'used'] as const;
export type ContentStage = (typeof CONTENT_STAGES)[number];
/** 爆款 flagship pieces, 常规 light updates, 储备 the reserve drawn on when short. */
export const CONTENT_POOLS = ['hit', 'regular', 'reserve'] as const;
export type ContentPool = (typeof CONTENT_POOLS)[number];

// ── topics ────────────────────────────────────────────────────────────────────
export const TopicSchema = z.object({
  id: z.string(),
  /** The pillar of a sub-topic; null for a pillar. The tree is one level deep. */
  parentId: z.string().nullable(),
  name: z.string(),
  tier: z.enum(TOPIC_TIERS),
  color: z.string().nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type Topic = z.infer<typeof TopicSchema>;
export const TopicListSchema = z.object({ items: z.array(TopicSchema) });

export const CreateTopicBodySchema = z.strictObject({
  name,
  tier: z.enum(TOPIC_TIERS),
  parentId: IdSchema.nullable().optional(),
  color: color.nullable().optional(),
});
export type CreateTopicBody = z.output<typeof CreateTopicBodySchema>;
export const UpdateTopicBodySchema = z.strictObject({
  name: name.optional(),
  tier: z.enum(TOPIC_TIERS).optional(),
  parentId: IdSchema.nullable().optional(),
  color: color.nullable().optional(),
});
export type UpdateTopicBody = z.output<typeof UpdateTopicBodySchema>;
export const TopicParamsSchema = z.strictObject({ workspaceId: IdSchema, topicId: IdSchema });

// ── series ────────────────────────────────────────────────────────────────────
/** How often a series promises an episode: `count` items per ISO week or calendar month. */
export const SERIES_CADENCE_PERIODS = ['week', 'month'] as const;
export type SeriesCadencePeriod = (typeof SERIES_CADENCE_PERIODS)[number];
export const SeriesCadenceSchema = z.object({
  period: z.enum(SERIES_CADENCE_PERIODS),
  count: z.number().int().min(1).max(31),
});
export type SeriesCadence = z.infer<typeof SeriesCadenceSchema>;

export const SeriesSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  topicId: z.string().nullable(),
  cadence: SeriesCadenceSchema.nullable(),
  /** Archived series keep their items but take no new ones. */
  archivedAt: isoDate.nullable(),
  /** Items filed in the series, at any stage. */
  itemCount: z.number(),
  /** Of them, items already used. */
  usedCount: z.number(),
  lastUsedAt: isoDate.nullable(),
  /**
   * Items used in the current cadence period (this ISO week or month, workspace time zone);
   * null when the series has no cadence.
   */
  usedThisPeriod: z.number().nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type Series = z.infer<typeof SeriesSchema>;
export const SeriesListSchema = z.object({ items: z.array(SeriesSchema) });

const description = z.string().max(5000);
const cadenceInput = z.strictObject({
  period: z.enum(SERIES_CADENCE_PERIODS),
  count: z.number().int().min(1).max(31),
});
export const CreateSeriesBodySchema = z.strictObject({
  name,
  description: description.optional(),
  topicId: IdSchema.nullable().optional(),
  cadence: cadenceInput.nullable().optional(),
});
export type CreateSeriesBody = z.output<typeof CreateSeriesBodySchema>;
export const UpdateSeriesBodySchema = z.strictObject({
  name: name.optional(),
  description: description.optional(),
  topicId: IdSchema.nullable().optional(),
  cadence: cadenceInput.nullable().optional(),
  /** true archives the series, false brings it back. */
  archived: z.boolean().optional(),
});
export type UpdateSeriesBody = z.output<typeof UpdateSeriesBodySchema>;
export const SeriesParamsSchema = z.strictObject({ workspaceId: IdSchema, seriesId: IdSchema });

// ── items ─────────────────────────────────────────────────────────────────────
export const ContentItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  kind: z.enum(CONTENT_KINDS),
  stage: z.enum(CONTENT_STAGES),
  pool: z.enum(CONTENT_POOLS),
  topicId: z.string().nullable(),
  seriesId: z.string().nullable(),
  /** In the hot-topic fast lane: to be published before `hotDeadline` (24 h after marking). */
  hot: z.boolean(),
  hotDeadline: isoDate.nullable(),
  /** When the item moved to `used`; counts against the pool's weekly quota. */
  usedAt: isoDate.nullable(),
  createdBy: z.string().nullable(),
  /** Posts written from this item. A used item may be posted again. */
  postCount: z.number(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type ContentItem = z.infer<typeof ContentItemSchema>;
export const ContentItemPageSchema = z.object({
  items: z.array(ContentItemSchema),
  nextCursor: z.string().nullable(),
  /** Items matching the filter across all pages. */
  total: z.number(),
});
export type ContentItemPage = z.infer<typeof ContentItemPageSchema>;

const title = z.string().trim().min(1).max(200);
const body = z.string().max(100_000);
export const CreateContentItemBodySchema = z.strictObject({
  title,
  body: body.optional(),
  kind: z.enum(CONTENT_KINDS),
  // Nothing is born used: it gets there from `ready`, which is what the weekly count measures.
  stage: z.enum(['idea', 'draft', 'ready']).optional(),
  pool: z.enum(CONTENT_POOLS).optional(),
  topicId: IdSchema.nullable().optional(),
  seriesId: IdSchema.nullable().optional(),
  hot: z.boolean().optional(),
});
export type CreateContentItemBody = z.output<typeof CreateContentItemBodySchema>;
export const UpdateContentItemBodySchema = z.strictObject({
  title: title.optional(),
  body: body.optional(),
  kind: z.enum(CONTENT_KINDS).optional(),
  stage: z.enum(CONTENT_STAGES).optional(),
  pool: z.enum(CONTENT_POOLS).optional(),
  topicId: IdSchema.nullable().optional(),
  seriesId: IdSchema.nullable().optional(),
  hot: z.boolean().optional(),
});
export type UpdateContentItemBody = z.output<typeof UpdateContentItemBodySchema>;
export const ContentItemParamsSchema = z.strictObject({ workspaceId: IdSchema, itemId: IdSchema });

/** A post written from an item, as the item shows it. */
export const ContentItemPostSchema = z.object({
  postId: z.string(),
  title: z.string().nullable(),
  /** The start of the post's text. */
  excerpt: z.string(),
  status: z.enum(POST_STATUSES),
  scheduledAt: isoDate.nullable(),
  /** When the first channel version went out; null until one has. */
  publishedAt: isoDate.nullable(),
  channelIds: z.array(z.string()),
  createdAt: isoDate,
});
export type ContentItemPost = z.infer<typeof ContentItemPostSchema>;
export const ContentItemPostListSchema = z.object({ items: z.array(ContentItemPostSchema) });

export const ContentItemQuerySchema = z.strictObject({
  pool: z.enum(CONTENT_POOLS).optional(),
  stage: z.enum(CONTENT_STAGES).optional(),
  /** A pillar also matches the items of its sub-topics. */
  topicId: IdSchema.optional(),
  seriesId: IdSchema.optional(),
  hot: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  /** Words in the title or body. */
  q: z.string().trim().min(1).max(200).optional(),
  /** `newest` first (default), or `deadline`: hot items only, most urgent first. */
  sort: z.enum(['newest', 'deadline']).optional(),
  cursor: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export type ContentItemQuery = z.output<typeof ContentItemQuerySchema>;

// ── pools ─────────────────────────────────────────────────────────────────────
export const PoolQuotaSchema = z.object({
  /** Items of this pool to use per ISO week; null when the pool has no weekly target. */
  weeklyMin: z.number().nullable(),
  weeklyMax: z.number().nullable(),
  /** Items to keep at stage draft or ready; null when the pool has no stock target. */
  minStock: z.number().nullable(),
});
export type PoolQuota = z.infer<typeof PoolQuotaSchema>;

export const PoolReportSchema = z.object({
  pool: z.enum(CONTENT_POOLS),
  quota: PoolQuotaSchema,
  /** Items moved to `used` this ISO week, in the workspace time zone. */
  usedThisWeek: z.number(),
  /** Items not yet used. */
  stock: z.number(),
  /** Of the stock, items at stage draft or ready (what the stock target counts). */
  readyStock: z.number(),
  warnings: z.array(z.string()),
});
export type PoolReport = z.infer<typeof PoolReportSchema>;
export const PoolsSchema = z.object({
  timezone: z.string(),
  weekStart: isoDate,
  weekEnd: isoDate,
  pools: z.array(PoolReportSchema),
});
export type Pools = z.infer<typeof PoolsSchema>;

const count = z.number().int().min(0).max(1000);
const quotaPatch = z.strictObject({
  weeklyMin: count.nullable().optional(),
  weeklyMax: count.nullable().optional(),
  minStock: count.nullable().optional(),
});
export const UpdatePoolsBodySchema = z.strictObject({
  hit: quotaPatch.optional(),
  regular: quotaPatch.optional(),
  reserve: quotaPatch.optional(),
});
export type UpdatePoolsBody = z.output<typeof UpdatePoolsBodySchema>;

// ── originality ───────────────────────────────────────────────────────────────
export const OriginalityBodySchema = z.strictObject({
  text: z.string().min(1).max(100_000),
  /** The item being checked, so it is not reported as a copy of itself. */
  excludeItemId: IdSchema.optional(),
});
export type OriginalityBody = z.output<typeof OriginalityBodySchema>;
export const OriginalityMatchSchema = z.object({
  /** The content item or, when `source` is `post`, the published post. */
  itemId: z.string(),
  source: z.enum(['item', 'post']),
  title: z.string(),
  /** Jaccard similarity of 3-character shingles, 0..1; reported from 0.5. */
  similarity: z.number(),
  sharedSnippet: z.string(),
});
export const OriginalityResultSchema = z.object({ matches: z.array(OriginalityMatchSchema) });
export type OriginalityResult = z.infer<typeof OriginalityResultSchema>;
