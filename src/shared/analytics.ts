import { z } from 'zod';
import { IdSchema } from './api.ts';
import { FOLLOW_SOURCES, KPI_IDS, RAW_KEYS, type KpiId } from './kpis.ts';

/**
 * API shapes of analytics: metric batches from external pipelines, imports of platform exports
 * (with their column presets), channel history backfills and the KPI report. Request bodies are
 * strict: unknown fields are rejected.
 */

const isoDate = z.iso.datetime();
const count = z.number().int('a whole number').min(0, 'not negative').max(1e15);
const signedCount = z.number().int('a whole number').min(-1e15).max(1e15);
const currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY');

/** A calendar day as the platform reports it. */
export const DaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD')
  .refine((day) => {
    const date = new Date(`${day}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
  }, 'not a calendar day');

/** An instant: ISO 8601 with offset, or epoch milliseconds. Parsed to epoch milliseconds. */
export const InstantSchema = z.union([
  z.number().int().min(0).max(8.64e15),
  z.iso.datetime({ offset: true }).transform((value) => Date.parse(value)),
]);

// ── metric batches ────────────────────────────────────────────────────────────
/** Counts a post-level row may carry; absent counts are stored as unknown (likes, comments and shares as 0). */
export const POST_COUNT_FIELDS = [
  'impressions',
  'reach',
  'views',
  'likes',
  'comments',
  'shares',
  'saves',
  'clicks',
  'follows',
  'conversions',
  'revenue',
] as const;
export type PostCountField = (typeof POST_COUNT_FIELDS)[number];

/**
 * One post's cumulative numbers at one instant. The post is named by its OpsLoop target id, or
 * by channel and the platform's post id. Natural key: (post, observedAt).
 */
export const PostMetricRowSchema = z
  .strictObject({
    targetId: IdSchema.optional(),
    channelId: IdSchema.optional(),
    externalPostId: z.string().min(1).max(500).optional(),
    /** Used only to create a post OpsLoop does not know (`unknownPosts: "create"`). */
    title: z.string().max(500).optional(),
    url: z.string().max(2000).optional(),
    publishedAt: InstantSchema.optional(),
    observedAt: InstantSchema,
    impressions: count.nullable().optional(),
    reach: count.nullable().optional(),
    views: count.nullable().optional(),
    likes: count.optional(),
    comments: count.optional(),
    shares: count.optional(),
    saves: count.nullable().optional(),
    clicks: count.nullable().optional(),
    follows: count.nullable().optional(),
    conversions: count.nullable().optional(),
    /** Integer minor units (fen, cents) of `currency`. */
    revenue: count.nullable().optional(),
    currency: currency.optional(),
  })
  .superRefine((row, ctx) => {
    if (!row.targetId && !(row.channelId && row.externalPostId)) {
      ctx.addIssue({
        code: 'custom',
        path: [row.channelId ? 'externalPostId' : 'targetId'],
        message: 'name the post: targetId, or channelId with externalPostId',
      });
    }
  });
export type PostMetricRow = z.output<typeof PostMetricRowSchema>;

/** Channel-level numbers stored per (channel, day, metric[, dimension]). */
export const DAILY_METRICS = [
  'followers',
  'follows',
  'unfollows',
  'net_follows',
  'impressions',
  'reach',
  'views',
  'likes',
  'comments',
  'shares',
  'saves',
  'profile_views',
  'clicks',
  'conversions',
  'revenue',
  'cost',
  'dau',
  'wau',
  'mau',
] as const;
export type DailyMetric = (typeof DAILY_METRICS)[number];

/** The API's camelCase name of each daily metric. */
export const DAILY_METRIC_FIELDS = {
  followers: 'followers',
  follows: 'follows',
  unfollows: 'unfollows',
  netFollows: 'net_follows',
  impressions: 'impressions',
  reach: 'reach',
  views: 'views',
  likes: 'likes',
  comments: 'comments',
  shares: 'shares',
  saves: 'saves',
  profileViews: 'profile_views',
  clicks: 'clicks',
  conversions: 'conversions',
  revenue: 'revenue',
  cost: 'cost',
  dau: 'dau',
  wau: 'wau',
  mau: 'mau',
} as const satisfies Record<string, DailyMetric>;
type DailyMetricField = keyof typeof DAILY_METRIC_FIELDS;

/** One channel's numbers for one day. Natural key: (channel, day, metric). */
export const ChannelMetricRowSchema = z
  .strictObject({
    channelId: IdSchema,
    day: DaySchema,
    followers: count.optional(),
    follows: count.optional(),
    unfollows: count.optional(),
    netFollows: signedCount.optional(),
    impressions: count.optional(),
    reach: count.optional(),
    views: count.optional(),
    likes: count.optional(),
    comments: count.optional(),
    shares: count.optional(),
    saves: count.optional(),
    profileViews: count.optional(),
    clicks: count.optional(),
    conversions: count.optional(),
    /** Integer minor units of `currency`. */
    revenue: count.optional(),
    /** Spend on the channel that day (ads, agency fees), integer minor units of `currency`. */
    cost: count.optional(),
    currency: currency.optional(),
    dau: count.optional(),
    wau: count.optional(),
    mau: count.optional(),
    followsBySource: z.partialRecord(z.enum(FOLLOW_SOURCES), count).optional(),
  })
  .superRefine((row, ctx) => {
    const any =
      (Object.keys(DAILY_METRIC_FIELDS) as DailyMetricField[]).some(
        (key) => row[key] !== undefined,
      ) || Object.keys(row.followsBySource ?? {}).length > 0;
    if (!any) ctx.addIssue({ code: 'custom', path: ['day'], message: 'the row carries no metric' });
  });
export type ChannelMetricRow = z.output<typeof ChannelMetricRowSchema>;

export const MAX_BATCH_ROWS = 20_000;

export const MetricBatchBodySchema = z.strictObject({
  posts: z.array(PostMetricRowSchema).max(MAX_BATCH_ROWS).default([]),
  channels: z.array(ChannelMetricRowSchema).max(MAX_BATCH_ROWS).default([]),
  /** What to do with a post the channel does not know: reject the batch, or create the post. */
  unknownPosts: z.enum(['reject', 'create']).default('reject'),
});
export type MetricBatchBody = z.output<typeof MetricBatchBodySchema>;

export const MetricBatchResultSchema = z.object({
  posts: z.object({ received: z.number(), written: z.number() }),
  channels: z.object({ received: z.number(), written: z.number() }),
  postsCreated: z.number(),
});
export type MetricBatchResult = z.infer<typeof MetricBatchResultSchema>;

// ── import fields and presets ─────────────────────────────────────────────────
export const IMPORT_KINDS = ['posts', 'channel_daily'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Columns of a post-level export can fill these. */
export const POST_IMPORT_FIELDS = [
  'title',
  'published_at',
  'external_id',
  'url',
  'target_id',
  'observed_at',
  ...POST_COUNT_FIELDS,
] as const;
/** Columns of a daily account export can fill these. */
export const DAILY_IMPORT_FIELDS = [
  'day',
  ...DAILY_METRICS,
  ...FOLLOW_SOURCES.map((source) => `follows_source_${source}` as const),
] as const;
export type PostImportField = (typeof POST_IMPORT_FIELDS)[number];
export type DailyImportField = (typeof DAILY_IMPORT_FIELDS)[number];
export type ImportField = PostImportField | DailyImportField;

export function importFieldsOf(kind: ImportKind): readonly ImportField[] {
  return kind === 'posts' ? POST_IMPORT_FIELDS : DAILY_IMPORT_FIELDS;
}

/** Fields holding money: decimal amounts in the file (元), stored as minor units (分). */
export const MONEY_FIELDS: readonly ImportField[] = ['revenue', 'cost'];
/** Fields that may be negative. */
export const SIGNED_FIELDS: readonly ImportField[] = ['net_follows'];

export const PLATFORMS_WITH_PRESETS = [
  'wechat',
  'douyin',
  'xiaohongshu',
  'bilibili',
  'weibo',
] as const;
export type PresetPlatform = (typeof PLATFORMS_WITH_PRESETS)[number];

export interface ImportPreset {
  id: string;
  platform: PresetPlatform;
  kind: ImportKind;
  /** Where in the platform's back office the export is made, in its own words. */
  exportPath: string;
  /** Header aliases per field; the first is what the platform's export calls it today. */
  columns: Partial<Record<ImportField, readonly string[]>>;
  /**
   * Known columns OpsLoop leaves out on purpose (rates, durations, platform-specific counts),
   * so they are not reported as unknown.
   */
  ignored: readonly string[];
}

/**
 * Column presets for Chinese platforms' back-office exports. Their headers are not published in
 * any platform documentation; they follow the exports as seen in each back office and carry
 * aliases for older and newer versions. Unknown columns are left for the mapping step.
 */
export const IMPORT_PRESETS: readonly ImportPreset[] = [
  {
    id: 'wechat_articles',
    platform: 'wechat',
    kind: 'posts',
    exportPath: '公众号后台 › 数据分析 › 内容分析（图文分析）› 单篇群发 › 下载表格',
    columns: {
      title: ['文章标题', '标题', '图文标题', '内容标题'],
      published_at: ['发表时间', '群发时间', '发布时间', '发送时间'],
      url: ['文章链接', '原文链接', '链接'],
      impressions: ['送达人数'],
      reach: ['阅读人数', '图文阅读人数', '图文页阅读人数'],
      views: ['阅读次数', '图文阅读次数', '图文页阅读次数', '阅读量'],
      shares: ['分享次数', '分享转发次数', '转发次数'],
      saves: ['收藏人数', '微信收藏人数', '收藏次数'],
      likes: ['点赞人数', '点赞数', '点赞'],
      comments: ['留言数', '留言人数', '评论数'],
      follows: ['阅读后关注人数', '关注人数'],
    },
    ignored: ['在看人数', '在看数', '分享人数', '分享转发人数', '完读率', '打开率', '序号'],
  },
  {
    id: 'wechat_users',
    platform: 'wechat',
    kind: 'channel_daily',
    exportPath: '公众号后台 › 数据分析 › 用户分析 › 用户增长 › 下载表格',
    columns: {
      day: ['时间', '日期', '统计日期'],
      follows: ['新关注人数', '新增关注人数'],
      unfollows: ['取消关注人数'],
      net_follows: ['净增关注人数', '净增人数'],
      followers: ['累积关注人数', '累计关注人数', '总关注人数'],
    },
    ignored: [],
  },
  {
    id: 'douyin_works',
    platform: 'douyin',
    kind: 'posts',
    exportPath: '抖音创作者中心 › 数据中心 › 作品数据 › 导出数据',
    columns: {
      title: ['作品名称', '作品标题', '视频标题', '作品描述', '标题'],
      published_at: ['发布时间', '发布日期'],
      external_id: ['作品ID', '作品id', '视频ID', 'item_id'],
      url: ['作品链接', '视频链接'],
      impressions: ['曝光量', '曝光数'],
      views: ['播放量', '播放数', '播放次数'],
      likes: ['点赞量', '点赞数', '点赞'],
      comments: ['评论量', '评论数', '评论'],
      shares: ['分享量', '分享数', '分享'],
      saves: ['收藏量', '收藏数', '收藏'],
      follows: ['粉丝增量', '新增粉丝', '涨粉量', '涨粉数'],
      observed_at: ['数据日期', '统计日期', '数据更新时间'],
    },
    ignored: [
      '完播率',
      '5s完播率',
      '平均播放时长',
      '平均播放时长(秒)',
      '主页访问量',
      '作品类型',
      '体裁',
      '审核状态',
    ],
  },
  {
    id: 'douyin_account',
    platform: 'douyin',
    kind: 'channel_daily',
    exportPath: '抖音创作者中心 › 数据中心 › 账号总览 › 导出数据',
    columns: {
      day: ['日期', '时间', '统计日期'],
      views: ['播放量', '作品播放量'],
      likes: ['点赞量', '点赞数'],
      comments: ['评论量', '评论数'],
      shares: ['分享量', '分享数'],
      profile_views: ['主页访问量', '主页访问数', '主页访问人数'],
      follows: ['新增粉丝', '新增粉丝数', '粉丝增量'],
      unfollows: ['取关粉丝', '取关粉丝数', '掉粉数'],
      net_follows: ['净增粉丝', '净增粉丝数'],
      followers: ['粉丝总量', '总粉丝数', '粉丝总数'],
    },
    ignored: ['完播率', '平均播放时长'],
  },
  {
    id: 'xiaohongshu_notes',
    platform: 'xiaohongshu',
    kind: 'posts',
    exportPath: '小红书创作服务平台 › 数据中心 › 笔记数据 › 导出',
    columns: {
      title: ['笔记标题', '笔记名称', '标题'],
      published_at: ['首次发布时间', '发布时间', '发布日期'],
      external_id: ['笔记ID', '笔记id'],
      url: ['笔记链接'],
      impressions: ['曝光', '曝光量', '曝光数'],
      views: ['观看量', '观看数', '阅读量', '浏览量'],
      likes: ['点赞', '点赞数', '点赞量'],
      comments: ['评论', '评论数', '评论量'],
      saves: ['收藏', '收藏数', '收藏量'],
      shares: ['分享', '分享数', '分享量'],
      follows: ['涨粉', '笔记涨粉', '涨粉数'],
    },
    ignored: ['封面点击率', '人均观看时长', '平均观看时长', '体裁', '笔记类型'],
  },
  {
    id: 'bilibili_videos',
    platform: 'bilibili',
    kind: 'posts',
    exportPath: 'B站创作中心 › 数据中心 › 稿件数据 › 导出',
    columns: {
      title: ['稿件标题', '视频标题', '标题'],
      published_at: ['发布时间', '投稿时间', '发布日期'],
      external_id: ['BV号', 'bvid', '稿件BV号'],
      url: ['稿件链接', '视频链接'],
      views: ['播放', '播放量', '播放数'],
      likes: ['点赞', '点赞数'],
      comments: ['评论', '评论数'],
      saves: ['收藏', '收藏数'],
      shares: ['分享', '分享数'],
      follows: ['涨粉', '新增粉丝', '涨粉数'],
    },
    // Coins and bullet comments are Bilibili's own forms of engagement; the catalogue counts only
    // the four shared by every platform.
    ignored: ['投币', '硬币', '弹幕', '弹幕数', '完播率', '平均播放时长'],
  },
  {
    id: 'weibo_posts',
    platform: 'weibo',
    kind: 'posts',
    exportPath: '微博数据助手 › 博文分析 › 导出',
    columns: {
      title: ['微博内容', '博文内容', '微博正文', '内容'],
      published_at: ['发布时间', '发博时间', '发布日期'],
      external_id: ['微博ID', '博文ID', 'mid'],
      url: ['微博链接', '博文链接', '链接'],
      impressions: ['阅读数', '阅读量', '曝光量'],
      shares: ['转发数', '转发量', '转发'],
      comments: ['评论数', '评论量', '评论'],
      likes: ['点赞数', '点赞量', '赞'],
      follows: ['涨粉数', '涨粉'],
    },
    ignored: ['互动数', '互动量', '互动率'],
  },
  {
    id: 'weibo_fans',
    platform: 'weibo',
    kind: 'channel_daily',
    exportPath: '微博数据助手 › 粉丝分析 › 导出',
    columns: {
      day: ['日期', '时间'],
      followers: ['粉丝数', '粉丝总数', '粉丝总量'],
      follows: ['新增粉丝', '新增粉丝数'],
      unfollows: ['取关粉丝', '减少粉丝', '取关粉丝数'],
      net_follows: ['净增粉丝', '净增粉丝数'],
    },
    ignored: [],
  },
];

/** Header words recognised for the mapping step when no preset fits (English and Chinese). */
export const GENERIC_ALIASES: Partial<Record<ImportField, readonly string[]>> = {
  title: ['title', 'post', 'caption', 'text', 'content', '标题', '内容'],
  published_at: ['published', 'published at', 'publish time', 'posted', 'date posted', '发布时间'],
  external_id: ['post id', 'id', 'external id', 'media id'],
  url: ['url', 'link', 'permalink', '链接'],
  target_id: ['opsloop id', 'target id'],
  observed_at: ['observed at', 'as of', 'snapshot', '数据日期'],
  day: ['date', 'day', '日期', '时间'],
  impressions: ['impressions', 'impr.', '曝光', '曝光量', '展现'],
  reach: ['reach', 'unique viewers', '触达', '覆盖人数'],
  views: ['views', 'plays', 'video views', 'reads', '播放量', '阅读量', '观看量'],
  likes: ['likes', 'reactions', 'favourites', 'favorites', '点赞', '点赞数'],
  comments: ['comments', 'replies', '评论', '评论数'],
  shares: ['shares', 'reposts', 'retweets', 'reblogs', '分享', '转发'],
  saves: ['saves', 'bookmarks', '收藏'],
  clicks: ['clicks', 'link clicks', '点击', '点击量', '点击数'],
  follows: ['new followers', 'follows', 'followers gained', '新增粉丝', '涨粉'],
  unfollows: ['unfollows', 'lost followers', '取关', '取消关注'],
  net_follows: ['net followers', 'net follows', '净增粉丝'],
  followers: ['followers', 'total followers', '粉丝数', '粉丝总数'],
  profile_views: ['profile views', 'profile visits', '主页访问'],
  conversions: ['conversions', 'results', 'purchases', '转化', '转化数'],
  revenue: ['revenue', 'conv. value', 'sales', 'gmv', '成交金额', '销售额', '收入'],
  cost: ['cost', 'spend', 'amount spent', '消耗', '消费', '花费'],
  dau: ['dau', 'daily active users', '日活'],
  wau: ['wau', 'weekly active users', '周活'],
  mau: ['mau', 'monthly active users', '月活'],
};

/** How headers compare: width-folded, lower case, no spaces, no unit in brackets. */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, '')
    .replace(/[\s_:：*]/g, '')
    .trim();
}

const aliasIndexes = new Map<string, Map<string, ImportField>>();

/** Normalized header → field, for one preset. */
export function presetAliasIndex(preset: ImportPreset): Map<string, ImportField> {
  let index = aliasIndexes.get(preset.id);
  if (!index) {
    index = new Map();
    for (const [field, aliases] of Object.entries(preset.columns)) {
      for (const alias of aliases ?? []) {
        const key = normalizeHeader(alias);
        if (!index.has(key)) index.set(key, field as ImportField);
      }
    }
    aliasIndexes.set(preset.id, index);
  }
  return index;
}

/** Normalized header → field for every alias any preset or the generic list knows, per kind. */
export function genericAliasIndex(kind: ImportKind): Map<string, ImportField> {
  const cacheKey = `generic:${kind}`;
  let index = aliasIndexes.get(cacheKey);
  if (!index) {
    const allowed = new Set<string>(importFieldsOf(kind));
    const built = new Map<string, ImportField>();
    const add = (field: string, aliases: readonly string[] | undefined) => {
      if (!allowed.has(field)) return;
      for (const alias of aliases ?? []) {
        const key = normalizeHeader(alias);
        if (!built.has(key)) built.set(key, field as ImportField);
      }
    };
    for (const preset of IMPORT_PRESETS.filter((p) => p.kind === kind)) {
      for (const [field, aliases] of Object.entries(preset.columns)) add(field, aliases);
    }
    for (const [field, aliases] of Object.entries(GENERIC_ALIASES)) add(field, aliases);
    aliasIndexes.set(cacheKey, built);
    index = built;
  }
  return index;
}

/**
 * A field per column for a kind of rows: the preset's names first, then every known alias.
 * Columns the preset leaves out on purpose stay unmapped; a field goes to its first column.
 */
export function suggestImportColumns(
  headers: readonly string[],
  kind: ImportKind,
  presetId: string | null,
): (ImportField | null)[] {
  const preset = presetId
    ? IMPORT_PRESETS.find((p) => p.id === presetId && p.kind === kind)
    : undefined;
  const index = new Map(genericAliasIndex(kind));
  if (preset) for (const [key, field] of presetAliasIndex(preset)) index.set(key, field);
  const ignored = new Set(preset ? preset.ignored.map(normalizeHeader) : []);
  const used = new Set<ImportField>();
  return headers.map((header) => {
    const key = normalizeHeader(header);
    if (ignored.has(key)) return null;
    const field = index.get(key);
    if (!field || used.has(field)) return null;
    used.add(field);
    return field;
  });
}

export const ImportOptionsSchema = z.strictObject({
  kind: z.enum(IMPORT_KINDS),
  channelId: IdSchema,
  preset: z.string().max(64).nullable().optional(),
  /** Per column of the header row: the field it fills, or null to leave it out. */
  columns: z.array(z.string().max(64).nullable()).max(500),
  /** When the numbers were read, for exports without a date column (default: the upload time). */
  asOf: isoDate.optional(),
  /** Posts OpsLoop does not know: create them as imported posts, or report the row. */
  unknownPosts: z.enum(['create', 'report']).default('create'),
  /** Currency of money columns. */
  currency: currency.default('CNY'),
});
export type ImportOptions = z.output<typeof ImportOptionsSchema>;

/** Files arrive base64-encoded in parts, each under the API's request size limit. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
const base64 = z
  .string()
  .max(8 * 1024 * 1024)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');

export const CreateImportBodySchema = z.strictObject({
  fileName: z.string().trim().min(1).max(200),
  /** The file's first (or only) part, base64. */
  data: base64,
  /** False when more parts follow (POST …/parts). */
  complete: z.boolean().default(true),
});
export type CreateImportBody = z.input<typeof CreateImportBodySchema>;

export const ImportPartBodySchema = z.strictObject({
  /** 1 for the second part, 2 for the third… */
  index: z.number().int().min(1).max(10_000),
  data: base64,
  complete: z.boolean(),
});
export type ImportPartBody = z.input<typeof ImportPartBodySchema>;

export const AnalyzeImportBodySchema = z.strictObject({
  sheet: z.string().max(200).optional(),
  /** 1-based row of the header, when detection chose the wrong one. */
  headerRow: z.number().int().min(1).max(1000).optional(),
});

export const IMPORT_STATUSES = [
  'uploading',
  'uploaded',
  'queued',
  'running',
  'completed',
  'failed',
  'undone',
] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const ImportDetectionSchema = z.object({
  preset: z.string().nullable(),
  kind: z.enum(IMPORT_KINDS).nullable(),
  /** Suggested field per column; null where nothing fits. */
  columns: z.array(z.string().nullable()),
  /** The first data rows as text, for the mapping step. */
  sample: z.array(z.array(z.string())),
});
export type ImportDetection = z.infer<typeof ImportDetectionSchema>;

export const MetricImportSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  size: z.number(),
  status: z.enum(IMPORT_STATUSES),
  kind: z.enum(IMPORT_KINDS).nullable(),
  preset: z.string().nullable(),
  channelId: z.string().nullable(),
  sheet: z.string().nullable(),
  sheets: z.array(z.string()),
  headerRow: z.number().nullable(),
  headers: z.array(z.string()),
  detected: ImportDetectionSchema.nullable(),
  columns: z.array(z.string().nullable()).nullable(),
  asOf: isoDate.nullable(),
  unknownPosts: z.enum(['create', 'report']).nullable(),
  currency: z.string().nullable(),
  rowsTotal: z.number(),
  rowsDone: z.number(),
  rowsImported: z.number(),
  rowsFailed: z.number(),
  rowsSkipped: z.number(),
  postsMatched: z.number(),
  postsCreated: z.number(),
  error: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: isoDate,
  startedAt: isoDate.nullable(),
  finishedAt: isoDate.nullable(),
  undoneAt: isoDate.nullable(),
});
export type MetricImport = z.infer<typeof MetricImportSchema>;
export const MetricImportListSchema = z.object({ items: z.array(MetricImportSchema) });

export const ImportParamsSchema = z.strictObject({ workspaceId: IdSchema, importId: IdSchema });

export const ImportIssueSchema = z.object({
  line: z.number(),
  field: z.string().nullable(),
  value: z.string().nullable(),
  reason: z.string(),
});
export type ImportIssue = z.infer<typeof ImportIssueSchema>;
export const ImportIssuePageSchema = z.object({
  items: z.array(ImportIssueSchema),
  nextCursor: z.string().nullable(),
});
export type ImportIssuePage = z.infer<typeof ImportIssuePageSchema>;
export const ImportIssueQuerySchema = z.strictObject({
  cursor: z
    .string()
    .regex(/^\d{1,9}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const ImportPreviewSchema = z.object({
  rows: z.array(
    z.object({
      line: z.number(),
      values: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
      /** For post rows: whether it names a post OpsLoop knows, or would create one. */
      post: z.enum(['matched', 'new']).nullable(),
      error: z.string().nullable(),
    }),
  ),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

// ── backfill ──────────────────────────────────────────────────────────────────
export const BackfillSchema = z.object({
  channelId: z.string(),
  status: z.enum(['queued', 'running', 'completed', 'failed']),
  requestedAt: isoDate,
  startedAt: isoDate.nullable(),
  finishedAt: isoDate.nullable(),
  postsFound: z.number(),
  postsCreated: z.number(),
  snapshots: z.number(),
  followerDays: z.number(),
  error: z.string().nullable(),
});
export type Backfill = z.infer<typeof BackfillSchema>;
export const BackfillListSchema = z.object({ items: z.array(BackfillSchema) });

// ── KPI report ────────────────────────────────────────────────────────────────
export const KpiQuerySchema = z.strictObject({
  /** First day of the period (workspace time zone); default 29 days before `to`. */
  from: DaySchema.optional(),
  /** Last day of the period, included; default today. */
  to: DaySchema.optional(),
  channelId: IdSchema.optional(),
});
export type KpiQuery = z.input<typeof KpiQuerySchema>;

const kpiValues = z.record(z.enum(KPI_IDS), z.number().nullable()) as z.ZodType<
  Record<KpiId, number | null>
>;
const rawSums = z.record(z.enum(RAW_KEYS), z.number().nullable());
const periodReport = z.object({
  from: z.string(),
  to: z.string(),
  values: kpiValues,
  raw: rawSums,
  acquisition: z.array(
    z.object({ source: z.enum(FOLLOW_SOURCES), follows: z.number(), share: z.number() }),
  ),
});

export const KpiReportSchema = z.object({
  timezone: z.string(),
  channelId: z.string().nullable(),
  /** Currency of revenue and cost; null when the period mixes currencies (then they are left out). */
  currency: z.string().nullable(),
  mixedCurrencies: z.array(z.string()),
  current: periodReport,
  previous: periodReport,
  /** Whether response times come from the inbox in this installation. */
  inbox: z.boolean(),
});
export type KpiReport = z.infer<typeof KpiReportSchema>;
export type KpiPeriodReport = z.infer<typeof periodReport>;
