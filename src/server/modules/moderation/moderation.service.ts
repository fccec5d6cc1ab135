import {
  MAX_IMPORT_LINES,
  MAX_SCREEN_TEXT,
  MAX_WORD_LENGTH,
  MAX_WORDS_PER_LIST,
  MODERATION_ACTIONS,
  MODERATION_SEVERITIES,
  type AddModerationWordsBody,
  type CreateModerationListBody,
  type DecideReviewBody,
  type ImportModerationWordsBody,
  type ModerationAction,
  type ModerationCategory,
  type ModerationImportResult,
  type ModerationList,
  type ModerationMatch,
  type ModerationSeverity,
  type ModerationSubject,
  type ModerationWord,
  type ModerationWordPage,
  type ModerationWordQuery,
  type ReviewDecision,
  type ReviewItem,
  type ReviewPage,
  type ReviewQuery,
  type ReviewStatus,
  type ScreenAction,
  type ScreenResult,
  type TestModerationBody,
  type UpdateModerationListBody,
} from '../../../shared/moderation.ts';
import type { Db } from '../../db/database.ts';
import type { Actor, WorkspaceScope } from '../../http/route.ts';
import { AppError } from '../../platform/app-error.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { toIso, type Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import { buildMatcher, type Matcher } from '../../text/matcher.ts';
import { normalizeWordForMatch } from '../../text/normalize.ts';
import type {
  ModerationListRow,
  ModerationReviewRow,
  ModerationWordRow,
} from './moderation-tables.ts';
import * as repo from './moderation.repo.ts';
import { parseCsvFirstColumn, parseLines, type ImportLine } from './word-import.ts';

/**
 * Called after a review decision is stored, so the owner of the subject (the inbox, for
 * messages) can act on the platform: hide the message, show it again after a dismissal, or
 * hand it to the escalation tier.
 */
export type ModerationDecisionHook = (
  workspaceId: string,
  subject: ModerationSubject,
  decision: ReviewDecision,
) => Promise<void> | void;

export interface ModerationServiceDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  onDecision?: ModerationDecisionHook;
}

/** What a screening is about; other modules pass their own ids. */
export interface ScreenInput {
  text: string;
  subject: { kind: 'message'; id: string; channelId?: string | null };
}

interface MatchPayload {
  listId: string;
  listName: string;
  category: ModerationCategory;
  severity: ModerationSeverity;
  action: ModerationAction;
}

const SYSTEM: Actor = { userId: null, tokenId: null, label: 'OpsLoop', ip: null, requestId: null };
// Matchers of this many workspaces stay cached per process (each about 130 KB plus 16 bytes per
// trie node); the least recently used go first.
const CACHED_WORKSPACES = 200;

const actionRank = (action: ScreenAction) =>
  action === 'none' ? -1 : MODERATION_ACTIONS.indexOf(action);
const severityRank = (severity: ModerationSeverity) => MODERATION_SEVERITIES.indexOf(severity);

function presentList(row: ModerationListRow, wordCount: number): ModerationList {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    category: row.category as ModerationCategory,
    severity: row.severity as ModerationSeverity,
    action: row.action as ModerationAction,
    enabled: row.enabled === 1,
    wordCount,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

function presentWord(row: ModerationWordRow): ModerationWord {
  return {
    id: row.id,
    listId: row.list_id,
    word: row.word,
    matchForm: row.folded,
    createdAt: toIso(row.created_at),
  };
}

function presentReview(row: ModerationReviewRow): ReviewItem {
  return {
    id: row.id,
    subject: { kind: 'message', id: row.subject_id, channelId: row.channel_id },
    text: row.text,
    matches: JSON.parse(row.matches_json) as ModerationMatch[],
    action: row.action as ModerationAction,
    severity: row.severity as ModerationSeverity,
    status: row.status as ReviewStatus,
    note: row.note,
    decidedBy:
      row.decided_by_label === null
        ? null
        : { userId: row.decided_by_user_id, label: row.decided_by_label },
    decidedAt: toIso(row.decided_at),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

/** What the audit log keeps of a review item: not the text, which may be long or personal. */
function auditReview(row: ModerationReviewRow) {
  const { text, matches, ...rest } = presentReview(row);
  return { ...rest, textLength: text.length, words: [...new Set(matches.map((m) => m.word))] };
}

/** The strongest action and severity among matches. */
function strongest(matches: readonly ModerationMatch[]): {
  action: ScreenAction;
  severity: ModerationSeverity;
} {
  let action: ScreenAction = 'none';
  let severity: ModerationSeverity = 'low';
  for (const match of matches) {
    if (actionRank(match.action) > actionRank(action)) action = match.action;
    if (severityRank(match.severity) > severityRank(severity)) severity = match.severity;
  }
  return { action, severity };
}

/** Which statuses a decision may leave from, and where it leads. */
const DECISIONS: Record<ReviewDecision, { from: readonly ReviewStatus[]; to: ReviewStatus }> = {
  dismiss: { from: ['open', 'escalated'], to: 'dismissed' },
  hide: { from: ['open', 'escalated'], to: 'hidden' },
  escalate: { from: ['open'], to: 'escalated' },
};

export function createModerationService(deps: ModerationServiceDeps) {
  const { db, clock, audit } = deps;

  // ── matcher cache ─────────────────────────────────────────────────────────
  const matchers = new Map<string, { version: number; matcher: Promise<Matcher<MatchPayload>> }>();

  /**
   * The workspace's matcher, rebuilt when its lists changed (in this process or another: the
   * version lives in the database and costs one indexed read per call).
   */
  async function matcherFor(workspaceId: string): Promise<Matcher<MatchPayload>> {
    const version = await repo.readVersion(db.kysely, workspaceId);
    const cached = matchers.get(workspaceId);
    if (cached && cached.version === version) {
      matchers.delete(workspaceId);
      matchers.set(workspaceId, cached);
      return cached.matcher;
    }
    // Read after the version, so a change landing in between only makes this copy look older
    // than it is (and be rebuilt next time), never newer.
    const matcher = repo.loadActiveWords(db.kysely, workspaceId).then((rows) =>
      buildMatcher(
        rows.map((row) => ({
          word: row.word,
          allow: row.category === 'allow',
          payload: {
            listId: row.listId,
            listName: row.listName,
            category: row.category as ModerationCategory,
            severity: row.severity as ModerationSeverity,
            action: row.action as ModerationAction,
          },
        })),
      ),
    );
    matchers.set(workspaceId, { version, matcher });
    if (matchers.size > CACHED_WORKSPACES) {
      const oldest = matchers.keys().next().value;
      if (oldest !== undefined) matchers.delete(oldest);
    }
    try {
      return await matcher;
    } catch (error) {
      matchers.delete(workspaceId);
      throw error;
    }
  }

  function matchText(matcher: Matcher<MatchPayload>, text: string): ScreenResult {
    const matches: ModerationMatch[] = matcher.find(text).map((match) => ({
      start: match.start,
      end: match.end,
      text: match.text,
      word: match.word,
      ...match.payload,
    }));
    return { matches, action: strongest(matches).action };
  }

  async function screenText(workspaceId: string, text: string): Promise<ScreenResult> {
    return matchText(await matcherFor(workspaceId), text);
  }

  /** Opens a review item for a screened subject, or refreshes its undecided one. */
  async function openReview(
    workspaceId: string,
    input: ScreenInput,
    result: ScreenResult,
  ): Promise<void> {
    const { severity } = strongest(result.matches);
    const action = result.action;
    const now = clock.now();
    const kept = input.text.slice(0, MAX_SCREEN_TEXT);
    const matches = result.matches.filter((m) => m.end <= kept.length);
    const pending = await repo.findPendingReviewFor(
      db.kysely,
      workspaceId,
      input.subject.kind,
      input.subject.id,
    );
    if (pending) {
      const changes = {
        text: kept,
        matches_json: JSON.stringify(matches),
        action,
        severity,
        status: action === 'escalate' ? 'escalated' : pending.status,
        updated_at: now,
      };
      await audit.change(
        SYSTEM,
        (trx) => repo.updateReview(trx, workspaceId, pending.id, changes),
        {
          workspaceId,
          action: 'moderation.review.update',
          targetType: 'moderation_review',
          targetId: pending.id,
          before: auditReview(pending),
          after: auditReview({ ...pending, ...changes }),
        },
      );
      return;
    }
    const row: ModerationReviewRow = {
      workspace_id: workspaceId,
      id: newId(now),
      subject_kind: input.subject.kind,
      subject_id: input.subject.id,
      channel_id: input.subject.channelId ?? null,
      text: kept,
      matches_json: JSON.stringify(matches),
      action,
      severity,
      status: action === 'escalate' ? 'escalated' : 'open',
      note: null,
      decided_by_user_id: null,
      decided_by_label: null,
      decided_at: null,
      created_at: now,
      updated_at: now,
    };
    await audit.change(SYSTEM, (trx) => repo.insertReview(trx, row), {
      workspaceId,
      action: 'moderation.review.open',
      targetType: 'moderation_review',
      targetId: row.id,
      after: auditReview(row),
    });
  }

  async function requireList(workspaceId: string, listId: string): Promise<ModerationListRow> {
    const row = await repo.findList(db.kysely, workspaceId, listId);
    if (!row) throw AppError.notFound('Moderation list');
    return row;
  }

  async function requireReview(workspaceId: string, reviewId: string) {
    const row = await repo.findReview(db.kysely, workspaceId, reviewId);
    if (!row) throw AppError.notFound('Review item');
    return row;
  }

  /** Adds words to a list: checks each, skips duplicates, and reports what it did not add. */
  async function addEntries(
    scope: WorkspaceScope,
    listId: string,
    parsed: { entries: ImportLine[]; malformed: ImportLine[] },
    actor: Actor,
    action: string,
  ): Promise<ModerationImportResult> {
    await requireList(scope.workspaceId, listId);
    const rejected: ModerationImportResult['rejected'] = parsed.malformed.map((entry) => ({
      line: entry.line,
      text: entry.text.slice(0, 200),
      reason: 'malformed',
    }));
    let duplicates = 0;
    const seen = new Set<string>();
    const fresh: Array<{ line: number; word: string; folded: string }> = [];
    for (const entry of parsed.entries) {
      const word = entry.text.trim();
      if (/[\r\n]/.test(word)) {
        rejected.push({ line: entry.line, text: word.slice(0, 200), reason: 'malformed' });
      } else if (word.length > MAX_WORD_LENGTH) {
        rejected.push({ line: entry.line, text: word.slice(0, 200), reason: 'too_long' });
      } else {
        const folded = normalizeWordForMatch(word);
        if (folded.length === 0) {
          rejected.push({ line: entry.line, text: word, reason: 'no_letters' });
        } else if (seen.has(folded)) {
          duplicates++;
        } else {
          seen.add(folded);
          fresh.push({ line: entry.line, word, folded });
        }
      }
    }
    const existing = await repo.findExistingFolded(
      db.kysely,
      scope.workspaceId,
      listId,
      fresh.map((entry) => entry.folded),
    );
    const room = MAX_WORDS_PER_LIST - (await repo.countWords(db.kysely, scope.workspaceId, listId));
    const now = clock.now();
    const rows: ModerationWordRow[] = [];
    for (const entry of fresh) {
      if (existing.has(entry.folded)) {
        duplicates++;
      } else if (rows.length >= room) {
        rejected.push({ line: entry.line, text: entry.word, reason: 'list_full' });
      } else {
        rows.push({
          workspace_id: scope.workspaceId,
          id: newId(now),
          list_id: listId,
          word: entry.word,
          folded: entry.folded,
          created_at: now,
        });
      }
    }
    rejected.sort((a, b) => a.line - b.line);
    let added = 0;
    if (rows.length > 0) {
      await audit.change(
        actor,
        async (trx) => {
          // A word added meanwhile by someone else is a duplicate, not an error.
          added = await repo.insertWords(trx, rows);
          await repo.bumpVersion(trx, scope.workspaceId, now);
        },
        {
          workspaceId: scope.workspaceId,
          action,
          targetType: 'moderation_list',
          targetId: listId,
          after: {
            added: rows.length,
            words: rows.slice(0, 50).map((row) => row.word),
          },
        },
      );
      duplicates += rows.length - added;
    }
    return { added, duplicates, rejected };
  }

  return {
    // ── lists ───────────────────────────────────────────────────────────────
    async listLists(scope: WorkspaceScope): Promise<ModerationList[]> {
      const [rows, counts] = await Promise.all([
        repo.listLists(db.kysely, scope.workspaceId),
        repo.countWordsByList(db.kysely, scope.workspaceId),
      ]);
      return rows.map((row) => presentList(row, counts.get(row.id) ?? 0));
    },

    async getList(scope: WorkspaceScope, listId: string): Promise<ModerationList> {
      const row = await requireList(scope.workspaceId, listId);
      return presentList(row, await repo.countWords(db.kysely, scope.workspaceId, listId));
    },

    async createList(
      scope: WorkspaceScope,
      body: CreateModerationListBody,
      actor: Actor,
    ): Promise<ModerationList> {
      const now = clock.now();
      const row: ModerationListRow = {
        workspace_id: scope.workspaceId,
        id: newId(now),
        name: body.name,
        description: body.description ?? '',
        category: body.category,
        severity: body.severity ?? 'medium',
        action: body.action ?? 'flag',
        enabled: body.enabled === false ? 0 : 1,
        created_at: now,
        updated_at: now,
      };
      await audit.change(
        actor,
        async (trx) => {
          await repo.insertList(trx, row);
          await repo.bumpVersion(trx, scope.workspaceId, now);
        },
        {
          workspaceId: scope.workspaceId,
          action: 'moderation.list.create',
          targetType: 'moderation_list',
          targetId: row.id,
          after: presentList(row, 0),
        },
      );
      return presentList(row, 0);
    },

    async updateList(
      scope: WorkspaceScope,
      listId: string,
      body: UpdateModerationListBody,
      actor: Actor,
    ): Promise<ModerationList> {
      const before = await requireList(scope.workspaceId, listId);
      const now = clock.now();
      const changes = {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.description !== undefined ? { description: body.description } : {}),
        ...(body.category !== undefined ? { category: body.category } : {}),
        ...(body.severity !== undefined ? { severity: body.severity } : {}),
        ...(body.action !== undefined ? { action: body.action } : {}),
        ...(body.enabled !== undefined ? { enabled: body.enabled ? 1 : 0 } : {}),
        updated_at: now,
      };
      const after = { ...before, ...changes };
      const wordCount = await repo.countWords(db.kysely, scope.workspaceId, listId);
      await audit.change(
        actor,
        async (trx) => {
          await repo.updateList(trx, scope.workspaceId, listId, changes);
          await repo.bumpVersion(trx, scope.workspaceId, now);
        },
        {
          workspaceId: scope.workspaceId,
          action: 'moderation.list.update',
          targetType: 'moderation_list',
          targetId: listId,
          before: presentList(before, wordCount),
          after: presentList(after, wordCount),
        },
      );
      return presentList(after, wordCount);
    },

    async removeList(scope: WorkspaceScope, listId: string, actor: Actor): Promise<void> {
      const row = await requireList(scope.workspaceId, listId);
      const wordCount = await repo.countWords(db.kysely, scope.workspaceId, listId);
      await audit.change(
        actor,
        async (trx) => {
          await repo.deleteList(trx, scope.workspaceId, listId);
          await repo.bumpVersion(trx, scope.workspaceId, clock.now());
        },
        {
          workspaceId: scope.workspaceId,
          action: 'moderation.list.remove',
          targetType: 'moderation_list',
          targetId: listId,
          before: presentList(row, wordCount),
        },
      );
    },

    // ── words ───────────────────────────────────────────────────────────────
    async listWords(
      scope: WorkspaceScope,
      listId: string,
      query: ModerationWordQuery,
    ): Promise<ModerationWordPage> {
      await requireList(scope.workspaceId, listId);
      const limit = query.limit ?? 100;
      const q = query.q === undefined ? undefined : normalizeWordForMatch(query.q);
      // A search made only of separators matches no word rather than every word.
      if (q === '') return { items: [], nextCursor: null };
      const rows = await repo.listWords(db.kysely, scope.workspaceId, listId, {
        q,
        after: query.cursor,
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      return {
        items: page.map(presentWord),
        nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
      };
    },

    addWords(
      scope: WorkspaceScope,
      listId: string,
      body: AddModerationWordsBody,
      actor: Actor,
    ): Promise<ModerationImportResult> {
      const entries = body.words.map((text, index) => ({ line: index + 1, text }));
      return addEntries(
        scope,
        listId,
        { entries: entries.filter((e) => e.text.trim().length > 0), malformed: [] },
        actor,
        'moderation.words.add',
      );
    },

    importWords(
      scope: WorkspaceScope,
      listId: string,
      body: ImportModerationWordsBody,
      actor: Actor,
    ): Promise<ModerationImportResult> {
      const parsed = body.format === 'csv' ? parseCsvFirstColumn(body.text) : parseLines(body.text);
      if (parsed.entries.length + parsed.malformed.length > MAX_IMPORT_LINES) {
        throw new AppError('validation_failed', 'Invalid body: text', {
          fields: { text: `at most ${MAX_IMPORT_LINES} words per import; split the file` },
        });
      }
      return addEntries(scope, listId, parsed, actor, 'moderation.words.import');
    },

    async removeWord(
      scope: WorkspaceScope,
      listId: string,
      wordId: string,
      actor: Actor,
    ): Promise<void> {
      await requireList(scope.workspaceId, listId);
      const row = await repo.findWord(db.kysely, scope.workspaceId, listId, wordId);
      if (!row) throw AppError.notFound('Word');
      await audit.change(
        actor,
        async (trx) => {
          await repo.deleteWord(trx, scope.workspaceId, wordId);
          await repo.bumpVersion(trx, scope.workspaceId, clock.now());
        },
        {
          workspaceId: scope.workspaceId,
          action: 'moderation.word.remove',
          targetType: 'moderation_list',
          targetId: listId,
          before: presentWord(row),
        },
      );
    },

    // ── screening ───────────────────────────────────────────────────────────
    /** What the lists would catch in a text; records nothing (the page's test box). */
    testText(scope: WorkspaceScope, body: TestModerationBody): Promise<ScreenResult> {
      return screenText(scope.workspaceId, body.text);
    },

    /**
     * Screens a text for another module (the inbox screens every incoming message): returns
     * the matches and the strongest action, and when that action is not `none`, opens a review
     * item (or refreshes the subject's undecided one). Acting on `hide` on the platform is the
     * caller's job; the review decision later confirms or reverses it through `onDecision`.
     */
    async screen(workspaceId: string, input: ScreenInput): Promise<ScreenResult> {
      const result = await screenText(workspaceId, input.text);
      if (result.action !== 'none') await openReview(workspaceId, input, result);
      return result;
    },

    /**
     * `screen` for a whole batch (the inbox screens a page of messages at once): the lists'
     * version is read once for the batch instead of once per text.
     */
    async screenMany(workspaceId: string, inputs: ScreenInput[]): Promise<ScreenResult[]> {
      const matcher = await matcherFor(workspaceId);
      const results = inputs.map((input) => matchText(matcher, input.text));
      for (const [i, result] of results.entries()) {
        if (result.action !== 'none') await openReview(workspaceId, inputs[i]!, result);
      }
      return results;
    },

    // ── review queue ────────────────────────────────────────────────────────
    async listReviews(scope: WorkspaceScope, query: ReviewQuery): Promise<ReviewPage> {
      const limit = query.limit ?? 50;
      const status = query.status ?? 'pending';
      const statuses =
        status === 'all' ? null : status === 'pending' ? ['open', 'escalated'] : [status];
      const rows = await repo.listReviews(db.kysely, scope.workspaceId, {
        statuses,
        // The queue is worked oldest first; decided items read as a history, newest first.
        newestFirst: status !== 'pending' && status !== 'open' && status !== 'escalated',
        after: query.cursor,
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      return {
        items: page.map(presentReview),
        nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
      };
    },

    async getReview(scope: WorkspaceScope, reviewId: string): Promise<ReviewItem> {
      return presentReview(await requireReview(scope.workspaceId, reviewId));
    },

    async decideReview(
      scope: WorkspaceScope,
      reviewId: string,
      body: DecideReviewBody,
      actor: Actor,
    ): Promise<ReviewItem> {
      const before = await requireReview(scope.workspaceId, reviewId);
      const rule = DECISIONS[body.decision];
      if (!rule.from.includes(before.status as ReviewStatus)) {
        throw new AppError(
          'conflict',
          `This item is ${before.status}; "${body.decision}" applies only to ${rule.from.join(' or ')} items`,
        );
      }
      const now = clock.now();
      const changes = {
        status: rule.to,
        note: body.note ?? before.note,
        decided_by_user_id: actor.userId,
        decided_by_label: actor.label,
        decided_at: now,
        updated_at: now,
      };
      const after = { ...before, ...changes };
      await audit.change(
        actor,
        async (trx) => {
          await repo.updateReview(trx, scope.workspaceId, reviewId, changes);
        },
        {
          workspaceId: scope.workspaceId,
          action: `moderation.review.${body.decision}`,
          targetType: 'moderation_review',
          targetId: reviewId,
          before: auditReview(before),
          after: auditReview(after),
        },
      );
      const item = presentReview(after);
      await deps.onDecision?.(scope.workspaceId, item.subject, body.decision);
      return item;
    },
  };
}

export type ModerationService = ReturnType<typeof createModerationService>;
