import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * Kysely table types of analytics beyond `metric_snapshot` (typed in db/schema.ts, which this
 * module extends). Timestamps are epoch milliseconds, days are `YYYY-MM-DD` calendar dates as
 * the platform reports them, counts are integers and money is integer minor units.
 */
export interface AnalyticsTables {
  channel_metric_daily: ChannelMetricDailyTable;
  metric_import: MetricImportTable;
  metric_import_part: MetricImportPartTable;
  metric_import_issue: MetricImportIssueTable;
  metric_import_prior: MetricImportPriorTable;
  metric_import_post: MetricImportPostTable;
  metric_backfill: MetricBackfillTable;
}

/**
 * One channel-level number for one day: followers at the day's end, follows, unfollows, active
 * members, account-wide counts from platform exports. `dimension` splits a metric (follows by
 * source, revenue by currency); '' when it is not split.
 */
export interface ChannelMetricDailyTable {
  workspace_id: string;
  channel_id: string;
  day: string;
  metric: string;
  dimension: Generated<string>;
  value: number;
  /** collect | backfill | api | import */
  source: string;
  import_id: string | null;
  updated_at: number;
}

/** A platform export being imported: the file, how its columns map, progress and outcome. */
export interface MetricImportTable {
  workspace_id: string;
  id: string;
  file_name: string;
  /** csv | xlsx */
  format: string;
  size: number;
  /** uploading | uploaded | queued | running | completed | failed | undone */
  status: string;
  /** posts | channel_daily, once chosen */
  kind: string | null;
  preset: string | null;
  channel_id: string | null;
  sheet: string | null;
  header_row: number | null;
  headers_json: string;
  sheets_json: string;
  /** What the upload looked like: suggested preset, kind, column mapping and sample rows. */
  detected_json: string | null;
  /** JSON array aligned with the headers: the field each column fills, or null. */
  mapping_json: string | null;
  options_json: string | null;
  rows_total: number;
  rows_done: number;
  rows_imported: number;
  rows_failed: number;
  rows_skipped: number;
  posts_matched: number;
  posts_created: number;
  error: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  started_at: number | null;
  finished_at: number | null;
  undone_at: number | null;
  undone_by: string | null;
}

/** The uploaded file in base64 parts (uploads arrive in pieces under the request size limit). */
export interface MetricImportPartTable {
  workspace_id: string;
  import_id: string;
  part: number;
  data: string;
}

/** A bad row of an import: its line in the file and what is wrong with it. */
export interface MetricImportIssueTable {
  workspace_id: string;
  import_id: string;
  line: number;
  field: string | null;
  value: string | null;
  reason: string;
}

/**
 * The value a row held before an import overwrote it, so undoing the import restores it.
 * `row_key` names the row: `s|<target>|<observed_at>` or `d|<channel>|<day>|<metric>|<dimension>`.
 */
export interface MetricImportPriorTable {
  workspace_id: string;
  import_id: string;
  row_key: string;
  /** The import that had written the prior value, if any: undo must go newest first. */
  prior_import_id: string | null;
  prior_json: string;
}

/** A post an import created because OpsLoop did not know it; undo removes it again. */
export interface MetricImportPostTable {
  workspace_id: string;
  import_id: string;
  target_id: string;
  post_id: string;
}

/** Whether a channel's history has been fetched, and what the last run found. */
export interface MetricBackfillTable {
  workspace_id: string;
  channel_id: string;
  /** queued | running | completed | failed */
  status: string;
  requested_at: number;
  started_at: number | null;
  finished_at: number | null;
  posts_found: number;
  posts_created: number;
  snapshots: number;
  follower_days: number;
  error: string | null;
}

export type ChannelMetricDailyRow = Selectable<ChannelMetricDailyTable>;
export type NewChannelMetricDaily = Insertable<ChannelMetricDailyTable>;
export type MetricImportRow = Selectable<MetricImportTable>;
export type MetricImportIssueRow = Selectable<MetricImportIssueTable>;
export type MetricBackfillRow = Selectable<MetricBackfillTable>;
