/**
 * Kysely table types of the sandbox network. The lead merges them into `Database`
 * (`interface Database extends SandboxTables`); until then `sandbox.repo.ts` widens the handle.
 * Timestamps are epoch milliseconds, JSON is text, as everywhere else.
 */
export interface SandboxTables {
  sandbox_account: SandboxAccountTable;
  sandbox_post: SandboxPostTable;
  sandbox_publish_call: SandboxPublishCallTable;
  sandbox_reply: SandboxReplyTable;
  sandbox_hidden_comment: SandboxHiddenCommentTable;
}

/** One simulated account; its whole audience model is frozen in `model_json` at creation. */
export interface SandboxAccountTable {
  workspace_id: string;
  id: string;
  platform_style: string;
  handle: string;
  display_name: string;
  time_zone: string;
  seed: number;
  /** `SandboxAudienceModel` as JSON. */
  model_json: string;
  /** `SandboxFailureKnobs` as JSON; kept apart so tests can change them without touching truth. */
  failures_json: string;
  /** Earliest time inbound messages (DMs) exist; moved back when history is generated. */
  messages_since: number;
  created_at: number;
  updated_at: number;
}

export interface SandboxPostTable {
  workspace_id: string;
  account_id: string;
  /** The external id OpsLoop sees. */
  id: string;
  /** Publish requests carry one; history posts get a synthetic `history:` key. */
  idempotency_key: string;
  origin: 'publish' | 'history';
  text: string;
  title: string | null;
  /** JSON array of normalized topic keys. */
  topics_json: string;
  /** JSON array of `{kind, mimeType, bytes}`. */
  media_json: string;
  published_at: number;
  created_at: number;
}

/** Every publish call the sandbox received, whatever its outcome: the crash test's ledger. */
export interface SandboxPublishCallTable {
  workspace_id: string;
  id: string;
  account_id: string;
  idempotency_key: string;
  /** How many calls with this key came before this one. */
  attempt: number;
  outcome: SandboxPublishOutcome;
  post_id: string | null;
  called_at: number;
}

export type SandboxPublishOutcome =
  'created' | 'existing' | 'retryable' | 'unknown_outcome' | 'rejected' | 'auth';

export interface SandboxReplyTable {
  workspace_id: string;
  id: string;
  account_id: string;
  idempotency_key: string;
  to_external_id: string;
  to_kind: string;
  text: string;
  created_at: number;
}

/** Comments the account hid (still readable by the account, no longer shown to the public). */
export interface SandboxHiddenCommentTable {
  workspace_id: string;
  account_id: string;
  external_id: string;
  hidden_at: number;
}
