import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { SandboxTables } from '../connectors/sandbox/sandbox.tables.ts';
import type { AnalyticsTables } from '../modules/analytics/index.ts';
import type { ContentTables } from '../modules/content/index.ts';
import type { FeedbackTables } from '../modules/feedback/index.ts';
import type { InboxTables } from '../modules/inbox/index.ts';
import type { MediaTables } from '../modules/media/index.ts';
import type { ModerationTables } from '../modules/moderation/index.ts';
import type { RoutingTables } from '../modules/routing/index.ts';

/**
 * Table types for Kysely. Timestamps are integer epoch milliseconds (bigint in PostgreSQL),
 * JSON is stored as text so one set of SQL serves SQLite and PostgreSQL alike.
 */
export interface Database
  extends
    SandboxTables,
    ContentTables,
    MediaTables,
    InboxTables,
    AnalyticsTables,
    FeedbackTables,
    RoutingTables,
    ModerationTables {
  user_account: UserTable;
  session: SessionTable;
  workspace: WorkspaceTable;
  membership: MembershipTable;
  invitation: InvitationTable;
  api_token: ApiTokenTable;
  audit_event: AuditEventTable;
  rate_limit: RateLimitTable;
  job: JobTable;
  channel: ChannelTable;
  publishing_settings: PublishingSettingsTable;
  post: PostTable;
  post_target: PostTargetTable;
  post_review: PostReviewTable;
  notification: NotificationTable;
  metric_snapshot: MetricSnapshotTable;
}

export interface UserTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  locale: string | null;
  created_at: number;
  updated_at: number;
}

export interface SessionTable {
  /** sha256 of the cookie value; the raw value never touches the database. */
  id: string;
  user_id: string;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: number;
  expires_at: number;
}

export interface WorkspaceTable {
  id: string;
  name: string;
  timezone: string;
  created_by: string;
  created_at: number;
  updated_at: number;
}

export interface MembershipTable {
  workspace_id: string;
  user_id: string;
  role: string;
  /** JSON array of channel ids the member is narrowed to; null means every channel. */
  channel_ids: string | null;
  created_at: number;
  updated_at: number;
}

export interface InvitationTable {
  workspace_id: string;
  id: string;
  token_hash: string;
  role: string;
  email: string | null;
  created_by: string;
  created_at: number;
  expires_at: number;
  accepted_by: string | null;
  accepted_at: number | null;
  revoked_at: number | null;
}

export interface ApiTokenTable {
  workspace_id: string;
  id: string;
  name: string;
  token_hash: string;
  /** The first characters of the token, shown in lists so people can tell tokens apart. */
  prefix: string;
  role: string;
  created_by: string;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface AuditEventTable {
  workspace_id: string;
  id: string;
  actor_user_id: string | null;
  actor_token_id: string | null;
  actor_label: string;
  action: string;
  target_type: string;
  target_id: string | null;
  before_json: string | null;
  after_json: string | null;
  ip: string | null;
  request_id: string | null;
  created_at: number;
}

export interface RateLimitTable {
  key: string;
  window_start: number;
  hits: number;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'dead';

export interface JobTable {
  id: string;
  workspace_id: string | null;
  name: string;
  payload_json: string;
  status: ColumnType<JobStatus, JobStatus, JobStatus>;
  /** Unique when set: cron fires and idempotent enqueues use it so a job exists once. */
  dedupe_key: string | null;
  priority: Generated<number>;
  attempts: Generated<number>;
  max_attempts: number;
  run_at: number;
  locked_by: string | null;
  locked_until: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

export interface ChannelTable {
  workspace_id: string;
  id: string;
  /** Which driver talks to it: sandbox, bluesky, webhook or assisted. */
  platform: string;
  /** The platform it stands for (weibo, wechat, douyin, xiaohongshu, bluesky…). */
  style: string;
  name: string;
  handle: string;
  timezone: string;
  color: string;
  config_json: string;
  /** AES-256-GCM sealed JSON; never leaves the server. */
  credentials_sealed: string | null;
  external_account_id: string | null;
  status: string;
  status_detail: string | null;
  cadence_json: string | null;
  last_checked_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface PublishingSettingsTable {
  workspace_id: string;
  approval_steps_json: string;
  allow_self_approval: number;
  updated_at: number;
}

export interface PostTable {
  workspace_id: string;
  id: string;
  title: string | null;
  body: string;
  topics_json: string;
  status: string;
  /** Index of the approval step the post waits on while in review. */
  approval_step: number;
  scheduled_at: number | null;
  created_by: string;
  created_at: number;
  updated_at: number;
}

export interface PostTargetTable {
  workspace_id: string;
  id: string;
  post_id: string;
  channel_id: string;
  title: string | null;
  text: string;
  status: string;
  scheduled_at: number | null;
  idempotency_key: string;
  external_id: string | null;
  url: string | null;
  published_at: number | null;
  attempts: number;
  last_error: string | null;
  error_action: string | null;
  updated_at: number;
}

export interface PostReviewTable {
  workspace_id: string;
  id: string;
  post_id: string;
  user_id: string;
  /** comment, approve or request_changes */
  kind: string;
  step: number | null;
  body: string | null;
  created_at: number;
}

export interface NotificationTable {
  workspace_id: string;
  id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  dedupe_key: string | null;
  read_at: number | null;
  created_at: number;
}

export interface MetricSnapshotTable {
  workspace_id: string;
  target_id: string;
  observed_at: number;
  channel_id: string;
  impressions: number | null;
  reach: number | null;
  likes: number;
  comments: number;
  shares: number;
  saves: number | null;
  clicks: number | null;
  /** Plays or reads (播放量, 阅读次数), apart from impressions (曝光). */
  views: number | null;
  /** Followers gained from the post (涨粉), when the platform reports it. */
  follows: number | null;
  conversions: number | null;
  /** Integer minor units of `currency`. */
  revenue: number | null;
  currency: string | null;
  /** collect | backfill | api | import */
  source: Generated<string>;
  /** The import that wrote the row; undoing it removes or restores exactly these rows. */
  import_id: string | null;
}

export type UserRow = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type NewSession = Insertable<SessionTable>;
export type WorkspaceRow = Selectable<WorkspaceTable>;
export type MembershipRow = Selectable<MembershipTable>;
export type InvitationRow = Selectable<InvitationTable>;
export type ApiTokenRow = Selectable<ApiTokenTable>;
export type AuditEventRow = Selectable<AuditEventTable>;
export type JobRow = Selectable<JobTable>;
export type NewJob = Insertable<JobTable>;
export type JobUpdate = Updateable<JobTable>;
export type ChannelRow = Selectable<ChannelTable>;
export type PostRow = Selectable<PostTable>;
export type PostTargetRow = Selectable<PostTargetTable>;
export type PostReviewRow = Selectable<PostReviewTable>;
export type NotificationRow = Selectable<NotificationTable>;
export type MetricSnapshotRow = Selectable<MetricSnapshotTable>;
