import { z } from 'zod';
import { IdSchema } from './api.ts';

/**
 * API shapes of inbox routing (多层级响应: automatic reply / agent / expert), teams and
 * round-robin assignment, SLA policies with business hours, the canned-reply library (话术库)
 * and customer-satisfaction surveys (CSAT). Request bodies are strict: unknown fields are
 * rejected. Also the pure helpers the web app shares with the server (template variables).
 */

const isoDate = z.iso.datetime();
const name = z.string().trim().min(1).max(100);
/** Short machine words: intents, message kinds, languages, tags. */
const word = z.string().trim().min(1).max(60);

export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
/** The people tiers of 多层级响应; the automatic tier is a rule's auto-reply. */
export const TEAM_TIERS = ['agent', 'expert'] as const;
export type TeamTier = (typeof TEAM_TIERS)[number];
/** Where a routed message ended up: answered automatically, or with an agent, expert or lead. */
export const ROUTING_TIERS = ['auto', 'agent', 'expert', 'lead'] as const;
export type RoutingTier = (typeof ROUTING_TIERS)[number];
export const AVAILABILITIES = ['online', 'away', 'offline'] as const;
export type Availability = (typeof AVAILABILITIES)[number];
export const REPLY_LANGUAGES = ['zh', 'en'] as const;
export type ReplyLanguage = (typeof REPLY_LANGUAGES)[number];
export const SLA_KINDS = ['first_response', 'next_response', 'resolution'] as const;
export type SlaKind = (typeof SLA_KINDS)[number];
export const TIMER_STATUSES = ['running', 'met', 'breached', 'canceled'] as const;
export type TimerStatus = (typeof TIMER_STATUSES)[number];
export const SLA_ESCALATIONS = ['next_tier', 'lead'] as const;
export type SlaEscalation = (typeof SLA_ESCALATIONS)[number];
/** Condition names, in the order the rule editor and the dry run list them. */
export const RULE_CONDITIONS = [
  'channel',
  'kind',
  'intent',
  'sentiment',
  'keywords',
  'contactTags',
  'followers',
  'schedule',
  'businessHours',
  'language',
] as const;
export type RuleConditionName = (typeof RULE_CONDITIONS)[number];

/** Folds a language tag to the library's languages: `zh-CN`, `zh-TW` → zh; `en-US` → en. */
export function replyLanguageOf(language: string | null | undefined): ReplyLanguage | null {
  const primary = (language ?? '').toLowerCase().split(/[-_]/)[0];
  return primary === 'zh' || primary === 'en' ? primary : null;
}

// ── template variables ──────────────────────────────────────────────────────────

/** `{name}`, `{order_id}`: a letter or underscore, then letters, digits and underscores. */
const VARIABLE = /\{([a-z_][a-z0-9_]{0,39})\}/gi;

/**
 * Variables OpsLoop fills from the conversation: the contact's name and handle, the agent's
 * name, the workspace's name. Any other variable (`{order_id}`) is typed by the agent.
 */
export const CONTEXT_VARIABLES = ['name', 'handle', 'agent_name', 'workspace_name'] as const;

/** Variables a template uses, each once, in order of first use. */
export function extractVariables(template: string): string[] {
  const seen = new Set<string>();
  for (const match of template.matchAll(VARIABLE)) seen.add(match[1]!.toLowerCase());
  return [...seen];
}

export interface RenderedTemplate {
  text: string;
  /** Variables the template uses. */
  variables: string[];
  /** Variables with no value: left as `{variable}` in the text for the agent to fill. */
  missing: string[];
  /** Values given for variables the template does not use (likely a typo in either). */
  unused: string[];
}

/**
 * Fills `{variable}` placeholders. Variables without a (non-blank) value stay in the text and
 * are reported, so nothing half-filled goes out unnoticed.
 */
export function renderTemplate(
  template: string,
  values: Readonly<Record<string, string | null | undefined>>,
): RenderedTemplate {
  const lower = new Map(Object.entries(values).map(([key, value]) => [key.toLowerCase(), value]));
  const variables = extractVariables(template);
  const missing = new Set<string>();
  const text = template.replace(VARIABLE, (whole, variable: string) => {
    const value = lower.get(variable.toLowerCase());
    if (value === undefined || value === null || value.trim() === '') {
      missing.add(variable.toLowerCase());
      return whole;
    }
    return value;
  });
  const used = new Set(variables);
  return {
    text,
    variables,
    missing: [...missing],
    unused: [...lower.keys()].filter(
      (key) => !used.has(key) && !(CONTEXT_VARIABLES as readonly string[]).includes(key),
    ),
  };
}

// ── rules ───────────────────────────────────────────────────────────────────────
const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time like 09:30 (24:00 ends the day)');
const wordList = z.array(word).max(200);

export const RuleConditionsSchema = z.strictObject({
  channelIds: z.array(IdSchema).max(100).optional(),
  /** Message kinds as the inbox names them: comment, dm, mention… */
  kinds: z.array(word).max(20).optional(),
  intents: z.array(word).max(50).optional(),
  sentiments: z.array(z.enum(SENTIMENTS)).max(3).optional(),
  /** Matched on normalised text: case, width, traditional/simplified and separators fold. */
  keywords: z
    .strictObject({
      any: wordList.optional(),
      all: wordList.optional(),
      none: wordList.optional(),
    })
    .optional(),
  contactTags: z.strictObject({ any: wordList.optional(), none: wordList.optional() }).optional(),
  followers: z
    .strictObject({
      min: z.int().min(0).optional(),
      max: z.int().min(0).optional(),
    })
    .optional(),
  /** Weekdays 1 (Monday) … 7 (Sunday) and a window in the workspace time zone; from > to wraps midnight. */
  schedule: z
    .strictObject({
      weekdays: z.array(z.int().min(1).max(7)).max(7).optional(),
      from: hhmm.optional(),
      to: hhmm.optional(),
    })
    .optional(),
  /** Inside or outside a set of business hours (e.g. auto-reply out of hours). */
  businessHours: z
    .strictObject({ businessHoursId: IdSchema, state: z.enum(['inside', 'outside']) })
    .optional(),
  /** Language tags; `zh` also matches zh-CN and zh-TW. */
  languages: z.array(word).max(20).optional(),
});
export type RuleConditions = z.infer<typeof RuleConditionsSchema>;

export const RuleActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('auto_reply'), cannedReplyId: IdSchema }),
  z.strictObject({ type: z.literal('assign_team'), teamId: IdSchema }),
  z.strictObject({ type: z.literal('assign_user'), userId: IdSchema }),
  z.strictObject({ type: z.literal('add_tags'), tags: z.array(word).min(1).max(20) }),
  z.strictObject({ type: z.literal('set_priority'), priority: z.enum(PRIORITIES) }),
  z.strictObject({ type: z.literal('escalate'), tier: z.enum(['expert', 'lead']) }),
  z.strictObject({ type: z.literal('hide') }),
]);
export type RuleAction = z.infer<typeof RuleActionSchema>;
export type RuleActionType = RuleAction['type'];
export const RULE_ACTION_TYPES = [
  'auto_reply',
  'assign_team',
  'assign_user',
  'add_tags',
  'set_priority',
  'escalate',
  'hide',
] as const satisfies readonly RuleActionType[];

export const RoutingRuleSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** 1-based place in the evaluation order. */
  position: z.number(),
  enabled: z.boolean(),
  /** When this rule fires, the rules after it are not evaluated. */
  stopProcessing: z.boolean(),
  conditions: RuleConditionsSchema,
  actions: z.array(RuleActionSchema),
  firedCount: z.number(),
  lastFiredAt: isoDate.nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type RoutingRule = z.infer<typeof RoutingRuleSchema>;
export const RoutingRuleListSchema = z.object({ items: z.array(RoutingRuleSchema) });

export const CreateRoutingRuleBodySchema = z.strictObject({
  name,
  enabled: z.boolean().optional(),
  stopProcessing: z.boolean().optional(),
  conditions: RuleConditionsSchema,
  actions: z.array(RuleActionSchema).min(1).max(10),
});
export type CreateRoutingRuleBody = z.input<typeof CreateRoutingRuleBodySchema>;
export const UpdateRoutingRuleBodySchema = z.strictObject({
  name: name.optional(),
  enabled: z.boolean().optional(),
  stopProcessing: z.boolean().optional(),
  conditions: RuleConditionsSchema.optional(),
  actions: z.array(RuleActionSchema).min(1).max(10).optional(),
});
export type UpdateRoutingRuleBody = z.input<typeof UpdateRoutingRuleBodySchema>;
export const ReorderRulesBodySchema = z.strictObject({
  ruleIds: z.array(IdSchema).min(1).max(500),
});
export type ReorderRulesBody = z.input<typeof ReorderRulesBodySchema>;
export const RoutingRuleParamsSchema = z.strictObject({ workspaceId: IdSchema, ruleId: IdSchema });

/** A message as rules see it; the dry run takes one typed by hand. */
export const DryRunBodySchema = z.strictObject({
  text: z.string().max(10_000),
  channelId: IdSchema.nullable().optional(),
  kind: word.nullable().optional(),
  intent: word.nullable().optional(),
  sentiment: z.enum(SENTIMENTS).nullable().optional(),
  language: word.nullable().optional(),
  contactTags: z.array(word).max(100).optional(),
  followerCount: z.int().min(0).nullable().optional(),
  /** When the message arrived; now by default. */
  at: isoDate.optional(),
  /**
   * A rule being edited, tried in its place (`ruleId`) or, for a new rule, after the others.
   * Its references are not checked: nothing is saved or sent.
   */
  draft: z
    .strictObject({
      ruleId: IdSchema.nullable().optional(),
      name,
      enabled: z.boolean().optional(),
      stopProcessing: z.boolean().optional(),
      conditions: RuleConditionsSchema,
      actions: z.array(RuleActionSchema).max(10),
    })
    .optional(),
});
export type DryRunBody = z.input<typeof DryRunBodySchema>;

export const ConditionCheckSchema = z.object({
  condition: z.enum(RULE_CONDITIONS),
  ok: z.boolean(),
  /** What decided it: the keyword found, the local time, the follower count… */
  detail: z.string().nullable(),
});
export type ConditionCheck = z.infer<typeof ConditionCheckSchema>;

export const RoutingPlanSchema = z.object({
  tier: z.enum(ROUTING_TIERS).nullable(),
  autoReplyId: z.string().nullable(),
  teamId: z.string().nullable(),
  userId: z.string().nullable(),
  tags: z.array(z.string()),
  priority: z.enum(PRIORITIES).nullable(),
  escalate: z.enum(['expert', 'lead']).nullable(),
  hide: z.boolean(),
});
export type RoutingPlan = z.infer<typeof RoutingPlanSchema>;

export const DryRunResultSchema = z.object({
  timezone: z.string(),
  /** The message's time in the workspace zone, e.g. `Mon 21:30`. */
  localTime: z.string(),
  rules: z.array(
    z.object({
      ruleId: z.string(),
      name: z.string(),
      enabled: z.boolean(),
      /** fired | no_match | disabled | not_reached (a rule above stopped processing) */
      outcome: z.enum(['fired', 'no_match', 'disabled', 'not_reached']),
      checks: z.array(ConditionCheckSchema),
    }),
  ),
  plan: RoutingPlanSchema,
});
export type DryRunResult = z.infer<typeof DryRunResultSchema>;

export const RoutingRunSchema = z.object({
  messageId: z.string(),
  conversationId: z.string(),
  firedRuleIds: z.array(z.string()),
  /** Null while the message is being routed. */
  plan: RoutingPlanSchema.nullable(),
  /** What was done: assigned to…, auto-reply sent, skipped and why. */
  outcomes: z.array(z.string()),
  createdAt: isoDate,
});
export type RoutingRun = z.infer<typeof RoutingRunSchema>;
export const RoutingRunListSchema = z.object({ items: z.array(RoutingRunSchema) });

// ── teams and agents ────────────────────────────────────────────────────────────
export const TeamMemberSchema = z.object({ userId: z.string(), tier: z.enum(TEAM_TIERS) });
export type TeamMember = z.infer<typeof TeamMemberSchema>;
export const TeamSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  /** Told when the team's SLAs are missed and the target of "escalate to lead". */
  leadUserId: z.string().nullable(),
  members: z.array(TeamMemberSchema),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type Team = z.infer<typeof TeamSchema>;
export const TeamListSchema = z.object({ items: z.array(TeamSchema) });
const teamMembers = z
  .array(z.strictObject({ userId: IdSchema, tier: z.enum(TEAM_TIERS) }))
  .max(200);
export const CreateTeamBodySchema = z.strictObject({
  name,
  description: z.string().max(1000).optional(),
  leadUserId: IdSchema.nullable().optional(),
  members: teamMembers.optional(),
});
export type CreateTeamBody = z.input<typeof CreateTeamBodySchema>;
export const UpdateTeamBodySchema = z.strictObject({
  name: name.optional(),
  description: z.string().max(1000).optional(),
  leadUserId: IdSchema.nullable().optional(),
  /** Replaces the whole member list. */
  members: teamMembers.optional(),
});
export type UpdateTeamBody = z.input<typeof UpdateTeamBodySchema>;
export const TeamParamsSchema = z.strictObject({ workspaceId: IdSchema, teamId: IdSchema });

export const AgentSchema = z.object({
  userId: z.string(),
  availability: z.enum(AVAILABILITIES),
  /** Most open conversations assigned at once; round robin skips a full agent. */
  capacity: z.number(),
  /** Open and pending conversations assigned now; null when the inbox cannot tell. */
  openConversations: z.number().nullable(),
  teams: z.array(z.object({ teamId: z.string(), tier: z.enum(TEAM_TIERS) })),
  updatedAt: isoDate.nullable(),
});
export type Agent = z.infer<typeof AgentSchema>;
export const AgentListSchema = z.object({ items: z.array(AgentSchema) });
export const UpdateAgentBodySchema = z.strictObject({
  availability: z.enum(AVAILABILITIES).optional(),
  capacity: z.int().min(0).max(500).optional(),
});
export type UpdateAgentBody = z.input<typeof UpdateAgentBodySchema>;
export const UpdateMyAvailabilityBodySchema = z.strictObject({
  availability: z.enum(AVAILABILITIES),
});
export const AgentParamsSchema = z.strictObject({ workspaceId: IdSchema, userId: IdSchema });

// ── business hours and SLA policies ─────────────────────────────────────────────
export const BusinessIntervalSchema = z.strictObject({
  /** 1 (Monday) … 7 (Sunday). */
  day: z.int().min(1).max(7),
  from: hhmm,
  to: hhmm,
});
export type BusinessInterval = z.infer<typeof BusinessIntervalSchema>;
const holiday = z.iso.date();

export const BusinessHoursSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** IANA zone; null follows the workspace's zone. */
  timezone: z.string().nullable(),
  intervals: z.array(BusinessIntervalSchema),
  /** Dates (YYYY-MM-DD, local) with no business hours at all. */
  holidays: z.array(z.string()),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type BusinessHours = z.infer<typeof BusinessHoursSchema>;
export const BusinessHoursListSchema = z.object({ items: z.array(BusinessHoursSchema) });
const timezone = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'unknown IANA time zone');
export const CreateBusinessHoursBodySchema = z.strictObject({
  name,
  timezone: timezone.nullable().optional(),
  intervals: z.array(BusinessIntervalSchema).min(1).max(70),
  holidays: z.array(holiday).max(400).optional(),
});
export type CreateBusinessHoursBody = z.input<typeof CreateBusinessHoursBodySchema>;
export const UpdateBusinessHoursBodySchema = z.strictObject({
  name: name.optional(),
  timezone: timezone.nullable().optional(),
  intervals: z.array(BusinessIntervalSchema).min(1).max(70).optional(),
  holidays: z.array(holiday).max(400).optional(),
});
export type UpdateBusinessHoursBody = z.input<typeof UpdateBusinessHoursBodySchema>;
export const BusinessHoursParamsSchema = z.strictObject({
  workspaceId: IdSchema,
  businessHoursId: IdSchema,
});

const minutes = z
  .int()
  .min(1)
  .max(60 * 24 * 90)
  .nullable();
export const SlaPolicySchema = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number(),
  enabled: z.boolean(),
  /** Conversations of these priorities; null for any. */
  priorities: z.array(z.enum(PRIORITIES)).nullable(),
  /** Conversations on these channels; null for any. */
  channelIds: z.array(z.string()).nullable(),
  firstResponseMinutes: z.number().nullable(),
  nextResponseMinutes: z.number().nullable(),
  resolutionMinutes: z.number().nullable(),
  /** Targets count business time of these hours; null counts every minute. */
  businessHoursId: z.string().nullable(),
  escalation: z.enum(SLA_ESCALATIONS),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type SlaPolicy = z.infer<typeof SlaPolicySchema>;
export const SlaPolicyListSchema = z.object({ items: z.array(SlaPolicySchema) });
export const CreateSlaPolicyBodySchema = z.strictObject({
  name,
  enabled: z.boolean().optional(),
  priorities: z.array(z.enum(PRIORITIES)).min(1).nullable().optional(),
  channelIds: z.array(IdSchema).min(1).max(100).nullable().optional(),
  firstResponseMinutes: minutes.optional(),
  nextResponseMinutes: minutes.optional(),
  resolutionMinutes: minutes.optional(),
  businessHoursId: IdSchema.nullable().optional(),
  escalation: z.enum(SLA_ESCALATIONS).optional(),
});
export type CreateSlaPolicyBody = z.input<typeof CreateSlaPolicyBodySchema>;
export const UpdateSlaPolicyBodySchema = CreateSlaPolicyBodySchema.partial();
export type UpdateSlaPolicyBody = z.input<typeof UpdateSlaPolicyBodySchema>;
export const ReorderSlaPoliciesBodySchema = z.strictObject({
  policyIds: z.array(IdSchema).min(1).max(200),
});
export const SlaPolicyParamsSchema = z.strictObject({ workspaceId: IdSchema, policyId: IdSchema });

export const SlaTimerSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  policyId: z.string(),
  kind: z.enum(SLA_KINDS),
  status: z.enum(TIMER_STATUSES),
  startedAt: isoDate,
  dueAt: isoDate,
  completedAt: isoDate.nullable(),
  breachedAt: isoDate.nullable(),
  escalatedAt: isoDate.nullable(),
  assigneeId: z.string().nullable(),
  teamId: z.string().nullable(),
});
export type SlaTimer = z.infer<typeof SlaTimerSchema>;
export const SlaTimerListSchema = z.object({ items: z.array(SlaTimerSchema) });
export const ConversationParamsSchema = z.strictObject({
  workspaceId: IdSchema,
  conversationId: IdSchema,
});

/** A reporting period: ISO instants, `to` exclusive; the last 30 days by default. */
export const ReportQuerySchema = z.strictObject({
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type ReportQuery = z.input<typeof ReportQuerySchema>;

const slaCounts = {
  met: z.number(),
  breached: z.number(),
  /** Running past due: counted as breached in the rate (the sweep will mark it shortly). */
  overdue: z.number(),
  total: z.number(),
  /** met ÷ (met + breached + overdue); null without finished timers. */
  metRate: z.number().nullable(),
};
export const SlaReportSchema = z.object({
  from: isoDate,
  to: isoDate,
  timezone: z.string(),
  totals: z.object(slaCounts),
  byKind: z.array(z.object({ kind: z.enum(SLA_KINDS), ...slaCounts })),
  byAgent: z.array(z.object({ userId: z.string().nullable(), ...slaCounts })),
  byTeam: z.array(
    z.object({ teamId: z.string().nullable(), name: z.string().nullable(), ...slaCounts }),
  ),
  daily: z.array(z.object({ date: z.string(), met: z.number(), breached: z.number() })),
});
export type SlaReport = z.infer<typeof SlaReportSchema>;

// ── canned replies (话术库) ──────────────────────────────────────────────────────
export const CannedCategorySchema = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number(),
  replyCount: z.number(),
});
export type CannedCategory = z.infer<typeof CannedCategorySchema>;
export const CannedCategoryListSchema = z.object({ items: z.array(CannedCategorySchema) });
export const CreateCannedCategoryBodySchema = z.strictObject({ name });
export const UpdateCannedCategoryBodySchema = z.strictObject({
  name: name.optional(),
  position: z.int().min(1).max(10_000).optional(),
});
export const CannedCategoryParamsSchema = z.strictObject({
  workspaceId: IdSchema,
  categoryId: IdSchema,
});

const replyBody = z.string().trim().min(1).max(5000);
export const CannedVariantsSchema = z.object({
  zh: z.string().nullable(),
  en: z.string().nullable(),
});
export type CannedVariants = z.infer<typeof CannedVariantsSchema>;
const variantsBody = z
  .strictObject({ zh: replyBody.nullable().optional(), en: replyBody.nullable().optional() })
  .refine((v) => Boolean(v.zh) || Boolean(v.en), 'write the reply in at least one language');
const shortcut = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'letters, digits, - and _ (typed after /)');

export const CannedUsageSchema = z.object({
  usedCount: z.number(),
  lastUsedAt: isoDate.nullable(),
  lastUsedBy: z.string().nullable(),
  /** Share of uses in a conversation that was resolved afterwards; null before any such use. */
  resolutionRate: z.number().nullable(),
});
export type CannedUsage = z.infer<typeof CannedUsageSchema>;

export const CannedReplySchema = z.object({
  id: z.string(),
  categoryId: z.string().nullable(),
  title: z.string(),
  /** Typed as `/shortcut` in the composer. */
  shortcut: z.string().nullable(),
  /** Intents this reply answers; suggestions rank them first for such messages. */
  intents: z.array(z.string()),
  variants: CannedVariantsSchema,
  /** Every variable the variants use. */
  variables: z.array(z.string()),
  /** Variables OpsLoop cannot fill from the conversation: the agent types them. */
  agentVariables: z.array(z.string()),
  usage: CannedUsageSchema,
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type CannedReply = z.infer<typeof CannedReplySchema>;
export const CannedReplyListSchema = z.object({ items: z.array(CannedReplySchema) });
export const CannedReplyQuerySchema = z.strictObject({
  q: z.string().trim().max(100).optional(),
  categoryId: IdSchema.optional(),
});
export type CannedReplyQuery = z.input<typeof CannedReplyQuerySchema>;
export const CreateCannedReplyBodySchema = z.strictObject({
  title: name,
  categoryId: IdSchema.nullable().optional(),
  shortcut: shortcut.nullable().optional(),
  intents: z.array(word).max(30).optional(),
  variants: variantsBody,
});
export type CreateCannedReplyBody = z.input<typeof CreateCannedReplyBodySchema>;
export const UpdateCannedReplyBodySchema = z.strictObject({
  title: name.optional(),
  categoryId: IdSchema.nullable().optional(),
  shortcut: shortcut.nullable().optional(),
  intents: z.array(word).max(30).optional(),
  variants: variantsBody.optional(),
});
export type UpdateCannedReplyBody = z.input<typeof UpdateCannedReplyBodySchema>;
export const CannedReplyParamsSchema = z.strictObject({
  workspaceId: IdSchema,
  replyId: IdSchema,
});

export const SuggestBodySchema = z.strictObject({
  /** The customer's message the reply is for. */
  text: z.string().max(10_000).optional(),
  intent: word.nullable().optional(),
  language: word.nullable().optional(),
  /** What the agent typed in the picker; `/refund` looks up a shortcut. */
  q: z.string().trim().max(100).optional(),
  limit: z.int().min(1).max(50).optional(),
});
export type SuggestBody = z.input<typeof SuggestBodySchema>;
export const SuggestionSchema = z.object({
  reply: CannedReplySchema,
  /** The variant to insert: the message's language when the reply has it. */
  language: z.enum(REPLY_LANGUAGES),
  score: z.number(),
  reasons: z.object({
    intent: z.boolean(),
    shortcut: z.boolean(),
    similarity: z.number(),
    usage: z.number(),
    languageMatch: z.boolean(),
  }),
});
export type Suggestion = z.infer<typeof SuggestionSchema>;
export const SuggestionListSchema = z.object({ items: z.array(SuggestionSchema) });

export const RenderBodySchema = z.strictObject({
  language: z.enum(REPLY_LANGUAGES),
  /** Fills contact variables from this conversation when given. */
  conversationId: IdSchema.optional(),
  /** Values the agent typed: `{ order_id: 'A123' }`. */
  values: z.record(z.string().max(40), z.string().max(500)).optional(),
});
export type RenderBody = z.input<typeof RenderBodySchema>;
export const RenderResultSchema = z.object({
  text: z.string(),
  language: z.enum(REPLY_LANGUAGES),
  variables: z.array(z.string()),
  missing: z.array(z.string()),
  unused: z.array(z.string()),
});
export type RenderResult = z.infer<typeof RenderResultSchema>;

export const RecordUseBodySchema = z.strictObject({
  language: z.enum(REPLY_LANGUAGES),
  conversationId: IdSchema.nullable().optional(),
});
export type RecordUseBody = z.input<typeof RecordUseBodySchema>;

export const CannedStatsSchema = z.object({
  usedCount: z.number(),
  lastUsedAt: isoDate.nullable(),
  /** Uses made in a conversation, and how many of those conversations were resolved after. */
  inConversations: z.number(),
  resolvedAfter: z.number(),
  resolutionRate: z.number().nullable(),
  byUser: z.array(
    z.object({ userId: z.string().nullable(), count: z.number(), lastUsedAt: isoDate }),
  ),
  byLanguage: z.array(z.object({ language: z.enum(REPLY_LANGUAGES), count: z.number() })),
});
export type CannedStats = z.infer<typeof CannedStatsSchema>;

// ── CSAT ────────────────────────────────────────────────────────────────────────
const csatMessage = z
  .string()
  .trim()
  .min(1)
  .max(1000)
  .refine((text) => text.includes('{link}'), 'must contain {link}, where the survey link goes');
export const CsatSettingsSchema = z.object({
  enabled: z.boolean(),
  /** Only direct-message conversations get a survey (a link in public comments looks odd). */
  dmOnly: z.boolean(),
  /** A contact surveyed in the last N days is not asked again. */
  cooldownDays: z.number(),
  /** How long a survey link stays open. */
  expiresHours: z.number(),
  messages: z.object({ zh: z.string(), en: z.string() }),
});
export type CsatSettings = z.infer<typeof CsatSettingsSchema>;
export const UpdateCsatSettingsBodySchema = z.strictObject({
  enabled: z.boolean().optional(),
  dmOnly: z.boolean().optional(),
  cooldownDays: z.int().min(0).max(365).optional(),
  expiresHours: z
    .int()
    .min(1)
    .max(24 * 60)
    .optional(),
  messages: z.strictObject({ zh: csatMessage.optional(), en: csatMessage.optional() }).optional(),
});
export type UpdateCsatSettingsBody = z.input<typeof UpdateCsatSettingsBodySchema>;

/** pending: created, not handed to the channel yet; expired: sent and not answered in time. */
export const CSAT_STATUSES = ['pending', 'sent', 'answered', 'expired', 'failed'] as const;
export type CsatStatus = (typeof CSAT_STATUSES)[number];
export const CsatSurveySchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  assigneeId: z.string().nullable(),
  teamId: z.string().nullable(),
  language: z.enum(REPLY_LANGUAGES),
  status: z.enum(CSAT_STATUSES),
  score: z.number().nullable(),
  comment: z.string().nullable(),
  sentAt: isoDate,
  respondedAt: isoDate.nullable(),
  expiresAt: isoDate,
});
export type CsatSurvey = z.infer<typeof CsatSurveySchema>;
export const CsatSurveyListSchema = z.object({ items: z.array(CsatSurveySchema) });
export const CsatSurveyQuerySchema = z.strictObject({
  answered: z.stringbool().optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

const csatGroup = {
  sent: z.number(),
  answered: z.number(),
  /** answered ÷ sent; null when nothing was sent. */
  responseRate: z.number().nullable(),
  average: z.number().nullable(),
  /** Share of answers scoring 4 or 5 (the usual CSAT %). */
  satisfied: z.number().nullable(),
};
export const CsatReportSchema = z.object({
  from: isoDate,
  to: isoDate,
  timezone: z.string(),
  totals: z.object(csatGroup),
  /** Answers per score 1…5. */
  distribution: z.array(z.object({ score: z.number(), count: z.number() })),
  byAgent: z.array(z.object({ userId: z.string().nullable(), ...csatGroup })),
  byTeam: z.array(
    z.object({ teamId: z.string().nullable(), name: z.string().nullable(), ...csatGroup }),
  ),
  daily: z.array(
    z.object({
      date: z.string(),
      sent: z.number(),
      answered: z.number(),
      average: z.number().nullable(),
    }),
  ),
});
export type CsatReport = z.infer<typeof CsatReportSchema>;

/** What the public survey page shows; nothing about the conversation itself. */
export const PublicSurveySchema = z.object({
  workspaceName: z.string(),
  language: z.enum(REPLY_LANGUAGES),
  status: z.enum(['open', 'answered', 'expired']),
  score: z.number().nullable(),
});
export type PublicSurvey = z.infer<typeof PublicSurveySchema>;
export const PublicSurveyParamsSchema = z.strictObject({
  token: z
    .string()
    .min(16)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/),
});
export const AnswerSurveyBodySchema = z.strictObject({
  score: z.int().min(1).max(5),
  comment: z.string().trim().max(2000).optional(),
});
export type AnswerSurveyBody = z.input<typeof AnswerSurveyBodySchema>;
