import type { Selectable } from 'kysely';

/**
 * Kysely table types of feedback, merged into `Database`. Timestamps are epoch milliseconds,
 * booleans 0/1 integers, as everywhere else.
 */
export interface FeedbackTables {
  feedback_settings: FeedbackSettingsTable;
  feedback_category: FeedbackCategoryTable;
  feedback_department: FeedbackDepartmentTable;
  feedback_form: FeedbackFormTable;
  feedback_cluster: FeedbackClusterTable;
  feedback_ticket: FeedbackTicketTable;
  feedback_lsh: FeedbackLshTable;
  feedback_event: FeedbackEventTable;
}

export interface FeedbackSettingsTable {
  workspace_id: string;
  /** Similarity (‰) at which a new ticket joins an existing cluster. */
  similarity_permille: number;
  board_enabled: number;
  board_slug: string | null;
  board_title: string;
  board_intro: string;
  updated_at: number;
}

export interface FeedbackCategoryTable {
  workspace_id: string;
  id: string;
  name: string;
  position: number;
  created_at: number;
  updated_at: number;
}

export interface FeedbackDepartmentTable {
  workspace_id: string;
  id: string;
  name: string;
  position: number;
  /** Hours a ticket assigned here has before it is overdue; null for no default deadline. */
  sla_hours: number | null;
  default_owner_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface FeedbackFormTable {
  workspace_id: string;
  id: string;
  slug: string;
  title: string;
  intro: string;
  enabled: number;
  ask_contact: number;
  default_category_id: string | null;
  created_at: number;
  updated_at: number;
}

/** A group of near-duplicate tickets; the counts are kept in step with its tickets. */
export interface FeedbackClusterTable {
  workspace_id: string;
  id: string;
  title: string;
  ticket_count: number;
  /** Distinct people (raiser keys) among its tickets. */
  people_count: number;
  max_followers: number;
  has_vip: number;
  /** Impact (1–5) worked out from the counts above. */
  impact: number;
  created_at: number;
  updated_at: number;
}

export interface FeedbackTicketTable {
  workspace_id: string;
  id: string;
  /** message | form | import | manual */
  source: string;
  status: string;
  text: string;
  contact_name: string | null;
  contact_email: string | null;
  contact_handle: string | null;
  channel_id: string | null;
  message_id: string | null;
  conversation_id: string | null;
  form_id: string | null;
  import_id: string | null;
  /** Who raised it, for counting distinct people: channel + handle, e-mail, or the ticket. */
  raiser_key: string;
  raiser_followers: number | null;
  raiser_vip: number;
  cluster_id: string;
  /** MinHash signature, base64. */
  signature: string;
  /** 1 when its LSH buckets are stored (near-identical copies are not indexed). */
  indexed: number;
  category_id: string | null;
  department_id: string | null;
  owner_id: string | null;
  deadline: number | null;
  urgency: number;
  cost: number;
  impact_override: number | null;
  resolution: string | null;
  public_title: string | null;
  on_board: number;
  /** none | to_notify | notified | pending | confirmed */
  follow_up_state: string;
  follow_up_outcome: string | null;
  follow_up_note: string | null;
  notified_at: number | null;
  notify_error: string | null;
  follow_up_at: number | null;
  follow_up_by: string | null;
  /** resolved | adopted | declined: the last outcome, kept when the ticket is closed. */
  outcome: string | null;
  /** When it reached that outcome. */
  outcome_at: number | null;
  closed_at: number | null;
  created_by: string | null;
  /** When the feedback was given (an import may carry an earlier time). */
  created_at: number;
  updated_at: number;
}

export interface FeedbackLshTable {
  workspace_id: string;
  band_key: number;
  ticket_id: string;
}

export interface FeedbackEventTable {
  workspace_id: string;
  id: string;
  ticket_id: string;
  kind: string;
  detail_json: string;
  actor_user_id: string | null;
  actor_label: string;
  created_at: number;
}

export type FeedbackSettingsRow = Selectable<FeedbackSettingsTable>;
export type FeedbackCategoryRow = Selectable<FeedbackCategoryTable>;
export type FeedbackDepartmentRow = Selectable<FeedbackDepartmentTable>;
export type FeedbackFormRow = Selectable<FeedbackFormTable>;
export type FeedbackClusterRow = Selectable<FeedbackClusterTable>;
export type FeedbackTicketRow = Selectable<FeedbackTicketTable>;
export type FeedbackEventRow = Selectable<FeedbackEventTable>;
