import { z } from 'zod';
import { IdSchema } from './api.ts';

/**
 * API shapes of moderation (内容审核, 违禁词库): per-workspace word lists with a category,
 * severity and action; the screening result other modules get for a message; and the review
 * queue where people confirm or dismiss what the lists caught. Request bodies are strict.
 */

const isoDate = z.iso.datetime();

/**
 * What a list is about. `allow` lists hold exceptions: an occurrence of a listed word inside
 * an occurrence of an exception (`学习近代史` around `习近`) is not reported.
 */
export const MODERATION_CATEGORIES = [
  'abuse',
  'politics',
  'competitor',
  'spam',
  'custom',
  'allow',
] as const;
export type ModerationCategory = (typeof MODERATION_CATEGORIES)[number];
export const MODERATION_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type ModerationSeverity = (typeof MODERATION_SEVERITIES)[number];
/**
 * What a match asks for, weakest first: put it in the review queue, hide it on the platform
 * (where the platform allows) until someone decides, or send it straight to the escalation tier.
 */
export const MODERATION_ACTIONS = ['flag', 'hide', 'escalate'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];
export const SCREEN_ACTIONS = ['none', ...MODERATION_ACTIONS] as const;
export type ScreenAction = (typeof SCREEN_ACTIONS)[number];

/** The most words one list holds, and the most lines one import reads. */
export const MAX_WORDS_PER_LIST = 50_000;
export const MAX_IMPORT_LINES = 20_000;
export const MAX_WORD_LENGTH = 100;
/** Longer texts are screened in full but only this much is kept with a review item. */
export const MAX_SCREEN_TEXT = 100_000;

// ── lists ─────────────────────────────────────────────────────────────────────
export const ModerationListSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  category: z.enum(MODERATION_CATEGORIES),
  severity: z.enum(MODERATION_SEVERITIES),
  action: z.enum(MODERATION_ACTIONS),
  /** Disabled lists keep their words but catch nothing. */
  enabled: z.boolean(),
  wordCount: z.number(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type ModerationList = z.infer<typeof ModerationListSchema>;
export const ModerationListListSchema = z.object({ items: z.array(ModerationListSchema) });

const listName = z.string().trim().min(1).max(100);
const listDescription = z.string().max(2000);
export const CreateModerationListBodySchema = z.strictObject({
  name: listName,
  description: listDescription.optional(),
  category: z.enum(MODERATION_CATEGORIES),
  severity: z.enum(MODERATION_SEVERITIES).optional(),
  action: z.enum(MODERATION_ACTIONS).optional(),
  enabled: z.boolean().optional(),
});
export type CreateModerationListBody = z.output<typeof CreateModerationListBodySchema>;
export const UpdateModerationListBodySchema = z.strictObject({
  name: listName.optional(),
  description: listDescription.optional(),
  category: z.enum(MODERATION_CATEGORIES).optional(),
  severity: z.enum(MODERATION_SEVERITIES).optional(),
  action: z.enum(MODERATION_ACTIONS).optional(),
  enabled: z.boolean().optional(),
});
export type UpdateModerationListBody = z.output<typeof UpdateModerationListBodySchema>;
export const ModerationListParamsSchema = z.strictObject({
  workspaceId: IdSchema,
  listId: IdSchema,
});

// ── words ─────────────────────────────────────────────────────────────────────
export const ModerationWordSchema = z.object({
  id: z.string(),
  listId: z.string(),
  /** As entered. */
  word: z.string(),
  /** The form it is matched in: lower case, simplified, letters and digits only. */
  matchForm: z.string(),
  createdAt: isoDate,
});
export type ModerationWord = z.infer<typeof ModerationWordSchema>;
export const ModerationWordPageSchema = z.object({
  items: z.array(ModerationWordSchema),
  nextCursor: z.string().nullable(),
});
export type ModerationWordPage = z.infer<typeof ModerationWordPageSchema>;
export const ModerationWordQuerySchema = z.strictObject({
  /** Words containing this text (in match form, so `敏 感` finds `敏感词`). */
  q: z.string().trim().min(1).max(100).optional(),
  cursor: IdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export type ModerationWordQuery = z.output<typeof ModerationWordQuerySchema>;
export const ModerationWordParamsSchema = z.strictObject({
  workspaceId: IdSchema,
  listId: IdSchema,
  wordId: IdSchema,
});

export const AddModerationWordsBodySchema = z.strictObject({
  words: z.array(z.string().max(1000)).min(1).max(MAX_IMPORT_LINES),
});
export type AddModerationWordsBody = z.output<typeof AddModerationWordsBodySchema>;

/**
 * Pasted text or a CSV file's content. `lines` (default): every line is one word. `csv`: the
 * first column of every row is the word (quotes as in RFC 4180); a first row reading `word`,
 * `keyword`, `词` or `敏感词` is a header. Blank lines are skipped.
 */
export const ImportModerationWordsBodySchema = z.strictObject({
  text: z.string().min(1).max(2_000_000),
  format: z.enum(['lines', 'csv']).optional(),
});
export type ImportModerationWordsBody = z.output<typeof ImportModerationWordsBodySchema>;

export const IMPORT_REJECT_REASONS = ['no_letters', 'too_long', 'malformed', 'list_full'] as const;
export type ImportRejectReason = (typeof IMPORT_REJECT_REASONS)[number];
export const ModerationImportResultSchema = z.object({
  /** Words added to the list. */
  added: z.number(),
  /** Words the list already had (in match form), or that came twice in this import. */
  duplicates: z.number(),
  /** Lines that were not added, with their 1-based line number and why. */
  rejected: z.array(
    z.object({ line: z.number(), text: z.string(), reason: z.enum(IMPORT_REJECT_REASONS) }),
  ),
});
export type ModerationImportResult = z.infer<typeof ModerationImportResultSchema>;

// ── screening ─────────────────────────────────────────────────────────────────
/** One occurrence of a listed word; offsets are UTF-16 indexes into the screened text. */
export const ModerationMatchSchema = z.object({
  start: z.number(),
  end: z.number(),
  /** The text as written, separators included (`敏 感 词`). */
  text: z.string(),
  /** The listed word it matched. */
  word: z.string(),
  listId: z.string(),
  listName: z.string(),
  category: z.enum(MODERATION_CATEGORIES),
  severity: z.enum(MODERATION_SEVERITIES),
  action: z.enum(MODERATION_ACTIONS),
});
export type ModerationMatch = z.infer<typeof ModerationMatchSchema>;

export const ScreenResultSchema = z.object({
  matches: z.array(ModerationMatchSchema),
  /** The strongest action among the matches; `none` when nothing was caught. */
  action: z.enum(SCREEN_ACTIONS),
});
export type ScreenResult = z.infer<typeof ScreenResultSchema>;

export const TestModerationBodySchema = z.strictObject({
  text: z.string().max(MAX_SCREEN_TEXT),
});
export type TestModerationBody = z.output<typeof TestModerationBodySchema>;

// ── review queue ──────────────────────────────────────────────────────────────
/** `open` and `escalated` wait for a decision; `dismissed` and `hidden` are decided. */
export const REVIEW_STATUSES = ['open', 'escalated', 'dismissed', 'hidden'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
/** dismiss: a false positive; hide: confirmed, hide it; escalate: to the next tier. */
export const REVIEW_DECISIONS = ['dismiss', 'hide', 'escalate'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const ModerationSubjectSchema = z.object({
  kind: z.literal('message'),
  id: z.string(),
  channelId: z.string().nullable(),
});
export type ModerationSubject = z.infer<typeof ModerationSubjectSchema>;

export const ReviewItemSchema = z.object({
  id: z.string(),
  subject: ModerationSubjectSchema,
  text: z.string(),
  matches: z.array(ModerationMatchSchema),
  /** What the lists asked for when the text was screened. */
  action: z.enum(MODERATION_ACTIONS),
  severity: z.enum(MODERATION_SEVERITIES),
  status: z.enum(REVIEW_STATUSES),
  note: z.string().nullable(),
  decidedBy: z.object({ userId: z.string().nullable(), label: z.string() }).nullable(),
  decidedAt: isoDate.nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type ReviewItem = z.infer<typeof ReviewItemSchema>;
export const ReviewPageSchema = z.object({
  items: z.array(ReviewItemSchema),
  nextCursor: z.string().nullable(),
});
export type ReviewPage = z.infer<typeof ReviewPageSchema>;
export const ReviewQuerySchema = z.strictObject({
  /** `pending` (default): open and escalated; `all`: every status. */
  status: z.enum(['pending', 'all', ...REVIEW_STATUSES]).optional(),
  cursor: IdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export type ReviewQuery = z.output<typeof ReviewQuerySchema>;
export const ReviewParamsSchema = z.strictObject({ workspaceId: IdSchema, reviewId: IdSchema });
export const DecideReviewBodySchema = z.strictObject({
  decision: z.enum(REVIEW_DECISIONS),
  note: z.string().trim().max(2000).optional(),
});
export type DecideReviewBody = z.output<typeof DecideReviewBodySchema>;
