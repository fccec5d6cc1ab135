import { z } from 'zod';
import { IdSchema } from './api.ts';

/**
 * API shapes of feedback (反馈): tickets from every channel (全渠道反馈入口) with their source,
 * near-duplicate clusters (去重分类), the three-way assessment (三维评估: impact, urgency, cost),
 * departments with deadlines (分配责任部门限时处理), follow-ups (回访确认), the improvement report
 * (改进报告) and the public board of adopted suggestions (建议落地公示栏). Request bodies are
 * strict: unknown fields are rejected.
 */

const isoDate = z.iso.datetime();
const name = z.string().trim().min(1).max(60);

// ── vocabulary ────────────────────────────────────────────────────────────────
export const FEEDBACK_SOURCES = ['message', 'form', 'import', 'manual'] as const;
export type FeedbackSource = (typeof FEEDBACK_SOURCES)[number];

export const FEEDBACK_STATUSES = [
  'new',
  'triaged',
  'in_progress',
  'resolved',
  'adopted',
  'declined',
  'closed',
] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];
/** Statuses still waiting on someone: these can be overdue. */
export const OPEN_STATUSES: readonly FeedbackStatus[] = ['new', 'triaged', 'in_progress'];
/** Outcomes: reaching one stops the clock for time to resolution. */
export const OUTCOME_STATUSES: readonly FeedbackStatus[] = ['resolved', 'adopted', 'declined'];

/**
 * Where each status may go. Forward along new → triaged → in_progress → an outcome → closed,
 * and back when a follow-up finds the problem is still there.
 */
export const FEEDBACK_TRANSITIONS: Record<FeedbackStatus, readonly FeedbackStatus[]> = {
  new: ['triaged', 'declined'],
  triaged: ['in_progress', 'resolved', 'adopted', 'declined', 'new'],
  in_progress: ['resolved', 'adopted', 'declined', 'triaged'],
  resolved: ['closed', 'in_progress'],
  adopted: ['closed', 'in_progress'],
  declined: ['closed', 'triaged'],
  closed: ['triaged'],
};

export function canMoveFeedback(from: FeedbackStatus, to: FeedbackStatus): boolean {
  return FEEDBACK_TRANSITIONS[from].includes(to);
}

/**
 * 回访 of one ticket: `to_notify` while the system tells the raiser through the inbox,
 * `notified` once told, `pending` when a person has to reach them (a form's e-mail, or the inbox
 * could not), `confirmed` when the owner has recorded the outcome of the follow-up.
 */
export const FOLLOW_UP_STATES = ['none', 'to_notify', 'notified', 'pending', 'confirmed'] as const;
export type FollowUpState = (typeof FOLLOW_UP_STATES)[number];
export const FOLLOW_UP_OUTCOMES = ['satisfied', 'unsatisfied', 'unreachable'] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];

// ── 三维评估 ──────────────────────────────────────────────────────────────────
/** How many people raised something, and whether someone influential did, sets its impact. */
export const IMPACT_RULES = {
  /** Distinct people for impact 2, 3, 4 and 5. */
  peopleSteps: [2, 5, 20, 100],
  /** A raiser with at least this many followers, or tagged VIP, adds one (up to 5). */
  influentialFollowers: 10_000,
} as const;

/** Impact 1–5 from the people who raised it. */
export function impactFromReach(reach: {
  people: number;
  maxFollowers: number;
  vip: boolean;
}): number {
  let impact = 1;
  for (const step of IMPACT_RULES.peopleSteps) if (reach.people >= step) impact += 1;
  if (reach.vip || reach.maxFollowers >= IMPACT_RULES.influentialFollowers) impact += 1;
  return Math.min(5, impact);
}

/**
 * Priority 0–100: impact × urgency × (6 − cost) × 0.8. High impact and urgency raise it, a high
 * cost lowers it; 5 × 5 × (6 − 1) = 125 scales to 100.
 */
export function feedbackScore(dimensions: { impact: number; urgency: number; cost: number }) {
  return Math.round(dimensions.impact * dimensions.urgency * (6 - dimensions.cost) * 0.8);
}

const level = z.number().int().min(1).max(5);

// ── tickets ───────────────────────────────────────────────────────────────────
export const FeedbackTicketSchema = z.object({
  id: z.string(),
  source: z.enum(FEEDBACK_SOURCES),
  status: z.enum(FEEDBACK_STATUSES),
  text: z.string(),
  contact: z.object({
    name: z.string().nullable(),
    email: z.string().nullable(),
    handle: z.string().nullable(),
  }),
  channelId: z.string().nullable(),
  messageId: z.string().nullable(),
  conversationId: z.string().nullable(),
  formId: z.string().nullable(),
  importId: z.string().nullable(),
  raiser: z.object({ followers: z.number().int().nullable(), vip: z.boolean() }),
  cluster: z.object({
    id: z.string(),
    title: z.string(),
    tickets: z.number().int(),
    people: z.number().int(),
  }),
  categoryId: z.string().nullable(),
  departmentId: z.string().nullable(),
  ownerId: z.string().nullable(),
  deadline: isoDate.nullable(),
  overdue: z.boolean(),
  /** Effective impact: the override when set, else the cluster's. */
  impact: level,
  autoImpact: level,
  impactOverride: level.nullable(),
  urgency: level,
  cost: level,
  score: z.number().int(),
  resolution: z.string().nullable(),
  publicTitle: z.string().nullable(),
  onBoard: z.boolean(),
  followUp: z.object({
    state: z.enum(FOLLOW_UP_STATES),
    outcome: z.enum(FOLLOW_UP_OUTCOMES).nullable(),
    note: z.string().nullable(),
    notifiedAt: isoDate.nullable(),
    error: z.string().nullable(),
    confirmedAt: isoDate.nullable(),
    confirmedBy: z.string().nullable(),
  }),
  outcomeAt: isoDate.nullable(),
  closedAt: isoDate.nullable(),
  createdBy: z.string().nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type FeedbackTicket = z.infer<typeof FeedbackTicketSchema>;

export const FeedbackTicketPageSchema = z.object({
  items: z.array(FeedbackTicketSchema),
  total: z.number().int(),
  nextCursor: z.string().nullable(),
});
export type FeedbackTicketPage = z.infer<typeof FeedbackTicketPageSchema>;

const queryBoolean = z.enum(['true', 'false']).transform((value) => value === 'true');
export const FeedbackTicketQuerySchema = z.strictObject({
  /** A status, or `open` for new + triaged + in progress. */
  status: z.enum([...FEEDBACK_STATUSES, 'open']).optional(),
  source: z.enum(FEEDBACK_SOURCES).optional(),
  categoryId: IdSchema.optional(),
  departmentId: IdSchema.optional(),
  ownerId: IdSchema.optional(),
  clusterId: IdSchema.optional(),
  overdue: queryBoolean.optional(),
  /** Tickets whose follow-up waits on a person (pending or notified, not yet confirmed). */
  followUp: queryBoolean.optional(),
  q: z.string().trim().min(1).max(100).optional(),
  sort: z.enum(['newest', 'score', 'deadline']).optional(),
  cursor: z
    .string()
    .regex(/^\d{1,7}$/, 'a cursor from the previous page')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export type FeedbackTicketQuery = z.output<typeof FeedbackTicketQuerySchema>;

const text = z.string().trim().min(2, 'at least 2 characters').max(5000);
const contactName = z.string().trim().max(100);
const email = z.string().trim().toLowerCase().max(254).pipe(z.email());
const handle = z.string().trim().min(1).max(100);
const followers = z.number().int().min(0).max(10_000_000_000);

export const CreateFeedbackBodySchema = z.strictObject({
  text,
  contactName: contactName.nullable().optional(),
  contactEmail: email.nullable().optional(),
  contactHandle: handle.nullable().optional(),
  followers: followers.nullable().optional(),
  vip: z.boolean().optional(),
  categoryId: IdSchema.nullable().optional(),
  departmentId: IdSchema.nullable().optional(),
  ownerId: IdSchema.nullable().optional(),
  urgency: level.optional(),
  cost: level.optional(),
});
export type CreateFeedbackBody = z.output<typeof CreateFeedbackBodySchema>;

export const UpdateFeedbackBodySchema = z.strictObject({
  categoryId: IdSchema.nullable().optional(),
  departmentId: IdSchema.nullable().optional(),
  ownerId: IdSchema.nullable().optional(),
  deadline: isoDate.nullable().optional(),
  urgency: level.optional(),
  cost: level.optional(),
  impactOverride: level.nullable().optional(),
  followers: followers.nullable().optional(),
  vip: z.boolean().optional(),
  publicTitle: z.string().trim().min(1).max(200).nullable().optional(),
  onBoard: z.boolean().optional(),
  /** Apply the category, department, owner, deadline and assessment to the whole cluster. */
  applyToCluster: z.boolean().optional(),
});
export type UpdateFeedbackBody = z.output<typeof UpdateFeedbackBodySchema>;

export const ChangeFeedbackStatusBodySchema = z.strictObject({
  status: z.enum(FEEDBACK_STATUSES),
  /** What changed (resolved, adopted) or why not (declined); required for those. */
  note: z.string().trim().min(1).max(2000).optional(),
  publicTitle: z.string().trim().min(1).max(200).optional(),
  /** Adopted suggestions show on the public board unless this is false. */
  onBoard: z.boolean().optional(),
  /** Move every ticket of the cluster that can make the same move. */
  applyToCluster: z.boolean().optional(),
});
export type ChangeFeedbackStatusBody = z.output<typeof ChangeFeedbackStatusBodySchema>;

export const ConfirmFollowUpBodySchema = z.strictObject({
  outcome: z.enum(FOLLOW_UP_OUTCOMES),
  note: z.string().trim().max(2000).optional(),
});
export type ConfirmFollowUpBody = z.output<typeof ConfirmFollowUpBodySchema>;

export const FeedbackChangeResultSchema = z.object({
  ticket: FeedbackTicketSchema,
  /** Tickets changed in all, the one named included. */
  changed: z.number().int(),
});
export type FeedbackChangeResult = z.infer<typeof FeedbackChangeResultSchema>;

export const FeedbackTicketParamsSchema = z.strictObject({
  workspaceId: IdSchema,
  ticketId: IdSchema,
});

export const FeedbackEventSchema = z.object({
  id: z.string(),
  kind: z.string(),
  detail: z.record(z.string(), z.unknown()),
  actor: z.object({ userId: z.string().nullable(), label: z.string() }),
  createdAt: isoDate,
});
export type FeedbackEvent = z.infer<typeof FeedbackEventSchema>;
export const FeedbackEventListSchema = z.object({ items: z.array(FeedbackEventSchema) });

// ── clusters ──────────────────────────────────────────────────────────────────
export const FeedbackClusterSchema = z.object({
  id: z.string(),
  title: z.string(),
  tickets: z.number().int(),
  people: z.number().int(),
  maxFollowers: z.number().int(),
  vip: z.boolean(),
  impact: level,
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type FeedbackCluster = z.infer<typeof FeedbackClusterSchema>;
export const FeedbackClusterListSchema = z.object({ items: z.array(FeedbackClusterSchema) });
export const FeedbackClusterQuerySchema = z.strictObject({
  /** Only clusters of at least this many tickets (2 lists the duplicates). */
  minTickets: z.coerce.number().int().min(1).max(1_000_000).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export type FeedbackClusterQuery = z.output<typeof FeedbackClusterQuerySchema>;
export const FeedbackClusterParamsSchema = z.strictObject({
  workspaceId: IdSchema,
  clusterId: IdSchema,
});
export const MergeClustersBodySchema = z.strictObject({
  /** Clusters whose tickets move into the cluster in the path. */
  clusterIds: z.array(IdSchema).min(1).max(100),
});
export type MergeClustersBody = z.output<typeof MergeClustersBodySchema>;
export const SplitClusterBodySchema = z.strictObject({
  /** Tickets of the cluster in the path that leave it, together, for a new cluster. */
  ticketIds: z.array(IdSchema).min(1).max(500),
});
export type SplitClusterBody = z.output<typeof SplitClusterBodySchema>;

// ── categories, departments, settings ─────────────────────────────────────────
export const FeedbackCategorySchema = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number().int(),
});
export type FeedbackCategory = z.infer<typeof FeedbackCategorySchema>;
export const FeedbackDepartmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number().int(),
  slaHours: z.number().int().nullable(),
  defaultOwnerId: z.string().nullable(),
});
export type FeedbackDepartment = z.infer<typeof FeedbackDepartmentSchema>;

export const CategoryBodySchema = z.strictObject({
  name,
  position: z.number().int().min(0).max(10_000).optional(),
});
export type CategoryBody = z.output<typeof CategoryBodySchema>;
export const UpdateCategoryBodySchema = CategoryBodySchema.partial();
export type UpdateCategoryBody = z.output<typeof UpdateCategoryBodySchema>;
export const DepartmentBodySchema = z.strictObject({
  name,
  position: z.number().int().min(0).max(10_000).optional(),
  /** Hours until a ticket assigned here is overdue (至多 90 天). */
  slaHours: z
    .number()
    .int()
    .min(1)
    .max(90 * 24)
    .nullable()
    .optional(),
  defaultOwnerId: IdSchema.nullable().optional(),
});
export type DepartmentBody = z.output<typeof DepartmentBodySchema>;
export const UpdateDepartmentBodySchema = DepartmentBodySchema.partial();
export type UpdateDepartmentBody = z.output<typeof UpdateDepartmentBodySchema>;
export const FeedbackCategoryParamsSchema = z.strictObject({
  workspaceId: IdSchema,
  categoryId: IdSchema,
});
export const FeedbackDepartmentParamsSchema = z.strictObject({
  workspaceId: IdSchema,
  departmentId: IdSchema,
});

const slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{1,46}[a-z0-9])$/, '3–48 letters, digits or dashes');

export const FeedbackSettingsSchema = z.object({
  /** Similarity (0–1) at which a new ticket joins an existing cluster. */
  similarityThreshold: z.number(),
  board: z.object({
    enabled: z.boolean(),
    slug: z.string().nullable(),
    title: z.string(),
    intro: z.string(),
  }),
  categories: z.array(FeedbackCategorySchema),
  departments: z.array(FeedbackDepartmentSchema),
});
export type FeedbackSettings = z.infer<typeof FeedbackSettingsSchema>;
export const UpdateFeedbackSettingsBodySchema = z.strictObject({
  similarityThreshold: z.number().min(0.3).max(0.95).optional(),
  board: z
    .strictObject({
      enabled: z.boolean().optional(),
      slug: slug.optional(),
      title: z.string().trim().max(100).optional(),
      intro: z.string().trim().max(1000).optional(),
    })
    .optional(),
});
export type UpdateFeedbackSettingsBody = z.output<typeof UpdateFeedbackSettingsBodySchema>;

// ── forms ─────────────────────────────────────────────────────────────────────
export const FeedbackFormSchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  intro: z.string(),
  enabled: z.boolean(),
  askContact: z.boolean(),
  defaultCategoryId: z.string().nullable(),
  submissions: z.number().int(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type FeedbackForm = z.infer<typeof FeedbackFormSchema>;
export const FeedbackFormListSchema = z.object({ items: z.array(FeedbackFormSchema) });
export const CreateFeedbackFormBodySchema = z.strictObject({
  title: z.string().trim().min(1).max(100),
  intro: z.string().trim().max(1000).optional(),
  /** Left out, one is made up; it cannot be guessed from the workspace. */
  slug: slug.optional(),
  enabled: z.boolean().optional(),
  askContact: z.boolean().optional(),
  defaultCategoryId: IdSchema.nullable().optional(),
});
export type CreateFeedbackFormBody = z.output<typeof CreateFeedbackFormBodySchema>;
export const UpdateFeedbackFormBodySchema = CreateFeedbackFormBodySchema.partial();
export type UpdateFeedbackFormBody = z.output<typeof UpdateFeedbackFormBodySchema>;
export const FeedbackFormParamsSchema = z.strictObject({
  workspaceId: IdSchema,
  formId: IdSchema,
});

// ── import ────────────────────────────────────────────────────────────────────
/** Most rows one CSV may carry; larger exports are split. */
export const IMPORT_MAX_ROWS = 5000;
export const ImportFeedbackBodySchema = z.strictObject({
  csv: z.string().min(1).max(5_000_000),
  /** Check the rows and report, storing nothing. */
  dryRun: z.boolean().optional(),
});
export type ImportFeedbackBody = z.output<typeof ImportFeedbackBodySchema>;
export const ImportFeedbackResultSchema = z.object({
  importId: z.string().nullable(),
  rows: z.number().int(),
  imported: z.number().int(),
  /** Of the imported, how many joined a cluster that already had tickets. */
  joinedClusters: z.number().int(),
  errors: z.array(
    z.object({ line: z.number().int(), reason: z.string(), column: z.string().nullable() }),
  ),
});
export type ImportFeedbackResult = z.infer<typeof ImportFeedbackResultSchema>;

// ── report ────────────────────────────────────────────────────────────────────
export const FeedbackReportQuerySchema = z.strictObject({
  from: isoDate,
  to: isoDate,
});
export type FeedbackReportQuery = z.output<typeof FeedbackReportQuerySchema>;

const reportGroup = z.object({
  id: z.string().nullable(),
  name: z.string().nullable(),
  received: z.number().int(),
  resolved: z.number().int(),
  adopted: z.number().int(),
  declined: z.number().int(),
  /** Median hours from received to an outcome, of the tickets reaching one in the period. */
  medianHoursToResolve: z.number().nullable(),
  openOverdue: z.number().int(),
});
export type FeedbackReportGroup = z.infer<typeof reportGroup>;

export const FeedbackReportSchema = z.object({
  from: isoDate,
  to: isoDate,
  totals: z.object({
    received: z.number().int(),
    people: z.number().int(),
    resolved: z.number().int(),
    adopted: z.number().int(),
    declined: z.number().int(),
    closed: z.number().int(),
    open: z.number().int(),
    openOverdue: z.number().int(),
    medianHoursToResolve: z.number().nullable(),
    followUpsConfirmed: z.number().int(),
    followUpsSatisfied: z.number().int(),
  }),
  bySource: z.array(z.object({ source: z.enum(FEEDBACK_SOURCES), received: z.number().int() })),
  byCategory: z.array(reportGroup),
  byDepartment: z.array(reportGroup),
  adopted: z.array(
    z.object({
      ticketId: z.string(),
      clusterId: z.string(),
      title: z.string(),
      change: z.string().nullable(),
      people: z.number().int(),
      adoptedAt: isoDate,
    }),
  ),
  topClusters: z.array(
    z.object({
      clusterId: z.string(),
      title: z.string(),
      received: z.number().int(),
      people: z.number().int(),
      impact: level,
    }),
  ),
});
export type FeedbackReport = z.infer<typeof FeedbackReportSchema>;

/** Column titles of the report CSV, in the reader's language. */
export interface ReportCsvLabels {
  section: string;
  name: string;
  received: string;
  resolved: string;
  adopted: string;
  declined: string;
  medianHours: string;
  openOverdue: string;
  people: string;
  change: string;
  date: string;
  totals: string;
  categories: string;
  departments: string;
  adoptedSection: string;
  clustersSection: string;
  none: string;
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const textValue = String(value);
  // Quote what a spreadsheet would split or read as a formula.
  const safe = /^[=+\-@]/.test(textValue) ? `'${textValue}` : textValue;
  return /[",\r\n]/.test(safe) || safe !== textValue ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The report as CSV: one block per section, each with its own header row. */
export function feedbackReportToCsv(report: FeedbackReport, labels: ReportCsvLabels): string {
  const rows: (string | number | null)[][] = [];
  const groupHeader = [
    labels.section,
    labels.name,
    labels.received,
    labels.resolved,
    labels.adopted,
    labels.declined,
    labels.medianHours,
    labels.openOverdue,
  ];
  rows.push(groupHeader);
  const t = report.totals;
  rows.push([
    labels.totals,
    `${report.from} – ${report.to}`,
    t.received,
    t.resolved,
    t.adopted,
    t.declined,
    t.medianHoursToResolve,
    t.openOverdue,
  ]);
  for (const [section, groups] of [
    [labels.categories, report.byCategory],
    [labels.departments, report.byDepartment],
  ] as const) {
    for (const group of groups) {
      rows.push([
        section,
        group.name ?? labels.none,
        group.received,
        group.resolved,
        group.adopted,
        group.declined,
        group.medianHoursToResolve,
        group.openOverdue,
      ]);
    }
  }
  rows.push([]);
  rows.push([labels.section, labels.name, labels.change, labels.people, labels.date]);
  for (const item of report.adopted) {
    rows.push([labels.adoptedSection, item.title, item.change, item.people, item.adoptedAt]);
  }
  rows.push([]);
  rows.push([labels.section, labels.name, labels.received, labels.people]);
  for (const cluster of report.topClusters) {
    rows.push([labels.clustersSection, cluster.title, cluster.received, cluster.people]);
  }
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

// ── public form and board ─────────────────────────────────────────────────────
export const PublicFormParamsSchema = z.strictObject({ slug: z.string().min(1).max(64) });
export const PublicFeedbackFormSchema = z.object({
  slug: z.string(),
  title: z.string(),
  intro: z.string(),
  askContact: z.boolean(),
  workspaceName: z.string(),
});
export type PublicFeedbackForm = z.infer<typeof PublicFeedbackFormSchema>;
export const PublicSubmissionBodySchema = z.strictObject({
  text,
  name: contactName.optional(),
  /** An e-mail address or a social handle for the follow-up; optional. */
  contact: z.string().trim().max(254).optional(),
  /** Left empty by people; bots fill every field. */
  website: z.string().max(500).optional(),
});
export type PublicSubmissionBody = z.output<typeof PublicSubmissionBodySchema>;
export const PublicSubmissionResultSchema = z.object({
  received: z.boolean(),
  /** True when a contact was left, so someone will come back to them. */
  followUp: z.boolean(),
});
export type PublicSubmissionResult = z.infer<typeof PublicSubmissionResultSchema>;

export const PublicBoardSchema = z.object({
  title: z.string(),
  intro: z.string(),
  workspaceName: z.string(),
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      change: z.string().nullable(),
      category: z.string().nullable(),
      people: z.number().int(),
      adoptedAt: isoDate,
    }),
  ),
});
export type PublicBoard = z.infer<typeof PublicBoardSchema>;
