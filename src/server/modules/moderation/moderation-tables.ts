import type { Selectable } from 'kysely';

/**
 * Kysely table types of moderation, merged into `Database`. Timestamps are epoch milliseconds,
 * booleans 0/1 integers, JSON stored as text.
 */
export interface ModerationTables {
  moderation_list: ModerationListTable;
  moderation_word: ModerationWordTable;
  moderation_state: ModerationStateTable;
  moderation_review: ModerationReviewTable;
}

export interface ModerationListTable {
  workspace_id: string;
  id: string;
  name: string;
  description: string;
  /** abuse | politics | competitor | spam | custom | allow */
  category: string;
  /** low | medium | high | critical */
  severity: string;
  /** flag | hide | escalate */
  action: string;
  enabled: number;
  created_at: number;
  updated_at: number;
}

export interface ModerationWordTable {
  workspace_id: string;
  id: string;
  list_id: string;
  word: string;
  /** The match form; unique per list. */
  folded: string;
  created_at: number;
}

export interface ModerationStateTable {
  workspace_id: string;
  /** Bumped with every list or word change. */
  version: number;
  updated_at: number;
}

export interface ModerationReviewTable {
  workspace_id: string;
  id: string;
  /** message */
  subject_kind: string;
  subject_id: string;
  channel_id: string | null;
  text: string;
  /** ModerationMatch[] as JSON. */
  matches_json: string;
  /** flag | hide | escalate: what the lists asked for. */
  action: string;
  severity: string;
  /** open | escalated | dismissed | hidden */
  status: string;
  note: string | null;
  decided_by_user_id: string | null;
  decided_by_label: string | null;
  decided_at: number | null;
  created_at: number;
  updated_at: number;
}

export type ModerationListRow = Selectable<ModerationListTable>;
export type ModerationWordRow = Selectable<ModerationWordTable>;
export type ModerationReviewRow = Selectable<ModerationReviewTable>;
