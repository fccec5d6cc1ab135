import type { Selectable } from 'kysely';

/**
 * Kysely table types of inbox routing, SLA, canned replies and CSAT. The lead merges them into
 * `Database`. Timestamps are epoch milliseconds, booleans 0/1 integers, lists JSON text.
 */
export interface RoutingTables {
  routing_rule: RoutingRuleTable;
  routing_run: RoutingRunTable;
  routing_team: RoutingTeamTable;
  routing_team_member: RoutingTeamMemberTable;
  routing_agent: RoutingAgentTable;
  business_hours: BusinessHoursTable;
  sla_policy: SlaPolicyTable;
  sla_timer: SlaTimerTable;
  canned_category: CannedCategoryTable;
  canned_reply: CannedReplyTable;
  canned_reply_use: CannedReplyUseTable;
  csat_settings: CsatSettingsTable;
  csat_survey: CsatSurveyTable;
}

export interface RoutingRuleTable {
  workspace_id: string;
  id: string;
  name: string;
  position: number;
  enabled: number;
  stop_processing: number;
  /** RuleConditions */
  conditions_json: string;
  /** RuleAction[] */
  actions_json: string;
  fired_count: number;
  last_fired_at: number | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

/** The one evaluation of one inbound message. */
export interface RoutingRunTable {
  workspace_id: string;
  message_id: string;
  conversation_id: string;
  /** string[] */
  fired_rule_ids: string;
  /** RoutingPlan */
  plan_json: string;
  /** string[]: what was done or skipped, in words */
  outcomes_json: string;
  /** The canned reply sent automatically, if any (to send one at most once a day per thread). */
  auto_reply_id: string | null;
  created_at: number;
}

export interface RoutingTeamTable {
  workspace_id: string;
  id: string;
  name: string;
  description: string;
  lead_user_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface RoutingTeamMemberTable {
  workspace_id: string;
  team_id: string;
  user_id: string;
  /** agent | expert */
  tier: string;
  /** When round robin last gave this member a conversation of this team. */
  last_assigned_at: number | null;
  created_at: number;
}

/** A person's availability and capacity in one workspace, across all their teams. */
export interface RoutingAgentTable {
  workspace_id: string;
  user_id: string;
  /** online | away | offline */
  availability: string;
  capacity: number;
  updated_at: number;
}

export interface BusinessHoursTable {
  workspace_id: string;
  id: string;
  name: string;
  timezone: string | null;
  /** BusinessInterval[] */
  intervals_json: string;
  /** string[] of YYYY-MM-DD */
  holidays_json: string;
  created_at: number;
  updated_at: number;
}

export interface SlaPolicyTable {
  workspace_id: string;
  id: string;
  name: string;
  position: number;
  enabled: number;
  /** Priority[] or null for any */
  priorities_json: string | null;
  /** string[] or null for any */
  channel_ids_json: string | null;
  first_response_minutes: number | null;
  next_response_minutes: number | null;
  resolution_minutes: number | null;
  business_hours_id: string | null;
  /** next_tier | lead */
  escalation: string;
  created_at: number;
  updated_at: number;
}

export interface SlaTimerTable {
  workspace_id: string;
  id: string;
  conversation_id: string;
  policy_id: string;
  /** first_response | next_response | resolution */
  kind: string;
  /** running | met | breached | canceled */
  status: string;
  started_at: number;
  due_at: number;
  completed_at: number | null;
  breached_at: number | null;
  escalated_at: number | null;
  /** Who had the conversation when the timer ended (for per-agent reports). */
  assignee_id: string | null;
  team_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface CannedCategoryTable {
  workspace_id: string;
  id: string;
  name: string;
  position: number;
  created_at: number;
  updated_at: number;
}

export interface CannedReplyTable {
  workspace_id: string;
  id: string;
  category_id: string | null;
  title: string;
  shortcut: string | null;
  /** string[] */
  intents_json: string;
  body_zh: string | null;
  body_en: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface CannedReplyUseTable {
  workspace_id: string;
  id: string;
  reply_id: string;
  conversation_id: string | null;
  /** zh | en */
  language: string;
  used_by: string | null;
  used_at: number;
  /** When the conversation was resolved after this use. */
  resolved_at: number | null;
}

export interface CsatSettingsTable {
  workspace_id: string;
  enabled: number;
  dm_only: number;
  cooldown_days: number;
  expires_hours: number;
  message_zh: string;
  message_en: string;
  updated_at: number;
}

export interface CsatSurveyTable {
  workspace_id: string;
  id: string;
  conversation_id: string;
  contact_id: string | null;
  resolved_at: number;
  assignee_id: string | null;
  team_id: string | null;
  /** zh | en */
  language: string;
  token_hash: string;
  /** sent | answered | expired | failed */
  status: string;
  score: number | null;
  comment: string | null;
  sent_at: number;
  responded_at: number | null;
  expires_at: number;
}

export type RoutingRuleRow = Selectable<RoutingRuleTable>;
export type RoutingRunRow = Selectable<RoutingRunTable>;
export type RoutingTeamRow = Selectable<RoutingTeamTable>;
export type RoutingTeamMemberRow = Selectable<RoutingTeamMemberTable>;
export type RoutingAgentRow = Selectable<RoutingAgentTable>;
export type BusinessHoursRow = Selectable<BusinessHoursTable>;
export type SlaPolicyRow = Selectable<SlaPolicyTable>;
export type SlaTimerRow = Selectable<SlaTimerTable>;
export type CannedCategoryRow = Selectable<CannedCategoryTable>;
export type CannedReplyRow = Selectable<CannedReplyTable>;
export type CannedReplyUseRow = Selectable<CannedReplyUseTable>;
export type CsatSettingsRow = Selectable<CsatSettingsTable>;
export type CsatSurveyRow = Selectable<CsatSurveyTable>;
