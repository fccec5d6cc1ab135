import type { Selectable } from 'kysely';

/**
 * Kysely table types of the content library. The lead merges them into `Database`
 * (`interface Database extends SandboxTables, ContentTables`). Timestamps are epoch
 * milliseconds, booleans are 0/1 integers, as everywhere else.
 */
export interface ContentTables {
  topic: TopicTable;
  series: SeriesTable;
  content_item: ContentItemTable;
  content_pool_quota: ContentPoolQuotaTable;
  content_item_post: ContentItemPostTable;
}

/** A pillar (parent_id null) or a sub-topic of one; one level deep. */
export interface TopicTable {
  workspace_id: string;
  id: string;
  parent_id: string | null;
  name: string;
  /** novice | advanced | expert */
  tier: string;
  color: string | null;
  created_at: number;
  updated_at: number;
}

export interface SeriesTable {
  workspace_id: string;
  id: string;
  name: string;
  description: string;
  topic_id: string | null;
  /** `{ period: 'week' | 'month', count }`: episodes the series promises per period. */
  cadence_json: string | null;
  /** Archived series keep their items but take no new ones. */
  archived_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface ContentItemTable {
  workspace_id: string;
  id: string;
  title: string;
  body: string;
  kind: string;
  /** idea | draft | ready | used */
  stage: string;
  /** hit | regular | reserve */
  pool: string;
  topic_id: string | null;
  series_id: string | null;
  /** 1 while in the hot-topic fast lane. */
  hot: number;
  hot_deadline: number | null;
  used_at: number | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

/** A workspace's own quota for one pool; absent pools use the defaults. */
export interface ContentPoolQuotaTable {
  workspace_id: string;
  pool: string;
  weekly_min: number | null;
  weekly_max: number | null;
  min_stock: number | null;
  updated_at: number;
}

/** A post written from a content item (one item, any number of posts). */
export interface ContentItemPostTable {
  workspace_id: string;
  post_id: string;
  item_id: string;
  created_by: string | null;
  created_at: number;
}

export type TopicRow = Selectable<TopicTable>;
export type SeriesRow = Selectable<SeriesTable>;
export type ContentItemRow = Selectable<ContentItemTable>;
export type ContentPoolQuotaRow = Selectable<ContentPoolQuotaTable>;
export type ContentItemPostRow = Selectable<ContentItemPostTable>;
